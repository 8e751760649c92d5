package com.caskr.sync.auth;

import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.testing.ServiceSmokeIntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "auth.vault.keyset.file=target/vault/smoke-keyset.json",
      "auth.vault.keyset.generate=true"
    })
class AuthServiceSmokeIntegrationTest extends ServiceSmokeIntegrationTest {

  /** An admin user (every company) to prove the hidden actuator endpoints are not exposed. */
  @DynamicPropertySource
  static void adminUsers(DynamicPropertyRegistry registry) {
    AdminUsers.register(registry);
  }

  AuthServiceSmokeIntegrationTest() {
    super("auth-service", List.of("auth"));
  }

  /** An admin of every company: even signed in, no hidden actuator endpoint answers. */
  @Override
  protected String adminAuthorization() {
    return AdminUsers.basic("root");
  }

  @Override
  protected SyncEvent sampleEvent() {
    return new ConnectionChanged(
        UUID.randomUUID(),
        ConnectionChanged.SCHEMA_VERSION,
        new Tenant(42, SalesforceId.of("00D5g000004ABCD")),
        ConnectionState.CONNECTED,
        null,
        SalesforceEnvironment.PRODUCTION,
        URI.create("https://copperstill.my.salesforce.com"),
        null,
        Instant.parse("2026-11-22T09:15:00Z"),
        "trace-auth-smoke");
  }
}
