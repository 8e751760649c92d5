package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.http.BoundedBody;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/salesforce/webhook/{account|contact|opportunity}}: signed JSON webhooks (README
 * has the contract). 202 once the change is in Kafka; 4xx with {@code {"error", "message"}} for a
 * request we refuse, nothing published; 503 when Kafka cannot take it now.
 */
@RestController
class WebhookController {

  private static final JsonMapper JSON = EventJson.mapper();

  private final WebhookIntake intake;
  private final IngestEvents events;
  private final int maxBodyBytes;

  WebhookController(WebhookIntake intake, IngestEvents events, WebhookProperties properties) {
    this.intake = intake;
    this.events = events;
    this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
  }

  @PostMapping("/api/salesforce/webhook/{entity}")
  void receive(
      @PathVariable String entity, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    SalesforceEntity target = SalesforceEntities.fromPathSegment(entity).orElse(null);
    if (target == null) {
      refuse(response, null, 404, "unknown_entity", "Use account, contact or opportunity");
      return;
    }
    if (!isJson(request.getContentType())) {
      refuse(
          response, target, 415, "unsupported_media_type", "Content-Type must be application/json");
      return;
    }
    byte[] body;
    try {
      body =
          BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    } catch (BoundedBody.TooLarge e) {
      refuse(response, target, 413, "payload_too_large", e.getMessage());
      return;
    }
    switch (intake.accept(target, body, request.getHeader(WebhookSignature.HEADER))) {
      case WebhookIntake.Accepted accepted -> answer(response, 202, "event_id", accepted.eventId());
      case WebhookIntake.Rejected rejected ->
          answer(
              response, rejected.status(), "error", rejected.code(), "message", rejected.message());
      case WebhookIntake.Unavailable unavailable -> {
        response.setHeader("Retry-After", "5");
        answer(response, 503, "error", "unavailable", "message", unavailable.message());
      }
    }
  }

  private void refuse(
      HttpServletResponse response,
      SalesforceEntity entity,
      int status,
      String code,
      String message)
      throws IOException {
    events.record(ChangeSource.WEBHOOK, entity, Outcome.REJECTED, 1);
    answer(response, status, "error", code, "message", message);
  }

  /**
   * Writes a flat JSON object of string values ({@code names} are constants) with Jackson's
   * generator straight to the response: on every webhook, Spring MVC's return-value handling and
   * message converter cost about as much as parsing the request (JFR of the webhook benchmark).
   */
  private static void answer(HttpServletResponse response, int status, String... namesAndValues)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        json.writeStringProperty(namesAndValues[i], namesAndValues[i + 1]);
      }
      json.writeEndObject();
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(bytes.size());
    bytes.writeTo(response.getOutputStream());
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
