package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.events.ChangeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

  private static final String ORG = "00D5e000000CsKqEAK";

  @Test
  void readsTheDocumentedPayload() throws Exception {
    WebhookPayload payload =
        parse(
            """
            {"event_id": "evt-1", "event_type": "updated", "organization_id": "%s",
             "timestamp": "2026-03-21T10:41:55Z", "changed_fields": ["Phone"],
             "data": {"Id": "0035e00000Dv2Lm", "Phone": null, "Amount": 12.50,
                      "SystemModstamp": "2026-03-21T10:41:54.000+0000"}}
            """
                .formatted(ORG),
            false);

    assertThat(payload.eventId()).isEqualTo("evt-1");
    assertThat(payload.changeType()).isEqualTo(ChangeType.UPSERT);
    assertThat(payload.recordId().value()).isEqualTo("0035e00000Dv2LmAAJ");
    assertThat(payload.changedFields()).containsExactly("Phone");
    assertThat(payload.data()).containsEntry("Phone", null);
    assertThat(payload.data().get("Amount")).hasToString("12.50");
    assertThat(payload.timestamp()).isEqualTo(Instant.parse("2026-03-21T10:41:55Z"));
    assertThat(payload.sourceVersion()).isEqualTo(Instant.parse("2026-03-21T10:41:54Z"));
  }

  @Test
  void sourceVersionIsSystemModstampWhenSent() throws Exception {
    String body =
        """
        {"event_id": "e", "event_type": "deleted", "organization_id": "%s",
         "timestamp": "2026-03-21T10:41:55Z", "data": {"Id": "0035e00000Dv2Lm"}}
        """
            .formatted(ORG);
    WebhookPayload payload = parse(body, false);
    assertThat(payload.changeType()).isEqualTo(ChangeType.DELETE);
    assertThat(payload.sourceVersion()).isEqualTo(Instant.parse("2026-03-21T10:41:55Z"));
  }

  @Test
  void namesTheMissingOrBadField() {
    String full =
        """
        {"event_id": "e", "event_type": "created", "organization_id": "%s",
         "timestamp": "2026-03-21T10:41:55Z", "data": {"Id": "0035e00000Dv2Lm"}}
        """
            .formatted(ORG);
    for (String field : new String[] {"event_id", "event_type", "organization_id", "timestamp"}) {
      String without = full.replaceFirst("\"" + field + "\": \"[^\"]*\",", "");
      assertThatThrownBy(() -> parse(without, false))
          .isInstanceOf(WebhookPayload.Invalid.class)
          .hasMessage(field + " is required");
    }
    assertInvalid(full.replace("\"e\"", "\"e\\u0000\""), "event_id");
    assertInvalid(full.replace("\"e\"", "\"e\\n\""), "event_id");
    assertInvalid(full.replace("\"e\"", "\"" + "e".repeat(256) + "\""), "event_id");
    assertInvalid(full.replace("\"created\"", "\"merged\""), "event_type");
    assertInvalid(full.replace(ORG, "0015e00000Kx7QzAAJ"), "organization_id");
    assertInvalid(full.replace("2026-03-21T10:41:55Z", "yesterday"), "timestamp");
    assertInvalid(full.replace("0035e00000Dv2Lm", "not-an-id"), "data.Id");
    assertInvalid(full.replace("{\"Id\": \"0035e00000Dv2Lm\"}", "{}"), "data.Id");
    assertInvalid(full.replace("{\"Id\": \"0035e00000Dv2Lm\"}", "[]"), "data");
    assertInvalid(full, "line_items", true);
  }

  @Test
  void refusesMalformedAmbiguousOrNonObjectBodies() {
    for (String body :
        new String[] {
          "{", "[]", "\"text\"", "null", "{\"event_id\": \"a\", \"event_id\": \"b\"}", "{} {}"
        }) {
      assertThatThrownBy(() -> parse(body, false))
          .as(body)
          .isInstanceOf(WebhookPayload.Invalid.class)
          .extracting(e -> ((WebhookPayload.Invalid) e).code())
          .isEqualTo("malformed_json");
    }
  }

  private static void assertInvalid(String body, String field) {
    assertInvalid(body, field, false);
  }

  private static void assertInvalid(String body, String field, boolean opportunity) {
    assertThatThrownBy(() -> parse(body, opportunity))
        .isInstanceOf(WebhookPayload.Invalid.class)
        .hasMessageStartingWith(field);
  }

  private static WebhookPayload parse(String body, boolean opportunity)
      throws WebhookPayload.Invalid {
    return WebhookPayload.parse(body.getBytes(StandardCharsets.UTF_8), opportunity);
  }
}
