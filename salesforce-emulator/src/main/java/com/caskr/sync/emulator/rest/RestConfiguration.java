package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Orgs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The REST data API. Needs the {@link Sessions} and {@link Orgs} beans, which the OAuth surface and
 * the org registry provide.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestProperties.class)
class RestConfiguration {

  @Bean
  ApiVersions apiVersions(RestProperties properties) {
    return new ApiVersions(properties.oldestApiVersion(), properties.newestApiVersion());
  }

  @Bean
  QueryLocators queryLocators(Orgs orgs, RestProperties properties) {
    return new QueryLocators(orgs.clock(), properties.queryLocatorTtl());
  }

  /** Runs before {@link ApiGate}: Salesforce refuses an oversized request before reading it. */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit() {
    var registration = new FilterRegistrationBean<>(new RequestSizeLimit());
    registration.addUrlPatterns(ApiGate.PREFIX + "*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiGate> apiGate(Sessions sessions, Orgs orgs, ApiVersions versions) {
    var registration = new FilterRegistrationBean<>(new ApiGate(sessions, orgs, versions));
    registration.addUrlPatterns(ApiGate.PREFIX + "*");
    return registration;
  }
}
