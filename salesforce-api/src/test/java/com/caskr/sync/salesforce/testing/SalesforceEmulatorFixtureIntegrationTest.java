package com.caskr.sync.salesforce.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SalesforceEmulatorFixtureIntegrationTest {

  @Test
  void servesTheRestVersionListOverHttpAndIsolatesOrgs() throws Exception {
    var emulator = SalesforceEmulatorFixture.shared();
    HttpResponse<String> versions =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/services/data/")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(versions.statusCode()).isEqualTo(200);
    assertThat(versions.body()).contains("\"version\"");
    assertThat(emulator.newOrg("One").id()).isNotEqualTo(emulator.newOrg("Two").id());
    assertThat(SalesforceEmulatorFixture.shared()).isSameAs(emulator);
  }
}
