package com.caskr.sync.authclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionTokenTest {

  @Test
  void neverPrintsTheAccessToken() {
    ConnectionToken token =
        new ConnectionToken(
            "00Dx!secret-session",
            URI.create("https://kinsale.my.salesforce.com"),
            "00D5g000004ABCDEAA",
            Instant.parse("2026-11-22T07:00:00Z"));

    assertThat(token.toString())
        .doesNotContain("secret-session")
        .contains("redacted")
        .contains("kinsale.my.salesforce.com");
  }
}
