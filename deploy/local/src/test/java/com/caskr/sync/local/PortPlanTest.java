package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlanTest {

  @Test
  void fixedPortsAreTheOnesInTheServicesConfiguration() {
    PortPlan plan = PortPlan.fixed(List.of(Service.values()));

    assertThat(plan.kafka()).isEqualTo(9092);
    assertThat(plan.postgres()).isEqualTo(15432);
    assertThat(plan.services())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Service.AUTH, 8081,
                Service.INGEST, 8082,
                Service.MAPPING, 8083,
                Service.WRITEBACK, 8084,
                Service.EMULATOR, 8090));
    assertThat(plan.pubSub()).isEqualTo(7443);
  }

  @Test
  void freePortsAreDistinctAndFree() {
    PortPlan plan = PortPlan.free(List.of(Service.values()));

    Set<Integer> ports = new HashSet<>(plan.owners().keySet());
    assertThat(ports).hasSize(3 + Service.values().length);
    assertThat(plan.pubSub()).isPositive();
    assertThat(plan.busy()).isEmpty();
  }

  @Test
  void namesABusyPortAndWhoNeedsIt() throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = squatter.getLocalPort();
      PortPlan plan = new PortPlan(port, 1, Map.of(), 0);

      assertThat(PortPlan.isFree(port)).isFalse();
      assertThat(plan.busy()).containsExactly(port + " (Kafka)");
    }
  }

  @Test
  void onlyPlansPortsForTheChosenServices() {
    PortPlan plan = PortPlan.fixed(List.of(Service.EMULATOR));

    assertThat(plan.owners().values())
        .containsExactly(
            "Kafka", "PostgreSQL", "salesforce-emulator", "salesforce-emulator Pub/Sub");
    assertThat(PortPlan.fixed(List.of(Service.AUTH)).pubSub()).isZero();
  }
}
