package com.caskr.sync.ingest.webhook;

import com.caskr.sync.schema.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-org webhook signing secrets ({@code ingest.webhook_secrets}), sealed at rest. A rotation
 * makes a new current secret and keeps the previous one valid for a grace period, so senders can
 * switch without a window of refused webhooks.
 *
 * <p>Opened secrets are cached per tenant for a few seconds (a database round trip and a decryption
 * per webhook would dominate the request); a signature that does not verify against the cached
 * secrets is checked once more against fresh ones, so a rotation made on another instance is
 * honoured at once.
 */
final class WebhookSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CACHE_FOR = Duration.ofSeconds(30);
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);

  /** A rotation's result: the new secret (shown once) and until when the previous one works. */
  record Rotation(String secret, Instant previousValidUntil) {}

  private record Valid(byte[] secret, Instant until) {}

  /**
   * Secrets as loaded; {@code all} and {@code firstExpiry} spare every webhook a filtered copy
   * while none has expired.
   */
  private record Cached(
      List<Valid> secrets, Instant loadedAt, List<byte[]> all, Instant firstExpiry) {

    static Cached of(List<Valid> secrets, Instant loadedAt) {
      Instant firstExpiry = null;
      for (Valid valid : secrets) {
        if (valid.until() != null && (firstExpiry == null || valid.until().isBefore(firstExpiry))) {
          firstExpiry = valid.until();
        }
      }
      return new Cached(
          List.copyOf(secrets),
          loadedAt,
          secrets.stream().map(Valid::secret).toList(),
          firstExpiry);
    }

    List<byte[]> at(Instant now) {
      if (firstExpiry == null || firstExpiry.isAfter(now)) {
        return all;
      }
      return secrets.stream()
          .filter(valid -> valid.until() == null || valid.until().isAfter(now))
          .map(Valid::secret)
          .toList();
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final WebhookSecretVault vault;
  private final Clock clock;
  private final Map<Tenant, Cached> cache = new ConcurrentHashMap<>();

  /**
   * @param vault null when no keyset is configured: webhooks are then switched off ({@link
   *     #enabled()})
   */
  WebhookSecrets(
      JdbcClient jdbc, TransactionTemplate transactions, WebhookSecretVault vault, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.vault = vault;
    this.clock = clock;
  }

  /** Whether a keyset is configured; without one no secret can be made or opened. */
  boolean enabled() {
    return vault != null;
  }

  /** The secrets a signature may be made with now (current first); cached. */
  List<byte[]> valid(Tenant tenant) {
    Instant now = clock.instant();
    Cached cached = cache.get(tenant);
    if (cached == null || cached.loadedAt().plus(CACHE_FOR).isBefore(now)) {
      cached = load(tenant, now);
    }
    return cached.at(now);
  }

  /**
   * Fresh secrets after a signature failed against cached ones; empty when the cache was loaded too
   * recently to be worth another read (a stream of bad signatures must not hammer the database).
   */
  List<byte[]> reloaded(Tenant tenant) {
    Instant now = clock.instant();
    Cached cached = cache.get(tenant);
    if (cached != null && cached.loadedAt().plus(MIN_RELOAD_INTERVAL).isAfter(now)) {
      return List.of();
    }
    return load(tenant, now).at(now);
  }

  /** Makes a new current secret; the previous one (if any) stays valid for {@code grace}. */
  Rotation rotate(Tenant tenant, Duration grace) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    WebhookSecretVault.Sealed sealed = vault.seal(secret.getBytes(StandardCharsets.UTF_8), tenant);
    Instant now = clock.instant();
    Instant previousUntil =
        transactions.execute(
            status -> {
              jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                  .param("ingest.webhook_secrets:" + tenant.companyId() + ":" + tenant.orgId())
                  .query()
                  .singleValue();
              jdbc.sql(
                      "DELETE FROM ingest.webhook_secrets WHERE company_id = ? AND org_id = ?"
                          + " AND valid_until < ?")
                  .params(tenant.companyId(), tenant.orgId().value(), Timestamp.from(now))
                  .update();
              Instant until = now.plus(grace);
              int replaced =
                  jdbc.sql(
                          "UPDATE ingest.webhook_secrets SET valid_until = GREATEST(?, created_at)"
                              + " WHERE company_id = ? AND org_id = ? AND valid_until IS NULL")
                      .params(Timestamp.from(until), tenant.companyId(), tenant.orgId().value())
                      .update();
              jdbc.sql(
                      "INSERT INTO ingest.webhook_secrets (company_id, org_id, secret_ciphertext,"
                          + " secret_key_id, created_at) VALUES (?, ?, ?, ?, ?)")
                  .params(
                      tenant.companyId(),
                      tenant.orgId().value(),
                      sealed.ciphertext(),
                      sealed.keyId(),
                      Timestamp.from(now))
                  .update();
              return replaced == 0 ? null : until;
            });
    cache.remove(tenant);
    return new Rotation(secret, previousUntil);
  }

  private Cached load(Tenant tenant, Instant now) {
    List<Valid> secrets =
        jdbc.sql(
                "SELECT secret_ciphertext, secret_key_id, valid_until FROM ingest.webhook_secrets"
                    + " WHERE company_id = ? AND org_id = ? AND (valid_until IS NULL OR valid_until > ?)"
                    + " ORDER BY valid_until NULLS FIRST, created_at DESC")
            .params(tenant.companyId(), tenant.orgId().value(), Timestamp.from(now))
            .query(
                (row, n) -> {
                  Timestamp until = row.getTimestamp(3);
                  return new Valid(
                      vault.open(
                          new WebhookSecretVault.Sealed(row.getBytes(1), row.getString(2)), tenant),
                      until == null ? null : until.toInstant());
                })
            .list();
    Cached fresh = Cached.of(secrets, now);
    cache.put(tenant, fresh);
    return fresh;
  }
}
