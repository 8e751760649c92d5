package com.caskr.sync.salesforce.outbound;

import com.caskr.sync.schema.SalesforceId;
import java.util.List;

/**
 * One Outbound Message POST: 1–100 notifications about records of one sObject type. Messages arrive
 * at least once and out of order, with the record's latest data: deduplicate on {@link
 * Notification#id()} and check {@link #organizationId()} (they are unsigned; gotcha 15).
 *
 * @param sessionId an API session id when the definition sends one, else null; never logged
 */
public record OutboundMessage(
    SalesforceId organizationId,
    SalesforceId actionId,
    String sessionId,
    String enterpriseUrl,
    String partnerUrl,
    List<Notification> notifications) {

  /** Salesforce puts at most this many notifications in one message. */
  public static final int MAX_NOTIFICATIONS = 100;

  public OutboundMessage {
    notifications = List.copyOf(notifications);
  }

  /** The sObject type every notification of this message is about. */
  public String sObjectType() {
    return notifications.getFirst().sObjectType();
  }

  @Override
  public String toString() {
    return "OutboundMessage[organizationId="
        + organizationId
        + ", actionId="
        + actionId
        + ", sessionId="
        + (sessionId == null ? "none" : "***")
        + ", notifications="
        + notifications.size()
        + "]";
  }
}
