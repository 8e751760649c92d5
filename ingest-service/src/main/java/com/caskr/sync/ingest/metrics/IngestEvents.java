package com.caskr.sync.ingest.metrics;

import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code crm_ingest_events_total{source,entity,outcome}}: what happened to each change a channel
 * saw. Outcomes: {@code published} (Kafka acknowledged it), {@code failed} (Kafka did not; the
 * sender retries), {@code duplicate} (already published, dropped), {@code rejected} (refused before
 * publishing: bad signature, unknown org, malformed body…; entity {@code unknown} when the request
 * named none we sync).
 */
public final class IngestEvents {

  static final String NAME = "crm.ingest.events";

  /** The closed set of outcomes. */
  public enum Outcome {
    PUBLISHED,
    FAILED,
    DUPLICATE,
    REJECTED
  }

  private final MeterRegistry registry;

  public IngestEvents(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts {@code count} changes of one source, entity (null = unknown) and outcome. */
  public void record(ChangeSource source, SalesforceEntity entity, Outcome outcome, int count) {
    if (count <= 0) {
      return;
    }
    Counter.builder(NAME)
        .description("Salesforce changes seen by ingest-service, by channel and outcome")
        .tag("source", source.name().toLowerCase(Locale.ROOT))
        .tag("entity", entity == null ? "unknown" : entity.apiName())
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment(count);
  }
}
