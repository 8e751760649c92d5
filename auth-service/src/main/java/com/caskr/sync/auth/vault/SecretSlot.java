package com.caskr.sync.auth.vault;

import java.nio.charset.StandardCharsets;

/**
 * Where a secret lives: the associated data its ciphertext is bound to. A ciphertext copied into
 * another company's row, or from the refresh-token column into the access-token column, fails to
 * open instead of handing one tenant's token to another.
 *
 * @param companyId the Caskr company whose row holds the secret
 * @param kind which secret of that row
 */
public record SecretSlot(long companyId, Kind kind) {

  /** The secrets auth-service seals. */
  public enum Kind {
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    PKCE_VERIFIER
  }

  public SecretSlot {
    if (companyId <= 0) {
      throw new IllegalArgumentException("company id must be positive: " + companyId);
    }
    java.util.Objects.requireNonNull(kind, "kind");
  }

  public static SecretSlot accessToken(long companyId) {
    return new SecretSlot(companyId, Kind.ACCESS_TOKEN);
  }

  public static SecretSlot refreshToken(long companyId) {
    return new SecretSlot(companyId, Kind.REFRESH_TOKEN);
  }

  public static SecretSlot pkceVerifier(long companyId) {
    return new SecretSlot(companyId, Kind.PKCE_VERIFIER);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " of company "
        + companyId;
  }

  byte[] associatedData() {
    return ("caskr-sync/auth-service/v1|company=" + companyId + "|" + kind)
        .getBytes(StandardCharsets.UTF_8);
  }
}
