package com.caskr.sync.auth.store;

import com.caskr.sync.auth.connections.AlreadyConnected;
import com.caskr.sync.auth.connections.ConnectResult;
import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.JwtBearerConnections;
import com.caskr.sync.auth.connections.JwtBearerGrants;
import com.caskr.sync.auth.connections.JwtBearerSetup;
import com.caskr.sync.auth.connections.NewConnection;
import com.caskr.sync.auth.connections.TokenUnavailable;
import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ConnectionStore} on {@code auth.crm_integrations}. Token writes are compare-and-set on the
 * row's {@code version} and each writes its {@code crm_integration_audit} row in the same
 * transaction; audit details hold codes and key ids, never a token.
 *
 * <p>{@link #exclusively} holds a transaction-scoped PostgreSQL advisory lock on ({@link
 * #LOCK_NAMESPACE}, company), so a second instance waits for the first one's refresh to commit and
 * then reads the refreshed row (READ COMMITTED gives each statement a fresh snapshot).
 */
public final class JdbcConnectionStore implements ConnectionStore, JwtBearerConnections {

  /** The first key of the advisory lock: "AUTH" in ASCII, so other lock users do not collide. */
  static final int LOCK_NAMESPACE = 0x41555448;

  private static final String ACTOR = "auth-service";
  private static final String DISCONNECTED_BY_ADMIN = "disconnected by an admin";
  private static final int MAX_REASON = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ConnectionChangedOutbox outbox;

  public JdbcConnectionStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.outbox = new ConnectionChangedOutbox(jdbc);
  }

  @Override
  public Optional<Connection> live(long companyId) {
    return jdbc.sql(
            """
            select id, company_id, auth_flow, org_id, instance_url, login_host, environment, state,
                   access_token_ciphertext, access_token_key_id, refresh_token_ciphertext,
                   refresh_token_key_id, token_issued_at, jwt_username, jwt_private_key_ref,
                   oauth_client_id, version
              from crm_integrations
             where company_id = :company and state <> 'DISCONNECTED'
            """)
        .param("company", companyId)
        .query((rs, n) -> connection(rs))
        .optional();
  }

  @Override
  public <T> T exclusively(long companyId, Supplier<T> work) {
    // A refusal (NeedsReconnect, RefreshFailed) is an answer, not a failure: the state change and
    // audit row written before it must commit, so it is carried out of the transaction and thrown
    // after.
    Locked<T> locked =
        transactions.execute(
            status -> {
              lock(companyId);
              try {
                return new Locked<>(work.get(), null);
              } catch (TokenUnavailable refused) {
                return new Locked<>(null, refused);
              }
            });
    if (locked.refused() != null) {
      throw locked.refused();
    }
    return locked.value();
  }

  private record Locked<T>(T value, TokenUnavailable refused) {}

  @Override
  public boolean saveRefreshed(
      Connection before,
      SealedSecret accessToken,
      SealedSecret refreshToken,
      URI instanceUrl,
      Instant issuedAt,
      Instant refreshedAt) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              int updated =
                  jdbc.sql(
                          """
                          update crm_integrations
                             set access_token_ciphertext = :access,
                                 access_token_key_id = :accessKey,
                                 refresh_token_ciphertext = coalesce(:refresh, refresh_token_ciphertext),
                                 refresh_token_key_id = coalesce(:refreshKey, refresh_token_key_id),
                                 instance_url = :instanceUrl, token_issued_at = :issuedAt,
                                 last_refresh_at = :refreshedAt, last_error = null,
                                 last_error_at = null, version = version + 1
                           where id = :id and version = :version and state = 'CONNECTED'
                          """)
                      .param("access", accessToken.ciphertext())
                      .param("accessKey", accessToken.keyId())
                      .param("refresh", refreshToken == null ? null : refreshToken.ciphertext())
                      .param("refreshKey", refreshToken == null ? null : refreshToken.keyId())
                      .param("instanceUrl", instanceUrl.toString())
                      .param("issuedAt", timestamp(issuedAt))
                      .param("refreshedAt", timestamp(refreshedAt))
                      .param("id", before.id())
                      .param("version", before.version())
                      .update();
              if (updated == 0) {
                return false;
              }
              audit(
                  before,
                  "TOKEN_REFRESHED",
                  Map.of(
                      "accessKeyId",
                      accessToken.keyId(),
                      "refreshTokenRotated",
                      refreshToken != null),
                  refreshedAt);
              return true;
            }));
  }

  @Override
  public boolean changeState(Connection before, ConnectionState state, String reason, Instant at) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              int updated =
                  switch (state) {
                    case NEEDS_RECONNECT ->
                        jdbc.sql(
                                """
                                update crm_integrations
                                   set state = 'NEEDS_RECONNECT', last_error = :reason,
                                       last_error_at = :at, version = version + 1
                                 where id = :id and version = :version
                                """)
                            .param("reason", bounded(reason))
                            .param("at", timestamp(at))
                            .param("id", before.id())
                            .param("version", before.version())
                            .update();
                    case DISCONNECTED -> wipe(before, ACTOR, at);
                    case CONNECTED ->
                        throw new IllegalArgumentException(
                            "a connection becomes CONNECTED through the connect flow, which"
                                + " brings new tokens");
                  };
              if (updated == 0) {
                return false;
              }
              audit(before, state.name(), Map.of("reason", bounded(reason)), at);
              announce(before, state, bounded(reason), at);
              return true;
            }));
  }

  @Override
  public boolean disconnect(Connection before, String actor, boolean revoked, Instant at) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (wipe(before, actor, at) == 0) {
                return false;
              }
              auditBy(
                  before,
                  "DISCONNECTED",
                  Map.of("revokedAtSalesforce", revoked, "previousState", before.state().name()),
                  actor,
                  at);
              announce(before, ConnectionState.DISCONNECTED, DISCONNECTED_BY_ADMIN, at);
              return true;
            }));
  }

  @Override
  public Connection saveJwtBearer(
      JwtBearerSetup setup,
      JwtBearerGrants.FirstJwtSession first,
      SealedSecret accessToken,
      String actor,
      Instant at) {
    long companyId = setup.companyId();
    try {
      return transactions.execute(
          status -> {
            ConnectionState previous = previousState(companyId);
            jdbc.sql(
                    """
                    insert into crm_integrations
                        (company_id, auth_flow, org_id, salesforce_user_id, instance_url,
                         login_host, environment, state, access_token_ciphertext,
                         access_token_key_id, token_issued_at, last_refresh_at, jwt_username,
                         jwt_certificate_ref, jwt_private_key_ref, oauth_client_id, connected_by,
                         connected_at)
                    values (:company, 'JWT_BEARER', :org, :user, :instanceUrl, :loginHost,
                            :environment, 'CONNECTED', :access, :accessKey, :issuedAt, :at,
                            :username, :certificateRef, :privateKeyRef, :clientId, :actor, :at)
                    """)
                .param("company", companyId)
                .param("org", first.orgId().value())
                .param("user", first.userId().value())
                .param("instanceUrl", first.session().instanceUrl().toString())
                .param("loginHost", setup.loginHost())
                .param("environment", setup.environment().name())
                .param("access", accessToken.ciphertext())
                .param("accessKey", accessToken.keyId())
                .param("issuedAt", timestamp(first.session().issuedAt()))
                .param("at", timestamp(at))
                .param("username", setup.username())
                .param("certificateRef", first.certificateRef())
                .param("privateKeyRef", first.privateKeyRef())
                .param("clientId", setup.clientId())
                .param("actor", actor)
                .update();
            Connection connection =
                live(companyId)
                    .orElseThrow(() -> new IllegalStateException("the inserted row is gone"));
            auditBy(
                connection,
                "CONNECTED",
                Map.of("flow", "JWT_BEARER", "accessKeyId", accessToken.keyId()),
                actor,
                at);
            outbox.append(
                companyId,
                connection.orgId(),
                ConnectionState.CONNECTED,
                previous,
                connection.environment(),
                connection.instanceUrl(),
                null,
                at);
            return connection;
          });
    } catch (DuplicateKeyException duplicate) {
      String message = String.valueOf(duplicate.getMessage());
      if (message.contains("crm_integrations_one_live_per_org")) {
        throw new AlreadyConnected(
            "org " + first.orgId().value() + " is connected to another company");
      }
      throw new AlreadyConnected(
          "company " + companyId + " already has a live connection; disconnect it first");
    }
  }

  /** The state of the company's latest connection row (DISCONNECTED or live), null if none. */
  private ConnectionState previousState(long companyId) {
    return jdbc.sql(
            "select state from crm_integrations where company_id = :company"
                + " order by id desc limit 1")
        .param("company", companyId)
        .query((rs, n) -> ConnectionState.valueOf(rs.getString(1)))
        .optional()
        .orElse(null);
  }

  /** Drops both tokens and marks the row DISCONNECTED; the number of rows changed (0 or 1). */
  private int wipe(Connection before, String actor, Instant at) {
    return jdbc.sql(
            """
            update crm_integrations
               set state = 'DISCONNECTED', access_token_ciphertext = null,
                   access_token_key_id = null, refresh_token_ciphertext = null,
                   refresh_token_key_id = null, disconnected_by = :actor,
                   disconnected_at = :at, version = version + 1
             where id = :id and version = :version and state <> 'DISCONNECTED'
            """)
        .param("actor", actor)
        .param("at", timestamp(at))
        .param("id", before.id())
        .param("version", before.version())
        .update();
  }

  /** The connection-changed event of a state change, in the caller's transaction. */
  private void announce(Connection before, ConnectionState state, String reason, Instant at) {
    outbox.append(
        before.companyId(),
        before.orgId(),
        state,
        before.state(),
        before.environment(),
        before.instanceUrl(),
        reason,
        at);
  }

  @Override
  public void recordRefreshFailure(Connection connection, String reason, Instant at) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  update crm_integrations set last_error = :reason, last_error_at = :at
                   where id = :id
                  """)
              .param("reason", bounded(reason))
              .param("at", timestamp(at))
              .param("id", connection.id())
              .update();
          audit(connection, "REFRESH_FAILED", Map.of("reason", bounded(reason)), at);
        });
  }

  @Override
  public ConnectResult connect(NewConnection connection) {
    try {
      return connectLocked(connection);
    } catch (DuplicateKeyException orgTakenMeanwhile) {
      // Another company connected the same org between the check and the insert.
      return new ConnectResult.OrgConnectedElsewhere();
    }
  }

  private ConnectResult connectLocked(NewConnection connection) {
    long company = connection.companyId();
    return transactions.execute(
        status -> {
          lock(company);
          Optional<Connection> live = live(company);
          if (live.isPresent() && !live.get().orgId().equals(connection.orgId())) {
            auditFailedConnect(
                connection, "another org is connected: " + live.get().orgId().value());
            return new ConnectResult.AnotherOrgConnected(live.get().orgId());
          }
          if (live.isEmpty() && orgLiveElsewhere(connection)) {
            auditFailedConnect(connection, "the org is connected to another company");
            return new ConnectResult.OrgConnectedElsewhere();
          }
          ConnectionState previous =
              live.map(Connection::state).orElseGet(() -> previousState(company));
          long id =
              live.isPresent()
                  ? replaceTokens(live.get(), connection)
                  : insertConnection(connection);
          String event = live.isPresent() ? "RECONNECTED" : "CONNECTED";
          outbox.append(
              company,
              connection.orgId(),
              ConnectionState.CONNECTED,
              previous,
              connection.environment(),
              connection.instanceUrl(),
              live.isPresent() ? "reconnected" : null,
              connection.connectedAt());
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("environment", connection.environment().name());
          details.put("loginHost", connection.loginHost());
          details.put("salesforceUserId", connection.userId().value());
          details.put("accessKeyId", connection.accessToken().keyId());
          details.put("refreshKeyId", connection.refreshToken().keyId());
          auditAs(
              company,
              id,
              connection.orgId(),
              event,
              connection.connectedBy(),
              details,
              connection.connectedAt());
          return new ConnectResult.Connected(id, live.isPresent());
        });
  }

  private void lock(long companyId) {
    jdbc.sql("select pg_advisory_xact_lock(:namespace, :key)")
        .param("namespace", LOCK_NAMESPACE)
        .param("key", Long.hashCode(companyId))
        .query((rs, n) -> 1)
        .single();
  }

  private boolean orgLiveElsewhere(NewConnection connection) {
    return jdbc.sql(
                """
            select count(*) from crm_integrations
             where org_id = :org and company_id <> :company and state <> 'DISCONNECTED'
            """)
            .param("org", connection.orgId().value())
            .param("company", connection.companyId())
            .query(Long.class)
            .single()
        > 0;
  }

  private long insertConnection(NewConnection c) {
    return jdbc.sql(
            """
            insert into crm_integrations
                (company_id, auth_flow, org_id, salesforce_user_id, instance_url, login_host,
                 environment, granted_scopes, state, access_token_ciphertext, access_token_key_id,
                 refresh_token_ciphertext, refresh_token_key_id, token_issued_at, connected_by,
                 connected_at)
            values (:company, 'WEB_SERVER', :org, :user, :instanceUrl, :loginHost, :environment,
                    string_to_array(:scopes, ' '), 'CONNECTED', :access, :accessKey, :refresh,
                    :refreshKey, :issuedAt, :connectedBy, :connectedAt)
            returning id
            """)
        .params(connectionParams(c))
        .query(Long.class)
        .single();
  }

  private long replaceTokens(Connection before, NewConnection c) {
    Map<String, Object> params = connectionParams(c);
    params.put("id", before.id());
    jdbc.sql(
            """
            update crm_integrations
               set auth_flow = 'WEB_SERVER', salesforce_user_id = :user,
                   instance_url = :instanceUrl, login_host = :loginHost,
                   environment = :environment, granted_scopes = string_to_array(:scopes, ' '),
                   state = 'CONNECTED',
                   access_token_ciphertext = :access, access_token_key_id = :accessKey,
                   refresh_token_ciphertext = :refresh, refresh_token_key_id = :refreshKey,
                   token_issued_at = :issuedAt, last_refresh_at = null, last_error = null,
                   last_error_at = null, jwt_username = null, jwt_certificate_ref = null,
                   jwt_private_key_ref = null, connected_by = :connectedBy,
                   connected_at = :connectedAt, version = version + 1
             where id = :id
            """)
        .params(params)
        .update();
    return before.id();
  }

  private static Map<String, Object> connectionParams(NewConnection c) {
    Map<String, Object> params = new HashMap<>();
    params.put("company", c.companyId());
    params.put("org", c.orgId().value());
    params.put("user", c.userId().value());
    params.put("instanceUrl", c.instanceUrl().toString());
    params.put("loginHost", c.loginHost());
    params.put("environment", c.environment().name());
    // Scopes are space-delimited tokens by definition (RFC 6749 §3.3), so they cannot hold one.
    params.put("scopes", String.join(" ", c.scopes().stream().sorted().toList()));
    params.put("access", c.accessToken().ciphertext());
    params.put("accessKey", c.accessToken().keyId());
    params.put("refresh", c.refreshToken().ciphertext());
    params.put("refreshKey", c.refreshToken().keyId());
    params.put("issuedAt", timestamp(c.issuedAt()));
    params.put("connectedBy", c.connectedBy());
    params.put("connectedAt", timestamp(c.connectedAt()));
    return params;
  }

  private void auditFailedConnect(NewConnection connection, String reason) {
    auditAs(
        connection.companyId(),
        null,
        connection.orgId(),
        "CONNECT_FAILED",
        connection.connectedBy(),
        Map.of("reason", reason),
        connection.connectedAt());
  }

  private void audit(Connection connection, String event, Map<String, Object> details, Instant at) {
    auditBy(connection, event, details, ACTOR, at);
  }

  private void auditBy(
      Connection connection, String event, Map<String, Object> details, String actor, Instant at) {
    auditAs(connection.companyId(), connection.id(), connection.orgId(), event, actor, details, at);
  }

  private void auditAs(
      long companyId,
      Long integrationId,
      SalesforceId orgId,
      String event,
      String actor,
      Map<String, Object> details,
      Instant at) {
    jdbc.sql(
            """
            insert into crm_integration_audit
                (company_id, integration_id, event_type, org_id, actor, details, occurred_at)
            values (:company, :id, :event, :org, :actor, cast(:details as jsonb), :at)
            """)
        .param("company", companyId)
        .param("id", integrationId)
        .param("event", event)
        .param("org", orgId.value())
        .param("actor", actor)
        .param("details", JSON.writeValueAsString(details))
        .param("at", timestamp(at))
        .update();
  }

  private static Connection connection(ResultSet rs) throws SQLException {
    Connection.AuthFlow flow = Connection.AuthFlow.valueOf(rs.getString("auth_flow"));
    OffsetDateTime issued = rs.getObject("token_issued_at", OffsetDateTime.class);
    return new Connection(
        rs.getLong("id"),
        rs.getLong("company_id"),
        flow,
        SalesforceId.of(rs.getString("org_id")),
        URI.create(rs.getString("instance_url")),
        rs.getString("login_host"),
        SalesforceEnvironment.valueOf(rs.getString("environment")),
        ConnectionState.valueOf(rs.getString("state")),
        sealed(rs, "access_token"),
        sealed(rs, "refresh_token"),
        issued == null ? null : issued.toInstant(),
        flow == Connection.AuthFlow.JWT_BEARER
            ? new Connection.JwtSubject(
                rs.getString("jwt_username"),
                rs.getString("jwt_private_key_ref"),
                rs.getString("oauth_client_id"))
            : null,
        rs.getLong("version"));
  }

  private static SealedSecret sealed(ResultSet rs, String column) throws SQLException {
    byte[] ciphertext = rs.getBytes(column + "_ciphertext");
    return ciphertext == null
        ? null
        : new SealedSecret(ciphertext, rs.getString(column + "_key_id"));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Reasons are codes and short messages; a long one is cut so a row stays readable. */
  private static String bounded(String reason) {
    if (reason == null || reason.isBlank()) {
      return "unknown";
    }
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }
}
