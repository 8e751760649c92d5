package com.caskr.sync.authclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCredentialsTest {

  private static final String INGEST_SECRET = "ingest-service-secret-of-32-bytes-or-more";
  private static final String WRITEBACK_SECRET = "writeback-service-secret-32-bytes-or-more";
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  private final ServiceCredentials ingest =
      new ServiceCredentials("ingest-service", INGEST_SECRET, at(NOW));
  private final ServiceCredentialVerifier verifier =
      new ServiceCredentialVerifier(
          Map.of("ingest-service", INGEST_SECRET, "writeback-service", WRITEBACK_SECRET), at(NOW));

  @Test
  void acceptsAFreshCredentialForTheCompanyItNames() throws Exception {
    assertThat(verifier.verify(ingest.mint(7), 7))
        .isEqualTo(new ServiceCredentialVerifier.Caller("ingest-service", 7));
  }

  @Test
  void forbidsACredentialMintedForAnotherCompany() {
    String forCompany7 = ingest.mint(7);

    assertThatThrownBy(() -> verifier.verify(forCompany7, 8))
        .isInstanceOfSatisfying(
            ServiceCredentialVerifier.Refused.class, r -> assertThat(r.forbidden()).isTrue())
        .hasMessageContaining("company 7, not 8");
  }

  @Test
  void refusesExpiredAndFutureCredentials() {
    String old =
        new ServiceCredentials("ingest-service", INGEST_SECRET, at(NOW.minusSeconds(70))).mint(7);
    String future =
        new ServiceCredentials("ingest-service", INGEST_SECRET, at(NOW.plusSeconds(30))).mint(7);

    assertThatThrownBy(() -> verifier.verify(old, 7)).hasMessageContaining("expired");
    assertThatThrownBy(() -> verifier.verify(future, 7)).hasMessageContaining("lifetime");
  }

  @Test
  void refusesCredentialsSignedWithAnotherServicesSecretOrForAnUnknownService() {
    String impostor = new ServiceCredentials("ingest-service", WRITEBACK_SECRET, at(NOW)).mint(7);
    String stranger =
        new ServiceCredentials("mapping-service", "mapping-service-secret-of-32-bytes!!", at(NOW))
            .mint(7);

    assertThatThrownBy(() -> verifier.verify(impostor, 7))
        .isInstanceOfSatisfying(
            ServiceCredentialVerifier.Refused.class, r -> assertThat(r.forbidden()).isFalse())
        .hasMessageContaining("bad signature");
    assertThatThrownBy(() -> verifier.verify(stranger, 7)).hasMessageContaining("unknown service");
  }

  @Test
  void refusesUnsignedWrongAudienceAndOverlongCredentials() throws Exception {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer("ingest-service")
            .audience("auth-service")
            .issueTime(Date.from(NOW))
            .expirationTime(Date.from(NOW.plusSeconds(30)))
            .claim("company_id", 7L);
    String unsigned = new PlainJWT(new PlainHeader(), claims.build()).serialize();
    String wrongAudience = signed(claims.audience("mapping-service").build(), JWSAlgorithm.HS256);
    String overlong =
        signed(
            claims
                .audience("auth-service")
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
                .build(),
            JWSAlgorithm.HS256);
    String hs512 =
        signed(claims.expirationTime(Date.from(NOW.plusSeconds(30))).build(), JWSAlgorithm.HS512);

    assertThatThrownBy(() -> verifier.verify(unsigned, 7)).hasMessageContaining("not a JWT");
    assertThatThrownBy(() -> verifier.verify(wrongAudience, 7)).hasMessageContaining("audience");
    assertThatThrownBy(() -> verifier.verify(overlong, 7)).hasMessageContaining("lifetime");
    assertThatThrownBy(() -> verifier.verify(hs512, 7)).hasMessageContaining("not HS256");
    assertThatThrownBy(() -> verifier.verify("garbage", 7)).hasMessageContaining("not a JWT");
  }

  @Test
  void refusesWeakSecretsAndOddServiceNames() {
    assertThatThrownBy(() -> new ServiceCredentials("ingest-service", "short", at(NOW)))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> new ServiceCredentials("Ingest Service", INGEST_SECRET, at(NOW)))
        .hasMessageContaining("service name");
    assertThatThrownBy(() -> ingest.mint(0)).hasMessageContaining("positive");
  }

  private static String signed(JWTClaimsSet claims, JWSAlgorithm algorithm) throws Exception {
    var jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    // HS512 needs a 64-byte key; the verifier refuses it for its algorithm before any signature.
    String secret =
        algorithm.equals(JWSAlgorithm.HS256)
            ? INGEST_SECRET
            : INGEST_SECRET + "-padding-to-64-bytes-for-hs512-signing!!";
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
