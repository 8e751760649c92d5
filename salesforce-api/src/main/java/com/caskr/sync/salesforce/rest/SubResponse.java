package com.caskr.sync.salesforce.rest;

import com.caskr.sync.salesforce.errors.ApiError;
import com.caskr.sync.salesforce.errors.SalesforceErrors;
import com.caskr.sync.salesforce.errors.SalesforceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to one subrequest, in request order. Under allOrNone, when one subrequest fails the
 * others report {@code PROCESSING_HALTED}.
 *
 * @param body the JSON body as maps and lists, or null (204)
 * @param errors the body's errors when the subrequest failed, else empty
 */
public record SubResponse(
    String referenceId,
    int httpStatusCode,
    Map<String, String> httpHeaders,
    Object body,
    List<ApiError> errors) {

  public SubResponse {
    httpHeaders = httpHeaders == null ? Map.of() : Map.copyOf(httpHeaders);
    errors = List.copyOf(errors);
  }

  public boolean success() {
    return httpStatusCode < 300;
  }

  /** The typed exception this subrequest's error maps to; empty when it succeeded. */
  public Optional<SalesforceException> failure() {
    return success() ? Optional.empty() : Optional.of(SalesforceErrors.of(httpStatusCode, errors));
  }

  /** The {@code id} of a created record, when the body has one. */
  public Optional<String> id() {
    return body instanceof Map<?, ?> map && map.get("id") instanceof String id
        ? Optional.of(id)
        : Optional.empty();
  }
}
