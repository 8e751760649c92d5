package com.caskr.sync.emulator.org;

import java.util.List;

/**
 * A read or write Salesforce refuses; nothing was changed. Carries every error Salesforce would
 * list, in its order.
 */
public final class RequestRejected extends RuntimeException {

  private final transient List<SalesforceError> errors;

  public RequestRejected(List<SalesforceError> errors) {
    super(
        errors.isEmpty()
            ? "rejected"
            : errors.getFirst().code() + ": " + errors.getFirst().message());
    this.errors = List.copyOf(errors);
  }

  RequestRejected(ErrorCode code, String message, String... fields) {
    this(List.of(SalesforceError.of(code, message, fields)));
  }

  public List<SalesforceError> errors() {
    return errors;
  }

  /** The first error's code, which is what a single-record REST response leads with. */
  public ErrorCode code() {
    return errors.getFirst().code();
  }
}
