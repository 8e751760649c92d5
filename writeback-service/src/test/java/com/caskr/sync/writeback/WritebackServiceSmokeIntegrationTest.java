package com.caskr.sync.writeback;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.testing.ServiceSmokeIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WritebackServiceSmokeIntegrationTest extends ServiceSmokeIntegrationTest {

  WritebackServiceSmokeIntegrationTest() {
    super("writeback-service", List.of("caskr", "writeback"));
  }

  @Override
  protected SyncEvent sampleEvent() {
    return new CustomerChanged(
        UUID.randomUUID(),
        CustomerChanged.SCHEMA_VERSION,
        new Tenant(42, SalesforceId.of("00D5g000004ABCD")),
        7,
        CaskrOperation.UPDATE,
        List.of("phone"),
        Map.of("phone", "+1 502 555 0100"),
        Map.of("phone", "+1 502 555 0142"),
        9_120_044L,
        Instant.parse("2026-11-22T09:15:00Z"),
        "trace-writeback-smoke");
  }
}
