package com.caskr.sync.emulator.outbound;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One outbound message of an org: which records' changes send which fields where.
 *
 * @param actionId the definition's id (04k…), sent as ActionId
 * @param sobject Account, Contact, Opportunity or OpportunityLineItem
 * @param fields the fields sent besides Id (always sent, first), in this order
 * @param sendSessionId whether SessionId carries a live session of {@code userId}
 * @param userId the "user to send as" (18-character 005 id)
 * @param apiVersion of the Enterprise and Partner URLs, e.g. {@code 62.0}
 */
public record OutboundDefinition(
    String actionId,
    String orgId,
    String name,
    String sobject,
    Condition condition,
    List<String> fields,
    URI endpoint,
    boolean sendSessionId,
    String userId,
    String apiVersion) {

  static final Set<String> OBJECTS =
      Set.of("Account", "Contact", "Opportunity", "OpportunityLineItem");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]?\\.0");

  public OutboundDefinition {
    if (!OBJECTS.contains(sobject)) {
      throw new IllegalArgumentException(
          "object must be one of Account, Contact, Opportunity, OpportunityLineItem: " + sobject);
    }
    if (condition == null) {
      throw new IllegalArgumentException("An outbound message needs a condition");
    }
    if (endpoint == null
        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException("endpointUrl must be an absolute http(s) URL");
    }
    if (apiVersion == null || !VERSION.matcher(apiVersion).matches()) {
      throw new IllegalArgumentException("apiVersion must look like 62.0: " + apiVersion);
    }
    fields = fields.stream().filter(f -> !f.equals("Id")).distinct().toList();
  }
}
