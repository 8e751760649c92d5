package com.caskr.sync.emulator.pubsub;

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

/**
 * The Pub/Sub tests' own orgs (on a clock they move) and sessions (tokens they mint), {@code
 * Primary} over the application's beans, so REST writes and gRPC calls share them.
 */
@TestConfiguration(proxyBeanMethods = false)
class PubSubTestBeans {

  @Bean
  @Primary
  TestClock pubSubTestClock() {
    return new TestClock("2026-03-02T09:00:00Z");
  }

  @Bean
  @Primary
  Orgs pubSubTestOrgs(TestClock clock) {
    return new Orgs(clock);
  }

  @Bean
  @Primary
  MintedSessions pubSubTestSessions() {
    return new MintedSessions();
  }

  static Org demoOrg(Orgs orgs) {
    return orgs.create(
        Orgs.Definition.named(
                "Pub/Sub test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
            .withUsers(DemoDistillery.users())
            .withSchema(DemoDistillery.schema()));
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

    @Override
    public Optional<Session> authenticate(String accessToken) {
      return Optional.ofNullable(accessToken == null ? null : byToken.get(accessToken));
    }
  }
}
