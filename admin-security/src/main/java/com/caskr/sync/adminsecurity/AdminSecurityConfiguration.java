package com.caskr.sync.adminsecurity;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use a service's admin API and pages (ADR 0011): the users of {@code caskr.admin.users},
 * signed in with a form and a session cookie (browsers, with CSRF protection) or HTTP Basic
 * (scripts, no session; they get a 401 Basic challenge where a browser is sent to the login page).
 * Health and Prometheus stay open for probes and scraping; {@code /internal/**} is left to the
 * service, which authenticates other services there itself. Everything else needs a signed-in user;
 * endpoints check role and company with {@link AdminAccess}.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(AdminUsersProperties.class)
public class AdminSecurityConfiguration {

  @Bean
  AdminAccess adminAccess() {
    return new AdminAccess();
  }

  @Bean
  PasswordEncoder adminPasswordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService adminUsers(AdminUsersProperties properties) {
    Map<String, AdminUserDetails> users =
        properties.users().stream()
            .map(user -> new AdminUserDetails(user.toAdminUser(), user.passwordHash()))
            .collect(
                Collectors.toUnmodifiableMap(AdminUserDetails::getUsername, Function.identity()));
    return username -> {
      AdminUserDetails user = users.get(username);
      if (user == null) {
        throw new UsernameNotFoundException("no such admin user");
      }
      return user;
    };
  }

  @Bean
  static RoleHierarchy adminRoleHierarchy() {
    return RoleHierarchyImpl.fromHierarchy(
        "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER");
  }

  @Bean
  SecurityFilterChain adminSecurity(HttpSecurity http) throws Exception {
    RequestMatcher internal = PathPatternRequestMatcher.withDefaults().matcher("/internal/**");
    http.securityMatcher(new NegatedRequestMatcher(internal))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error")
                    .permitAll()
                    .anyRequest()
                    .hasRole(AdminRole.VIEWER.name()))
        .formLogin(form -> {})
        .httpBasic(basic -> basic.realmName("caskr-sync"))
        .logout(logout -> {})
        // Scripts send HTTP Basic on every request and hold no session cookie to forge with.
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(
                    request -> request.getHeader("Authorization") != null));
    return http.build();
  }
}
