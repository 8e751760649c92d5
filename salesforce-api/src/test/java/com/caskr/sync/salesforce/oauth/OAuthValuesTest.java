package com.caskr.sync.salesforce.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OAuthValuesTest {

  @Test
  void pkceChallengeIsTheBase64UrlSha256OfTheVerifier() {
    // Expected value computed independently (Python hashlib + urlsafe_b64encode, padding stripped).
    Pkce pkce = Pkce.of("dBjftJeZ4CVP-mJ92IgDhH2UbvcI5WWWtZqIgXQfxlrWvSKU");
    assertThat(pkce.challenge()).isEqualTo("ruwjslU_XLLSv0RiSX_AXqqU2aROXDavI_FkWWhpLg0");
    assertThat(Pkce.generate().verifier()).hasSize(43);
  }

  @Test
  void tokenResponseHasIssuedAtMillisAndTheIdentityIdsButNoExpiry() {
    var body =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"access_token\":\"00D!x\",\"signature\":\"s\",\"scope\":\"id api refresh_token\","
                    + "\"instance_url\":\"https://acme.my.salesforce.com\","
                    + "\"id\":\"https://login.salesforce.com/id/00D000000000062/005000000000001\","
                    + "\"token_type\":\"Bearer\",\"issued_at\":\"1700000000123\",\"is_readonly\":\"false\"}");
    TokenResponse token = OAuthClient.parseToken(body);

    assertThat(token.issuedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(token.identity().orgId().value()).hasSize(18).startsWith("00D000000000062");
    assertThat(token.identity().userId().keyPrefix()).isEqualTo("005");
    assertThat(token.scopes()).isEqualTo(Set.of("id", "api", "refresh_token"));
    assertThat(token.newRefreshToken()).isEmpty();
    assertThat(token.instanceUrl()).isEqualTo(URI.create("https://acme.my.salesforce.com"));
    assertThat(token.toString()).doesNotContain("00D!x");
  }

  @Test
  void aCallbackMustCarryOurStateAndSurfacesDenial() {
    var request =
        new AuthorizationRequest(
            URI.create("https://login.salesforce.com/services/oauth2/authorize"),
            "https://app/cb",
            "s1",
            Pkce.generate());

    assertThat(request.codeFrom(URI.create("https://app/cb?code=aPrx%3D%3D&state=s1")))
        .isEqualTo("aPrx==");
    assertThatThrownBy(() -> request.codeFrom(URI.create("https://app/cb?code=c&state=other")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                request.codeFrom(
                    URI.create(
                        "https://app/cb?error=access_denied&error_description=end-user+denied+authorization&state=s1")))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
  }

  @Test
  void loginHostsRefusePlainHttpExceptOnLoopback() {
    assertThat(LoginHost.of("http://127.0.0.1:8090", LoginHost.PRODUCTION_AUDIENCE).baseUrl())
        .hasToString("http://127.0.0.1:8090");
    assertThatThrownBy(() -> LoginHost.of("http://login.example.com", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
