package com.caskr.sync.salesforce.outbound;

import com.caskr.sync.schema.SalesforceId;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an Outbound Message SOAP 1.1 request strictly ({@code soapenv:Envelope/Body/notifications}
 * in {@value #OUTBOUND_NS}) with the JDK's StAX parser, DTDs and external entities disabled (no
 * XXE). Thread-safe.
 */
public final class OutboundMessageParser {

  public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  public static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
  public static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
  private static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

  private final XMLInputFactory factory;

  public OutboundMessageParser() {
    factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  /**
   * The message in {@code body}.
   *
   * @throws MalformedOutboundMessage naming what is wrong: not XML, a DTD, a wrong namespace or
   *     element, missing ids, no or more than 100 notifications, mixed sObject types
   */
  public OutboundMessage parse(InputStream body) {
    XMLStreamReader xml = null;
    try {
      xml = factory.createXMLStreamReader(body);
      return envelope(xml);
    } catch (XMLStreamException e) {
      throw new MalformedOutboundMessage("Not a well-formed SOAP message: " + e.getMessage(), e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException e) {
          // Nothing left to read.
        }
      }
    }
  }

  private OutboundMessage envelope(XMLStreamReader xml) throws XMLStreamException {
    start(xml, SOAP_NS, "Envelope");
    next(xml);
    if (is(xml, SOAP_NS, "Header")) {
      skip(xml);
      next(xml);
    }
    expect(xml, SOAP_NS, "Body");
    start(xml, OUTBOUND_NS, "notifications");
    var fields = new LinkedHashMap<String, String>();
    var notifications = new ArrayList<Notification>();
    while (next(xml) == XMLStreamConstants.START_ELEMENT) {
      if (!OUTBOUND_NS.equals(xml.getNamespaceURI())) {
        throw wrong(xml, "an element of " + OUTBOUND_NS);
      }
      String name = xml.getLocalName();
      switch (name) {
        case "OrganizationId", "ActionId", "SessionId", "EnterpriseUrl", "PartnerUrl" -> {
          if (fields.containsKey(name)) {
            throw new MalformedOutboundMessage(name + " appears twice");
          }
          fields.put(name, text(xml));
        }
        case "Notification" -> {
          if (notifications.size() == OutboundMessage.MAX_NOTIFICATIONS) {
            throw new MalformedOutboundMessage(
                "More than " + OutboundMessage.MAX_NOTIFICATIONS + " notifications");
          }
          notifications.add(notification(xml));
        }
        default -> throw wrong(xml, "OrganizationId, ActionId, SessionId, …, Notification");
      }
    }
    if (notifications.isEmpty()) {
      throw new MalformedOutboundMessage("No Notification");
    }
    String type = notifications.getFirst().sObjectType();
    if (notifications.stream().anyMatch(n -> !n.sObjectType().equals(type))) {
      throw new MalformedOutboundMessage("One message carries one sObject type; found several");
    }
    return new OutboundMessage(
        id(fields.get("OrganizationId"), "OrganizationId", "00D"),
        id(fields.get("ActionId"), "ActionId", null),
        fields.get("SessionId"),
        fields.get("EnterpriseUrl"),
        fields.get("PartnerUrl"),
        notifications);
  }

  private Notification notification(XMLStreamReader xml) throws XMLStreamException {
    String id = null;
    String type = null;
    Map<String, String> values = null;
    while (next(xml) == XMLStreamConstants.START_ELEMENT) {
      if (is(xml, OUTBOUND_NS, "Id") && id == null) {
        id = text(xml);
      } else if (is(xml, OUTBOUND_NS, "sObject") && type == null) {
        type = sObjectType(xml);
        values = new LinkedHashMap<>();
        while (next(xml) == XMLStreamConstants.START_ELEMENT) {
          if (!SOBJECT_NS.equals(xml.getNamespaceURI())) {
            throw wrong(xml, "a field in " + SOBJECT_NS);
          }
          String field = xml.getLocalName();
          if (values.containsKey(field)) {
            throw new MalformedOutboundMessage("Field " + field + " appears twice");
          }
          values.put(field, text(xml));
        }
      } else {
        throw wrong(xml, "one Id and one sObject");
      }
    }
    if (type == null) {
      throw new MalformedOutboundMessage("A Notification without sObject");
    }
    SalesforceId recordId = id(values.get("Id"), "sObject Id", null);
    return new Notification(id(id, "Notification Id", null), type, recordId, values);
  }

  private static String sObjectType(XMLStreamReader xml) {
    String type = xml.getAttributeValue(XSI_NS, "type");
    if (type == null) {
      throw new MalformedOutboundMessage("sObject without xsi:type");
    }
    int colon = type.indexOf(':');
    String prefix = colon < 0 ? "" : type.substring(0, colon);
    String local = type.substring(colon + 1);
    String ns = xml.getNamespaceContext().getNamespaceURI(prefix);
    if (!SOBJECT_NS.equals(ns)) {
      throw new MalformedOutboundMessage(
          "sObject xsi:type " + type + " is not in " + SOBJECT_NS + " (found " + ns + ")");
    }
    if (!local.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
      throw new MalformedOutboundMessage("Not an sObject type: " + local);
    }
    return local;
  }

  /** The element's text, or null when {@code xsi:nil="true"}; leaves the reader on its end. */
  private static String text(XMLStreamReader xml) throws XMLStreamException {
    String nil = xml.getAttributeValue(XSI_NS, "nil");
    if ("true".equals(nil) || "1".equals(nil)) {
      if (next(xml) != XMLStreamConstants.END_ELEMENT) {
        throw wrong(xml, "nothing inside a nil element");
      }
      return null;
    }
    try {
      return xml.getElementText();
    } catch (XMLStreamException e) {
      throw new MalformedOutboundMessage(
          "Element " + xml.getLocalName() + " must hold text only", e);
    }
  }

  private static SalesforceId id(String value, String what, String prefix) {
    if (value == null || value.isBlank()) {
      throw new MalformedOutboundMessage(what + " is missing");
    }
    if (!SalesforceId.isValid(value.trim())) {
      throw new MalformedOutboundMessage(what + " is not a Salesforce id: " + value);
    }
    SalesforceId id = SalesforceId.of(value.trim());
    if (prefix != null && !id.hasKeyPrefix(prefix)) {
      throw new MalformedOutboundMessage(what + " must start with " + prefix + ": " + value);
    }
    return id;
  }

  /** Moves to the next start or end tag, refusing DTDs and stray text. */
  private static int next(XMLStreamReader xml) throws XMLStreamException {
    while (xml.hasNext()) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
          return event;
        }
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
            throw new MalformedOutboundMessage("DTDs and entities are not allowed");
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!xml.isWhiteSpace()) {
            throw new MalformedOutboundMessage("Unexpected text: " + xml.getText().strip());
          }
        }
        default -> {
          // Whitespace, comments and processing instructions carry nothing.
        }
      }
    }
    throw new MalformedOutboundMessage("The message ends early");
  }

  private static void start(XMLStreamReader xml, String ns, String name) throws XMLStreamException {
    if (next(xml) != XMLStreamConstants.START_ELEMENT) {
      throw new MalformedOutboundMessage("Expected " + name + ", found an end tag");
    }
    expect(xml, ns, name);
  }

  private static void expect(XMLStreamReader xml, String ns, String name) {
    if (!is(xml, ns, name)) {
      throw wrong(xml, "{" + ns + "}" + name);
    }
  }

  private static boolean is(XMLStreamReader xml, String ns, String name) {
    return xml.isStartElement()
        && name.equals(xml.getLocalName())
        && ns.equals(xml.getNamespaceURI());
  }

  private static void skip(XMLStreamReader xml) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      depth += next(xml) == XMLStreamConstants.START_ELEMENT ? 1 : -1;
    }
  }

  private static MalformedOutboundMessage wrong(XMLStreamReader xml, String expected) {
    String found =
        xml.isStartElement() || xml.isEndElement()
            ? "{" + xml.getNamespaceURI() + "}" + xml.getLocalName()
            : "event " + xml.getEventType();
    return new MalformedOutboundMessage("Expected " + expected + ", found " + found);
  }
}
