package com.caskr.sync.emulator.org;

import java.util.List;

/**
 * One field of an sObject as describe would report it.
 *
 * @param length maximum characters of text fields, 0 otherwise
 * @param precision total digits of numbers, 0 otherwise
 * @param scale digits after the decimal point of numbers
 * @param referenceTo the parent type of a reference field, null otherwise
 * @param relationshipName the parent relationship of a reference field ("Account" for AccountId)
 * @param picklistValues the active values of a picklist, empty otherwise
 * @param restricted whether a picklist rejects values outside its list
 * @param requiredOnCreate whether a create must supply a non-blank value (after defaults)
 * @param externalId whether upsert may match on this field
 * @param unique whether two live records may not share a value (compared case-insensitively)
 */
public record Field(
    String name,
    FieldType type,
    int length,
    int precision,
    int scale,
    String referenceTo,
    String relationshipName,
    List<String> picklistValues,
    boolean restricted,
    boolean requiredOnCreate,
    boolean createable,
    boolean updateable,
    boolean externalId,
    boolean unique) {

  public Field {
    picklistValues = List.copyOf(picklistValues);
  }

  // Fields key maps on every write; hashing the picklist values each time would dominate.
  @Override
  public int hashCode() {
    return name.hashCode() * 31 + type.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Field f
        && name.equals(f.name)
        && type == f.type
        && length == f.length
        && precision == f.precision
        && scale == f.scale
        && java.util.Objects.equals(referenceTo, f.referenceTo)
        && java.util.Objects.equals(relationshipName, f.relationshipName)
        && picklistValues.equals(f.picklistValues)
        && restricted == f.restricted
        && requiredOnCreate == f.requiredOnCreate
        && createable == f.createable
        && updateable == f.updateable
        && externalId == f.externalId
        && unique == f.unique;
  }

  static Field of(String name, FieldType type) {
    return new Field(
        name, type, 0, 0, 0, null, null, List.of(), false, false, true, true, false, false);
  }

  static Field text(String name, FieldType type, int length) {
    return new Field(
        name, type, length, 0, 0, null, null, List.of(), false, false, true, true, false, false);
  }

  static Field number(String name, FieldType type, int precision, int scale) {
    return new Field(
        name, type, 0, precision, scale, null, null, List.of(), false, false, true, true, false,
        false);
  }

  static Field reference(String name, String referenceTo, String relationshipName) {
    return new Field(
        name,
        FieldType.REFERENCE,
        18,
        0,
        0,
        referenceTo,
        relationshipName,
        List.of(),
        false,
        false,
        true,
        true,
        false,
        false);
  }

  static Field picklist(String name, List<String> values, boolean restricted) {
    return new Field(
        name,
        FieldType.PICKLIST,
        255,
        0,
        0,
        null,
        null,
        values,
        restricted,
        false,
        true,
        true,
        false,
        false);
  }

  Field required() {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        picklistValues,
        restricted,
        true,
        createable,
        updateable,
        externalId,
        unique);
  }

  /** Computed or system-maintained: neither create nor update may write it. */
  Field readOnly() {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        picklistValues,
        restricted,
        requiredOnCreate,
        false,
        false,
        externalId,
        unique);
  }

  /** Set on create, fixed afterwards (e.g. OpportunityLineItem.OpportunityId). */
  Field createOnly() {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        picklistValues,
        restricted,
        requiredOnCreate,
        true,
        false,
        externalId,
        unique);
  }

  Field externalIdUnique() {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        picklistValues,
        restricted,
        requiredOnCreate,
        createable,
        updateable,
        true,
        true);
  }

  Field externalIdOnly() {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        picklistValues,
        restricted,
        requiredOnCreate,
        createable,
        updateable,
        true,
        false);
  }

  Field withPicklist(List<String> values, boolean restrictedValues) {
    return new Field(
        name,
        type,
        length,
        precision,
        scale,
        referenceTo,
        relationshipName,
        values,
        restrictedValues,
        requiredOnCreate,
        createable,
        updateable,
        externalId,
        unique);
  }

  /** Custom fields: a text field for tests that need, say, a non-unique external id. */
  public static Field customText(String name, int length, boolean externalId, boolean unique) {
    return new Field(
        name,
        FieldType.STRING,
        length,
        0,
        0,
        null,
        null,
        List.of(),
        false,
        false,
        true,
        true,
        externalId,
        unique);
  }

  public static Field customCheckbox(String name) {
    return of(name, FieldType.BOOLEAN);
  }
}
