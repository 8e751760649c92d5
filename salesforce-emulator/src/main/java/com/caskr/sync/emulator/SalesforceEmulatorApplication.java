package com.caskr.sync.emulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SalesforceEmulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(SalesforceEmulatorApplication.class, args);
  }
}
