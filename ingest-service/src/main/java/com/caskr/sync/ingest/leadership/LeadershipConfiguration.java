package com.caskr.sync.ingest.leadership;

import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import java.sql.DriverManager;
import java.util.Properties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link OrgLeadership} on a connection of its own to the service's database (same URL and
 * credentials as the pool, but outside it, so the session and its locks are never handed on),
 * competing for every live org of {@link ConnectedOrgs}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadershipProperties.class)
class LeadershipConfiguration {

  @Bean(destroyMethod = "close")
  OrgLeadership orgLeadership(
      Environment environment, LeadershipProperties properties, ConnectedOrgs connectedOrgs) {
    String url = environment.getRequiredProperty("spring.datasource.url");
    var info = new Properties();
    info.setProperty("user", environment.getProperty("spring.datasource.username", ""));
    info.setProperty("password", environment.getProperty("spring.datasource.password", ""));
    info.setProperty("ApplicationName", "ingest-leadership");
    var leadership =
        new OrgLeadership(() -> DriverManager.getConnection(url, info), properties.checkInterval())
            .start();
    // Compete for exactly the live orgs: a disconnected or replaced org is released at once.
    connectedOrgs.addListener(
        new ConnectedOrgs.Listener() {
          @Override
          public void started(ConnectedOrg org) {
            leadership.compete(org.tenant());
          }

          @Override
          public void stopped(ConnectedOrg org) {
            leadership.withdraw(org.tenant());
          }
        });
    return leadership;
  }
}
