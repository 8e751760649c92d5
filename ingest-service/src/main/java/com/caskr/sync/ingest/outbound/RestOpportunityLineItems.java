package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an opportunity's current line items over the org's REST API with the company's token. The
 * field list is the one the Pub/Sub channel publishes, so an opportunity event looks the same
 * whichever channel saw the change.
 */
final class RestOpportunityLineItems implements OpportunityLineItems {

  static final String FIELDS =
      "Id, OpportunityId, PricebookEntryId, Product2Id, ProductCode, Name, Quantity, UnitPrice,"
          + " TotalPrice, ListPrice, Discount, ServiceDate, Description, SortOrder,"
          + " SystemModstamp";

  private final OrgClients clients;

  RestOpportunityLineItems(OrgClients clients) {
    this.clients = clients;
  }

  @Override
  public List<Map<String, Object>> current(ConnectedOrg org, SalesforceId opportunityId) {
    try (var rows =
        clients
            .forOrg(org.tenant())
            .rest()
            .query(
                "SELECT "
                    + FIELDS
                    + " FROM OpportunityLineItem WHERE OpportunityId = "
                    + Soql.literal(opportunityId.value())
                    + " ORDER BY Id")) {
      return rows.map(RestOpportunityLineItems::withoutAttributes).toList();
    } catch (RuntimeException e) {
      // Expired or revoked tokens, API limits, Salesforce down: the message comes again.
      throw new LineItemsUnavailable(
          "Line items of " + opportunityId + " could not be read: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> withoutAttributes(Map<String, Object> row) {
    var copy = new LinkedHashMap<>(row);
    copy.remove("attributes");
    return copy;
  }
}
