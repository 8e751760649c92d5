package com.caskr.sync.emulator.soql;

import com.caskr.sync.emulator.soql.RecordSource.ParentRelationship;
import com.caskr.sync.emulator.soql.Syntax.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field reached from a row, possibly through parent relationships ({@code Opportunity.Account.
 * Owner.Email}), resolved once against the org's schema so that reading it per row is only map
 * look-ups.
 *
 * @param hops the parent relationships walked, in order
 * @param ownerType the sObject type that holds {@code field}
 * @param field the canonical field name
 * @param idValued whether the field holds record ids, which compare case-sensitively
 */
record FieldPath(List<Hop> hops, String ownerType, String field, boolean idValued) {

  /** Salesforce follows at most five parent relationships in one path. */
  static final int MAX_HOPS = 5;

  /** One parent relationship, named as Salesforce names it in results ({@code Account}). */
  record Hop(String relationshipName, String referenceField, String parentType) {}

  static FieldPath resolve(RecordSource source, String type, Name name, String soql) {
    String[] segments = name.text().split("\\.");
    if (segments.length - 1 > MAX_HOPS) {
      throw SoqlException.at(
          SoqlErrorCode.MALFORMED_QUERY,
          soql,
          name.offset(),
          "SOQL statements cannot query more than " + MAX_HOPS + " levels of relationships");
    }
    var hops = new ArrayList<Hop>();
    String current = type;
    int segmentOffset = name.offset();
    for (int i = 0; i < segments.length - 1; i++) {
      String segment = segments[i];
      ParentRelationship parent =
          source
              .parent(current, segment)
              .orElseThrow(() -> unknownRelationship(soql, name.offset(), segment));
      hops.add(
          new Hop(
              relationshipName(parent.referenceField(), segment),
              parent.referenceField(),
              parent.parentType()));
      current = parent.parentType();
      segmentOffset += segment.length() + 1;
    }
    String last = segments[segments.length - 1];
    String owner = current;
    int lastOffset = segmentOffset;
    String field =
        source.field(owner, last).orElseThrow(() -> unknownField(soql, lastOffset, last, owner));
    return new FieldPath(List.copyOf(hops), owner, field, holdsIds(source, owner, field));
  }

  /** The path in canonical spelling, as Bulk API CSV headers show it: {@code Account.Name}. */
  String dotted() {
    var dotted = new StringBuilder();
    for (Hop hop : hops) {
      dotted.append(hop.relationshipName()).append('.');
    }
    return dotted.append(field).toString();
  }

  /** The value at the end of the path, or null when a reference on the way is empty. */
  Object read(Map<String, Object> row, RecordSource source) {
    Map<String, Object> current = row;
    for (int i = 0; i < hops.size(); i++) {
      Object id = current.get(hops.get(i).referenceField());
      if (id == null) {
        return null;
      }
      current = source.row((String) id).orElse(null);
      if (current == null) {
        return null;
      }
    }
    return current.get(field);
  }

  /**
   * Address compound fields (BillingAddress, MailingAddress ...) are recognisable by their
   * components; the Bulk API refuses them while geolocation compounds work there.
   */
  boolean isCompoundAddress(RecordSource source) {
    if (!field.endsWith("Address")) {
      return false;
    }
    String prefix = field.substring(0, field.length() - "Address".length());
    return source.field(ownerType, prefix + "City").isPresent()
        && source.field(ownerType, prefix + "Street").isPresent();
  }

  // The seam gives the reference field, not the relationship's own spelling; Salesforce derives
  // one from the other (AccountId → Account, Cask__c → Cask__r).
  static String relationshipName(String referenceField, String asWritten) {
    if (referenceField.endsWith("Id") && referenceField.length() > 2) {
      return referenceField.substring(0, referenceField.length() - 2);
    }
    if (referenceField.endsWith("__c")) {
      return referenceField.substring(0, referenceField.length() - 3) + "__r";
    }
    return asWritten;
  }

  private static boolean holdsIds(RecordSource source, String type, String field) {
    if (field.equals("Id")) {
      return true;
    }
    if (field.endsWith("Id") && field.length() > 2) {
      return source.parent(type, field.substring(0, field.length() - 2)).isPresent();
    }
    if (field.endsWith("__c")) {
      return source.parent(type, field.substring(0, field.length() - 3) + "__r").isPresent();
    }
    return false;
  }

  private static SoqlException unknownRelationship(String soql, int offset, String segment) {
    return SoqlException.at(
        SoqlErrorCode.INVALID_FIELD,
        soql,
        offset,
        "Didn't understand relationship '"
            + segment
            + "' in field path. If you are attempting to use a custom relationship, be sure to"
            + " append the '__r' after the custom relationship name. Please reference your WSDL"
            + " or the describe call for the appropriate names.");
  }

  private static SoqlException unknownField(String soql, int offset, String field, String type) {
    return SoqlException.at(
        SoqlErrorCode.INVALID_FIELD,
        soql,
        offset,
        "No such column '"
            + field
            + "' on entity '"
            + type
            + "'. If you are attempting to use a custom field, be sure to append the '__c' after"
            + " the custom field name. Please reference your WSDL or the describe call for the"
            + " appropriate names.");
  }
}
