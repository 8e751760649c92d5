package com.caskr.sync.emulator.soql;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a SOQL query reads: one org's records and the shape of its sObjects. Implemented by the org
 * store; the query engine knows nothing else about it.
 *
 * <p>A row maps API field names to values of these Java types only: {@code String}, {@code
 * Boolean}, {@code java.math.BigDecimal} (currency, percent, double, int), {@code
 * java.time.LocalDate} (date), {@code java.time.Instant} (datetime), or {@code null}. Ids are
 * 18-character strings. Every row has {@code Id} and {@code IsDeleted}.
 */
public interface RecordSource {

  /** Rows of one sObject type; soft-deleted rows (IsDeleted = true) only when asked for. */
  Stream<Map<String, Object>> rows(String sobjectType, boolean includeDeleted);

  /** One row by its 18-character id, deleted or not. */
  Optional<Map<String, Object>> row(String id);

  /** Whether the sObject type exists in this org (e.g. "Account"), case-insensitively. */
  boolean hasType(String sobjectType);

  /** The canonical spelling of a field of a type ("name" → "Name"), if it exists. */
  Optional<String> field(String sobjectType, String fieldName);

  /** e.g. (Opportunity, "Account") → (AccountId, Account); (Account, "Owner") → (OwnerId, User). */
  Optional<ParentRelationship> parent(String sobjectType, String relationshipName);

  /** e.g. (Opportunity, "OpportunityLineItems") → (OpportunityLineItem, OpportunityId). */
  Optional<ChildRelationship> child(String sobjectType, String relationshipName);

  record ParentRelationship(String referenceField, String parentType) {}

  record ChildRelationship(String childType, String referenceField) {}
}
