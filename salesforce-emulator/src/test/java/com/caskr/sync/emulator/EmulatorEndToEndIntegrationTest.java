package com.caskr.sync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator as a client meets it, with the application's own beans (no test replacements): a
 * token from the OAuth surface opens the REST surface, and revoking it closes the REST surface.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmulatorEndToEndIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort private int port;
  @Autowired private Orgs orgs;
  @Autowired private ConnectedApps apps;

  @Test
  void aJwtBearerTokenWritesAndQueriesOverRestUntilItIsRevoked() throws Exception {
    Org demo =
        orgs.all().stream()
            .filter(org -> org.name().equals(DemoDistillery.NAME))
            .findFirst()
            .orElseThrow();
    String username = DemoDistillery.users().getFirst().username();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    ConnectedApp app =
        apps.save(
            apps.create(demo.id(), "Caskr Sync", "http://127.0.0.1/callback")
                .withPublicKey((RSAPublicKey) keys.getPublic())
                .withPreAuthorizedUser(demo.userIdByUsername(username).orElseThrow()));

    JsonNode token =
        json(
            post(
                "/services/oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type="
                    + encode("urn:ietf:params:oauth:grant-type:jwt-bearer")
                    + "&assertion="
                    + encode(assertion(keys, app.clientId(), username)),
                null),
            200);
    String accessToken = token.get("access_token").asString();
    String instance = token.get("instance_url").asString();
    assertThat(instance).isEqualTo("http://127.0.0.1:" + port);

    HttpResponse<String> created =
        post(
            "/services/data/v62.0/sobjects/Account",
            "application/json",
            "{\"Name\":\"Copper Still Tavern\",\"Industry\":\"Restaurants\"}",
            accessToken);
    String accountId = json(created, 201).get("id").asString();
    assertThat(created.headers().firstValue("Sforce-Limit-Info").orElseThrow())
        .matches("api-usage=\\d+/\\d+");

    String soql = "SELECT Id, Name, Industry FROM Account WHERE Id = '" + accountId + "'";
    JsonNode page = json(get("/services/data/v62.0/query?q=" + encode(soql), accessToken), 200);
    assertThat(page.get("totalSize").asInt()).isEqualTo(1);
    assertThat(page.get("records").get(0).get("Name").asString()).isEqualTo("Copper Still Tavern");

    json(
        post(
            "/services/oauth2/revoke",
            "application/x-www-form-urlencoded",
            "token=" + encode(accessToken),
            null),
        200);
    HttpResponse<String> refused = get("/services/data/v62.0/query?q=" + encode(soql), accessToken);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).get(0).get("errorCode").asString())
        .isEqualTo("INVALID_SESSION_ID");
  }

  private static String assertion(KeyPair keys, String clientId, String username) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(username)
            .audience("https://login.salesforce.com")
            .expirationTime(Date.from(Instant.now().plusSeconds(120)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(keys.getPrivate()));
    return jwt.serialize();
  }

  private HttpResponse<String> post(String path, String contentType, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode())
        .as("status of %s: %s", response.uri(), response.body())
        .isEqualTo(expectedStatus);
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
