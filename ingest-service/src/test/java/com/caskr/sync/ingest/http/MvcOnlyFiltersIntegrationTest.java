package com.caskr.sync.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.testing.UsesTestInfrastructure;
import jakarta.servlet.FilterRegistration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The filters Spring MVC needs run for its dispatcher servlet only; the request observation and
 * Spring Security's proxy (with its firewall) still run for every path, the webhooks' included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class MvcOnlyFiltersIntegrationTest {

  @Autowired WebApplicationContext context;

  @Test
  void mvcFiltersAreMappedToTheDispatcherServletOnly() throws Exception {
    for (Class<?> type :
        new Class<?>[] {
          CharacterEncodingFilter.class, FormContentFilter.class, RequestContextFilter.class
        }) {
      FilterRegistration registration = registrationOf(type);
      assertThat(registration.getServletNameMappings())
          .as(type.getSimpleName())
          .containsExactly("dispatcherServlet");
      assertThat(registration.getUrlPatternMappings()).as(type.getSimpleName()).isEmpty();
    }
  }

  @Test
  void theRequestObservationAndTheSecurityProxyStillSeeEveryPath() throws Exception {
    assertThat(registrationOf(ServerHttpObservationFilter.class).getUrlPatternMappings())
        .containsExactly("/*");
    FilterRegistration security = filters().get("springSecurityFilterChain");
    assertThat(security).isNotNull();
    assertThat(security.getUrlPatternMappings()).containsExactly("/*");
  }

  private FilterRegistration registrationOf(Class<?> type) throws ClassNotFoundException {
    FilterRegistration found = null;
    for (FilterRegistration registration : filters().values()) {
      if (type.isAssignableFrom(Class.forName(registration.getClassName()))) {
        assertThat(found).as("one registration of " + type.getSimpleName()).isNull();
        found = registration;
      }
    }
    assertThat(found).as(type.getSimpleName()).isNotNull();
    return found;
  }

  private Map<String, ? extends FilterRegistration> filters() {
    return context.getServletContext().getFilterRegistrations();
  }
}
