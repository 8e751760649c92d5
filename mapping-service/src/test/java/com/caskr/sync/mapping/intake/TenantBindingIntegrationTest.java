package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.tenancy.TenantBindings;
import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md §5.7 with the binding from auth-service: crm_company_orgs follows {@code
 * auth.connection.changed.v1}, and an event applies only for the org its company is connected to.
 * Real broker and PostgreSQL; connection events published as auth-service's outbox publishes them.
 */
@UsesTestInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "mapping.intake.retries=2",
      "mapping.intake.initial-backoff=20ms",
      "mapping.intake.max-backoff=100ms",
      "mapping.outbox.poll-interval=200ms"
    })
class TenantBindingIntegrationTest {

  private static final String ACCOUNT_DLQ = "salesforce.account.changed.v1.dlq";

  @Autowired private JdbcClient jdbc;
  @Autowired private TenantBindings bindings;

  private Intake intake;
  private Connections connections;

  @Autowired
  void tools(JdbcClient jdbc) {
    this.intake = new Intake(jdbc);
    this.connections = new Connections(jdbc);
  }

  @Test
  void anEventStillBeforeTheConnectionAfterItsRetriesIsDeadLetteredAndAppliesWhenReDriven() {
    Tenant tenant = intake.unconnectedCompany();
    SalesforceId account = Changes.newId("001");
    SalesforceRecordChanged early =
        Changes.account(tenant, account).with("Name", "Before The Connection").build();

    intake.send(early);

    intake.awaitDeadLetter(early);
    assertThat(intake.awaitLog(tenant, account, 1))
        .as("retried (the connection may be just behind), logged once when dead-lettered")
        .containsExactly("SKIP FAILED TENANT_NOT_CONNECTED");
    assertThat(
            jdbc.sql(
                    "SELECT error_message FROM mapping.crm_sync_logs WHERE company_id = ?"
                        + " AND salesforce_id = ?")
                .params(tenant.companyId(), account.value())
                .query(String.class)
                .single())
        .contains("has not connected the company")
        .contains(tenant.orgId().value());
    assertThat(intake.count("caskr.customers", tenant.companyId())).isZero();
    assertThat(intake.count("mapping.processed_events", tenant.companyId()))
        .as("the refused event is not in the ledger, so a re-drive applies it")
        .isZero();

    connections.connect(tenant);
    intake.redrive(tenant, ACCOUNT_DLQ, null);

    assertThat(intake.awaitCustomer(tenant, account))
        .containsEntry("name", "Before The Connection");
    assertThat(intake.awaitLog(tenant, account, 2))
        .containsExactly("SKIP FAILED TENANT_NOT_CONNECTED", "CREATE SUCCESS null");
  }

  @Test
  void anEventForOrgANeverTouchesCompanyB() {
    Tenant a = intake.connectedCompany();
    Tenant b = intake.connectedCompany();
    SalesforceId account = Changes.newId("001");
    intake.send(Changes.account(b, account).with("Name", "B's customer").build());
    intake.awaitCustomer(b, account);

    SalesforceRecordChanged intruder =
        Changes.account(new Tenant(b.companyId(), a.orgId()), account)
            .with("Name", "Written by org A")
            .with("Phone", "000")
            .build();
    intake.send(intruder);
    SalesforceRecordChanged own = Changes.account(a, account).with("Name", "A's customer").build();
    intake.send(own);

    intake.awaitDeadLetter(intruder);
    assertThat(intake.awaitCustomer(a, account)).containsEntry("name", "A's customer");
    assertThat(intake.awaitCustomer(b, account))
        .containsEntry("name", "B's customer")
        .containsEntry("phone", null);
    assertThat(intake.count("caskr.customers", b.companyId())).isOne();
    assertThat(intake.awaitLog(b, account, 2))
        .containsExactly("CREATE SUCCESS null", "SKIP FAILED TENANT_MISMATCH");
  }

  @Test
  void aDisconnectKeepsTheDataAndRefusesEventsUntilTheSameOrgReconnects() {
    Tenant tenant = intake.connectedCompany();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now();
    intake.send(Changes.account(tenant, account).version(t0).with("Name", "Kept").build());
    intake.awaitCustomer(tenant, account);

    connections.change(tenant, ConnectionState.DISCONNECTED);
    SalesforceRecordChanged late =
        Changes.account(tenant, account).version(t0.plusSeconds(1)).with("Phone", "1").build();
    intake.send(late);
    intake.awaitDeadLetter(late);
    assertThat(intake.awaitCustomer(tenant, account))
        .as("a disconnect deletes and deactivates nothing")
        .containsEntry("name", "Kept")
        .containsEntry("phone", null)
        .containsEntry("is_active", true);
    assertThat(intake.count("mapping.crm_entity_mappings", tenant.companyId())).isOne();

    connections.connect(tenant);
    intake.send(
        Changes.account(tenant, account).version(t0.plusSeconds(2)).with("Phone", "2").build());

    await()
        .atMost(Intake.WAIT)
        .until(() -> "2".equals(intake.awaitCustomer(tenant, account).get("phone")));
    assertThat(intake.log(tenant, account))
        .containsExactly(
            "CREATE SUCCESS null", "SKIP FAILED TENANT_MISMATCH", "UPDATE SUCCESS null");
  }

  @Test
  void anotherOrgIsAcceptedAfterADisconnectAndTheOldOrgIsRefused() {
    Tenant old = intake.connectedCompany();
    Tenant replaced = new Tenant(old.companyId(), Changes.newId("00D"));
    SalesforceId oldAccount = Changes.newId("001");
    intake.send(Changes.account(old, oldAccount).with("Name", "From the old org").build());
    intake.awaitCustomer(old, oldAccount);

    connections.change(old, ConnectionState.DISCONNECTED);
    connections.connect(replaced);
    SalesforceId newAccount = Changes.newId("001");
    intake.send(Changes.account(replaced, newAccount).with("Name", "From the new org").build());
    SalesforceRecordChanged stray =
        Changes.account(old, oldAccount).with("Name", "Old org again").build();
    intake.send(stray);

    assertThat(intake.awaitCustomer(replaced, newAccount))
        .containsEntry("name", "From the new org");
    intake.awaitDeadLetter(stray);
    assertThat(intake.awaitCustomer(old, oldAccount)).containsEntry("name", "From the old org");
  }

  @Test
  void needsReconnectKeepsTheBindingAndAnOlderChangeNeverUndoesANewerOne() {
    Tenant tenant = intake.connectedCompany();
    Instant now = Instant.now();
    connections.applied(Connections.changed(tenant, ConnectionState.NEEDS_RECONNECT, now));

    SalesforceId account = Changes.newId("001");
    intake.send(Changes.account(tenant, account).with("Name", "Still Bound").build());
    assertThat(intake.awaitCustomer(tenant, account)).containsEntry("name", "Still Bound");

    assertThat(
            bindings.apply(
                Connections.changed(tenant, ConnectionState.DISCONNECTED, now.minusSeconds(5))))
        .isFalse();
    assertThat(
            jdbc.sql("SELECT state FROM mapping.crm_company_orgs WHERE company_id = ?")
                .param(tenant.companyId())
                .query(String.class)
                .single())
        .isEqualTo("NEEDS_RECONNECT");
  }

  @Test
  void anOrgThatTwoCompaniesHoldIsRefusedForBoth() {
    Tenant first = intake.connectedCompany();
    Tenant second = new Tenant(intake.unconnectedCompany().companyId(), first.orgId());
    connections.connect(second);
    SalesforceRecordChanged event =
        Changes.account(first, Changes.newId("001")).with("Name", "Ambiguous").build();

    intake.send(event);

    intake.awaitDeadLetter(event);
    assertThat(intake.count("caskr.customers", first.companyId())).isZero();
    assertThat(intake.count("caskr.customers", second.companyId())).isZero();
  }
}
