package com.caskr.sync.authclient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * auth-service's side of {@link ServiceCredentials}: accepts a credential only when it is HS256,
 * signed with the secret of the service it names, meant for auth-service, unexpired (with a small
 * clock skew), not issued in the future, minted no longer than the lifetime ago, and about the
 * company the request asks for. The reason a credential fails is for auth-service's log; the caller
 * learns only 401 or 403.
 */
public final class ServiceCredentialVerifier {

  private static final Duration SKEW = Duration.ofSeconds(5);

  /** A caller auth-service accepted. */
  public record Caller(String service, long companyId) {}

  /** Why a credential was refused; {@code forbidden} means well-signed but for something else. */
  public static final class Refused extends Exception {

    private final boolean forbidden;

    Refused(String reason, boolean forbidden) {
      super(reason);
      this.forbidden = forbidden;
    }

    public boolean forbidden() {
      return forbidden;
    }
  }

  private final Map<String, MACVerifier> verifiers;
  private final Clock clock;

  /**
   * @param secrets each calling service's name and its secret (at least 32 bytes)
   */
  public ServiceCredentialVerifier(Map<String, String> secrets, Clock clock) {
    Map<String, MACVerifier> byService = new HashMap<>();
    secrets.forEach(
        (service, secret) -> {
          try {
            byService.put(
                ServiceCredentials.requireServiceName(service),
                new MACVerifier(ServiceCredentials.secretBytes(secret)));
          } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable secret for " + service, e);
          }
        });
    this.verifiers = Map.copyOf(byService);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The caller, if {@code credential} may read {@code companyId}'s connection. */
  public Caller verify(String credential, long companyId) throws Refused {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(credential);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | NullPointerException e) {
      throw new Refused("not a JWT", false);
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new Refused("algorithm " + jwt.getHeader().getAlgorithm() + " is not HS256", false);
    }
    String service = claims.getIssuer();
    MACVerifier verifier = service == null ? null : verifiers.get(service);
    if (verifier == null) {
      throw new Refused("unknown service " + service, false);
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new Refused("bad signature for " + service, false);
      }
    } catch (JOSEException e) {
      throw new Refused("signature not verifiable for " + service, false);
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.equals(List.of(ServiceCredentials.AUDIENCE))) {
      throw new Refused("audience " + audience + " is not auth-service", false);
    }
    Instant now = clock.instant();
    Date issued = claims.getIssueTime();
    Date expires = claims.getExpirationTime();
    if (issued == null || expires == null) {
      throw new Refused("iat and exp are required", false);
    }
    if (expires.toInstant().plus(SKEW).isBefore(now)) {
      throw new Refused("expired credential from " + service, false);
    }
    if (issued.toInstant().minus(SKEW).isAfter(now)
        || Duration.between(issued.toInstant(), expires.toInstant())
                .compareTo(ServiceCredentials.LIFETIME)
            > 0) {
      throw new Refused("credential from " + service + " outside its lifetime", false);
    }
    Object company = claims.getClaim(ServiceCredentials.COMPANY_CLAIM);
    if (!(company instanceof Number number) || number.longValue() != companyId) {
      throw new Refused(
          service + " holds a credential for company " + company + ", not " + companyId, true);
    }
    return new Caller(service, companyId);
  }
}
