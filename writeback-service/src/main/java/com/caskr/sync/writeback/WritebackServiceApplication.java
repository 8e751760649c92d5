package com.caskr.sync.writeback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WritebackServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(WritebackServiceApplication.class, args);
  }
}
