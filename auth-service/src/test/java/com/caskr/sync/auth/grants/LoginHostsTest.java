package com.caskr.sync.auth.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.salesforce.oauth.LoginHost;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginHostsTest {

  private final LoginHosts salesforce =
      new LoginHosts(
          URI.create("https://login.salesforce.com"),
          URI.create("https://test.salesforce.com"),
          List.of());
  private final LoginHosts emulator =
      new LoginHosts(
          URI.create("http://127.0.0.1:8090"),
          URI.create("http://127.0.0.1:8090/sandbox"),
          List.of("127.0.0.1:8090"));

  @Test
  void productionAndSandboxLogInAtTheirOwnHosts() {
    assertThat(salesforce.forNewConnection(SalesforceEnvironment.PRODUCTION, "ignored.example"))
        .isEqualTo("login.salesforce.com");
    assertThat(salesforce.forNewConnection(SalesforceEnvironment.SANDBOX, null))
        .isEqualTo("test.salesforce.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acme.my.salesforce.com",
        "Acme.My.Salesforce.com",
        "https://acme.my.salesforce.com/",
        "acme--uat.sandbox.my.salesforce.com",
        "acme-dev-ed.develop.my.salesforce.com",
        "x1.scratch.my.salesforce.com"
      })
  void acceptsSalesforceMyDomainHosts(String host) {
    assertThat(salesforce.forNewConnection(SalesforceEnvironment.CUSTOM_DOMAIN, host))
        .endsWith(".my.salesforce.com")
        .isLowerCase()
        .doesNotContain("/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example",
        "acme.my.salesforce.com.evil.example",
        "acme.my.salesforce.com:8443",
        "user@acme.my.salesforce.com",
        "acme.my.salesforce.com/services",
        "-acme.my.salesforce.com",
        "my.salesforce.com",
        "http://acme.my.salesforce.com",
        "127.0.0.1:8090",
        " "
      })
  void refusesAnythingElseAsACustomDomain(String host) {
    assertThatThrownBy(() -> salesforce.forNewConnection(SalesforceEnvironment.CUSTOM_DOMAIN, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("My Domain");
  }

  @Test
  void configuredExtraHostsAreAcceptedAsCustomDomains() {
    assertThat(emulator.forNewConnection(SalesforceEnvironment.CUSTOM_DOMAIN, "127.0.0.1:8090"))
        .isEqualTo("127.0.0.1:8090");
  }

  @Test
  void aStoredHostMapsBackToTheConfiguredUrlOfItsEnvironment() {
    assertThat(emulator.forConnection("127.0.0.1:8090", SalesforceEnvironment.SANDBOX))
        .isEqualTo(
            new LoginHost(URI.create("http://127.0.0.1:8090/sandbox"), LoginHost.SANDBOX_AUDIENCE));
    assertThat(emulator.forConnection("127.0.0.1:8090", SalesforceEnvironment.PRODUCTION).baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(
            salesforce.forConnection("acme.my.salesforce.com", SalesforceEnvironment.CUSTOM_DOMAIN))
        .isEqualTo(
            new LoginHost(
                URI.create("https://acme.my.salesforce.com"), LoginHost.PRODUCTION_AUDIENCE));
  }
}
