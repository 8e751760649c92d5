package com.caskr.sync.auth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.AdminSession;
import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.testing.FreePort;
import com.caskr.sync.auth.testing.TokenApiCalls;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sandbox and production orgs log in at different hosts (test.salesforce.com and
 * login.salesforce.com; the emulator serves sandboxes under {@code /sandbox}): a sandbox connection
 * is made and later refreshed at the sandbox host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@UsesTestInfrastructure
class SandboxConnectIntegrationTest {

  private static final String CALLER_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final int PORT = FreePort.find();
  private static final String CALLBACK =
      "http://127.0.0.1:" + PORT + "/api/integrations/salesforce/callback";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp SANDBOX =
      EMULATOR.newOrgWithApp("Sandbox connect test", true, CALLBACK);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SANDBOX.configureAuthService(registry, "ingest-service", CALLER_SECRET);
    AdminUsers.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("auth.salesforce.redirect-uri", () -> CALLBACK);
    registry.add("auth.salesforce.login.production", EMULATOR::baseUrl);
    registry.add("auth.salesforce.login.sandbox", () -> EMULATOR.baseUrl() + "/sandbox");
  }

  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  private ConnectionRows rows;
  private AdminSession ada;

  @BeforeEach
  void noConnections() {
    rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    jdbc.sql("delete from oauth_authorization_requests").update();
    ada = AdminSession.of(PORT, "ada");
  }

  @Test
  void sandboxAndProductionStartAtTheirOwnLoginHosts() {
    URI sandbox = ada.connect(7, "SANDBOX");
    URI production = ada.connect(8, "PRODUCTION");

    assertThat(sandbox.toString())
        .startsWith(EMULATOR.baseUrl() + "/sandbox/services/oauth2/authorize?");
    assertThat(production.toString())
        .startsWith(EMULATOR.baseUrl() + "/services/oauth2/authorize?");
  }

  @Test
  void aSandboxIsConnectedAndRefreshedAtTheSandboxLoginHost() {
    HttpResponse<String> page = ada.get(EMULATOR.approve(ada.connect(7, "SANDBOX"), SANDBOX));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("SANDBOX");
    Map<String, Object> row =
        jdbc.sql("select environment, login_host from crm_integrations where company_id = 7")
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("environment", "SANDBOX")
        .containsEntry("login_host", EMULATOR.loginHost());

    String first = rows.accessToken(7);
    jdbc.sql(
            "update crm_integrations set token_issued_at = now() - interval '3 hours'"
                + " where company_id = 7")
        .update();
    String refreshed = TokenApiCalls.accessToken(PORT, CALLER_SECRET, 7);

    assertThat(refreshed).isNotEqualTo(first).isEqualTo(rows.accessToken(7));
    assertThat(rows.auditCount(7, "TOKEN_REFRESHED")).isEqualTo(1);
  }
}
