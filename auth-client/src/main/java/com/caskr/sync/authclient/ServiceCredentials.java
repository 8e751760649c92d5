package com.caskr.sync.authclient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mints the short-lived credential a service presents to auth-service's internal token API: an
 * HS256 JWT naming the calling service ({@code iss}), the audience {@code auth-service}, the one
 * company it asks about ({@code company_id}), and a lifetime of {@link #LIFETIME}. A credential
 * minted for one company is refused for another (ADR 0010).
 */
public final class ServiceCredentials {

  /** The audience every credential names. */
  public static final String AUDIENCE = "auth-service";

  /** How long a credential is accepted after it is minted. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The claim holding the company id. */
  public static final String COMPANY_CLAIM = "company_id";

  static final int MINIMUM_SECRET_BYTES = 32;
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  private final String service;
  private final MACSigner signer;
  private final Clock clock;

  /**
   * @param service the calling service's name, e.g. {@code ingest-service}
   * @param secret the secret auth-service holds for that service; at least 32 bytes
   */
  public ServiceCredentials(String service, String secret, Clock clock) {
    this.service = requireServiceName(service);
    this.signer = signer(secret);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A fresh credential for a request about {@code companyId}. */
  public String mint(long companyId) {
    if (companyId <= 0) {
      throw new IllegalArgumentException("company id must be positive: " + companyId);
    }
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(service)
            .subject(service)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim(COMPANY_CLAIM, companyId)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a service credential", e);
    }
    return jwt.serialize();
  }

  static String requireServiceName(String service) {
    if (service == null || !SERVICE_NAME.matcher(service).matches()) {
      throw new IllegalArgumentException(
          "a service name is lower-case letters, digits and dashes: " + service);
    }
    return service;
  }

  static byte[] secretBytes(String secret) {
    if (secret == null) {
      throw new IllegalArgumentException("a service secret is required");
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MINIMUM_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "a service secret must have at least " + MINIMUM_SECRET_BYTES + " bytes");
    }
    return bytes;
  }

  private static MACSigner signer(String secret) {
    try {
      return new MACSigner(secretBytes(secret));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable service secret", e);
    }
  }
}
