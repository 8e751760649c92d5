package com.caskr.sync.salesforce.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair: {@code challenge} is the base64url (no padding) SHA-256 of {@code verifier} (S256,
 * RFC 7636). Send the challenge to {@code authorize} and the verifier to {@code token}.
 */
public record Pkce(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  public Pkce {
    if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
      throw new IllegalArgumentException("A PKCE verifier has 43 to 128 characters");
    }
    if (!challenge.equals(challengeOf(verifier))) {
      throw new IllegalArgumentException("The PKCE challenge does not match its verifier");
    }
  }

  /** A fresh verifier of 32 random bytes and its challenge. */
  public static Pkce generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return of(BASE64URL.encodeToString(bytes));
  }

  public static Pkce of(String verifier) {
    return new Pkce(verifier, challengeOf(verifier));
  }

  static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String randomState() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
