package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.emulator.org.SObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** sObject Collections: /composite/sobjects create, update, upsert, delete and retrieve. */
@RestController
class CollectionsController {

  private static final String BASE = "/services/data/{version}/composite/sobjects";
  private static final int MAX_RETRIEVE = 2000;

  @PostMapping({BASE, BASE + "/"})
  ResponseEntity<String> create(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestBody(required = false) String body) {
    Map<String, Object> request = Json.parseObject(body);
    return Replies.json(
        200, rows(call).create(records(request), allOrNone(request.get("allOrNone"))));
  }

  @PatchMapping({BASE, BASE + "/"})
  ResponseEntity<String> update(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestBody(required = false) String body) {
    Map<String, Object> request = Json.parseObject(body);
    return Replies.json(
        200, rows(call).update(records(request), allOrNone(request.get("allOrNone"))));
  }

  @PatchMapping(BASE + "/{type}/{field}")
  ResponseEntity<String> upsert(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @PathVariable String field,
      @RequestBody(required = false) String body) {
    SObjectType sobject = SObjectController.type(call, type);
    Field key =
        sobject
            .field(field)
            .filter(f -> f.externalId() || f.name().equals("Id"))
            .orElseThrow(
                () ->
                    RestFailure.badRequest(
                        "INVALID_FIELD",
                        "Field name provided, "
                            + field
                            + " is not an External ID or indexed field for "
                            + sobject.name()));
    Map<String, Object> request = Json.parseObject(body);
    return Replies.json(
        200,
        rows(call).upsert(sobject, key, records(request), allOrNone(request.get("allOrNone"))));
  }

  @DeleteMapping({BASE, BASE + "/"})
  ResponseEntity<String> delete(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @RequestParam String ids,
      @RequestParam(name = "allOrNone", required = false) String allOrNone) {
    return Replies.json(200, rows(call).delete(SObjectController.split(ids), allOrNone(allOrNone)));
  }

  @GetMapping(BASE + "/{type}")
  ResponseEntity<String> retrieve(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestParam String ids,
      @RequestParam String fields) {
    return retrieve(call, type, SObjectController.split(ids), fields);
  }

  /** The POST form, for id lists too long for a URL: {@code {"ids":[…],"fields":[…]}}. */
  @PostMapping(BASE + "/{type}")
  ResponseEntity<String> retrieveByBody(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestBody(required = false) String body) {
    Map<String, Object> request = Json.parseObject(body);
    return retrieve(
        call,
        type,
        strings(request.get("ids"), "ids"),
        String.join(",", strings(request.get("fields"), "fields")));
  }

  /**
   * Salesforce retrieves at most 2,000 records per call, by GET or POST (a GET runs into {@link
   * RequestSizeLimit}'s 414 at about 800 ids first); ids that are missing, deleted or unreadable
   * come back as null in their place.
   */
  private static ResponseEntity<String> retrieve(
      ApiCall call, String type, List<String> ids, String fieldList) {
    SObjectType sobject = SObjectController.type(call, type);
    List<Field> fields = Records.fields(sobject, fieldList);
    if (ids.size() > MAX_RETRIEVE) {
      throw RestFailure.badRequest(
          "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records");
    }
    var records = new ArrayList<Object>(ids.size());
    for (String id : ids) {
      try {
        records.add(
            Records.shape(sobject, call.org().read(sobject.name(), id), fields, call.apiVersion()));
      } catch (RequestRejected e) {
        records.add(null);
      }
    }
    return Replies.json(200, records);
  }

  private static List<String> strings(Object value, String name) {
    if (!(value instanceof List<?> list)) {
      throw RestFailure.badRequest("JSON_PARSER_ERROR", name + " is required");
    }
    var strings = new ArrayList<String>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank() || s.contains(",")) {
        throw RestFailure.badRequest("JSON_PARSER_ERROR", name + " must hold names or ids");
      }
      strings.add(s.trim());
    }
    return strings;
  }

  private static CollectionRows rows(ApiCall call) {
    return new CollectionRows(call.org(), call.caller());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> records(Map<String, Object> request) {
    if (!(request.get("records") instanceof List<?> list)) {
      throw RestFailure.badRequest("JSON_PARSER_ERROR", "records is required");
    }
    var records = new ArrayList<Map<String, Object>>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map)) {
        throw RestFailure.badRequest("JSON_PARSER_ERROR", "records must hold objects");
      }
      records.add((Map<String, Object>) map);
    }
    return records;
  }

  private static boolean allOrNone(Object value) {
    return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
  }
}
