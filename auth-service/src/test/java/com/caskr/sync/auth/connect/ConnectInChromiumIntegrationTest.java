package com.caskr.sync.auth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.testing.FreePort;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole connect flow as a person does it, in Debian's headless Chromium: sign in to
 * auth-service, click Connect, log in and click Allow on the emulator's Salesforce pages, land on
 * the success page, and see the connection on the connection page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@UsesTestInfrastructure
class ConnectInChromiumIntegrationTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final int PORT = FreePort.find();
  private static final String BASE = "http://127.0.0.1:" + PORT;
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET =
      EMULATOR.newOrgWithApp(
          "Chromium connect test", false, BASE + "/api/integrations/salesforce/callback");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", "ingest-secret-of-at-least-32-bytes!!");
    AdminUsers.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add(
        "auth.salesforce.redirect-uri", () -> BASE + "/api/integrations/salesforce/callback");
    registry.add("auth.salesforce.login.production", EMULATOR::baseUrl);
    registry.add("auth.salesforce.login.sandbox", () -> EMULATOR.baseUrl() + "/sandbox");
  }

  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  private WebDriver browser;

  @BeforeEach
  void noConnectionsAndABrowser(@TempDir Path profile) {
    new ConnectionRows(jdbc, vault).deleteAll();
    assertThat(CHROMIUM)
        .as("Debian's chromium and chromium-driver (installed by .ci/run)")
        .isExecutable();
    assertThat(CHROMEDRIVER).isExecutable();
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
  void anAdminClicksConnectConsentsAtSalesforceAndSeesTheOrgConnected() {
    browser.get(BASE + "/integrations/salesforce?companyId=7");
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys("ada");
    browser.findElement(By.id("password")).sendKeys(AdminUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    waitFor().until(ExpectedConditions.elementToBeClickable(By.id("connect")));
    assertThat(browser.findElement(By.id("current")).getText()).contains("Not connected");
    new Select(browser.findElement(By.id("environment"))).selectByValue("PRODUCTION");
    browser.findElement(By.id("connect")).click();

    waitFor().until(ExpectedConditions.titleIs("Login | Salesforce"));
    browser.findElement(By.id("username")).sendKeys(TARGET.username());
    browser.findElement(By.id("password")).sendKeys("password");
    browser.findElement(By.id("Login")).click();
    waitFor().until(ExpectedConditions.elementToBeClickable(By.id("oaapprove"))).click();

    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));
    String orgId = SalesforceId.of(TARGET.org().id()).value();
    assertThat(browser.getCurrentUrl()).startsWith(BASE + "/api/integrations/salesforce/callback");
    assertThat(browser.findElement(By.id("org-id")).getText()).isEqualTo(orgId);
    assertThat(browser.findElement(By.id("environment")).getText()).isEqualTo("PRODUCTION");
    assertThat(browser.getPageSource())
        .doesNotContain(new ConnectionRows(jdbc, vault).accessToken(7));

    Map<String, Object> row =
        jdbc.sql(
                "select org_id, environment, state, connected_by from crm_integrations"
                    + " where company_id = 7")
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("org_id", orgId)
        .containsEntry("environment", "PRODUCTION")
        .containsEntry("state", "CONNECTED")
        .containsEntry("connected_by", "ada");

    browser.get(BASE + "/integrations/salesforce?companyId=7");
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("current")));
    assertThat(browser.findElement(By.id("current")).getText())
        .contains(orgId)
        .contains("PRODUCTION")
        .contains("CONNECTED");
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }
}
