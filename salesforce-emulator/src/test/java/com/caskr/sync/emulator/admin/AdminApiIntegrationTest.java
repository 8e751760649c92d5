package com.caskr.sync.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "emulator.admin.token=test-admin-token")
class AdminApiIntegrationTest {

  private static final JsonMapper JSON = Api.JSON;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void createsAGeneratedSandboxOrgQuicklyListsItAndItsUsersAndDeletesIt() {
    String name = "Volume " + UUID.randomUUID();
    var created =
        admin(
            "POST",
            "/emulator/orgs",
            """
            {"name": "%s", "sandbox": true,
             "seed": {"generate": {"accounts": 100000}}}
            """
                .formatted(name));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode org = JSON.readTree(created.body());
    String orgId = org.path("id").asString();
    assertThat(orgId).startsWith("00D").hasSize(18);
    assertThat(org.path("sandbox").asBoolean()).isTrue();
    assertThat(org.path("records").path("Account").asLong()).isEqualTo(100_000);
    System.out.println("Seeded 100,000 accounts in " + org.path("seedMillis").asLong() + " ms");
    // The target is well under 10 s; the guard is generous because the 2-core machine is shared.
    assertThat(org.path("seedMillis").asLong()).isLessThan(20_000);

    JsonNode all = JSON.readTree(admin("GET", "/emulator/orgs", null).body());
    assertThat(all.valueStream().map(o -> o.path("id").asString())).contains(orgId);
    JsonNode users = JSON.readTree(admin("GET", "/emulator/orgs/" + orgId + "/users", null).body());
    assertThat(users).hasSize(1);
    assertThat(users.path(0).path("username").asString()).startsWith("admin@volume-");
    assertThat(users.path(0).path("id").asString()).startsWith("005");

    assertThat(admin("DELETE", "/emulator/orgs/" + orgId, null).statusCode()).isEqualTo(204);
    assertThat(admin("GET", "/emulator/orgs/" + orgId, null).statusCode()).isEqualTo(404);
    assertThat(admin("GET", "/emulator/orgs/" + orgId + "/users", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void seedsTheDemoDistilleryIntoANewOrg() {
    var created =
        admin("POST", "/emulator/orgs", "{\"name\": \"Second distillery\", \"seed\": \"demo\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode org = JSON.readTree(created.body());
    assertThat(org.path("records").path("Account").asLong()).isPositive();
    assertThat(org.path("records").path("OpportunityLineItem").asLong()).isPositive();
    JsonNode users =
        JSON.readTree(
            admin("GET", "/emulator/orgs/" + org.path("id").asString() + "/users", null).body());
    assertThat(users.valueStream().map(u -> u.path("username").asString()))
        .contains("margaret.calloway@kinsale-distilling.example");
  }

  @Test
  void aConnectedAppCreatedOverTheApiGrantsJwtBearerTokensUntilDeleted() throws Exception {
    String username = "integration@jwt.example";
    JsonNode org =
        JSON.readTree(
            admin(
                    "POST",
                    "/emulator/orgs",
                    """
                    {"name": "JWT org", "users": [{"username": "%s", "firstName": "Int",
                     "lastName": "Egration", "email": "%s"}]}
                    """
                        .formatted(username, username))
                .body());
    String orgId = org.path("id").asString();
    String apps = "/emulator/orgs/" + orgId + "/connected-apps";
    var created =
        admin(
            "POST",
            apps,
            JSON.writeValueAsString(
                Map.of(
                    "name",
                    "caskr-sync",
                    "callbackUrl",
                    "https://sync.example/callback",
                    "certificate",
                    resource("jwt-test-cert.pem"),
                    "rotateRefreshTokens",
                    true,
                    "sessionTimeout",
                    "PT15M",
                    "preAuthorizedUsernames",
                    java.util.List.of(username))));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode app = JSON.readTree(created.body());
    String consumerKey = app.path("consumerKey").asString();
    assertThat(consumerKey).startsWith("3MVG9");
    assertThat(app.path("consumerSecret").asString()).isNotBlank();

    var token = jwtBearer(consumerKey, username);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    String accessToken = JSON.readTree(token.body()).path("access_token").asString();
    var query =
        new Api(port, accessToken).get("/services/data/v62.0/query?q=SELECT+Id+FROM+Account");
    assertThat(query.statusCode()).isEqualTo(200);

    JsonNode listed = JSON.readTree(admin("GET", apps, null).body());
    assertThat(listed).hasSize(1);
    assertThat(listed.path(0).path("jwtBearer").asBoolean()).isTrue();
    assertThat(listed.path(0).path("rotateRefreshTokens").asBoolean()).isTrue();
    assertThat(listed.path(0).path("sessionTimeout").asString()).isEqualTo("PT15M");
    assertThat(listed.path(0).has("consumerSecret")).isFalse();

    assertThat(admin("DELETE", apps + "/" + consumerKey, null).statusCode()).isEqualTo(204);
    assertThat(jwtBearer(consumerKey, username).statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(admin("GET", apps, null).body())).isEmpty();
  }

  @Test
  void refusesBadInputAndLeavesNothingBehind() {
    assertThat(admin("POST", "/emulator/orgs", "{\"sandbox\": true}").statusCode()).isEqualTo(400);
    assertThat(
            admin("POST", "/emulator/orgs", "{\"name\": \"x\", \"seed\": \"lots\"}").statusCode())
        .isEqualTo(400);
    assertThat(admin("POST", "/emulator/orgs", "{\"name\": ").statusCode()).isEqualTo(400);
    assertThat(
            admin(
                    "POST",
                    "/emulator/orgs",
                    """
                    {"name": "Too big", "seed": {"generate": {"accounts": 1000000,
                     "contactsPerAccount": 5}}}
                    """)
                .statusCode())
        .isEqualTo(400);
    assertThat(admin("GET", "/emulator/orgs/00D000000000000AAA/users", null).statusCode())
        .isEqualTo(404);

    String orgId =
        JSON.readTree(admin("POST", "/emulator/orgs", "{\"name\": \"Careful org\"}").body())
            .path("id")
            .asString();
    String apps = "/emulator/orgs/" + orgId + "/connected-apps";
    var badCertificate =
        admin(
            "POST", apps, "{\"name\": \"bad\", \"certificate\": \"-----BEGIN CERTIFICATE-----\"}");
    assertThat(badCertificate.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badCertificate.body()).path("error").asString()).isNotBlank();
    assertThat(
            admin("POST", apps, "{\"name\": \"bad\", \"preAuthorizedUsernames\": [\"nobody\"]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(admin("POST", apps, "{\"name\": \"bad\", \"sessionTimeout\": \"2h\"}").statusCode())
        .isEqualTo(400);
    assertThat(JSON.readTree(admin("GET", apps, null).body())).isEmpty();
  }

  private HttpResponse<String> jwtBearer(String consumerKey, String username) throws Exception {
    String pkcs8 =
        resource("jwt-test-key.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(consumerKey)
            .subject(username)
            .audience("https://login.salesforce.com")
            .expirationTime(Date.from(Instant.now().plusSeconds(180)))
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(key));
    String form =
        Map.of(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion",
                jwt.serialize())
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/services/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String resource(String name) throws IOException {
    try (var in = AdminApiIntegrationTest.class.getResourceAsStream("/oauth/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    return Api.admin(port).send(method, path, body);
  }
}
