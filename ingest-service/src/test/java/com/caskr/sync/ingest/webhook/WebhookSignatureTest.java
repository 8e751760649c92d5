package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.ingest.webhook.WebhookSignature.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] SECRET = "whsec_current".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OLD = "whsec_previous".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"event_id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final long T = NOW.getEpochSecond();

  @Test
  void acceptsASignatureOverTimestampAndBody() {
    String header = WebhookSignature.header(SECRET, T, BODY);
    assertThat(header).matches("t=" + T + ",v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.check(header, BODY, List.of(SECRET), NOW)).isNull();
  }

  @Test
  void acceptsAnyValidSecretAndAnyOfSeveralSignatures() {
    String byOld = WebhookSignature.header(OLD, T, BODY);
    assertThat(WebhookSignature.check(byOld, BODY, List.of(SECRET, OLD), NOW)).isNull();
    String wrong = WebhookSignature.header("nope".getBytes(StandardCharsets.UTF_8), T, BODY);
    String both = wrong + "," + byOld.substring(byOld.indexOf("v1="));
    assertThat(WebhookSignature.check(both, BODY, List.of(SECRET, OLD), NOW)).isNull();
  }

  @Test
  void refusesAnotherSecretATamperedBodyOrAMovedTimestamp() {
    String header = WebhookSignature.header(SECRET, T, BODY);
    assertThat(WebhookSignature.check(header, BODY, List.of(OLD), NOW)).isEqualTo(Problem.MISMATCH);
    assertThat(
            WebhookSignature.check(
                header,
                "{\"event_id\":\"e2\"}".getBytes(StandardCharsets.UTF_8),
                List.of(SECRET),
                NOW))
        .isEqualTo(Problem.MISMATCH);
    String moved = header.replace("t=" + T, "t=" + (T + 1));
    assertThat(WebhookSignature.check(moved, BODY, List.of(SECRET), NOW))
        .isEqualTo(Problem.MISMATCH);
    assertThat(WebhookSignature.check(header, BODY, List.of(), NOW)).isEqualTo(Problem.MISMATCH);
  }

  @Test
  void refusesTimestampsOutsideFiveMinutesEitherWay() {
    for (long t : new long[] {T - 301, T + 301}) {
      assertThat(
              WebhookSignature.check(
                  WebhookSignature.header(SECRET, t, BODY), BODY, List.of(SECRET), NOW))
          .isEqualTo(Problem.STALE);
    }
    for (long t : new long[] {T - 300, T + 300}) {
      assertThat(
              WebhookSignature.check(
                  WebhookSignature.header(SECRET, t, BODY), BODY, List.of(SECRET), NOW))
          .isNull();
    }
  }

  @Test
  void namesMissingAndMalformedHeaders() {
    assertThat(WebhookSignature.check(null, BODY, List.of(SECRET), NOW)).isEqualTo(Problem.MISSING);
    assertThat(WebhookSignature.check(" ", BODY, List.of(SECRET), NOW)).isEqualTo(Problem.MISSING);
    for (String header :
        List.of(
            "v1=" + "a".repeat(64),
            "t=" + T,
            "t=abc,v1=" + "a".repeat(64),
            "t=" + T + ",v1=xyz",
            "t=" + T + ",t=" + T + ",v1=" + "a".repeat(64),
            "sha256=" + "a".repeat(64))) {
      assertThat(WebhookSignature.check(header, BODY, List.of(SECRET), NOW))
          .as(header)
          .isEqualTo(Problem.MALFORMED);
    }
  }
}
