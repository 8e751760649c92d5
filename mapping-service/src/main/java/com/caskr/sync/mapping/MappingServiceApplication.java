package com.caskr.sync.mapping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MappingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(MappingServiceApplication.class, args);
  }
}
