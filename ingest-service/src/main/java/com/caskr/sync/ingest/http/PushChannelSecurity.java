package com.caskr.sync.ingest.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Salesforce's push channels ({@code /api/salesforce/**}) authenticate each request themselves:
 * Outbound Messages by their connected OrganizationId (plus mutual TLS in deployment), webhooks by
 * their HMAC signature. They get no admin sign-in, session or CSRF token; this chain comes before
 * admin-security's, which guards everything else (the webhook-secret rotation included). The
 * actuator is open too: it exposes only health and Prometheus, and every other endpoint must answer
 * 404, not a login challenge that tells it exists.
 */
@Configuration(proxyBeanMethods = false)
class PushChannelSecurity {

  @Bean
  @Order(0)
  SecurityFilterChain pushChannels(HttpSecurity http) throws Exception {
    http.securityMatcher(
            "/api/salesforce/outbound/**",
            "/api/salesforce/webhook/**",
            "/actuator",
            "/actuator/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable());
    return http.build();
  }
}
