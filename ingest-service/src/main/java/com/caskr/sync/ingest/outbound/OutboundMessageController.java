package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.http.BoundedBody;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.salesforce.outbound.MalformedOutboundMessage;
import com.caskr.sync.salesforce.outbound.OutboundMessage;
import com.caskr.sync.salesforce.outbound.OutboundMessageParser;
import com.caskr.sync.salesforce.outbound.OutboundMessageResponses;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/salesforce/outbound/{account|contact|opportunity}}: Salesforce's Outbound
 * Messages. 200 with {@code <Ack>true</Ack>} only once every notification is in Kafka; otherwise a
 * SOAP 1.1 fault with HTTP 500 (as the SOAP spec has it; Salesforce retries either way for 24 h):
 * {@code soapenv:Client} for a message we will never take (malformed, unknown org, wrong entity),
 * {@code soapenv:Server} when we cannot take it now (Kafka down), with 503 in that case.
 */
@RestController
class OutboundMessageController {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundMessageController.class);

  private final OutboundMessageParser parser = new OutboundMessageParser();
  private final OutboundMessageIntake intake;
  private final IngestEvents events;
  private final int maxBodyBytes;

  OutboundMessageController(
      OutboundMessageIntake intake, IngestEvents events, OutboundProperties properties) {
    this.intake = intake;
    this.events = events;
    this.maxBodyBytes = (int) properties.maxBodySize().toBytes();
  }

  @PostMapping("/api/salesforce/outbound/{entity}")
  ResponseEntity<String> receive(@PathVariable String entity, HttpServletRequest request)
      throws IOException {
    SalesforceEntity target = SalesforceEntities.fromPathSegment(entity).orElse(null);
    if (target == null) {
      events.record(ChangeSource.OUTBOUND_MESSAGE, null, Outcome.REJECTED, 1);
      return fault(
          HttpStatus.NOT_FOUND, true, "Unknown entity; use account, contact or opportunity");
    }
    OutboundMessage message;
    try {
      byte[] body =
          BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
      message = parser.parse(new ByteArrayInputStream(body));
    } catch (BoundedBody.TooLarge e) {
      events.record(ChangeSource.OUTBOUND_MESSAGE, target, Outcome.REJECTED, 1);
      return fault(HttpStatus.CONTENT_TOO_LARGE, true, e.getMessage());
    } catch (MalformedOutboundMessage e) {
      events.record(ChangeSource.OUTBOUND_MESSAGE, target, Outcome.REJECTED, 1);
      LOG.warn("Refused a malformed Outbound Message: {}", e.getMessage());
      return fault(HttpStatus.INTERNAL_SERVER_ERROR, true, e.getMessage());
    }
    return switch (intake.accept(target, message)) {
      case OutboundMessageIntake.Acknowledged acknowledged ->
          ResponseEntity.ok()
              .header(HttpHeaders.CONTENT_TYPE, OutboundMessageResponses.CONTENT_TYPE)
              .body(OutboundMessageResponses.ack(true));
      case OutboundMessageIntake.Refused refused ->
          fault(HttpStatus.INTERNAL_SERVER_ERROR, true, refused.reason());
      case OutboundMessageIntake.Unavailable unavailable ->
          fault(HttpStatus.SERVICE_UNAVAILABLE, false, unavailable.reason());
    };
  }

  private static ResponseEntity<String> fault(HttpStatus status, boolean client, String message) {
    return ResponseEntity.status(status)
        .header(HttpHeaders.CONTENT_TYPE, OutboundMessageResponses.CONTENT_TYPE)
        .body(OutboundMessageResponses.fault(client, message));
  }
}
