package com.caskr.sync.auth.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionTokensTest {

  private static final long COMPANY = 7;
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  private static final URI INSTANCE = URI.create("https://kinsale.my.salesforce.com");
  private static final URI MOVED = URI.create("https://kinsale2.my.salesforce.com");

  private final TokenVault vault = TokenVault.fromJsonKeyset(TokenVault.newJsonKeyset());
  private final InMemoryConnections store = new InMemoryConnections();
  private final Grants grants = new Grants();
  private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
  private final ConnectionTokens tokens =
      new ConnectionTokens(
          store,
          grants,
          vault,
          (company, outcome, reason) -> outcomes.add(outcome.name()),
          clock,
          duration -> {},
          Duration.ofHours(2),
          Duration.ofMinutes(5));

  @Test
  void handsOutAFreshTokenWithoutAskingSalesforce() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");

    AccessGrant grant = tokens.current(COMPANY);

    assertThat(grant.accessToken().reveal()).isEqualTo("access-1");
    assertThat(grant.instanceUrl()).isEqualTo(INSTANCE);
    assertThat(grant.issuedAt()).isEqualTo(T0);
    assertThat(grants.calls).hasValue(0);
  }

  @Test
  void refreshesATokenAboutToExpireAndStoresItFirst() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");
    clock.now = T0.plus(Duration.ofMinutes(116));

    AccessGrant grant = tokens.current(COMPANY);

    assertThat(grant.accessToken().reveal()).isEqualTo("access-from-refresh-1");
    assertThat(grant.instanceUrl()).as("instance_url can change on refresh").isEqualTo(MOVED);
    assertThat(opened(store.get(COMPANY), false)).isEqualTo("access-from-refresh-1");
    assertThat(store.get(COMPANY).tokenIssuedAt()).isEqualTo(clock.now);
    assertThat(opened(store.get(COMPANY), true)).as("no rotation").isEqualTo("refresh-1");
    assertThat(outcomes).containsExactly("REFRESHED");
  }

  @Test
  void persistsARotatedRefreshTokenAndUsesItNextTime() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");
    grants.rotate = true;
    clock.now = T0.plus(Duration.ofHours(3));

    tokens.current(COMPANY);
    assertThat(opened(store.get(COMPANY), true)).isEqualTo("rotated-refresh-1");
    clock.now = clock.now.plus(Duration.ofHours(3));
    tokens.current(COMPANY);

    assertThat(grants.usedRefreshTokens).containsExactly("refresh-1", "rotated-refresh-1");
  }

  @Test
  void fiftyConcurrentCallersShareOneRefresh() throws Exception {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");
    grants.rotate = true;
    clock.now = T0.plus(Duration.ofHours(3));
    grants.gate = new CountDownLatch(1);

    List<Future<AccessGrant>> results = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        results.add(callers.submit(() -> tokens.current(COMPANY)));
      }
      assertThat(grants.entered.await(10, TimeUnit.SECONDS)).isTrue();
      grants.gate.countDown();
      for (Future<AccessGrant> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).accessToken().reveal())
            .isEqualTo("access-from-refresh-1");
      }
    }
    assertThat(grants.calls).hasValue(1);
  }

  @Test
  void aRevokedGrantNeedsAReconnectAndIsNotRetried() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");
    grants.revoked = true;
    clock.now = T0.plus(Duration.ofHours(3));

    assertThatThrownBy(() -> tokens.current(COMPANY))
        .isInstanceOf(TokenUnavailable.NeedsReconnect.class)
        .hasMessageNotContaining("refresh-1");
    assertThatThrownBy(() -> tokens.current(COMPANY))
        .isInstanceOf(TokenUnavailable.NeedsReconnect.class);

    assertThat(grants.calls).hasValue(1);
    assertThat(store.get(COMPANY).state()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    assertThat(store.stateChanges)
        .containsExactly("7 NEEDS_RECONNECT: invalid_grant: expired access/refresh token");
    assertThat(outcomes).containsExactly("REVOKED");
  }

  @Test
  void retriesTransientFailuresThenGivesUpWithoutTouchingTheConnection() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");
    clock.now = T0.plus(Duration.ofHours(3));
    grants.unavailableTimes = 2;

    assertThat(tokens.current(COMPANY).accessToken().reveal()).isEqualTo("access-from-refresh-1");
    assertThat(grants.calls).hasValue(3);

    clock.now = clock.now.plus(Duration.ofHours(3));
    grants.unavailableTimes = ConnectionTokens.ATTEMPTS;
    assertThatThrownBy(() -> tokens.current(COMPANY))
        .isInstanceOf(TokenUnavailable.RefreshFailed.class);
    assertThat(store.get(COMPANY).state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(store.failures).containsExactly("7: 503 from the token endpoint");
    assertThat(outcomes).containsExactly("REFRESHED", "FAILED");
  }

  @Test
  void afterA401RefreshesOnlyIfNobodyElseAlreadyDid() {
    connect(Connection.AuthFlow.WEB_SERVER, "access-1", "refresh-1");

    AccessGrant replaced = tokens.afterRejection(COMPANY, T0);
    AccessGrant again = tokens.afterRejection(COMPANY, T0);

    assertThat(replaced.accessToken().reveal()).isEqualTo("access-from-refresh-1");
    assertThat(again.accessToken().reveal()).isEqualTo("access-from-refresh-1");
    assertThat(grants.calls).hasValue(1);
  }

  @Test
  void aJwtBearerConnectionBuysANewTokenWithANewAssertion() {
    connect(Connection.AuthFlow.JWT_BEARER, "access-1", null);
    clock.now = T0.plus(Duration.ofHours(3));

    assertThat(tokens.current(COMPANY).accessToken().reveal()).isEqualTo("access-from-jwt");
    assertThat(grants.usedRefreshTokens).isEmpty();
  }

  @Test
  void saysWhenThereIsNothingToHandOut() {
    assertThatThrownBy(() -> tokens.current(COMPANY))
        .isInstanceOf(TokenUnavailable.NotConnected.class)
        .hasMessage("company 7 has no Salesforce connection");
  }

  private void connect(Connection.AuthFlow flow, String access, String refresh) {
    store.put(
        new Connection(
            1,
            COMPANY,
            flow,
            SalesforceId.of("00D5g000004ABCD"),
            INSTANCE,
            "login.salesforce.com",
            SalesforceEnvironment.PRODUCTION,
            ConnectionState.CONNECTED,
            vault.seal(Secret.of(access), SecretSlot.accessToken(COMPANY)),
            refresh == null
                ? null
                : vault.seal(Secret.of(refresh), SecretSlot.refreshToken(COMPANY)),
            T0,
            flow == Connection.AuthFlow.JWT_BEARER
                ? new Connection.JwtSubject("integration@kinsale.example", "file:/keys/kinsale.pem")
                : null,
            0));
  }

  private String opened(Connection connection, boolean refresh) {
    return refresh
        ? vault.open(connection.refreshToken(), SecretSlot.refreshToken(COMPANY)).reveal()
        : vault.open(connection.accessToken(), SecretSlot.accessToken(COMPANY)).reveal();
  }

  private final class Grants implements TokenGrants {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> usedRefreshTokens = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch gate;
    volatile boolean rotate;
    volatile boolean revoked;
    volatile int unavailableTimes;

    @Override
    public RefreshedSession refresh(Connection connection, Secret refreshToken)
        throws GrantRevoked, GrantUnavailable {
      calls.incrementAndGet();
      entered.countDown();
      awaitGate();
      if (revoked) {
        throw new GrantRevoked("invalid_grant: expired access/refresh token");
      }
      if (unavailableTimes > 0) {
        unavailableTimes--;
        throw new GrantUnavailable("503 from the token endpoint");
      }
      usedRefreshTokens.add(refreshToken.reveal());
      return new RefreshedSession(
          Secret.of("access-from-" + refreshToken.reveal().replace("rotated-", "")),
          rotate ? Secret.of("rotated-" + refreshToken.reveal().replace("rotated-", "")) : null,
          MOVED,
          clock.now);
    }

    @Override
    public RefreshedSession jwtBearer(Connection connection) {
      calls.incrementAndGet();
      return new RefreshedSession(Secret.of("access-from-jwt"), null, INSTANCE, clock.now);
    }

    private void awaitGate() {
      CountDownLatch current = gate;
      if (current != null) {
        try {
          current.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
