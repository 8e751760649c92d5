package com.caskr.sync.auth.keyring;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.SecretUnreadable;
import com.caskr.sync.auth.vault.TokenVault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves secrets sealed under a key that is no longer primary to the primary key, after a rotation.
 * Each connection row is rewritten under its version (compare-and-set), so a refresh that stores
 * new tokens at the same moment wins and the row is simply looked at again on the next run.
 */
public final class ReEncryption {

  private static final Logger log = LoggerFactory.getLogger(ReEncryption.class);
  private static final int BATCH = 100;

  /** What one run did. */
  public record Summary(int resealed, int unreadable, int raced) {}

  private record ConnectionRow(
      long id,
      long companyId,
      long version,
      byte[] access,
      String accessKeyId,
      byte[] refresh,
      String refreshKeyId) {}

  private record RequestRow(long id, long companyId, byte[] verifier, String verifierKeyId) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final TokenVault vault;
  private final Counter resealed;
  private final Counter unreadable;

  ReEncryption(
      JdbcClient jdbc, TransactionTemplate transactions, TokenVault vault, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.vault = vault;
    this.resealed = meters.counter("crm_vault_secrets_resealed_total");
    this.unreadable = meters.counter("crm_vault_secrets_unreadable_total");
  }

  @Scheduled(
      initialDelayString = "${auth.vault.re-encrypt-initial-delay:30s}",
      fixedDelayString = "${auth.vault.re-encrypt-interval:10m}")
  void scheduled() {
    Summary summary = run();
    if (summary.resealed() > 0 || summary.unreadable() > 0) {
      log.info(
          "vault re-encryption: {} secrets re-sealed under key {}, {} unreadable",
          summary.resealed(),
          vault.primaryKeyId(),
          summary.unreadable());
    }
  }

  /** Re-seals every stale secret it can; returns what it did. */
  public Summary run() {
    int done = 0;
    int failed = 0;
    int raced = 0;
    long after = 0;
    while (true) {
      List<ConnectionRow> rows = staleConnections(after);
      for (ConnectionRow row : rows) {
        after = row.id();
        switch (resealConnection(row)) {
          case RESEALED -> done++;
          case UNREADABLE -> failed++;
          case RACED -> raced++;
        }
      }
      if (rows.size() < BATCH) {
        break;
      }
    }
    after = 0;
    while (true) {
      List<RequestRow> rows = staleRequests(after);
      for (RequestRow row : rows) {
        after = row.id();
        if (resealRequest(row)) {
          done++;
        } else {
          failed++;
        }
      }
      if (rows.size() < BATCH) {
        break;
      }
    }
    resealed.increment(done);
    unreadable.increment(failed);
    return new Summary(done, failed, raced);
  }

  private enum Outcome {
    RESEALED,
    UNREADABLE,
    RACED
  }

  private Outcome resealConnection(ConnectionRow row) {
    SealedSecret access;
    SealedSecret refresh;
    try {
      access = reseal(row.access(), row.accessKeyId(), SecretSlot.accessToken(row.companyId()));
      refresh = reseal(row.refresh(), row.refreshKeyId(), SecretSlot.refreshToken(row.companyId()));
    } catch (SecretUnreadable e) {
      log.error("connection {} cannot be re-sealed: {}", row.id(), e.getMessage());
      return Outcome.UNREADABLE;
    }
    Boolean updated =
        transactions.execute(
            status -> {
              int count =
                  jdbc.sql(
                          """
                          update crm_integrations
                             set access_token_ciphertext = :access, access_token_key_id = :accessKey,
                                 refresh_token_ciphertext = :refresh,
                                 refresh_token_key_id = :refreshKey, version = version + 1
                           where id = :id and version = :version
                          """)
                      .param("access", access == null ? null : access.ciphertext())
                      .param("accessKey", access == null ? null : access.keyId())
                      .param("refresh", refresh == null ? null : refresh.ciphertext())
                      .param("refreshKey", refresh == null ? null : refresh.keyId())
                      .param("id", row.id())
                      .param("version", row.version())
                      .update();
              if (count == 0) {
                return false;
              }
              jdbc.sql(
                      """
                      insert into crm_integration_audit
                          (company_id, integration_id, event_type, actor, details)
                      values (:company, :id, 'TOKENS_RE_ENCRYPTED', 'auth-service',
                              jsonb_build_object('toKeyId', :keyId))
                      """)
                  .param("company", row.companyId())
                  .param("id", row.id())
                  .param("keyId", vault.primaryKeyId())
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(updated) ? Outcome.RESEALED : Outcome.RACED;
  }

  private boolean resealRequest(RequestRow row) {
    SealedSecret verifier;
    try {
      verifier =
          reseal(row.verifier(), row.verifierKeyId(), SecretSlot.pkceVerifier(row.companyId()));
    } catch (SecretUnreadable e) {
      log.error("authorization request {} cannot be re-sealed: {}", row.id(), e.getMessage());
      return false;
    }
    jdbc.sql(
            """
            update oauth_authorization_requests
               set pkce_verifier_ciphertext = :ciphertext, pkce_verifier_key_id = :keyId
             where id = :id and pkce_verifier_key_id = :oldKeyId
            """)
        .param("ciphertext", verifier.ciphertext())
        .param("keyId", verifier.keyId())
        .param("id", row.id())
        .param("oldKeyId", row.verifierKeyId())
        .update();
    return true;
  }

  /** The secret re-sealed under the primary key; as it was when already there; null when absent. */
  private SealedSecret reseal(byte[] ciphertext, String keyId, SecretSlot slot) {
    if (ciphertext == null) {
      return null;
    }
    SealedSecret sealed = new SealedSecret(ciphertext, keyId);
    if (!vault.isStale(sealed)) {
      return sealed;
    }
    Secret secret = vault.open(sealed, slot);
    return vault.seal(secret, slot);
  }

  private List<ConnectionRow> staleConnections(long after) {
    return jdbc.sql(
            """
            select id, company_id, version, access_token_ciphertext, access_token_key_id,
                   refresh_token_ciphertext, refresh_token_key_id
              from crm_integrations
             where id > :after
               and (access_token_key_id <> :primary or refresh_token_key_id <> :primary)
             order by id
             limit :batch
            """)
        .param("after", after)
        .param("primary", vault.primaryKeyId())
        .param("batch", BATCH)
        .query(
            (rs, n) ->
                new ConnectionRow(
                    rs.getLong("id"),
                    rs.getLong("company_id"),
                    rs.getLong("version"),
                    rs.getBytes("access_token_ciphertext"),
                    rs.getString("access_token_key_id"),
                    rs.getBytes("refresh_token_ciphertext"),
                    rs.getString("refresh_token_key_id")))
        .list();
  }

  private List<RequestRow> staleRequests(long after) {
    return jdbc.sql(
            """
            select id, company_id, pkce_verifier_ciphertext, pkce_verifier_key_id
              from oauth_authorization_requests
             where id > :after and consumed_at is null and expires_at > now()
               and pkce_verifier_key_id <> :primary
             order by id
             limit :batch
            """)
        .param("after", after)
        .param("primary", vault.primaryKeyId())
        .param("batch", BATCH)
        .query(
            (rs, n) ->
                new RequestRow(
                    rs.getLong("id"),
                    rs.getLong("company_id"),
                    rs.getBytes("pkce_verifier_ciphertext"),
                    rs.getString("pkce_verifier_key_id")))
        .list();
  }
}
