package com.caskr.sync.auth.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * auth-service's migrations on a real PostgreSQL, run with the Flyway settings of the service's own
 * application.yml. Tests share one database and use company ids of their own.
 */
class AuthMigrationsIntegrationTest {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CHECK_VIOLATION = "23514";
  private static final AtomicLong COMPANIES = new AtomicLong(1000);
  private static final AtomicLong ORGS = new AtomicLong();

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() throws IOException {
    dataSource = TestInfrastructure.freshDatabase("auth_migrations").dataSource();
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
  }

  @Test
  void historyTableLivesInTheAuthSchema() throws SQLException, IOException {
    assertThat(ServiceFlyway.settings())
        .containsEntry("schemas", "auth")
        .containsEntry("default-schema", "auth")
        .containsEntry("create-schemas", true)
        .containsEntry("locations", "classpath:db/migration/auth");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'flyway_schema_history'"))
        .containsExactly("auth");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT version || ':' || success FROM auth.flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .containsExactly("1:true", "2:true");
    assertThat(ServiceFlyway.configuredAsTheService(dataSource).migrate().migrationsExecuted)
        .isZero();
  }

  @Test
  void tokensAndVerifiersExistOnlyAsCiphertext() throws SQLException {
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT c FROM (SELECT table_name || '.' || column_name || ':' || data_type AS c"
                    + " FROM information_schema.columns WHERE table_schema = 'auth'"
                    + " AND (column_name LIKE '%token%' OR column_name LIKE '%verifier%'"
                    + "      OR column_name LIKE '%secret%' OR column_name LIKE '%state%')) s"
                    + " ORDER BY c COLLATE \"C\""))
        .containsExactly(
            "crm_integrations.access_token_ciphertext:bytea",
            "crm_integrations.access_token_key_id:text",
            "crm_integrations.refresh_token_ciphertext:bytea",
            "crm_integrations.refresh_token_key_id:text",
            "crm_integrations.state:text",
            "crm_integrations.token_issued_at:timestamp with time zone",
            "oauth_authorization_requests.pkce_verifier_ciphertext:bytea",
            "oauth_authorization_requests.pkce_verifier_key_id:text",
            "oauth_authorization_requests.state_hash:bytea");
    // Any new text column must be added here on purpose: a token has nowhere else to go.
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT column_name::text FROM information_schema.columns"
                    + " WHERE table_schema = 'auth' AND table_name = 'crm_integrations'"
                    + " AND data_type IN ('text', 'character varying', 'character', 'json',"
                    + " 'jsonb', 'USER-DEFINED', 'ARRAY') ORDER BY column_name::text COLLATE \"C\""))
        .containsExactly(
            "access_token_key_id",
            "auth_flow",
            "connected_by",
            "disconnected_by",
            "environment",
            "granted_scopes",
            "instance_url",
            "jwt_certificate_ref",
            "jwt_private_key_ref",
            "jwt_username",
            "last_error",
            "login_host",
            "oauth_client_id",
            "org_id",
            "provider",
            "refresh_token_key_id",
            "salesforce_user_id",
            "state");
  }

  @Test
  void aCompanyHasOneLiveConnectionAndMayConnectAgainAfterDisconnecting() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    long first = connect(company, nextOrg(), "CONNECTED");

    assertThat(Sql.rejection(() -> connect(company, nextOrg(), "CONNECTED")))
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(Sql.rejection(() -> connect(company, nextOrg(), "NEEDS_RECONNECT")))
        .as("a connection waiting for reconnect still holds the company")
        .isEqualTo(UNIQUE_VIOLATION);

    disconnect(first);
    long second = connect(company, nextOrg(), "CONNECTED");

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT id || ':' || state FROM auth.crm_integrations WHERE company_id = "
                    + company
                    + " ORDER BY id"))
        .containsExactly(first + ":DISCONNECTED", second + ":CONNECTED");
  }

  @Test
  void anOrgIsLiveInOneCompanyOnly() throws SQLException {
    String org = nextOrg();
    long first = connect(COMPANIES.incrementAndGet(), org, "CONNECTED");
    long otherCompany = COMPANIES.incrementAndGet();

    assertThat(Sql.rejection(() -> connect(otherCompany, org, "CONNECTED")))
        .isEqualTo(UNIQUE_VIOLATION);
    disconnect(first);
    connect(otherCompany, org, "CONNECTED");
  }

  @Test
  void disconnectingWithoutWipingTheTokensIsRejected() throws SQLException {
    long connection = connect(COMPANIES.incrementAndGet(), nextOrg(), "CONNECTED");

    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE auth.crm_integrations SET state = 'DISCONNECTED',"
                            + " disconnected_at = now() WHERE id = ?",
                        connection)))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void aCiphertextWithoutItsKeyIdIsRejected() throws SQLException {
    long connection = connect(COMPANIES.incrementAndGet(), nextOrg(), "CONNECTED");

    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE auth.crm_integrations SET refresh_token_key_id = NULL"
                            + " WHERE id = ?",
                        connection)))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void anAuthorizationStateIsConsumedOnceFromItsOwnSessionBeforeItExpires() throws SQLException {
    byte[] state = sha256Sized((byte) 1);
    byte[] session = sha256Sized((byte) 2);
    byte[] otherSession = sha256Sized((byte) 3);
    authorizationRequest(state, session, OffsetDateTime.now().plusMinutes(10));
    byte[] expired = sha256Sized((byte) 4);
    authorizationRequest(expired, session, OffsetDateTime.now().minusSeconds(1));

    assertThat(consume(state, otherSession)).isZero();
    assertThat(consume(state, session)).isOne();
    assertThat(consume(state, session)).as("replayed state").isZero();
    assertThat(consume(expired, session)).isZero();
    assertThat(Sql.rejection(() -> authorizationRequest(state, session, OffsetDateTime.now())))
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    authorizationRequest(
                        new byte[] {1, 2, 3}, session, OffsetDateTime.now().plusMinutes(10))))
        .as("only a SHA-256 of the state is stored")
        .isEqualTo(CHECK_VIOLATION);
  }

  private static long connect(long company, String org, String state) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO auth.crm_integrations (company_id, auth_flow, org_id, salesforce_user_id,"
            + " instance_url, login_host, environment, granted_scopes, state,"
            + " access_token_ciphertext, access_token_key_id, refresh_token_ciphertext,"
            + " refresh_token_key_id, token_issued_at, connected_by)"
            + " VALUES (?, 'WEB_SERVER', ?, '005000000000001AAA', 'https://acme.my.salesforce.com',"
            + " 'login.salesforce.com', 'PRODUCTION', '{api,refresh_token}', ?,"
            + " '\\xdeadbeef', 'k1', '\\xfeedface', 'k1', now(), 'admin@caskr.example')"
            + " RETURNING id",
        company,
        org,
        state);
  }

  private static void disconnect(long connection) throws SQLException {
    Sql.update(
        dataSource,
        "UPDATE auth.crm_integrations SET state = 'DISCONNECTED', disconnected_at = now(),"
            + " disconnected_by = 'admin@caskr.example', access_token_ciphertext = NULL,"
            + " access_token_key_id = NULL, refresh_token_ciphertext = NULL,"
            + " refresh_token_key_id = NULL WHERE id = ?",
        connection);
  }

  private static void authorizationRequest(
      byte[] stateHash, byte[] sessionHash, OffsetDateTime expires) throws SQLException {
    Sql.update(
        dataSource,
        "INSERT INTO auth.oauth_authorization_requests (company_id, state_hash, admin_session_hash,"
            + " requested_by, environment, login_host, pkce_verifier_ciphertext,"
            + " pkce_verifier_key_id, redirect_uri, created_at, expires_at)"
            + " VALUES (?, ?, ?, 'admin@caskr.example', 'SANDBOX', 'test.salesforce.com',"
            + " '\\x0102', 'k1', 'https://sync.caskr.example/callback', ?::timestamptz - interval '10 minutes',"
            + " ?::timestamptz)",
        COMPANIES.incrementAndGet(),
        stateHash,
        sessionHash,
        expires,
        expires);
  }

  /** The callback's single-use consumption, as documented in V1. */
  private static int consume(byte[] stateHash, byte[] sessionHash) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            Sql.prepare(
                connection,
                "UPDATE auth.oauth_authorization_requests SET consumed_at = now()"
                    + " WHERE state_hash = ? AND admin_session_hash = ? AND consumed_at IS NULL"
                    + " AND expires_at > now()",
                stateHash,
                sessionHash)) {
      return statement.executeUpdate();
    }
  }

  private static byte[] sha256Sized(byte fill) {
    byte[] hash = new byte[32];
    Arrays.fill(hash, fill);
    return hash;
  }

  private static String nextOrg() {
    return "00D%015d".formatted(ORGS.incrementAndGet());
  }
}
