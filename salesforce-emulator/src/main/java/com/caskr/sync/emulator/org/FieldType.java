package com.caskr.sync.emulator.org;

/** The Salesforce field types the emulator stores, with the Java type each value is held as. */
public enum FieldType {
  ID,
  REFERENCE,
  STRING,
  TEXTAREA,
  PICKLIST,
  EMAIL,
  PHONE,
  URL,
  BOOLEAN,
  CURRENCY,
  PERCENT,
  DOUBLE,
  INT,
  DATE,
  DATETIME,
  /** Compound address: read-only, describes its components, holds no value of its own. */
  ADDRESS;

  boolean isText() {
    return switch (this) {
      case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL -> true;
      default -> false;
    };
  }

  boolean isNumber() {
    return switch (this) {
      case CURRENCY, PERCENT, DOUBLE, INT -> true;
      default -> false;
    };
  }
}
