package com.caskr.sync.ingest.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.EmulatorTokens;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OrgClients} against the emulator over real HTTP, tokens from real emulator sessions. */
class OrgClientsIntegrationTest {

  private static final Emulator EMULATOR = Emulator.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final OrgAccess org = EMULATOR.newOrg("Org clients");
  private final EmulatorTokens tokens = new EmulatorTokens().connect(7, org);
  private final OrgClients clients = new OrgClients(HTTP, tokens, EMULATOR.pubSub());

  @Test
  void readsTheOrgWithTheCompanysToken() {
    OrgClient client = clients.forOrg(org.tenant(7));
    SalesforceId id = client.rest().create("Account", Map.of("Name", "Copper Still Tavern"));

    assertThat(client.rest().get("Account", id, List.of("Name")))
        .containsEntry("Name", "Copper Still Tavern");
    assertThat(client.pubSubCredentials().current().tenantId()).isEqualTo(org.org().id());
    assertThat(clients.forOrg(org.tenant(7))).isSameAs(client);
  }

  @Test
  void drawsANewTokenOnceWhenSalesforceRejectsTheCurrentOne() {
    OrgClient client = clients.forOrg(org.tenant(7));
    SalesforceId id = client.rest().create("Account", Map.of("Name", "Before expiry"));
    EMULATOR.admin(org.org(), "faults/tokens", "{\"action\":\"expire\"}");

    client.rest().update("Account", id, Map.of("Name", "After expiry"));

    assertThat(client.rest().get("Account", id, List.of("Name")))
        .containsEntry("Name", "After expiry");
    assertThat(tokens.refreshes()).isEqualTo(1);
  }

  @Test
  void refusesATokenThatBelongsToAnotherOrg() {
    OrgAccess other = EMULATOR.newOrg("Someone else");
    Tenant expectsOther = new Tenant(7, other.orgId());

    assertThatThrownBy(() -> clients.forOrg(expectsOther))
        .isInstanceOf(OrgClients.WrongOrg.class)
        .hasMessageContaining(other.org().id().substring(0, 15));
  }
}
