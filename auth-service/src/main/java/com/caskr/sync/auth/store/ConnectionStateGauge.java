package com.caskr.sync.auth.store;

import com.caskr.sync.schema.events.ConnectionState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code crm_connections{state}}: how many companies' connections are in each state, counted from
 * the table (so every instance reports the same numbers), every {@code
 * auth.metrics.connections-interval}. A NEEDS_RECONNECT above zero is a company whose sync has
 * stopped until an admin reconnects.
 */
public final class ConnectionStateGauge {

  private final JdbcClient jdbc;
  private final MultiGauge gauge;

  ConnectionStateGauge(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.gauge =
        MultiGauge.builder("crm_connections")
            .description("Salesforce connections by state")
            .register(meters);
  }

  /** Counts again; every state is reported, zero included. */
  @Scheduled(
      initialDelayString = "0s",
      fixedDelayString = "${auth.metrics.connections-interval:30s}")
  public void refresh() {
    Map<ConnectionState, Long> counts = new EnumMap<>(ConnectionState.class);
    Arrays.stream(ConnectionState.values()).forEach(state -> counts.put(state, 0L));
    jdbc.sql("select state, count(*) as n from crm_integrations group by state")
        .query(
            (rs, n) -> Map.entry(ConnectionState.valueOf(rs.getString("state")), rs.getLong("n")))
        .list()
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    gauge.register(
        counts.entrySet().stream()
            .map(
                entry ->
                    MultiGauge.Row.of(
                        Tags.of("state", entry.getKey().name().toLowerCase(java.util.Locale.ROOT)),
                        entry.getValue()))
            .toList(),
        true);
  }
}
