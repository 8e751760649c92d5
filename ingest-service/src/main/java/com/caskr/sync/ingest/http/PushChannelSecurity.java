package com.caskr.sync.ingest.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Salesforce's push channels ({@code /api/salesforce/**}) authenticate each request themselves:
 * Outbound Messages by their connected OrganizationId (plus mutual TLS in deployment), webhooks by
 * their HMAC signature. They get no admin sign-in, session or CSRF token; this chain comes before
 * admin-security's, which guards everything else (the webhook-secret rotation included). The
 * actuator is open too: it exposes only health and Prometheus, and every other endpoint must answer
 * 404, not a login challenge that tells it exists.
 *
 * <p>Webhooks skip Spring Security's filters altogether (its firewall still checks the request):
 * nothing in that chain applies to a request authenticated by its signature, and at thousands of
 * webhooks a second the filters cost about a twentieth of the request thread (JFR of the webhook
 * benchmark). Only the webhook path is ignored: the rotation of its secret, under {@code
 * /api/admin}, is guarded by admin-security like every other admin endpoint.
 */
@Configuration(proxyBeanMethods = false)
class PushChannelSecurity {

  @Bean
  @Order(0)
  SecurityFilterChain pushChannels(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/salesforce/outbound/**", "/actuator", "/actuator/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable());
    return http.build();
  }

  @Bean
  WebSecurityCustomizer webhooksSkipSecurityFilters() {
    return web -> web.ignoring().requestMatchers("/api/salesforce/webhook/**");
  }

  /**
   * No Micrometer observation per security filter, authentication and authorization: on the webhook
   * path (thousands of requests a second) they cost more CPU than the request's own work (JFR of
   * the webhook benchmark: about 10% of all samples). Requests are still timed as a whole ({@code
   * http.server.requests}), and the channels count their outcomes themselves.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
