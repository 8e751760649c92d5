package com.caskr.sync.emulator.org;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of one sObject: its fields in describe order, its key prefix and its child
 * relationships. Immutable; field lookup is case-insensitive as in the API.
 */
public final class SObjectType {

  /** e.g. Account.Contacts: Contact rows whose AccountId points at the account. */
  public record ChildRelation(String name, String childType, String field, boolean cascade) {}

  private final String name;
  private final String keyPrefix;
  private final Map<String, Field> fields;
  private final Map<String, Field> fieldsByLowerName;
  private final List<ChildRelation> children;
  private final boolean createable;
  private final boolean deletable;
  // Precomputed for the write path, which runs them on every record.
  private final List<Field> requiredOnCreate;
  private final List<Field> checkboxes;
  private final List<Field> indexed;

  SObjectType(
      String name,
      String keyPrefix,
      List<Field> fields,
      List<ChildRelation> children,
      boolean createable,
      boolean deletable) {
    this.name = name;
    this.keyPrefix = keyPrefix;
    var byName = new LinkedHashMap<String, Field>();
    var byLower = new HashMap<String, Field>();
    for (Field f : fields) {
      byName.put(f.name(), f);
      byLower.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    this.fields = Collections.unmodifiableMap(byName);
    this.fieldsByLowerName = byLower;
    this.children = List.copyOf(children);
    this.createable = createable;
    this.deletable = deletable;
    this.requiredOnCreate = fields.stream().filter(Field::requiredOnCreate).toList();
    this.checkboxes = fields.stream().filter(f -> f.type() == FieldType.BOOLEAN).toList();
    this.indexed = fields.stream().filter(f -> f.externalId() || f.unique()).toList();
  }

  List<Field> requiredOnCreate() {
    return requiredOnCreate;
  }

  List<Field> checkboxes() {
    return checkboxes;
  }

  /** External-id and unique fields, which the org indexes by value. */
  List<Field> indexed() {
    return indexed;
  }

  public String name() {
    return name;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** Fields by API name, in describe order. */
  public Map<String, Field> fields() {
    return fields;
  }

  public List<ChildRelation> children() {
    return children;
  }

  /** Whether the API may create rows (Organization may not). */
  public boolean createable() {
    return createable;
  }

  /** Whether the API may delete rows (User and Organization may not). */
  public boolean deletable() {
    return deletable;
  }

  public Optional<Field> field(String fieldName) {
    Field exact = fields.get(fieldName);
    return exact != null
        ? Optional.of(exact)
        : Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
  }

  public Optional<Field> parentRelationship(String relationshipName) {
    return fields.values().stream()
        .filter(f -> f.relationshipName() != null)
        .filter(f -> f.relationshipName().equalsIgnoreCase(relationshipName))
        .findFirst();
  }

  public Optional<ChildRelation> child(String relationshipName) {
    return children.stream().filter(c -> c.name().equalsIgnoreCase(relationshipName)).findFirst();
  }

  SObjectType with(Field field) {
    var copy = new LinkedHashMap<>(fields);
    copy.put(field.name(), field);
    return new SObjectType(
        name, keyPrefix, List.copyOf(copy.values()), children, createable, deletable);
  }

  @Override
  public String toString() {
    return name;
  }
}
