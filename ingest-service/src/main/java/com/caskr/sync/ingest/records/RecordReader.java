package com.caskr.sync.ingest.records;

import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads records of one org as envelopes need them: by id (recycle bin included, so a deleted record
 * reads as deleted) and an opportunity's current line items, many opportunities per query.
 */
public final class RecordReader {

  /**
   * Ids per {@code IN (…)} list: about 27 URL-encoded characters each, so a query stays well under
   * the 16,384-byte limit on URI + headers (gotcha 18) together with the SELECT list.
   */
  public static final int IDS_PER_QUERY = 400;

  private final SalesforceRestClient rest;
  private final EntityFields fields;

  public RecordReader(SalesforceRestClient rest, EntityFields fields) {
    this.rest = rest;
    this.fields = fields;
  }

  /** The rows of {@code ids} that exist (live or in the recycle bin), in no particular order. */
  public List<SalesforceRow> byIds(SalesforceEntity entity, Collection<SalesforceId> ids) {
    var rows = new ArrayList<SalesforceRow>(ids.size());
    for (List<SalesforceId> chunk : chunks(List.copyOf(ids))) {
      String soql =
          "SELECT "
              + fields.selectList(entity)
              + " FROM "
              + entity.apiName()
              + " WHERE Id IN "
              + inList(chunk);
      try (Stream<Map<String, Object>> found = rest.queryAll(soql, 2000)) {
        found.map(SalesforceRow::fromQuery).forEach(rows::add);
      }
    }
    return rows;
  }

  /**
   * The current (not deleted) line items of each opportunity, in Salesforce's order; an opportunity
   * without lines maps to an empty list. One query per {@link #IDS_PER_QUERY} opportunities, never
   * one per opportunity.
   */
  public Map<SalesforceId, List<Map<String, Object>>> lineItems(
      Collection<SalesforceId> opportunityIds) {
    var lines = new LinkedHashMap<SalesforceId, List<Map<String, Object>>>();
    for (SalesforceId id : opportunityIds) {
      lines.put(id, new ArrayList<>());
    }
    for (List<SalesforceId> chunk : chunks(List.copyOf(lines.keySet()))) {
      String soql =
          "SELECT "
              + EntityFields.lineItemSelectList()
              + " FROM OpportunityLineItem"
              + " WHERE OpportunityId IN "
              + inList(chunk);
      try (Stream<Map<String, Object>> found = rest.query(soql, 2000)) {
        found.forEach(
            record -> {
              var line = new LinkedHashMap<String, Object>(record);
              line.remove("attributes");
              SalesforceId opportunity = SalesforceId.of((String) line.get("OpportunityId"));
              lines.computeIfAbsent(opportunity, key -> new ArrayList<>()).add(line);
            });
      }
    }
    var result = new LinkedHashMap<SalesforceId, List<Map<String, Object>>>();
    lines.forEach((id, list) -> result.put(id, List.copyOf(list)));
    return result;
  }

  static List<List<SalesforceId>> chunks(List<SalesforceId> ids) {
    var chunks = new ArrayList<List<SalesforceId>>();
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
    }
    return chunks;
  }

  static String inList(List<SalesforceId> ids) {
    var quoted = new ArrayList<String>(ids.size());
    for (SalesforceId id : ids) {
      quoted.add(Soql.literal(id.value()));
    }
    return "(" + String.join(",", quoted) + ")";
  }
}
