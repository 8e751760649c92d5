package com.caskr.sync.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.auth.connections.ConnectResult;
import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.ConnectionTokens;
import com.caskr.sync.auth.connections.NewConnection;
import com.caskr.sync.auth.connections.TokenGrants;
import com.caskr.sync.auth.connections.TokenUnavailable;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The connection table as the refresh uses it, on real PostgreSQL. */
@SpringBootTest
@UsesTestInfrastructure
class JdbcConnectionStoreIntegrationTest {

  private static final Instant ISSUED = Instant.parse("2026-11-22T06:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-22T08:00:00Z");
  private static final URI INSTANCE = URI.create("https://kinsale.my.salesforce.com");

  @DynamicPropertySource
  static void keyset(DynamicPropertyRegistry registry) {
    registry.add("auth.vault.keyset.json", TokenVault::newJsonKeyset);
  }

  @Autowired private JdbcConnectionStore store;
  @Autowired private TokenVault vault;
  @Autowired private JdbcClient jdbc;

  @BeforeEach
  void noConnections() {
    new ConnectionRows(jdbc, vault).deleteAll();
  }

  @Test
  void readsTheLiveConnectionWithItsSealedTokens() {
    insertConnection(41, "00D000000000041", "access-41", "refresh-41");

    Connection connection = store.live(41).orElseThrow();

    assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(connection.flow()).isEqualTo(Connection.AuthFlow.WEB_SERVER);
    assertThat(connection.loginHost()).isEqualTo("login.salesforce.com");
    assertThat(connection.tokenIssuedAt()).isEqualTo(ISSUED);
    assertThat(open(connection.accessToken(), SecretSlot.accessToken(41))).isEqualTo("access-41");
    assertThat(open(connection.refreshToken(), SecretSlot.refreshToken(41)))
        .isEqualTo("refresh-41");
    assertThat(store.live(42)).isEmpty();
  }

  @Test
  void storesARefreshOnceAndRefusesAWriterHoldingAnOlderVersion() {
    insertConnection(51, "00D000000000051", "access-51", "refresh-51");
    Connection before = store.live(51).orElseThrow();

    assertThat(store.saveRefreshed(before, seal("access-51b", 51), null, INSTANCE, LATER, LATER))
        .isTrue();
    assertThat(store.saveRefreshed(before, seal("access-51c", 51), null, INSTANCE, LATER, LATER))
        .as("same version again: the row moved on")
        .isFalse();
    assertThat(store.changeState(before, ConnectionState.NEEDS_RECONNECT, "invalid_grant", LATER))
        .isFalse();

    Connection after = store.live(51).orElseThrow();
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(after.tokenIssuedAt()).isEqualTo(LATER);
    assertThat(open(after.accessToken(), SecretSlot.accessToken(51))).isEqualTo("access-51b");
    assertThat(open(after.refreshToken(), SecretSlot.refreshToken(51)))
        .as("no rotation: the stored refresh token stays")
        .isEqualTo("refresh-51");
    assertThat(auditEvents(51)).containsExactly("TOKEN_REFRESHED");
    assertThat(announced(51)).as("a refused change announces nothing").isEmpty();
  }

  @Test
  void storesARotatedRefreshTokenAndAMovedInstance() {
    insertConnection(52, "00D000000000052", "access-52", "refresh-52");
    Connection before = store.live(52).orElseThrow();
    SealedSecret rotated = vault.seal(Secret.of("refresh-52b"), SecretSlot.refreshToken(52));

    URI moved = URI.create("https://kinsale--na2.my.salesforce.com");

    assertThat(store.saveRefreshed(before, seal("access-52b", 52), rotated, moved, LATER, LATER))
        .isTrue();

    Connection after = store.live(52).orElseThrow();
    assertThat(open(after.refreshToken(), SecretSlot.refreshToken(52))).isEqualTo("refresh-52b");
    assertThat(after.instanceUrl()).as("instance_url can change on a refresh").isEqualTo(moved);
    assertThat(auditDetails(52, "TOKEN_REFRESHED")).contains("\"refreshTokenRotated\": true");
  }

  @Test
  void movesARevokedConnectionToNeedsReconnectWithAnAuditedReason() {
    insertConnection(61, "00D000000000061", "access-61", "refresh-61");
    Connection before = store.live(61).orElseThrow();

    store.recordRefreshFailure(before, "503 from the token endpoint", LATER);
    assertThat(
            store.changeState(
                before, ConnectionState.NEEDS_RECONNECT, "invalid_grant: expired", LATER))
        .isTrue();

    Connection after = store.live(61).orElseThrow();
    assertThat(after.state()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    assertThat(
            jdbc.sql("select last_error from crm_integrations where company_id = 61")
                .query(String.class)
                .single())
        .isEqualTo("invalid_grant: expired");
    assertThat(auditEvents(61)).containsExactly("REFRESH_FAILED", "NEEDS_RECONNECT");
    assertThat(auditDetails(61, "NEEDS_RECONNECT")).contains("invalid_grant: expired");
    assertThat(announced(61))
        .containsExactly("NEEDS_RECONNECT after CONNECTED: invalid_grant: expired");
  }

  @Test
  void disconnectWipesTheTokensAuditsTheAdminAndAnnouncesItOnce() {
    insertConnection(63, "00D000000000063", "access-63", "refresh-63");
    Connection before = store.live(63).orElseThrow();

    assertThat(store.disconnect(before, "alice", true, LATER)).isTrue();
    assertThat(store.disconnect(before, "alice", true, LATER))
        .as("already disconnected: the version moved on")
        .isFalse();

    assertThat(store.live(63)).isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from crm_integrations where company_id = 63"
                        + " and state = 'DISCONNECTED' and access_token_ciphertext is null"
                        + " and refresh_token_ciphertext is null and disconnected_by = 'alice'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(auditEvents(63)).containsExactly("DISCONNECTED");
    assertThat(auditDetails(63, "DISCONNECTED")).contains("\"revokedAtSalesforce\": true");
    assertThat(announced(63))
        .containsExactly("DISCONNECTED after CONNECTED: disconnected by an admin");
  }

  @Test
  void everyStoredConnectIsAnnouncedWithWhatCameBeforeAndARefusedOneIsNot() {
    SalesforceId org = SalesforceId.of("00D000000000064");
    assertThat(store.connect(consented(64, org, "access-a")))
        .isInstanceOf(ConnectResult.Connected.class);
    assertThat(store.connect(consented(64, org, "access-b")))
        .isEqualTo(new ConnectResult.Connected(store.live(64).orElseThrow().id(), true));
    assertThat(store.connect(consented(64, SalesforceId.of("00D000000000065"), "access-c")))
        .isEqualTo(new ConnectResult.AnotherOrgConnected(org));
    store.disconnect(store.live(64).orElseThrow(), "alice", true, LATER);
    assertThat(store.connect(consented(64, org, "access-d")))
        .isInstanceOf(ConnectResult.Connected.class);

    assertThat(announced(64))
        .containsExactly(
            "CONNECTED after nothing: -",
            "CONNECTED after CONNECTED: reconnected",
            "DISCONNECTED after CONNECTED: disconnected by an admin",
            "CONNECTED after DISCONNECTED: -");
  }

  private NewConnection consented(long companyId, SalesforceId org, String access) {
    return new NewConnection(
        companyId,
        org,
        SalesforceId.of("005000000000001"),
        INSTANCE,
        "login.salesforce.com",
        SalesforceEnvironment.PRODUCTION,
        Set.of("api", "refresh_token"),
        seal(access, companyId),
        vault.seal(Secret.of("refresh-" + access), SecretSlot.refreshToken(companyId)),
        ISSUED,
        "alice",
        LATER);
  }

  @Test
  void aRevokedGrantCommitsNeedsReconnectEvenThoughTheCallerIsRefused() {
    insertConnection(62, "00D000000000062", "access-62", "refresh-62");
    ConnectionTokens tokens =
        new ConnectionTokens(
            store,
            new RevokedGrants(),
            vault,
            (company, outcome, reason) -> {},
            Clock.fixed(LATER, java.time.ZoneOffset.UTC),
            duration -> {},
            Duration.ofHours(2),
            Duration.ofMinutes(5));

    assertThatThrownBy(() -> tokens.current(62))
        .isInstanceOf(TokenUnavailable.NeedsReconnect.class);

    assertThat(store.live(62).orElseThrow().state()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    assertThat(auditEvents(62)).containsExactly("NEEDS_RECONNECT");
    assertThat(announced(62)).as("committed with the state change").hasSize(1);
  }

  @Test
  void theAdvisoryLockMakesASecondWorkerWaitAndThenSeeTheRefreshedRow() throws Exception {
    insertConnection(71, "00D000000000071", "access-71", "refresh-71");
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondInside = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(2);

    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () ->
                store.exclusively(
                    71,
                    () -> {
                      firstInside.countDown();
                      awaitRelease(releaseFirst);
                      Connection before = store.live(71).orElseThrow();
                      return store.saveRefreshed(
                          before, seal("access-71b", 71), null, INSTANCE, LATER, LATER);
                    }),
            workers);
    assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Connection> second =
        CompletableFuture.supplyAsync(
            () ->
                store.exclusively(
                    71,
                    () -> {
                      secondInside.countDown();
                      return store.live(71).orElseThrow();
                    }),
            workers);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from pg_locks where locktype = 'advisory' and not granted")
                    .query(Long.class)
                    .single(),
            waiting -> waiting == 1);
    assertThat(secondInside.getCount()).as("the second worker is held at the lock").isEqualTo(1);
    assertThat(store.exclusively(72, () -> "another company is not held")).isNotNull();

    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS);
    Connection seen = second.get(30, TimeUnit.SECONDS);

    assertThat(seen.tokenIssuedAt()).isEqualTo(LATER);
    assertThat(open(seen.accessToken(), SecretSlot.accessToken(71))).isEqualTo("access-71b");
    workers.shutdown();
  }

  @Test
  void noTableAConnectionReaderCanSeeHoldsAPlaintextToken() {
    insertConnection(81, "00D000000000081", "plain-access-81", "plain-refresh-81");
    Connection before = store.live(81).orElseThrow();
    store.saveRefreshed(
        before,
        seal("plain-access-81b", 81),
        vault.seal(Secret.of("plain-refresh-81b"), SecretSlot.refreshToken(81)),
        INSTANCE,
        LATER,
        LATER);
    store.recordRefreshFailure(store.live(81).orElseThrow(), "timeout", LATER);

    List<byte[]> secrets =
        jdbc.sql(
                "select access_token_ciphertext from crm_integrations where company_id = 81"
                    + " union all select refresh_token_ciphertext from crm_integrations"
                    + " where company_id = 81")
            .query(byte[].class)
            .list();
    String rowsAsText =
        jdbc.sql("select string_agg(t::text, '|') from crm_integrations t where company_id = 81")
            .query(String.class)
            .single();
    String auditAsText =
        jdbc.sql(
                "select string_agg(a::text, '|') from crm_integration_audit a where company_id = 81")
            .query(String.class)
            .single();

    assertThat(secrets)
        .hasSize(2)
        .allSatisfy(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .doesNotContain("plain-"));
    assertThat(rowsAsText).doesNotContain("plain-");
    assertThat(auditAsText).contains("TOKEN_REFRESHED").doesNotContain("plain-");
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Salesforce answering invalid_grant. */
  private static final class RevokedGrants implements TokenGrants {

    @Override
    public com.caskr.sync.auth.connections.RefreshedSession refresh(
        Connection connection, Secret refreshToken) throws GrantRevoked {
      throw new GrantRevoked("invalid_grant: expired access/refresh token");
    }

    @Override
    public com.caskr.sync.auth.connections.RefreshedSession jwtBearer(Connection connection)
        throws GrantRevoked {
      throw new GrantRevoked("invalid_grant: user hasn't approved this consumer");
    }
  }

  private SealedSecret seal(String access, long companyId) {
    return vault.seal(Secret.of(access), SecretSlot.accessToken(companyId));
  }

  private String open(SealedSecret sealed, SecretSlot slot) {
    return vault.open(sealed, slot).reveal();
  }

  private List<String> auditEvents(long companyId) {
    return jdbc.sql("select event_type from crm_integration_audit where company_id = ? order by id")
        .param(companyId)
        .query(String.class)
        .list();
  }

  private String auditDetails(long companyId, String event) {
    return jdbc.sql(
            "select details::text from crm_integration_audit where company_id = ? and event_type = ?")
        .param(companyId)
        .param(event)
        .query(String.class)
        .single();
  }

  /** The company's outbox events as "STATE after PREVIOUS: reason", oldest first. */
  private List<String> announced(long companyId) {
    return jdbc.sql(
            "select (payload->>'state') || ' after '"
                + " || coalesce(payload->>'previousState', 'nothing') || ': '"
                + " || coalesce(payload->>'reason', '-') from outbox_events where company_id = ?"
                + " order by id")
        .param(companyId)
        .query(String.class)
        .list();
  }

  private void insertConnection(long companyId, String orgId, String access, String refresh) {
    SealedSecret sealedAccess = seal(access, companyId);
    SealedSecret sealedRefresh = vault.seal(Secret.of(refresh), SecretSlot.refreshToken(companyId));
    jdbc.sql(
            """
            insert into crm_integrations
                (company_id, auth_flow, org_id, salesforce_user_id, instance_url, login_host,
                 environment, connected_by, access_token_ciphertext, access_token_key_id,
                 refresh_token_ciphertext, refresh_token_key_id, token_issued_at)
            values (:company, 'WEB_SERVER', :org, '005000000000001AAA',
                    'https://kinsale.my.salesforce.com', 'login.salesforce.com', 'PRODUCTION',
                    'admin@kinsale.example', :access, :accessKey, :refresh, :refreshKey, :issued)
            """)
        .param("company", companyId)
        .param("org", com.caskr.sync.schema.SalesforceId.of(orgId).value())
        .param("access", sealedAccess.ciphertext())
        .param("accessKey", sealedAccess.keyId())
        .param("refresh", sealedRefresh.ciphertext())
        .param("refreshKey", sealedRefresh.keyId())
        .param("issued", java.time.OffsetDateTime.ofInstant(ISSUED, java.time.ZoneOffset.UTC))
        .update();
  }
}
