package com.caskr.sync.ingest;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.testing.ServiceSmokeIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestServiceSmokeIntegrationTest extends ServiceSmokeIntegrationTest {

  IngestServiceSmokeIntegrationTest() {
    super("ingest-service", List.of("ingest"));
  }

  @Override
  protected SyncEvent sampleEvent() {
    Instant modstamp = Instant.parse("2026-11-22T09:15:00Z");
    return new SalesforceRecordChanged(
        UUID.randomUUID(),
        SalesforceRecordChanged.SCHEMA_VERSION,
        new Tenant(42, SalesforceId.of("00D5g000004ABCD")),
        SalesforceEntity.ACCOUNT,
        SalesforceId.of("0015g00000XyZab"),
        ChangeType.UPSERT,
        ChangeSource.PUBSUB_CDC,
        modstamp,
        List.of("Name", "Industry"),
        Map.of("Name", "Copper Still Tavern", "Industry", "Restaurants"),
        null,
        "com/salesforce/api/rest/62.0",
        false,
        modstamp,
        modstamp.plusMillis(180),
        "trace-ingest-smoke");
  }
}
