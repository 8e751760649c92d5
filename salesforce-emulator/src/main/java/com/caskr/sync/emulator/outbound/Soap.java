package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.FieldType;
import com.caskr.sync.emulator.org.Org;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** The outbound-messaging SOAP 1.1 wire format: the notifications request and its Ack. */
final class Soap {

  static final String SOAPENV = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
  static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
  static final String SF = "urn:sobject.enterprise.soap.sforce.com";

  private static final List<String> ACK_PATH =
      List.of(
          SOAPENV + "|Envelope",
          SOAPENV + "|Body",
          OUTBOUND + "|notificationsResponse",
          OUTBOUND + "|Ack");

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
  private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static {
    INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** One notification to write: its 04l id and the record it is about. */
  record Item(String notificationId, String recordId) {}

  private Soap() {}

  /**
   * The request body. Each record is read now, so the latest data goes out; a record that is gone
   * or in the recycle bin is sent with its Id only.
   */
  static String notifications(
      Org org,
      OutboundDefinition definition,
      String sessionId,
      String instanceUrl,
      List<Item> items) {
    var out = new StringWriter();
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("soapenv", "Envelope", SOAPENV);
      w.writeNamespace("soapenv", SOAPENV);
      w.writeNamespace("xsd", XSD);
      w.writeNamespace("xsi", XSI);
      w.writeStartElement("soapenv", "Body", SOAPENV);
      w.writeStartElement("", "notifications", OUTBOUND);
      w.writeDefaultNamespace(OUTBOUND);
      text(w, "OrganizationId", org.id());
      text(w, "ActionId", definition.actionId());
      if (sessionId == null) {
        w.writeEmptyElement("", "SessionId", OUTBOUND);
        w.writeAttribute("xsi", XSI, "nil", "true");
      } else {
        text(w, "SessionId", sessionId);
      }
      String soap = instanceUrl + "/services/Soap/";
      text(w, "EnterpriseUrl", soap + "c/" + definition.apiVersion() + "/" + org.id());
      text(w, "PartnerUrl", soap + "u/" + definition.apiVersion() + "/" + org.id());
      for (Item item : items) {
        w.writeStartElement("", "Notification", OUTBOUND);
        text(w, "Id", item.notificationId());
        w.writeStartElement("", "sObject", OUTBOUND);
        w.writeAttribute("xsi", XSI, "type", "sf:" + definition.sobject());
        w.writeNamespace("sf", SF);
        w.writeStartElement("sf", "Id", SF);
        w.writeCharacters(item.recordId());
        w.writeEndElement();
        Optional<Map<String, Object>> row =
            org.row(item.recordId()).filter(r -> r.get("IsDeleted") != Boolean.TRUE);
        if (row.isPresent()) {
          for (String name : definition.fields()) {
            Field field = org.schema().type(definition.sobject()).flatMap(t -> t.field(name)).get();
            Object value = row.get().get(field.name());
            if (value == null) {
              w.writeEmptyElement("sf", field.name(), SF);
              w.writeAttribute("xsi", XSI, "nil", "true");
            } else {
              w.writeStartElement("sf", field.name(), SF);
              w.writeCharacters(format(field.type(), value));
              w.writeEndElement();
            }
          }
        }
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write the outbound message", e);
    }
    return out.toString();
  }

  private static void text(XMLStreamWriter w, String element, String value)
      throws XMLStreamException {
    w.writeStartElement("", element, OUTBOUND);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  /** As the SOAP API writes values: xsd:double as Java does (5000.0, 1.5E7), millisecond UTC. */
  static String format(FieldType type, Object value) {
    return switch (type) {
      case CURRENCY, PERCENT, DOUBLE ->
          Double.toString(new BigDecimal(value.toString()).doubleValue());
      case INT -> new BigDecimal(value.toString()).toBigInteger().toString();
      case DATETIME -> DATETIME.format((Instant) value);
      default -> value.toString();
    };
  }

  /**
   * Whether a listener's response body acknowledges: {@code
   * Envelope/Body/notificationsResponse/Ack} is {@code true}. Faults, other elements, DTDs and
   * malformed XML all count as no.
   */
  static boolean acknowledged(String body) {
    if (body == null || body.isBlank()) {
      return false;
    }
    try {
      XMLStreamReader r = INPUT.createXMLStreamReader(new StringReader(body));
      var path = new ArrayList<String>();
      boolean ack = false;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.DTD -> {
            return false;
          }
          case XMLStreamConstants.START_ELEMENT -> {
            path.add(r.getNamespaceURI() + "|" + r.getLocalName());
            if (path.equals(ACK_PATH)) {
              ack = "true".equals(r.getElementText().trim());
              path.removeLast();
            }
          }
          case XMLStreamConstants.END_ELEMENT -> path.removeLast();
          default -> {}
        }
      }
      return ack;
    } catch (XMLStreamException | RuntimeException e) {
      return false;
    }
  }
}
