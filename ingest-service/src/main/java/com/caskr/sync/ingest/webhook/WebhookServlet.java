package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.http.BoundedBody;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/salesforce/webhook/{account|contact|opportunity}}: signed JSON webhooks (README
 * has the contract). 202 once the change is in Kafka; 4xx with {@code {"error", "message"}} for a
 * request we refuse, nothing published; 503 when Kafka cannot take it now.
 *
 * <p>A plain servlet rather than a controller: on every webhook, Spring MVC's dispatch around the
 * handler (handler mapping, argument resolution, return-value handling) cost about a fifth of the
 * request thread's CPU, more than the webhook's own work (JFR of the webhook benchmark).
 */
final class WebhookServlet extends HttpServlet {

  /** Where it is mapped; the entity is the one path segment after it. */
  static final String PATH = "/api/salesforce/webhook/*";

  /** The {@code uri} tag of {@code http.server.requests}, as it was when MVC served the path. */
  private static final String URI_PATTERN = "/api/salesforce/webhook/{entity}";

  private static final JsonMapper JSON = EventJson.mapper();

  private final transient WebhookIntake intake;
  private final transient IngestEvents events;
  private final int maxBodyBytes;

  WebhookServlet(WebhookIntake intake, IngestEvents events, int maxBodyBytes) {
    this.intake = intake;
    this.events = events;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    WebhookRequestEvent trace = new WebhookRequestEvent();
    trace.servletStarted = trace.now();
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(context -> context.setPathPattern(URI_PATTERN));
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      refuse(response, null, 405, "method_not_allowed", "Webhooks are sent with POST");
      return;
    }
    SalesforceEntity target = entity(request.getPathInfo());
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
    trace.bodyRead = trace.now();
    switch (intake.accept(target, body, request.getHeader(WebhookSignature.HEADER), trace)) {
      case WebhookIntake.Accepted accepted -> answer(response, 202, "event_id", accepted.eventId());
      case WebhookIntake.Rejected rejected ->
          answer(
              response, rejected.status(), "error", rejected.code(), "message", rejected.message());
      case WebhookIntake.Unavailable unavailable -> {
        response.setHeader("Retry-After", "5");
        answer(response, 503, "error", "unavailable", "message", unavailable.message());
      }
    }
    if (trace.isEnabled()) {
      trace.written = System.nanoTime();
      trace.status = response.getStatus();
      trace.commit();
    }
  }

  /** The entity named by {@code /{entity}}, exactly one segment; null for anything else. */
  private static SalesforceEntity entity(String pathInfo) {
    if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
      return null;
    }
    return SalesforceEntities.fromPathSegment(pathInfo.substring(1)).orElse(null);
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
   * generator straight to the response.
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
    // What Spring Security's header writer added before the path skipped its filters.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(bytes.size());
    bytes.writeTo(response.getOutputStream());
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
