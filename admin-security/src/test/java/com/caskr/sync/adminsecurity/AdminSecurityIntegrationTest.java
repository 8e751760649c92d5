package com.caskr.sync.adminsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin rules over real HTTP: roles, companies, sessions with CSRF, and what stays open. */
@SpringBootTest(
    classes = AdminTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminSecurityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @DynamicPropertySource
  static void users(DynamicPropertyRegistry registry) {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    String[][] users = {
      {"alice", "ADMIN", "7"},
      {"olly", "OPERATOR", "7"},
      {"vera", "VIEWER", "7"},
      {"root", "ADMIN", "*"}
    };
    for (int i = 0; i < users.length; i++) {
      String prefix = "caskr.admin.users[" + i + "].";
      String[] user = users[i];
      registry.add(prefix + "username", () -> user[0]);
      registry.add(prefix + "password-hash", () -> hash);
      registry.add(prefix + "role", () -> user[1]);
      registry.add(prefix + "companies[0]", () -> user[2]);
    }
  }

  @LocalServerPort private int port;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void refusesAnonymousApiCallsWithABasicChallenge() throws Exception {
    var response = send(get("/api/companies/7/status").build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Basic realm=\"caskr-sync\"");
  }

  @Test
  void sendsABrowserToTheLoginPage() throws Exception {
    var response = send(get("/api/companies/7/status").header("Accept", "text/html").build());

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void letsEachRoleDoWhatItMayAndNoMore() throws Exception {
    assertThat(send(basic(get("/api/companies/7/status"), "vera").build()).body())
        .isEqualTo("status of 7 for vera");
    assertThat(send(basic(post("/api/companies/7/connect"), "vera").build()).statusCode())
        .isEqualTo(403);
    assertThat(send(basic(post("/api/companies/7/connect"), "olly").build()).statusCode())
        .isEqualTo(403);
    var admin = send(basic(post("/api/companies/7/connect"), "alice").build());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).isEqualTo("connected 7 by alice");
  }

  @Test
  void keepsEachUserToTheirOwnCompanies() throws Exception {
    assertThat(send(basic(get("/api/companies/8/status"), "alice").build()).statusCode())
        .isEqualTo(403);
    assertThat(send(basic(post("/api/companies/8/connect"), "alice").build()).statusCode())
        .isEqualTo(403);
    assertThat(send(basic(post("/api/companies/8/connect"), "root").build()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesAWrongPasswordAndAnUnknownUserAlike() throws Exception {
    var wrong =
        send(
            get("/api/companies/7/status")
                .header("Authorization", basicValue("alice", "guess"))
                .build());
    var unknown =
        send(
            get("/api/companies/7/status")
                .header("Authorization", basicValue("mallory", PASSWORD))
                .build());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
  }

  @Test
  void aSignedInBrowserNeedsTheCsrfTokenToChangeAnything() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String loginPage =
        browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
    String csrf = csrfToken(loginPage);
    var login =
        browser.send(
            form("/login", "username=alice&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf)),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

    assertThat(
            browser
                .send(get("/api/companies/7/status").build(), HttpResponse.BodyHandlers.ofString())
                .body())
        .isEqualTo("status of 7 for alice");
    assertThat(
            browser
                .send(
                    post("/api/companies/7/connect").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("a forged cross-site POST carries the cookie but not the token")
        .isEqualTo(403);
  }

  @Test
  void leavesProbesOpenAndInternalPathsToTheService() throws Exception {
    assertThat(send(get("/actuator/health").build()).statusCode()).isNotIn(401, 403);
    var internal = send(get("/internal/ping").build());
    assertThat(internal.statusCode()).isEqualTo(200);
    assertThat(internal.body()).isEqualTo("internal");
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
  }

  private HttpRequest form(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest.Builder basic(HttpRequest.Builder request, String user) {
    return request.header("Authorization", basicValue(user, PASSWORD));
  }

  private static String basicValue(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String csrfToken(String page) {
    Matcher matcher =
        Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
    assertThat(matcher.find()).as("the login page carries a CSRF token").isTrue();
    return matcher.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
