package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the stream reads back from the org when an event does not carry the whole record. */
interface Records {

  /** Every field of a record; empty when it no longer exists. */
  Optional<Map<String, Object>> get(SalesforceEntity entity, SalesforceId id);

  /** The current line items of an opportunity, by id. */
  List<Map<String, Object>> lineItems(SalesforceId opportunityId);

  /** The opportunity a line item belongs (or belonged, if deleted) to. */
  Optional<SalesforceId> opportunityOfLineItem(SalesforceId lineItemId);

  /**
   * The changes with {@code "Owner": {"Id", "Email"}} added where they carry an OwnerId: CDC events
   * and record fetches carry the id only.
   */
  List<SalesforceRecordChanged> withOwnerEmails(List<SalesforceRecordChanged> changes);

  /** The emails of these users that Salesforce knows (cached ones without a query). */
  Map<SalesforceId, String> ownerEmails(Set<SalesforceId> owners);
}
