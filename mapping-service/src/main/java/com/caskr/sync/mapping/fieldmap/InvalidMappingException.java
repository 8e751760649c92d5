package com.caskr.sync.mapping.fieldmap;

/** A field mapping (rule, configuration, field names) that cannot be used; the message says why. */
public final class InvalidMappingException extends IllegalArgumentException {

  public InvalidMappingException(String message) {
    super(message);
  }
}
