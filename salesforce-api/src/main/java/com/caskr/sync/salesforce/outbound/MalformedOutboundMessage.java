package com.caskr.sync.salesforce.outbound;

/** The request is not an Outbound Message as Salesforce sends it; answer with a SOAP fault. */
public final class MalformedOutboundMessage extends IllegalArgumentException {

  public MalformedOutboundMessage(String message) {
    super(message);
  }

  public MalformedOutboundMessage(String message, Throwable cause) {
    super(message, cause);
  }
}
