package com.caskr.sync.mapping.fieldmap;

/**
 * Why a Salesforce value could not be mapped, or could only be mapped with a caveat. Errors stop
 * the record from being applied (a validation error in the sync log); warnings do not.
 *
 * @param caskrField the Caskr column concerned
 * @param salesforceField the Salesforce field whose value caused it
 */
public record FieldIssue(String caskrField, String salesforceField, Code code, String message) {

  /** What went wrong; also the sync log's error_code. */
  public enum Code {
    /** A required field is null, blank or (for a new record) absent. */
    MISSING_REQUIRED_FIELD,
    /** The value has the wrong type or shape for its transformation (text expected, bad date). */
    INVALID_VALUE,
    /** A VALUE_MAP has no entry and no fallback for the value. */
    UNMAPPED_VALUE,
    /** A LOOKUP found nothing; the field becomes null (an error when the field is required). */
    LOOKUP_NOT_FOUND
  }

  /** Whether the record must not be applied. */
  public boolean error() {
    return code != Code.LOOKUP_NOT_FOUND;
  }
}
