package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionChangedTest {

  private static final Tenant TENANT = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
  private static final UUID EVENT = UUID.fromString("a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
  private static final Instant NOW = Instant.parse("2026-04-02T03:11:09.412Z");

  private static ConnectionChanged changed(String url) {
    return new ConnectionChanged(
        EVENT,
        1,
        TENANT,
        ConnectionState.NEEDS_RECONNECT,
        ConnectionState.CONNECTED,
        SalesforceEnvironment.PRODUCTION,
        URI.create(url),
        "refresh token revoked (invalid_grant)",
        NOW,
        "t");
  }

  @Test
  void isKeyedByCompanyAlone() {
    assertThat(changed("https://copperstill.my.salesforce.com").kafkaKey()).isEqualTo("42");
  }

  @Test
  void acceptsTheEmulatorOnPlainHttp() {
    assertThat(changed("http://localhost:8089").instanceUrl().getPort()).isEqualTo(8089);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "copperstill.my.salesforce.com",
        "ftp://copperstill.my.salesforce.com",
        "https://admin:hunter2@copperstill.my.salesforce.com",
        "https://copperstill.my.salesforce.com/?access_token=00D5e000000CsKq!AQ4AQ",
      })
  void rejectsInstanceUrlsThatAreNotPlainHttpUrls(String url) {
    assertThatThrownBy(() -> changed(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConnectionChanged: instanceUrl must be an http(s) URL without credentials");
  }

  @Test
  void needsAState() {
    assertThatThrownBy(
            () ->
                new ConnectionChanged(
                    EVENT,
                    1,
                    TENANT,
                    null,
                    null,
                    SalesforceEnvironment.SANDBOX,
                    URI.create("https://x.example"),
                    null,
                    NOW,
                    "t"))
        .hasMessage("ConnectionChanged: state must not be null");
  }
}
