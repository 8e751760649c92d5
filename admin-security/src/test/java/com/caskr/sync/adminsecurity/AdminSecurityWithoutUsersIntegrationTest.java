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

/**
 * A service whose configuration names no admin user (a deployment that forgot its secret): it
 * starts, keeps its probes open and refuses every sign-in, including Spring Boot's default {@code
 * user}.
 */
@SpringBootTest(
    classes = AdminTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminSecurityWithoutUsersIntegrationTest {

  @LocalServerPort private int port;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void startsAndKeepsItsProbesOpen() throws Exception {
    assertThat(send(request("/actuator/health").build()).statusCode()).isNotIn(401, 403);
  }

  @Test
  void refusesEveryBasicSignIn() throws Exception {
    for (String user : new String[] {"admin", "user", "root", ""}) {
      var response =
          send(
              request("/api/companies/7/status")
                  .header("Authorization", basic(user, "caskr-local-admin"))
                  .build());
      assertThat(response.statusCode()).as("user '%s'", user).isEqualTo(401);
    }
  }

  @Test
  void refusesTheLoginForm() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String page =
        browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).as("the login page carries a CSRF token").isTrue();

    var login =
        browser.send(
            request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=admin&password=caskr-local-admin&_csrf="
                            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    var after =
        browser.send(
            request("/api/companies/7/status").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
