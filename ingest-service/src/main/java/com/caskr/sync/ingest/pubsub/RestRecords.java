package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.salesforce.errors.NotFound;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Records} over the org's REST API. */
final class RestRecords implements Records {

  static final String LINE_ITEM_FIELDS =
      "Id, OpportunityId, PricebookEntryId, Product2Id, ProductCode, Name, Quantity, UnitPrice,"
          + " TotalPrice, ListPrice, Discount, ServiceDate, Description, SortOrder,"
          + " SystemModstamp";

  private final Tenant tenant;
  private final SalesforceRestClient rest;
  private final OwnerEmails owners;

  RestRecords(Tenant tenant, SalesforceRestClient rest, OwnerEmails owners) {
    this.tenant = tenant;
    this.rest = rest;
    this.owners = owners;
  }

  @Override
  public List<SalesforceRecordChanged> withOwnerEmails(List<SalesforceRecordChanged> changes) {
    return owners.attach(tenant, () -> rest, changes);
  }

  @Override
  public Map<SalesforceId, String> ownerEmails(Set<SalesforceId> users) {
    return owners.emails(tenant, () -> rest, users);
  }

  @Override
  public Optional<Map<String, Object>> get(SalesforceEntity entity, SalesforceId id) {
    try {
      return Optional.of(withoutAttributes(rest.get(entity.apiName(), id, List.of())));
    } catch (NotFound gone) {
      return Optional.empty();
    }
  }

  @Override
  public List<Map<String, Object>> lineItems(SalesforceId opportunityId) {
    try (var rows =
        rest.query(
            "SELECT "
                + LINE_ITEM_FIELDS
                + " FROM OpportunityLineItem WHERE OpportunityId = "
                + Soql.literal(opportunityId.value())
                + " ORDER BY Id")) {
      return rows.map(RestRecords::withoutAttributes).toList();
    }
  }

  @Override
  public Optional<SalesforceId> opportunityOfLineItem(SalesforceId lineItemId) {
    try (var rows =
        rest.queryAll(
            "SELECT OpportunityId FROM OpportunityLineItem WHERE Id = "
                + Soql.literal(lineItemId.value()),
            200)) {
      return rows.findFirst()
          .map(row -> row.get("OpportunityId"))
          .filter(String.class::isInstance)
          .map(id -> SalesforceId.of((String) id));
    }
  }

  private static Map<String, Object> withoutAttributes(Map<String, Object> row) {
    var copy = new LinkedHashMap<>(row);
    copy.remove("attributes");
    return copy;
  }
}
