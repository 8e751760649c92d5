package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.http.BoundedBody;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * {@code POST /api/salesforce/webhook/{account|contact|opportunity}}: signed JSON webhooks (README
 * has the contract). 202 once the change is in Kafka; 4xx with {@code {"error", "message"}} for a
 * request we refuse, nothing published; 503 when Kafka cannot take it now.
 */
@RestController
class WebhookController {

  private static final byte[] ACCEPTED_PREFIX = "{\"event_id\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ACCEPTED_SUFFIX = "\"}".getBytes(StandardCharsets.UTF_8);

  private final WebhookIntake intake;
  private final IngestEvents events;
  private final int maxBodyBytes;

  WebhookController(WebhookIntake intake, IngestEvents events, WebhookProperties properties) {
    this.intake = intake;
    this.events = events;
    this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
  }

  @PostMapping("/api/salesforce/webhook/{entity}")
  ResponseEntity<?> receive(@PathVariable String entity, HttpServletRequest request)
      throws IOException {
    SalesforceEntity target = SalesforceEntities.fromPathSegment(entity).orElse(null);
    if (target == null) {
      return refuse(
          null, HttpStatus.NOT_FOUND, "unknown_entity", "Use account, contact or opportunity");
    }
    if (!isJson(request.getContentType())) {
      return refuse(
          target,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "Content-Type must be application/json");
    }
    byte[] body;
    try {
      body =
          BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    } catch (BoundedBody.TooLarge e) {
      return refuse(target, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
    }
    return switch (intake.accept(target, body, request.getHeader(WebhookSignature.HEADER))) {
      case WebhookIntake.Accepted accepted ->
          ResponseEntity.accepted()
              .contentType(MediaType.APPLICATION_JSON)
              .body(acceptedBody(accepted.eventId()));
      case WebhookIntake.Rejected rejected ->
          ResponseEntity.status(rejected.status())
              .body(Map.of("error", rejected.code(), "message", rejected.message()));
      case WebhookIntake.Unavailable unavailable ->
          ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
              .header("Retry-After", "5")
              .body(Map.of("error", "unavailable", "message", unavailable.message()));
    };
  }

  private ResponseEntity<Map<String, String>> refuse(
      SalesforceEntity entity, HttpStatus status, String code, String message) {
    events.record(ChangeSource.WEBHOOK, entity, Outcome.REJECTED, 1);
    return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
  }

  /**
   * {@code {"event_id": "…"}} written directly: the answer of every accepted webhook, where the
   * message converter's generic JSON writing cost about as much as parsing the request (JFR).
   */
  private static byte[] acceptedBody(String eventId) {
    byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(eventId);
    byte[] body = new byte[ACCEPTED_PREFIX.length + id.length + ACCEPTED_SUFFIX.length];
    System.arraycopy(ACCEPTED_PREFIX, 0, body, 0, ACCEPTED_PREFIX.length);
    System.arraycopy(id, 0, body, ACCEPTED_PREFIX.length, id.length);
    System.arraycopy(
        ACCEPTED_SUFFIX, 0, body, ACCEPTED_PREFIX.length + id.length, ACCEPTED_SUFFIX.length);
    return body;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))
          && !MediaType.parseMediaType(contentType).isWildcardSubtype();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
