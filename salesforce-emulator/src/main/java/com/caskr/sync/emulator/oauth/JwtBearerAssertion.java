package com.caskr.sync.emulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A JWT bearer assertion as Salesforce checks it: RS256 only, signed with the app's key. */
final class JwtBearerAssertion {

  /** Salesforce wants exp at most ~3 minutes ahead and allows 3 minutes of clock skew. */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(3);

  static final Duration SKEW = Duration.ofMinutes(3);

  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,18}");

  private final SignedJWT jwt;
  private final JWTClaimsSet claims;

  private JwtBearerAssertion(SignedJWT jwt, JWTClaimsSet claims) {
    this.jwt = jwt;
    this.claims = claims;
  }

  /** Parses a compact JWS; unsigned ({@code alg: none}) and non-RS256 tokens are refused. */
  static JwtBearerAssertion parse(String assertion) {
    if (assertion == null || assertion.isBlank()) {
      throw new OAuthError("invalid_request", "assertion required");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(assertion);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
        throw invalidAssertion();
      }
      return new JwtBearerAssertion(jwt, claims(jwt));
    } catch (ParseException e) {
      throw invalidAssertion();
    }
  }

  /**
   * The claims, with {@code exp} as a number or as a string of digits: Salesforce accepts both, its
   * documentation's own example sends {@code "exp": "1333685628"}, and so do clients such as Apache
   * Camel. Any other {@code exp} stays unparseable.
   */
  private static JWTClaimsSet claims(SignedJWT jwt) throws ParseException {
    Map<String, Object> json = jwt.getPayload().toJSONObject();
    if (json == null) {
      throw new ParseException("payload is not a JSON object", 0);
    }
    if (json.get(JWTClaimNames.EXPIRATION_TIME) instanceof String exp) {
      if (!EPOCH_SECONDS.matcher(exp).matches()) {
        throw new ParseException("exp is not a number of seconds", 0);
      }
      json = new HashMap<>(json);
      json.put(JWTClaimNames.EXPIRATION_TIME, Long.parseLong(exp));
    }
    return JWTClaimsSet.parse(json);
  }

  String issuer() {
    return claims.getIssuer();
  }

  /** {@code prn} is still accepted in place of {@code sub}. */
  Optional<String> subject() {
    if (claims.getSubject() != null) {
      return Optional.of(claims.getSubject());
    }
    try {
      return Optional.ofNullable(claims.getStringClaim("prn"));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  void verify(ConnectedApp app, LoginEnvironment environment, Instant now) {
    if (app.jwtKey() == null) {
      throw invalidAssertion();
    }
    try {
      if (!jwt.verify(new RSASSAVerifier(app.jwtKey()))) {
        throw invalidAssertion();
      }
    } catch (JOSEException e) {
      throw invalidAssertion();
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(environment.loginHost())) {
      throw new OAuthError("invalid_grant", "audience is invalid");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null
        || exp.toInstant().isBefore(now.minus(SKEW))
        || exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
      throw invalidAssertion();
    }
  }

  private static OAuthError invalidAssertion() {
    return new OAuthError("invalid_grant", "invalid assertion");
  }
}
