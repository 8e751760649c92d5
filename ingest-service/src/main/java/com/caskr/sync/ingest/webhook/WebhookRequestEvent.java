package com.caskr.sync.ingest.webhook;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: where one webhook's time went inside the service, as {@link System#nanoTime()}
 * instants of its stages (0: not reached). Off unless a recording enables {@value #NAME}; then each
 * stage costs one clock read, and without a recording nothing at all (the servlet reads the clock
 * only when {@link #isEnabled()}). Operators: {@code jcmd <pid> JFR.start settings=profile} does
 * not include it; {@code +caskr.ingest.WebhookRequest#enabled=true} does.
 */
@Name(WebhookRequestEvent.NAME)
@Label("Webhook request")
@Category({"Caskr", "Ingest"})
@Description("One webhook's stages inside the service, System.nanoTime() instants (0: not reached)")
@Enabled(false)
@StackTrace(false)
final class WebhookRequestEvent extends Event {

  static final String NAME = "caskr.ingest.WebhookRequest";

  @Label("Event id")
  String eventId;

  @Label("HTTP status")
  int status;

  @Label("Servlet started")
  long servletStarted;

  @Label("Body read")
  long bodyRead;

  @Label("Parsed and verified")
  @Description("JSON parsed, org and signature checked, envelope built with the owner's email")
  long verified;

  @Label("Claim statement started")
  @Description("The statement of the batch that claimed this event id")
  long statementStarted;

  @Label("Claim statement ended")
  long statementEnded;

  @Label("Claim batch size")
  int batchSize;

  @Label("Claimed")
  long claimed;

  @Label("Send returned")
  @Description("KafkaTemplate.send returned: serialised and appended to the producer's batch")
  long sent;

  @Label("Kafka acknowledged")
  @Description("The producer's network thread completed the send")
  long acknowledged;

  @Label("Acknowledgement seen")
  @Description("The request thread resumed after the acknowledgement")
  long resumed;

  @Label("Answer written")
  long written;

  /** The clock when this event is recorded, else 0 (no clock read). */
  long now() {
    return isEnabled() ? System.nanoTime() : 0;
  }
}
