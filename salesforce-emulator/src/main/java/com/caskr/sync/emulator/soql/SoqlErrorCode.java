package com.caskr.sync.emulator.soql;

/** The {@code errorCode} values Salesforce returns for a query it refuses. */
public enum SoqlErrorCode {
  /** Syntax. */
  MALFORMED_QUERY,
  /** A field or parent relationship that the sObject does not have. */
  INVALID_FIELD,
  /** An sObject type or child relationship that does not exist. */
  INVALID_TYPE,
  /** An operator or a literal that does not fit the field's type. */
  INVALID_QUERY_FILTER_OPERATOR,
  /** A value outside a documented range, e.g. OFFSET above 2,000. */
  NUMBER_OUTSIDE_VALID_RANGE,
  /** A construct the Bulk API's SOQL subset does not allow. */
  FUNCTIONALITY_NOT_ENABLED
}
