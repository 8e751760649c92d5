package com.caskr.sync.ingest.polling;

import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code crm_poll_duration_seconds{entity,outcome}}, {@code crm_poll_errors_total{entity,reason}}
 * and {@code crm_poll_limit_backoffs_total}; the changes themselves are counted by {@link
 * IngestEvents} with source {@code poll} (duplicates dropped by the overlap dedupe included).
 */
final class PollMetrics {

  private final MeterRegistry registry;
  private final IngestEvents events;

  PollMetrics(MeterRegistry registry, IngestEvents events) {
    this.registry = registry;
    this.events = events;
  }

  void succeeded(PollRun run) {
    duration(run.entity(), "success", run.duration());
    events.record(
        ChangeSource.POLL,
        run.entity(),
        IngestEvents.Outcome.DUPLICATE,
        run.read() - run.published());
  }

  void failed(SalesforceEntity entity, String reason, Duration took) {
    duration(entity, "failure", took);
    Counter.builder("crm.poll.errors")
        .description("Polls that failed, by reason")
        .tag("entity", entity.apiName())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void limitBackoff() {
    Counter.builder("crm.poll.limit.backoffs")
        .description("Times polling backed off an org whose daily API allocation was spent")
        .register(registry)
        .increment();
  }

  private void duration(SalesforceEntity entity, String outcome, Duration took) {
    Timer.builder("crm.poll.duration")
        .description("How long one poll of one org and entity took")
        .tag("entity", entity.apiName())
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
  }
}
