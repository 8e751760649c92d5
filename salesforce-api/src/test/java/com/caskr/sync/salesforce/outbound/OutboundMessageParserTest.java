package com.caskr.sync.salesforce.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class OutboundMessageParserTest {

  private static final String ORG_15 = "00D000000000062";
  private static final String OPPORTUNITY = "006000000000001";

  private final OutboundMessageParser parser = new OutboundMessageParser();

  static String envelope(String notifications) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        + " <soapenv:Body>\n"
        + "  <notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n"
        + "   <OrganizationId>"
        + ORG_15
        + "</OrganizationId>\n"
        + "   <ActionId>04k000000000001</ActionId>\n"
        + "   <SessionId xsi:nil=\"true\"/>\n"
        + "   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/62.0/00D000000000062</EnterpriseUrl>\n"
        + "   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/62.0/00D000000000062</PartnerUrl>\n"
        + notifications
        + "  </notifications>\n"
        + " </soapenv:Body>\n"
        + "</soapenv:Envelope>\n";
  }

  static String notification(String id, String type, String recordId) {
    return "   <Notification>\n"
        + "    <Id>"
        + id
        + "</Id>\n"
        + "    <sObject xsi:type=\"sf:"
        + type
        + "\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n"
        + "     <sf:Id>"
        + recordId
        + "</sf:Id>\n"
        + "     <sf:Name>Cask 42 &amp; friends</sf:Name>\n"
        + "     <sf:StageName>Closed Won</sf:StageName>\n"
        + "     <sf:Amount xsi:nil=\"true\"/>\n"
        + "    </sObject>\n"
        + "   </Notification>\n";
  }

  private OutboundMessage parse(String xml) {
    return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheEnvelopeWithNormalisedIdsAndNilFieldsAsNull() {
    OutboundMessage message =
        parse(envelope(notification("04l000000000001", "Opportunity", OPPORTUNITY)));

    assertThat(message.organizationId()).isEqualTo(SalesforceId.of(ORG_15));
    assertThat(message.organizationId().value()).hasSize(18);
    assertThat(message.sessionId()).isNull();
    assertThat(message.partnerUrl()).endsWith("/services/Soap/u/62.0/00D000000000062");
    assertThat(message.sObjectType()).isEqualTo("Opportunity");
    Notification n = message.notifications().getFirst();
    assertThat(n.id()).isEqualTo(SalesforceId.of("04l000000000001"));
    assertThat(n.recordId().value()).isEqualTo(SalesforceId.of(OPPORTUNITY).value());
    assertThat(n.fields())
        .containsEntry("Name", "Cask 42 & friends")
        .containsEntry("StageName", "Closed Won")
        .containsEntry("Amount", null)
        .doesNotContainKey("CloseDate");
    assertThat(n.fields().keySet()).containsExactly("Id", "Name", "StageName", "Amount");
  }

  @Test
  void acceptsAHundredNotificationsAndRefusesTheHundredAndFirst() {
    String hundred =
        String.join(
            "",
            Collections.nCopies(
                100, notification("04l000000000001", "Account", "001000000000001")));
    assertThat(parse(envelope(hundred)).notifications()).hasSize(100);

    String more = hundred + notification("04l000000000002", "Account", "001000000000002");
    assertThatThrownBy(() -> parse(envelope(more)))
        .isInstanceOf(MalformedOutboundMessage.class)
        .hasMessageContaining("More than 100");
  }

  @Test
  void refusesAWrongNamespace() {
    String xml =
        envelope(notification("04l000000000001", "Account", "001000000000001"))
            .replace("http://soap.sforce.com/2005/09/outbound", "http://example.com/outbound");
    assertThatThrownBy(() -> parse(xml))
        .isInstanceOf(MalformedOutboundMessage.class)
        .hasMessageContaining("http://soap.sforce.com/2005/09/outbound");
  }

  @Test
  void refusesAnSObjectTypeOutsideTheEnterpriseNamespace() {
    String xml =
        envelope(notification("04l000000000001", "Account", "001000000000001"))
            .replace("urn:sobject.enterprise.soap.sforce.com", "urn:evil");
    assertThatThrownBy(() -> parse(xml)).isInstanceOf(MalformedOutboundMessage.class);
  }

  @Test
  void refusesMissingIdsAndEmptyMessages() {
    assertThatThrownBy(() -> parse(envelope("")))
        .isInstanceOf(MalformedOutboundMessage.class)
        .hasMessageContaining("No Notification");
    assertThatThrownBy(
            () ->
                parse(
                    envelope(notification("04l000000000001", "Account", "001000000000001"))
                        .replace("<OrganizationId>" + ORG_15 + "</OrganizationId>", "")))
        .hasMessageContaining("OrganizationId is missing");
    assertThatThrownBy(
            () -> parse(envelope(notification("not-an-id", "Account", "001000000000001"))))
        .hasMessageContaining("Notification Id is not a Salesforce id");
    assertThatThrownBy(() -> parse(envelope(notification("04l000000000001", "Account", ""))))
        .hasMessageContaining("sObject Id is missing");
  }

  @Test
  void refusesMixedSObjectTypes() {
    String xml =
        envelope(
            notification("04l000000000001", "Account", "001000000000001")
                + notification("04l000000000002", "Contact", "003000000000001"));
    assertThatThrownBy(() -> parse(xml)).hasMessageContaining("one sObject type");
  }

  @Test
  void refusesDtdsSoExternalEntitiesAreNeverRead() {
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + envelope(notification("04l000000000001", "Account", "001000000000001"))
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length())
                .replace("Cask 42 &amp; friends", "&xxe;");
    assertThatThrownBy(() -> parse(xml)).isInstanceOf(MalformedOutboundMessage.class);
  }

  @Test
  void refusesNonXml() {
    assertThatThrownBy(() -> parse("{\"not\":\"xml\"}"))
        .isInstanceOf(MalformedOutboundMessage.class)
        .hasMessageContaining("well-formed");
  }

  @Test
  void writesTheExactAckAndFaultEnvelopes() {
    assertThat(OutboundMessageResponses.ack(true))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
                + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
                + "<Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>");
    assertThat(OutboundMessageResponses.ack(false)).contains("<Ack>false</Ack>");
    assertThat(OutboundMessageResponses.fault(true, "bad <org> & id"))
        .contains("<soapenv:Fault><faultcode>soapenv:Client</faultcode>")
        .contains("<faultstring>bad &lt;org&gt; &amp; id</faultstring>");
  }
}
