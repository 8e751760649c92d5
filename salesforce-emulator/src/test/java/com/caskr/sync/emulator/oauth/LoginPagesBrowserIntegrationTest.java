package com.caskr.sync.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person logs in and approves access in a real browser (Debian's headless Chromium): the
 * authorize pages must work for a click-through, not only for form posts from a test client. The
 * "connected app" is a small HTTP server that receives the redirect and then exchanges the code
 * with its PKCE verifier, as our auth-service will.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginPagesBrowserIntegrationTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String USERNAME = "tom.reyes@kinsale-distilling.example";
  private static final String VERIFIER = "browser-verifier-" + "v".repeat(43);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpServer callbackServer;
  private static volatile CompletableFuture<Map<String, String>> redirect;

  @LocalServerPort private int port;
  @Autowired private Orgs orgs;
  @Autowired private ConnectedApps apps;

  private ConnectedApp app;
  private WebDriver browser;

  @BeforeAll
  static void startTheConnectedAppsCallback() throws IOException {
    callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    callbackServer.createContext(
        "/oauth/callback",
        exchange -> {
          redirect.complete(query(exchange.getRequestURI().getRawQuery()));
          byte[] page = "<html><body><h1 id=\"done\">Connected</h1></body></html>".getBytes();
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    callbackServer.start();
  }

  @AfterAll
  static void stopTheCallback() {
    callbackServer.stop(0);
  }

  @BeforeEach
  void aConnectedAppAndABrowser(@TempDir Path profile) {
    assertThat(CHROMIUM)
        .as("Debian's chromium and chromium-driver (installed by .ci/run)")
        .isExecutable();
    assertThat(CHROMEDRIVER).isExecutable();
    redirect = new CompletableFuture<>();
    var demo =
        orgs.all().stream()
            .filter(o -> o.name().equals(DemoDistillery.NAME))
            .findFirst()
            .orElseThrow();
    app = apps.create(demo.id(), "Caskr Sync", callbackUrl());

    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--user-data-dir=" + profile);
    // The driver is given explicitly, so Selenium Manager (which would go online) never runs.
    var service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aUserLogsInApprovesAndTheAppsCodeBuysAWorkingApiToken() throws Exception {
    browser.get(authorizeUrl("st@te 1"));
    assertThat(browser.getTitle()).isEqualTo("Login | Salesforce");

    browser.findElement(By.id("username")).sendKeys(USERNAME);
    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("Login")).click();
    waitFor().until(ExpectedConditions.elementToBeClickable(By.id("oaapprove")));
    assertThat(browser.getPageSource()).contains("Caskr Sync is asking to access");
    browser.findElement(By.id("oaapprove")).click();

    Map<String, String> callback = redirect.get(30, TimeUnit.SECONDS);
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
    assertThat(callback).containsEntry("state", "st@te 1").containsKey("code");

    JsonNode tokens = exchange(callback.get("code"));
    var query =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        tokens.get("instance_url").asString()
                            + "/services/data/v62.0/query?q="
                            + encode("SELECT Name FROM Account LIMIT 1")))
                .header("Authorization", "Bearer " + tokens.get("access_token").asString())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(query.body()).get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordStaysOnTheLoginPageWithSalesforcesMessage() throws Exception {
    browser.get(authorizeUrl(null));
    browser.findElement(By.id("username")).sendKeys(USERNAME);
    browser.findElement(By.id("password")).sendKeys("not-my-password");
    browser.findElement(By.id("Login")).click();

    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText())
        .startsWith("Please check your username and password.");
    assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo(USERNAME);
    assertThat(redirect).isNotDone();

    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("Login")).click();
    waitFor().until(ExpectedConditions.elementToBeClickable(By.id("oaapprove")));
  }

  @Test
  void denyingAccessRedirectsWithAccessDeniedAndNoCode() throws Exception {
    browser.get(authorizeUrl("s2"));
    browser.findElement(By.id("username")).sendKeys(USERNAME);
    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("Login")).click();
    waitFor().until(ExpectedConditions.elementToBeClickable(By.id("oadeny"))).click();

    assertThat(redirect.get(30, TimeUnit.SECONDS))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "s2")
        .doesNotContainKey("code");
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  private JsonNode exchange(String code) throws Exception {
    String form =
        Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "client_id",
                app.clientId(),
                "client_secret",
                app.clientSecret(),
                "redirect_uri",
                callbackUrl(),
                "code_verifier",
                VERIFIER)
            .entrySet()
            .stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(emulator("/services/oauth2/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String authorizeUrl(String state) {
    return emulator(
        "/services/oauth2/authorize?response_type=code&client_id="
            + encode(app.clientId())
            + "&redirect_uri="
            + encode(callbackUrl())
            + "&scope="
            + encode("api refresh_token")
            + "&code_challenge="
            + encode(OAuthServer.challengeOf(VERIFIER))
            + (state == null ? "" : "&state=" + encode(state)));
  }

  private String emulator(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static String callbackUrl() {
    return "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/oauth/callback";
  }

  private static Map<String, String> query(String rawQuery) {
    return Arrays.stream(rawQuery.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
