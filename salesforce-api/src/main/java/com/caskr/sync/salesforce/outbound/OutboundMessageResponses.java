package com.caskr.sync.salesforce.outbound;

/**
 * The answers to an Outbound Message: the {@code notificationsResponse/Ack} envelope Salesforce
 * waits for ({@code true} stops retries; anything else is a failure it retries for 24 h), and a
 * SOAP 1.1 fault for requests we refuse. Send either as {@code text/xml; charset=utf-8}.
 */
public final class OutboundMessageResponses {

  /** The content type of both answers. */
  public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private static final String OPEN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<soapenv:Envelope xmlns:soapenv=\""
          + OutboundMessageParser.SOAP_NS
          + "\"><soapenv:Body>";
  private static final String CLOSE = "</soapenv:Body></soapenv:Envelope>";

  private OutboundMessageResponses() {}

  /** {@code <notificationsResponse><Ack>true|false</Ack></notificationsResponse>}. */
  public static String ack(boolean accepted) {
    return OPEN
        + "<notificationsResponse xmlns=\""
        + OutboundMessageParser.OUTBOUND_NS
        + "\"><Ack>"
        + accepted
        + "</Ack></notificationsResponse>"
        + CLOSE;
  }

  /**
   * A SOAP fault (send with HTTP 500).
   *
   * @param client true for {@code soapenv:Client} (the request was bad), false for {@code
   *     soapenv:Server}
   */
  public static String fault(boolean client, String message) {
    return OPEN
        + "<soapenv:Fault><faultcode>soapenv:"
        + (client ? "Client" : "Server")
        + "</faultcode><faultstring>"
        + escape(message)
        + "</faultstring></soapenv:Fault>"
        + CLOSE;
  }

  private static String escape(String text) {
    var sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
