package com.caskr.sync.mapping.metrics;

import com.caskr.sync.mapping.apply.Applied;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code crm_sync_events_total{entity,source,outcome}} for every consumed change and {@code
 * crm_sync_latency_seconds} (Salesforce commit, the event's sourceVersion, to the Caskr commit) for
 * the ones that changed Caskr.
 */
public final class SyncMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Timer.Builder latency =
      Timer.builder("crm_sync_latency")
          .description("Salesforce commit (sourceVersion) to Caskr commit")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(Duration.ofMinutes(10));

  public SyncMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** An event applied (or deliberately not) and committed. */
  public void applied(SalesforceRecordChanged event, Applied applied) {
    count(event, applied.outcome().name().toLowerCase(Locale.ROOT));
    if (applied.outcome().applied()) {
      Duration elapsed = Duration.between(event.sourceVersion(), clock.instant());
      latency
          .tag("entity", event.entity().apiName())
          .register(registry)
          .record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }
  }

  /**
   * A poll's changes applied in one transaction ({@code crm_sync_batches_total{mode="batch"}}), or
   * one by one after that transaction failed ({@code mode="one-by-one"}), with their sizes in
   * {@code crm_sync_batch_size}.
   */
  public void batch(int size, boolean oneByOne) {
    String mode = oneByOne ? "one-by-one" : "batch";
    Counter.builder("crm_sync_batches")
        .description("Polls of Salesforce changes applied in one transaction or one by one")
        .tag("mode", mode)
        .register(registry)
        .increment();
    DistributionSummary.builder("crm_sync_batch_size")
        .description("Salesforce changes per poll")
        .tag("mode", mode)
        .register(registry)
        .record(size);
  }

  /** An attempt failed; the error handler retries it or dead-letters it. */
  public void failed(SalesforceRecordChanged event) {
    count(event, "failed");
  }

  private void count(SalesforceRecordChanged event, String outcome) {
    Counter.builder("crm_sync_events")
        .description("Salesforce changes consumed by mapping-service, by outcome")
        .tag("entity", event.entity().apiName())
        .tag("source", event.source().name())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
