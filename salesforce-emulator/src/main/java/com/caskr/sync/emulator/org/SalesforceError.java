package com.caskr.sync.emulator.org;

import java.util.List;

/** One error as Salesforce reports it: {@code {"message","errorCode","fields"}}. */
public record SalesforceError(ErrorCode code, String message, List<String> fields) {

  public SalesforceError {
    fields = List.copyOf(fields);
  }

  static SalesforceError of(ErrorCode code, String message, String... fields) {
    return new SalesforceError(code, message, List.of(fields));
  }
}
