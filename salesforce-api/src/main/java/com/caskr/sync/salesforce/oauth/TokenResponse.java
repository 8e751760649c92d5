package com.caskr.sync.salesforce.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A successful token-endpoint answer. There is no expiry: Salesforce sends no {@code expires_in}; a
 * session lives until the org's timeout or a revoke, so treat a REST 401 as the signal to refresh
 * (gotcha 1).
 *
 * @param refreshToken present only when the grant includes {@code refresh_token} and, on a refresh,
 *     only when the app rotates refresh tokens; null otherwise (never from JWT bearer)
 * @param instanceUrl where every API call goes; it can change on refresh, so store the latest
 * @param issuedAt {@code issued_at}, sent as epoch milliseconds in a string
 * @param idToken the OpenID Connect id token, or null without the {@code openid} scope
 */
public record TokenResponse(
    String accessToken,
    String refreshToken,
    URI instanceUrl,
    Identity identity,
    Instant issuedAt,
    String signature,
    Set<String> scopes,
    String tokenType,
    String idToken) {

  public TokenResponse {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("A token response needs an access_token");
    }
    if (instanceUrl == null || identity == null || issuedAt == null) {
      throw new IllegalArgumentException("A token response needs instance_url, id and issued_at");
    }
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** The rotated (or first) refresh token, when one came. */
  public Optional<String> newRefreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The session to call the API with. */
  public Session session() {
    return new Session(accessToken, instanceUrl);
  }

  /**
   * Whether {@code signature} is Base64(HMAC-SHA256(client secret, id + issued_at)), i.e. the
   * response came from the org that knows our secret.
   */
  public boolean signatureMatches(String clientSecret) {
    if (signature == null || clientSecret == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected =
          mac.doFinal(
              (identity.url().toString() + issuedAt.toEpochMilli())
                  .getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(
          expected, Base64.getDecoder().decode(signature.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "TokenResponse[instanceUrl="
        + instanceUrl
        + ", identity="
        + identity.url()
        + ", issuedAt="
        + issuedAt
        + ", scopes="
        + scopes
        + ", refreshToken="
        + (refreshToken == null ? "none" : "***")
        + "]";
  }
}
