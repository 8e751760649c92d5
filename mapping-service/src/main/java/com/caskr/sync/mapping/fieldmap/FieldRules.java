package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The active field mappings of one company for one Salesforce object: what {@link FieldMapper}
 * applies and what conflict detection compares.
 */
public record FieldRules(long companyId, SalesforceEntity salesforceObject, List<FieldRule> rules) {

  public FieldRules {
    if (companyId <= 0) {
      throw new IllegalArgumentException("companyId must be positive");
    }
    rules = List.copyOf(rules);
    Set<String> sources = new HashSet<>();
    Set<String> targets = new HashSet<>();
    for (FieldRule rule : rules) {
      if (rule.salesforceObject() != salesforceObject) {
        throw new InvalidMappingException(
            rule.salesforceField() + " belongs to " + rule.salesforceObject().apiName());
      }
      if (!sources.add(rule.salesforceField())) {
        throw new InvalidMappingException(rule.salesforceField() + " is mapped twice");
      }
      if (rule.direction().inbound()
          && !targets.add(rule.caskrField() + "#" + rule.targetPosition())) {
        throw new InvalidMappingException(
            rule.caskrField() + " has two inbound sources at position " + rule.targetPosition());
      }
    }
  }

  /** The Caskr entity these rules write. */
  public CaskrEntity caskrEntity() {
    return FieldRule.pairedEntity(salesforceObject);
  }

  /**
   * The rules that bring Salesforce values into Caskr, grouped by Caskr field in target position
   * order (several sources of one field are joined).
   */
  public Map<String, List<FieldRule>> inboundByCaskrField() {
    var grouped = new LinkedHashMap<String, List<FieldRule>>();
    rules.stream()
        .filter(rule -> rule.direction().inbound())
        .sorted(Comparator.comparingInt(FieldRule::targetPosition))
        .forEach(
            rule ->
                grouped
                    .computeIfAbsent(rule.caskrField(), field -> new java.util.ArrayList<>())
                    .add(rule));
    grouped.replaceAll((field, sources) -> List.copyOf(sources));
    return grouped;
  }

  /** The rule for a Salesforce field, if it is mapped. */
  public Optional<FieldRule> forSalesforceField(String salesforceField) {
    return rules.stream()
        .filter(rule -> rule.salesforceField().equals(salesforceField))
        .findFirst();
  }

  /**
   * The Salesforce field reported for a Caskr field in a conflict: the inbound source with the
   * highest position (for joined fields, the last part, e.g. Description of an order's notes).
   */
  public Optional<FieldRule> inboundSourceOf(String caskrField) {
    return rules.stream()
        .filter(rule -> rule.direction().inbound() && rule.caskrField().equals(caskrField))
        .max(Comparator.comparingInt(FieldRule::targetPosition));
  }

  /** Whether any inbound rule of {@code caskrField} is marked critical. */
  public boolean critical(String caskrField) {
    return rules.stream()
        .anyMatch(
            rule ->
                rule.direction().inbound()
                    && rule.caskrField().equals(caskrField)
                    && rule.critical());
  }
}
