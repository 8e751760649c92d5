package com.caskr.sync.emulator.bulk;

import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refused Bulk API 2.0 call: an HTTP status and Salesforce's body, {@code
 * [{"errorCode":…,"message":…}]}.
 */
final class BulkFailure extends RuntimeException {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final int status;
  private final String errorCode;

  BulkFailure(int status, String errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  static BulkFailure invalidJob(String message) {
    return new BulkFailure(400, "INVALIDJOB", message);
  }

  static BulkFailure notFound() {
    return new BulkFailure(404, "NOT_FOUND", "The requested resource does not exist");
  }

  int status() {
    return status;
  }

  String errorCode() {
    return errorCode;
  }

  String body() {
    var error = new LinkedHashMap<String, Object>();
    error.put("errorCode", errorCode);
    error.put("message", getMessage());
    return MAPPER.writeValueAsString(List.of(error));
  }
}
