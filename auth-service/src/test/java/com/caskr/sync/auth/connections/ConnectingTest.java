package com.caskr.sync.auth.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The connect flow's rules with in-memory ports (the HTTP and browser tests use the real ones). */
class ConnectingTest {

  private static final SalesforceId ORG = SalesforceId.of("00D000000000001");
  private static final SalesforceId USER = SalesforceId.of("005000000000001");

  private final TokenVault vault = TokenVault.fromJsonKeyset(TokenVault.newJsonKeyset());
  private final Pending pending = new Pending();
  private final FakeSalesforce salesforce = new FakeSalesforce();
  private final Store store = new Store();
  private final Connecting connecting =
      new Connecting(pending, salesforce, store, vault, Clock.systemUTC(), Duration.ofMinutes(10));

  @Test
  void startsWithA256BitStateBoundToTheSessionAndASealedS256Verifier() {
    connecting.start(7, SalesforceEnvironment.PRODUCTION, null, "ada", "session-1");

    assertThat(Base64.getUrlDecoder().decode(salesforce.state)).hasSize(32);
    Pending.Row row = pending.rows.values().iterator().next();
    assertThat(pending.rows).containsOnlyKeys(hex(Connecting.sha256(salesforce.state)));
    assertThat(row.session()).isEqualTo(hex(Connecting.sha256("session-1")));
    assertThat(row.ttl()).isEqualTo(Duration.ofMinutes(10));
    String verifier = vault.open(row.pending().verifier(), SecretSlot.pkceVerifier(7)).reveal();
    assertThat(Base64.getUrlDecoder().decode(verifier)).hasSize(32);
    assertThat(Connecting.challengeOf(verifier)).isEqualTo(salesforce.challenge);
    assertThat(row.pending().requestedBy()).isEqualTo("ada");
  }

  @Test
  void aStateIsTakenOnceAndOnlyByItsOwnSession() {
    connecting.start(7, SalesforceEnvironment.PRODUCTION, null, "ada", "session-1");

    assertThat(connecting.consume(salesforce.state, "session-2")).isEmpty();
    assertThat(connecting.consume(salesforce.state, null)).isEmpty();
    assertThat(connecting.consume(salesforce.state, "session-1")).isPresent();
    assertThat(connecting.consume(salesforce.state, "session-1")).isEmpty();
  }

  @Test
  void storesTheConsentedOrgWithSealedTokens() {
    ConnectOutcome outcome = connectOnce();

    assertThat(outcome)
        .isEqualTo(
            new ConnectOutcome.Connected(
                7,
                ORG,
                USER,
                SalesforceEnvironment.PRODUCTION,
                URI.create("https://kinsale.my.salesforce.com"),
                false));
    NewConnection stored = store.connected.getFirst();
    assertThat(vault.open(stored.accessToken(), SecretSlot.accessToken(7)).reveal())
        .isEqualTo("access-1");
    assertThat(vault.open(stored.refreshToken(), SecretSlot.refreshToken(7)).reveal())
        .isEqualTo("refresh-1");
    assertThat(stored.connectedBy()).isEqualTo("ada");
    assertThat(stored.scopes()).containsExactlyInAnyOrder("api", "refresh_token");
  }

  @Test
  void withoutARefreshTokenNothingIsStoredAndTheAccessTokenIsRevoked() {
    salesforce.refreshToken = null;

    ConnectOutcome outcome = connectOnce();

    assertThat(outcome).isInstanceOf(ConnectOutcome.Refused.class);
    assertThat(((ConnectOutcome.Refused) outcome).message()).contains("refresh_token");
    assertThat(store.connected).isEmpty();
    assertThat(salesforce.revoked).containsExactly("access-1");
  }

  @Test
  void anotherOrgOfTheCompanyIsRefusedAndTheNewGrantRevoked() {
    store.answer = new ConnectResult.AnotherOrgConnected(SalesforceId.of("00D000000000002"));

    ConnectOutcome outcome = connectOnce();

    assertThat(((ConnectOutcome.Refused) outcome).message())
        .contains(SalesforceId.of("00D000000000002").value())
        .contains("Disconnect that org first")
        .doesNotContain("access-1")
        .doesNotContain("refresh-1");
    assertThat(salesforce.revoked).containsExactly("refresh-1");
  }

  @Test
  void salesforcesRefusalIsToldWithoutStoringAnything() {
    salesforce.refuse = true;

    ConnectOutcome outcome = connectOnce();

    assertThat(((ConnectOutcome.Refused) outcome).message())
        .contains("invalid_grant: expired authorization code");
    assertThat(store.connected).isEmpty();
  }

  private ConnectOutcome connectOnce() {
    connecting.start(7, SalesforceEnvironment.PRODUCTION, null, "ada", "session-1");
    PendingAuthorization flow = connecting.consume(salesforce.state, "session-1").orElseThrow();
    return connecting.complete(flow, "code-1", "ada");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static final class Pending implements PendingAuthorizations {

    record Row(PendingAuthorization pending, String session, Duration ttl) {}

    final Map<String, Row> rows = new ConcurrentHashMap<>();

    @Override
    public void save(
        PendingAuthorization flow, byte[] stateHash, byte[] sessionHash, Duration ttl) {
      rows.put(hex(stateHash), new Row(flow, hex(sessionHash), ttl));
    }

    @Override
    public Optional<PendingAuthorization> consume(byte[] stateHash, byte[] sessionHash) {
      Row row = rows.get(hex(stateHash));
      if (row == null || !row.session().equals(hex(sessionHash))) {
        return Optional.empty();
      }
      rows.remove(hex(stateHash));
      return Optional.of(row.pending());
    }
  }

  private static final class FakeSalesforce implements SalesforceConsent {

    String state;
    String challenge;
    String refreshToken = "refresh-1";
    boolean refuse;
    final List<String> revoked = new ArrayList<>();

    @Override
    public String loginHost(SalesforceEnvironment environment, String myDomain) {
      return "login.salesforce.com";
    }

    @Override
    public Authorize authorize(
        String loginHost, SalesforceEnvironment environment, String state, String codeChallenge) {
      this.state = state;
      this.challenge = codeChallenge;
      return new Authorize(
          URI.create("https://login.salesforce.com/services/oauth2/authorize"),
          "https://caskr.example/callback");
    }

    @Override
    public ConsentedSession exchange(
        String loginHost,
        SalesforceEnvironment environment,
        String code,
        Secret verifier,
        String redirectUri)
        throws TokenGrants.GrantRevoked {
      if (refuse || !Connecting.challengeOf(verifier.reveal()).equals(challenge)) {
        throw new TokenGrants.GrantRevoked("invalid_grant: expired authorization code");
      }
      return new ConsentedSession(
          Secret.of("access-1"),
          refreshToken == null ? null : Secret.of(refreshToken),
          URI.create("https://kinsale.my.salesforce.com"),
          ORG,
          USER,
          Set.of("api", "refresh_token"),
          Instant.now());
    }

    @Override
    public void revokeQuietly(String loginHost, SalesforceEnvironment environment, Secret token) {
      revoked.add(token.reveal());
    }
  }

  private static final class Store implements ConnectionStore {

    final List<NewConnection> connected = new ArrayList<>();
    ConnectResult answer = new ConnectResult.Connected(1, false);

    @Override
    public ConnectResult connect(NewConnection connection) {
      if (answer instanceof ConnectResult.Connected) {
        connected.add(connection);
      }
      return answer;
    }

    @Override
    public Optional<Connection> live(long companyId) {
      return Optional.empty();
    }

    @Override
    public <T> T exclusively(long companyId, Supplier<T> work) {
      return work.get();
    }

    @Override
    public boolean saveRefreshed(
        Connection before,
        com.caskr.sync.auth.vault.SealedSecret accessToken,
        com.caskr.sync.auth.vault.SealedSecret refreshToken,
        URI instanceUrl,
        Instant issuedAt,
        Instant refreshedAt) {
      throw new AssertionError("the connect flow never refreshes");
    }

    @Override
    public boolean changeState(
        Connection before,
        com.caskr.sync.schema.events.ConnectionState state,
        String reason,
        Instant at) {
      throw new AssertionError("the connect flow never changes a state directly");
    }

    @Override
    public void recordRefreshFailure(Connection connection, String reason, Instant at) {
      throw new AssertionError("the connect flow never refreshes");
    }

    @Override
    public boolean disconnect(Connection before, String actor, boolean revoked, Instant at) {
      throw new AssertionError("the connect flow never disconnects");
    }
  }
}
