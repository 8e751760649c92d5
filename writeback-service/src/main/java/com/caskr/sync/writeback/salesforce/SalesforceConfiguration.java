package com.caskr.sync.writeback.salesforce;

import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.writeback.plan.CallFailed;
import com.caskr.sync.writeback.plan.SalesforceOrg;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Salesforce orgs by company, with sessions from auth-service ({@code writeback.auth.url} and this
 * service's credential secret {@code writeback.auth.secret}, ADR 0010).
 */
@Configuration(proxyBeanMethods = false)
class SalesforceConfiguration {

  @Bean
  Connections authServiceConnections(
      @Value("${writeback.auth.url:http://localhost:8081}") URI authService,
      @Value("${writeback.auth.secret:}") String secret) {
    if (secret.isBlank()) {
      // No default secret ships: the deployment (or deploy/local) supplies WRITEBACK_AUTH_SECRET.
      return companyId -> {
        throw new CallFailed(
            CallFailed.Reason.NOT_AUTHORISED,
            "writeback.auth.secret is not set: no Salesforce session can be drawn",
            null);
      };
    }
    return new AuthServiceConnections(
        new ConnectionTokenClient(
            HttpClient.newHttpClient(),
            authService,
            new ServiceCredentials("writeback-service", secret, Clock.systemUTC()),
            Duration.ofMinutes(2)));
  }

  @Bean
  LongFunction<SalesforceOrg> salesforceOrgs(Connections connections) {
    return new SalesforceOrgs(
        connections, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }
}
