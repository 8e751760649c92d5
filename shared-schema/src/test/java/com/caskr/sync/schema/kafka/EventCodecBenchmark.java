package com.caskr.sync.schema.kafka;

import com.caskr.sync.schema.GoldenSamples;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event codec as the services use it: {@link EventSerializer} on a producer's send (ingest's
 * webhook, mapping's outbox) and {@link EventDeserializer} in a consumer (mapping's change
 * listener), for the events that dominate those paths. Run on demand as shared-schema's README
 * says; {@code EventCodecBenchmarkTest} runs it in a seconds-long smoke mode. Results: ADR 0026.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class EventCodecBenchmark {

  /** An Account envelope with 20 fields, as ingest publishes it from a CDC event or a poll. */
  static final String ACCOUNT_ENVELOPE =
      """
      {"eventId":"9531985d-5d9d-49f8-9818-e811892f902b","schemaVersion":1,
       "tenant":{"companyId":42,"orgId":"00D5e000000CsKqEAK"},
       "entity":"Account","recordId":"0015e00000Kx7QzAAJ","changeType":"UPSERT",
       "source":"PUBSUB_CDC","sourceVersion":"2026-03-14T15:09:26Z",
       "changedFields":["Industry","Phone","Website","LastModifiedDate"],
       "fields":{"Id":"0015e00000Kx7QzAAJ","Name":"Copper Still Tavern","Type":"Customer - Direct",
        "Industry":"Restaurants","Phone":"+1 (503) 555-0142","Fax":null,
        "Website":"https://copperstilltavern.example","BillingStreet":"1180 NW Glisan St",
        "BillingCity":"Portland","BillingState":"OR","BillingPostalCode":"97209",
        "BillingCountry":"United States","AnnualRevenue":1250000.00,"NumberOfEmployees":48,
        "OwnerId":"0055e000003FgHiAAK","IsDeleted":false,"Caskr_Customer_Type__c":"On-Premise",
        "Caskr_Active__c":true,"LastModifiedDate":"2026-03-14T15:09:26.000Z",
        "SystemModstamp":"2026-03-14T15:09:26.000Z"},
       "lineItems":null,"changeOrigin":"com/salesforce/api/soap/64.0;client=SfdcInternalAPI/",
       "echo":false,"occurredAt":"2026-03-14T15:09:26Z","receivedAt":"2026-03-14T15:09:27.412Z",
       "traceId":"d23f0824128b2f330c5c7fd0a6a3a450"}
      """;

  @Param({"account", "opportunity", "customerSynced", "conflictDetected"})
  public String event;

  private final EventSerializer serializer = new EventSerializer();
  private final EventDeserializer deserializer = new EventDeserializer();
  private String topic;
  private SyncEvent value;
  private byte[] bytes;

  @Setup
  public void setUp() {
    value =
        switch (event) {
          case "account" ->
              EventJson.mapper().readValue(ACCOUNT_ENVELOPE, SalesforceRecordChanged.class);
          case "opportunity" ->
              golden("salesforce-record-changed", "opportunity-closed-won-pubsub-cdc");
          case "customerSynced" -> golden("customer-synced", "created-from-account");
          case "conflictDetected" -> golden("conflict-detected", "customer-name-critical-manual");
          default -> throw new IllegalArgumentException("No such event: " + event);
        };
    topic = TopicCatalogue.topicFor(value).name();
    bytes = serializer.serialize(topic, value);
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(topic, value);
  }

  @Benchmark
  public SyncEvent deserialize() {
    return deserializer.deserialize(topic, bytes);
  }

  private static SyncEvent golden(String event, String name) {
    var sample =
        GoldenSamples.all().stream()
            .filter(candidate -> candidate.event().equals(event) && candidate.name().equals(name))
            .findFirst()
            .orElseThrow();
    return EventJson.mapper()
        .readValue(sample.json().getBytes(StandardCharsets.UTF_8), sample.type());
  }
}
