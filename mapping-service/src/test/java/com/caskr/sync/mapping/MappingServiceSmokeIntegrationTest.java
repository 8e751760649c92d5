package com.caskr.sync.mapping;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.Customer;
import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.CustomerType;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.events.SyncOutcome;
import com.caskr.sync.testing.ServiceSmokeIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class MappingServiceSmokeIntegrationTest extends ServiceSmokeIntegrationTest {

  MappingServiceSmokeIntegrationTest() {
    super("mapping-service", List.of("caskr", "mapping"));
  }

  /** The local stack's admin user as the `local` profile ships it (its documented password). */
  @Override
  protected String adminAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString("admin:caskr-local-admin".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected SyncEvent sampleEvent() {
    SalesforceId accountId = SalesforceId.of("0015g00000XyZab");
    Customer customer =
        new Customer(
            7,
            "Copper Still Tavern",
            CustomerType.ON_PREMISE,
            null,
            "+1 502 555 0142",
            "https://copperstill.example",
            "12 Mash Tun Lane",
            "Louisville",
            "KY",
            "40202",
            "USA",
            null,
            true,
            accountId);
    return new CustomerSynced(
        UUID.randomUUID(),
        CustomerSynced.SCHEMA_VERSION,
        new Tenant(42, SalesforceId.of("00D5g000004ABCD")),
        customer,
        accountId,
        SyncOutcome.CREATED,
        UUID.randomUUID(),
        Instant.parse("2026-11-22T09:15:01Z"),
        "trace-mapping-smoke");
  }
}
