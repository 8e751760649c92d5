package com.caskr.sync.emulator;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
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
 * The tests' own orgs (on a clock they move) and sessions (tokens they mint), {@code Primary} over
 * the application's beans, so the tests do not depend on the OAuth surface and REST, Bulk and gRPC
 * calls share them. Each capability's tests extend it with their own kind of demo org.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

  @Bean
  @Primary
  public TestClock testClock() {
    return new TestClock("2026-03-02T09:00:00Z");
  }

  @Bean
  @Primary
  public Orgs testOrgs(TestClock clock) {
    return new Orgs(clock);
  }

  @Bean
  @Primary
  public MintedSessions testSessions() {
    return new MintedSessions();
  }

  /** Sessions the tests mint; anything else is an invalid session. */
  public static final class MintedSessions implements Sessions {

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    public String mint(Org org, Set<String> scopes) {
      String token = "00D!" + UUID.randomUUID();
      byToken.put(
          token,
          new Session(org.id(), org.adminUserId(), scopes, Instant.parse("2100-01-01T00:00:00Z")));
      return token;
    }

    public String mint(Org org) {
      return mint(org, Set.of("api", "refresh_token"));
    }

    public void revoke(String token) {
      byToken.remove(token);
    }

    @Override
    public Optional<Session> authenticate(String accessToken) {
      return Optional.ofNullable(accessToken == null ? null : byToken.get(accessToken));
    }
  }
}
