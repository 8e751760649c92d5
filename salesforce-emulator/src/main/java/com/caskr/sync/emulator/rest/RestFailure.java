package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.emulator.org.SalesforceError;
import com.caskr.sync.emulator.soql.SoqlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request Salesforce refuses as a whole: an HTTP status and the single-record error body, an
 * array of {@code {"message","errorCode","fields"}} (collections use {@code statusCode} per row
 * instead; see {@link CollectionRows}).
 */
final class RestFailure extends RuntimeException {

  static final String NOT_FOUND_MESSAGE = "The requested resource does not exist";

  record Error(String errorCode, String message, List<String> fields) {}

  private final int status;
  private final List<Error> errors;

  RestFailure(int status, List<Error> errors) {
    super(errors.isEmpty() ? "" : errors.getFirst().errorCode(), null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  static RestFailure of(int status, String errorCode, String message) {
    return new RestFailure(status, List.of(new Error(errorCode, message, null)));
  }

  static RestFailure badRequest(String errorCode, String message) {
    return of(400, errorCode, message);
  }

  static RestFailure notFound() {
    return of(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
  }

  static RestFailure invalidSession(String message) {
    return of(401, "INVALID_SESSION_ID", message);
  }

  static RestFailure requestLimitExceeded() {
    return of(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
  }

  /** The org store's refusal: 404 for rows that are gone or never were, 400 for the rest. */
  static RestFailure of(RequestRejected rejected) {
    int status =
        switch (rejected.code()) {
          case NOT_FOUND, ENTITY_IS_DELETED -> 404;
          default -> 400;
        };
    var errors = new ArrayList<Error>();
    for (SalesforceError e : rejected.errors()) {
      errors.add(new Error(e.code().name(), e.message(), e.fields()));
    }
    return new RestFailure(status, errors);
  }

  static RestFailure of(SoqlException e) {
    return badRequest(e.errorCode().name(), e.message());
  }

  int status() {
    return status;
  }

  List<Error> errors() {
    return errors;
  }

  /** {@code [{"message":…,"errorCode":…,"fields":[…]}]}; fields only when the error names some. */
  String body() {
    var body = new ArrayList<Map<String, Object>>();
    for (Error e : errors) {
      var map = new LinkedHashMap<String, Object>();
      map.put("message", e.message());
      map.put("errorCode", e.errorCode());
      if (e.fields() != null && !e.fields().isEmpty()) {
        map.put("fields", e.fields());
      }
      body.add(map);
    }
    return Json.write(body);
  }
}
