package com.caskr.sync.ingest.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectedOrgsTest {

  private static final SalesforceId ORG_A = SalesforceId.of("00D000000000001");
  private static final SalesforceId ORG_B = SalesforceId.of("00D000000000002");

  private final ConnectedOrgs orgs = new ConnectedOrgs();
  private final List<String> calls = new ArrayList<>();

  private final ConnectedOrgs.Listener recorder =
      new ConnectedOrgs.Listener() {
        @Override
        public void started(ConnectedOrg org) {
          calls.add("started " + org.companyId() + " " + org.orgId());
        }

        @Override
        public void stopped(ConnectedOrg org) {
          calls.add("stopped " + org.companyId() + " " + org.orgId());
        }
      };

  @Test
  void aConnectedOrgIsLiveAndFoundByOrgAndCompany() {
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));

    assertThat(orgs.byOrgId(ORG_A)).get().extracting(ConnectedOrg::companyId).isEqualTo(7L);
    assertThat(orgs.byCompany(7)).get().extracting(ConnectedOrg::live).isEqualTo(true);
    assertThat(orgs.live()).extracting(ConnectedOrg::orgId).containsExactly(ORG_A);
  }

  @Test
  void needsReconnectAndDisconnectedOrgsAreNotLive() {
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.NEEDS_RECONNECT));
    orgs.apply(Connections.changed(8, ORG_B, ConnectionState.DISCONNECTED));

    assertThat(orgs.byOrgId(ORG_A)).isEmpty();
    assertThat(orgs.byOrgId(ORG_B)).isEmpty();
    assertThat(orgs.live()).isEmpty();
    assertThat(orgs.byCompany(7))
        .get()
        .extracting(ConnectedOrg::state)
        .isEqualTo(ConnectionState.NEEDS_RECONNECT);
  }

  @Test
  void listenersHearStartsAndStopsInOrder() {
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));
    orgs.addListener(recorder);
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.NEEDS_RECONNECT));
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));
    orgs.apply(Connections.changed(7, ORG_B, ConnectionState.CONNECTED));
    orgs.remove(7);

    assertThat(calls)
        .containsExactly(
            "started 7 " + ORG_A.value(),
            "stopped 7 " + ORG_A.value(),
            "started 7 " + ORG_A.value(),
            "stopped 7 " + ORG_A.value(),
            "started 7 " + ORG_B.value(),
            "stopped 7 " + ORG_B.value());
    assertThat(orgs.byOrgId(ORG_A)).isEmpty();
    assertThat(orgs.byCompany(7)).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    orgs.addListener(
        new ConnectedOrgs.Listener() {
          @Override
          public void started(ConnectedOrg org) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void stopped(ConnectedOrg org) {}
        });
    orgs.addListener(recorder);

    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));

    assertThat(calls).containsExactly("started 7 " + ORG_A.value());
    assertThat(orgs.byOrgId(ORG_A)).isPresent();
  }

  @Test
  void anOrgClaimedByTwoCompaniesBelongsToNeither() {
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));
    orgs.apply(Connections.changed(8, ORG_A, ConnectionState.CONNECTED));

    assertThat(orgs.byOrgId(ORG_A)).isEmpty();

    orgs.apply(Connections.changed(8, ORG_A, ConnectionState.DISCONNECTED));
    assertThat(orgs.byOrgId(ORG_A)).get().extracting(ConnectedOrg::companyId).isEqualTo(7L);
  }

  @Test
  void aCompanyThatMovesToAnotherOrgIsFoundByItsNewOrgOnlyAndAForgottenOneByNone() {
    orgs.apply(Connections.changed(7, ORG_A, ConnectionState.CONNECTED));
    orgs.apply(Connections.changed(7, ORG_B, ConnectionState.CONNECTED));

    assertThat(orgs.byOrgId(ORG_A)).isEmpty();
    assertThat(orgs.byOrgId(ORG_B)).get().extracting(ConnectedOrg::companyId).isEqualTo(7L);

    orgs.apply(Connections.changed(8, ORG_A, ConnectionState.CONNECTED));
    orgs.remove(7);
    assertThat(orgs.byOrgId(ORG_B)).isEmpty();
    assertThat(orgs.byOrgId(ORG_A)).get().extracting(ConnectedOrg::companyId).isEqualTo(8L);
    orgs.apply(Connections.changed(8, ORG_A, ConnectionState.NEEDS_RECONNECT));
    assertThat(orgs.byOrgId(ORG_A)).isEmpty();
  }
}
