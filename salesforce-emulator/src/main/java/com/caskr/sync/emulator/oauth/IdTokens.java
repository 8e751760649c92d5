package com.caskr.sync.emulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenID Connect id tokens: RS256 JWTs signed with a key the emulator generates at start-up, whose
 * public half is served as a JWKS at {@code /id/keys}. A restart means a new key.
 */
public final class IdTokens {

  /** Salesforce's id tokens are short-lived; the exact lifetime is a guess. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final RSAKey key;

  public IdTokens() {
    try {
      this.key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyID(UUID.randomUUID().toString().substring(0, 8))
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate the id token key", e);
    }
  }

  /** The JWKS document: the public signing key only. */
  public Map<String, Object> jwks() {
    return Map.of("keys", List.of(key.toPublicJWK().toJSONObject()));
  }

  /**
   * An id token for the user of an access token.
   *
   * @param issuer the login host, e.g. https://login.salesforce.com
   * @param subject the identity URL
   * @param user the claims about the user (preferred_username, email, …)
   */
  String issue(
      String issuer,
      String subject,
      String clientId,
      String accessToken,
      Instant issuedAt,
      Map<String, Object> user) {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience(clientId)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
            .claim("at_hash", atHash(accessToken));
    user.forEach(
        (name, value) -> {
          if (value != null) {
            claims.claim(name, value);
          }
        });
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign an id token", e);
    }
    return jwt.serialize();
  }

  /** OIDC at_hash: base64url of the left half of SHA-256 of the access token. */
  private static String atHash(String accessToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(digest, digest.length / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
