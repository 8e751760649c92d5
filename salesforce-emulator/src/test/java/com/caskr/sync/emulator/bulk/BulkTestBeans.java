package com.caskr.sync.emulator.bulk;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The Bulk tests' own orgs on a clock they move, and tokens they mint; over the app's beans. */
@TestConfiguration(proxyBeanMethods = false)
class BulkTestBeans {

  @Bean
  @Primary
  TestClock bulkTestClock() {
    return new TestClock("2026-03-02T09:00:00Z");
  }

  @Bean
  @Primary
  Orgs bulkTestOrgs(TestClock clock) {
    return new Orgs(clock);
  }

  @Bean
  @Primary
  MintedSessions bulkTestSessions() {
    return new MintedSessions();
  }

  static Org demoOrg(Orgs orgs, long dailyApiAllocation) {
    return orgs.create(
        Orgs.Definition.named("Bulk test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
            .withUsers(DemoDistillery.users())
            .withSchema(DemoDistillery.schema())
            .withDailyApiAllocation(dailyApiAllocation));
  }

  static final class MintedSessions implements Sessions {

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    String mint(Org org) {
      String token = "00D!" + UUID.randomUUID();
      byToken.put(
          token,
          new Session(
              org.id(),
              org.adminUserId(),
              Set.of("api", "refresh_token"),
              Instant.parse("2100-01-01T00:00:00Z")));
      return token;
    }

    @Override
    public Optional<Session> authenticate(String accessToken) {
      return Optional.ofNullable(accessToken == null ? null : byToken.get(accessToken));
    }
  }
}
