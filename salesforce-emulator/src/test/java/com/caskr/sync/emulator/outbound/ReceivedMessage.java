package com.caskr.sync.emulator.outbound;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A received notifications message, read the way a listener built from the WSDL reads it. */
record ReceivedMessage(
    String organizationId, String actionId, String sessionId, List<Notification> notifications) {

  /** One Notification; {@code fields} maps sf:* names to text, nil ones to null. */
  record Notification(String id, String xsiType, Map<String, String> fields) {}

  private static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String SF = "urn:sobject.enterprise.soap.sforce.com";

  static ReceivedMessage parse(String body) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      Element root = document.getDocumentElement();
      Element notifications =
          (Element) root.getElementsByTagNameNS(OUTBOUND, "notifications").item(0);
      var list = new ArrayList<Notification>();
      var nodes = notifications.getElementsByTagNameNS(OUTBOUND, "Notification");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element n = (Element) nodes.item(i);
        Element sobject = (Element) n.getElementsByTagNameNS(OUTBOUND, "sObject").item(0);
        var fields = new LinkedHashMap<String, String>();
        for (Node c = sobject.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element e && SF.equals(e.getNamespaceURI())) {
            fields.put(
                e.getLocalName(),
                "true".equals(e.getAttributeNS(XSI, "nil")) ? null : e.getTextContent());
          }
        }
        list.add(new Notification(text(n, "Id"), sobject.getAttributeNS(XSI, "type"), fields));
      }
      Element session =
          (Element) notifications.getElementsByTagNameNS(OUTBOUND, "SessionId").item(0);
      return new ReceivedMessage(
          text(notifications, "OrganizationId"),
          text(notifications, "ActionId"),
          "true".equals(session.getAttributeNS(XSI, "nil")) ? null : session.getTextContent(),
          list);
    } catch (Exception e) {
      throw new IllegalStateException("Not a notifications message: " + body, e);
    }
  }

  private static String text(Element parent, String name) {
    return parent.getElementsByTagNameNS(OUTBOUND, name).item(0).getTextContent();
  }
}
