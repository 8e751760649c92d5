package com.caskr.sync.ingest.http;

import jakarta.servlet.Filter;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Spring Boot's character-encoding, form-content and request-context filters run for Spring MVC's
 * dispatcher servlet only, not for every path: the webhook servlet reads its body as bytes, takes
 * no form and reads no request-scoped holder, and on thousands of webhooks a second those three
 * filters cost about a twentieth of a webhook's CPU on the request thread (JFR of the webhook
 * benchmark). The request observation ({@code http.server.requests}) and Spring Security's filter
 * proxy with its firewall still see every request.
 */
@Configuration(proxyBeanMethods = false)
class MvcOnlyFilters {

  @Bean
  FilterRegistrationBean<CharacterEncodingFilter> characterEncodingFilterRegistration(
      CharacterEncodingFilter filter, DispatcherServletRegistrationBean dispatcher) {
    return forDispatcherOnly("characterEncodingFilter", filter, dispatcher);
  }

  @Bean
  FilterRegistrationBean<FormContentFilter> formContentFilterRegistration(
      FormContentFilter filter, DispatcherServletRegistrationBean dispatcher) {
    return forDispatcherOnly("formContentFilter", filter, dispatcher);
  }

  /** Boot's own backs off when this registration exists, so it is made here, as Boot makes it. */
  @Bean
  FilterRegistrationBean<RequestContextFilter> requestContextFilterRegistration(
      DispatcherServletRegistrationBean dispatcher) {
    return forDispatcherOnly("requestContextFilter", new OrderedRequestContextFilter(), dispatcher);
  }

  /** Registers {@code filter} under the name Boot gives it, for the dispatcher servlet only. */
  private static <F extends Filter> FilterRegistrationBean<F> forDispatcherOnly(
      String name, F filter, DispatcherServletRegistrationBean dispatcher) {
    var registration = new FilterRegistrationBean<>(filter);
    registration.setName(name);
    registration.addServletRegistrationBeans(dispatcher);
    if (filter instanceof OrderedFilter ordered) {
      registration.setOrder(ordered.getOrder());
    }
    return registration;
  }
}
