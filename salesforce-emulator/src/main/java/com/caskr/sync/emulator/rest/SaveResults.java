package com.caskr.sync.emulator.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code {"id","success","errors"[,"created"]}} body of a successful single-record write. */
final class SaveResults {

  private SaveResults() {}

  /**
   * @param created null leaves the field out (creates, and upserts before API 46.0)
   */
  static Map<String, Object> success(String id, Boolean created) {
    var body = new LinkedHashMap<String, Object>();
    body.put("id", id);
    body.put("success", true);
    body.put("errors", List.of());
    if (created != null) {
      body.put("created", created);
    }
    return body;
  }
}
