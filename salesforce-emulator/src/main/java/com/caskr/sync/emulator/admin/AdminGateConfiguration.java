package com.caskr.sync.emulator.admin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link AdminGate} in front of every /emulator/ path. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminGateProperties.class)
class AdminGateConfiguration {

  @Bean
  FilterRegistrationBean<AdminGate> adminGate(AdminGateProperties properties) {
    var registration = new FilterRegistrationBean<>(new AdminGate(properties.token()));
    registration.addUrlPatterns("/emulator", "/emulator/*");
    return registration;
  }
}
