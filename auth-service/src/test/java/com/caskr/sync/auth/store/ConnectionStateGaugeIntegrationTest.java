package com.caskr.sync.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** crm_connections{state} counts the table's rows per state, zeros included. */
@SpringBootTest
@UsesTestInfrastructure
class ConnectionStateGaugeIntegrationTest {

  private static final Instant ISSUED = Instant.parse("2026-11-22T06:00:00Z");

  @DynamicPropertySource
  static void keyset(DynamicPropertyRegistry registry) {
    registry.add("auth.vault.keyset.json", TokenVault::newJsonKeyset);
  }

  @Autowired private ConnectionStateGauge gauge;
  @Autowired private MeterRegistry meters;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  @Test
  void countsConnectionsPerStateIncludingZeros() {
    var rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    rows.insert(61, "00D000000000061", "login.salesforce.com", "CONNECTED", "a", "r", ISSUED);
    rows.insert(62, "00D000000000062", "login.salesforce.com", "CONNECTED", "a", "r", ISSUED);
    rows.insert(63, "00D000000000063", "test.salesforce.com", "NEEDS_RECONNECT", "a", "r", ISSUED);

    gauge.refresh();

    assertThat(value("connected")).isEqualTo(2);
    assertThat(value("needs_reconnect")).isEqualTo(1);
    assertThat(value("disconnected")).isZero();

    rows.deleteAll();
    gauge.refresh();
    assertThat(value("connected")).isZero();
  }

  private double value(String state) {
    return meters.get("crm_connections").tag("state", state).gauge().value();
  }
}
