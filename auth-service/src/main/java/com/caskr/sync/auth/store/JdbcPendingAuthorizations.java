package com.caskr.sync.auth.store;

import com.caskr.sync.auth.connections.PendingAuthorization;
import com.caskr.sync.auth.connections.PendingAuthorizations;
import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link PendingAuthorizations} on {@code auth.oauth_authorization_requests}. Expiry is the
 * database's clock on both sides ({@code now()}), and consuming is one {@code UPDATE … RETURNING},
 * so two callbacks with the same state cannot both get the flow. Rows a day past their expiry are
 * deleted as new flows start (the recent ones stay for whoever investigates a failed connect).
 */
public final class JdbcPendingAuthorizations implements PendingAuthorizations {

  private final JdbcClient jdbc;

  public JdbcPendingAuthorizations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void save(
      PendingAuthorization pending, byte[] stateHash, byte[] sessionHash, Duration ttl) {
    jdbc.sql("delete from oauth_authorization_requests where expires_at < now() - interval '1 day'")
        .update();
    jdbc.sql(
            """
            insert into oauth_authorization_requests
                (company_id, state_hash, admin_session_hash, requested_by, environment, login_host,
                 pkce_verifier_ciphertext, pkce_verifier_key_id, redirect_uri, expires_at)
            values (:company, :state, :session, :requestedBy, :environment, :loginHost, :verifier,
                    :verifierKey, :redirectUri, now() + make_interval(secs => :ttl))
            """)
        .param("company", pending.companyId())
        .param("state", stateHash)
        .param("session", sessionHash)
        .param("requestedBy", pending.requestedBy())
        .param("environment", pending.environment().name())
        .param("loginHost", pending.loginHost())
        .param("verifier", pending.verifier().ciphertext())
        .param("verifierKey", pending.verifier().keyId())
        .param("redirectUri", pending.redirectUri())
        .param("ttl", ttl.toMillis() / 1000.0)
        .update();
  }

  @Override
  public Optional<PendingAuthorization> consume(byte[] stateHash, byte[] sessionHash) {
    return jdbc.sql(
            """
            update oauth_authorization_requests set consumed_at = now()
             where state_hash = :state and admin_session_hash = :session and consumed_at is null
               and expires_at > now()
            returning company_id, requested_by, environment, login_host, pkce_verifier_ciphertext,
                      pkce_verifier_key_id, redirect_uri
            """)
        .param("state", stateHash)
        .param("session", sessionHash)
        .query(
            (rs, n) ->
                new PendingAuthorization(
                    rs.getLong("company_id"),
                    rs.getString("requested_by"),
                    SalesforceEnvironment.valueOf(rs.getString("environment")),
                    rs.getString("login_host"),
                    new SealedSecret(
                        rs.getBytes("pkce_verifier_ciphertext"),
                        rs.getString("pkce_verifier_key_id")),
                    rs.getString("redirect_uri")))
        .optional();
  }
}
