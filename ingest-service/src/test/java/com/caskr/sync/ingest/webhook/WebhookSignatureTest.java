package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.ingest.webhook.WebhookSignature.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @Test
  void aRotatedSecretIsHonouredAtOnceThoughMacsAreReused() {
    String byCurrent = WebhookSignature.header(SECRET, T, BODY);
    assertThat(WebhookSignature.check(byCurrent, BODY, List.of(SECRET), NOW)).isNull();
    byte[] rotated = "whsec_rotated".getBytes(StandardCharsets.UTF_8);
    String byRotated = WebhookSignature.header(rotated, T, BODY);
    assertThat(WebhookSignature.check(byRotated, BODY, List.of(rotated), NOW)).isNull();
    assertThat(WebhookSignature.check(byCurrent, BODY, List.of(rotated), NOW))
        .isEqualTo(Problem.MISMATCH);
    assertThat(WebhookSignature.check(byRotated, BODY, List.of(SECRET), NOW))
        .isEqualTo(Problem.MISMATCH);
    // The same secret reloaded (a new array, as the secrets cache makes) verifies the same.
    assertThat(WebhookSignature.check(byCurrent, BODY, List.of(SECRET.clone()), NOW)).isNull();
  }

  @Test
  void concurrentChecksOfOneSecretEachGetTheirOwnAnswer() throws Exception {
    byte[] secret = "whsec_shared".getBytes(StandardCharsets.UTF_8);
    try (var threads = Executors.newFixedThreadPool(8)) {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        byte[] body = ("{\"event_id\":\"e" + i + "\"}").getBytes(StandardCharsets.UTF_8);
        boolean genuine = i % 3 != 0;
        String header = WebhookSignature.header(genuine ? secret : OLD, T, body);
        answers.add(
            threads.submit(
                () ->
                    (WebhookSignature.check(header, body, List.of(secret), NOW) == null)
                        == genuine));
      }
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    }
  }

  @Test
  void readsHeadersExactlyAsTheSplitAndRegexReadingDid() {
    String hex = "0123456789abcdefABCDEF0123456789abcdef0123456789ABCDEF0123456789";
    List<String> pieces =
        List.of(
            "t=" + T,
            "t=0",
            "t=1234567890123",
            "t=12a",
            "t=",
            "t==5",
            "=5",
            "v1=" + hex,
            "v1=" + hex.substring(1),
            "v1=" + hex + "0",
            "v1=" + hex.replace('a', 'g'),
            " v1=" + hex + " ",
            "\tt=" + T,
            "v2=whatever",
            "t =" + T,
            "",
            " ",
            "x");
    var random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      var header = new StringBuilder();
      int items = random.nextInt(5);
      for (int j = 0; j < items; j++) {
        header.append(pieces.get(random.nextInt(pieces.size())));
        if (j < items - 1 || random.nextInt(4) == 0) {
          header.append(',');
        }
      }
      String text = header.toString();
      WebhookSignature.Header parsed = WebhookSignature.parse(text);
      WebhookSignature.Header expected = byRegex(text);
      assertThat(parsed == null).as(text).isEqualTo(expected == null);
      if (expected != null) {
        assertThat(parsed.timestamp()).as(text).isEqualTo(expected.timestamp());
        assertThat(parsed.signatures()).as(text).hasSameSizeAs(expected.signatures());
        for (int k = 0; k < expected.signatures().size(); k++) {
          assertThat(parsed.signatures().get(k)).isEqualTo(expected.signatures().get(k));
        }
      }
    }
  }

  /** The header reading before it was written by hand: the reference for the hand-written one. */
  private static WebhookSignature.Header byRegex(String header) {
    if (header == null || header.length() > 2048) {
      return null;
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String item = part.strip();
      int equals = item.indexOf('=');
      if (equals <= 0) {
        return null;
      }
      String key = item.substring(0, equals);
      String value = item.substring(equals + 1);
      if (key.equals("t")) {
        if (timestamp != null || !value.matches("[0-9]{1,12}")) {
          return null;
        }
        timestamp = Long.parseLong(value);
      } else if (key.equals("v1")) {
        if (!value.matches("[0-9a-fA-F]{64}")) {
          return null;
        }
        signatures.add(HexFormat.of().parseHex(value));
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return null;
    }
    return new WebhookSignature.Header(timestamp, signatures);
  }
}
