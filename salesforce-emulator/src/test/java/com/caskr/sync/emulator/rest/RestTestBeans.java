package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Field;
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

/**
 * The REST tests' own orgs (on a clock they move) and sessions (tokens they mint), so they do not
 * depend on the OAuth surface; {@code @Primary} over the application's beans.
 */
@TestConfiguration(proxyBeanMethods = false)
class RestTestBeans {

  @Bean
  @Primary
  TestClock restTestClock() {
    return new TestClock("2026-03-02T09:00:00Z");
  }

  @Bean
  @Primary
  Orgs restTestOrgs(TestClock clock) {
    return new Orgs(clock);
  }

  @Bean
  @Primary
  MintedSessions restTestSessions() {
    return new MintedSessions();
  }

  /** An org with the demo schema plus external ids: Caskr_Id__c (unique), Legacy_Ref__c (not). */
  static Org demoOrg(Orgs orgs, long dailyApiAllocation, boolean seeded) {
    var schema =
        DemoDistillery.schema()
            .withField("Account", Field.customText("Caskr_Id__c", 40, true, true))
            .withField("Account", Field.customText("Legacy_Ref__c", 40, true, false));
    Org org =
        orgs.create(
            Orgs.Definition.named(
                    "REST test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
                .withUsers(DemoDistillery.users())
                .withSchema(schema)
                .withDailyApiAllocation(dailyApiAllocation));
    if (seeded) {
      DemoDistillery.seed(org);
    }
    return org;
  }

  /** Sessions the tests mint; anything else is an invalid session. */
  static final class MintedSessions implements Sessions {

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    String mint(Org org, Set<String> scopes) {
      String token = "00D!" + UUID.randomUUID();
      byToken.put(
          token,
          new Session(org.id(), org.adminUserId(), scopes, Instant.parse("2100-01-01T00:00:00Z")));
      return token;
    }

    String mint(Org org) {
      return mint(org, Set.of("api", "refresh_token"));
    }

    void revoke(String token) {
      byToken.remove(token);
    }

    @Override
    public Optional<Session> authenticate(String accessToken) {
      return Optional.ofNullable(accessToken == null ? null : byToken.get(accessToken));
    }
  }
}
