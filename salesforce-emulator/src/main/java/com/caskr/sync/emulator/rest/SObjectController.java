package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Replication.DeletedIds;
import com.caskr.sync.emulator.org.Replication.DeletedRecord;
import com.caskr.sync.emulator.org.Replication.UpdatedIds;
import com.caskr.sync.emulator.org.SObjectType;
import com.caskr.sync.emulator.org.UpsertOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * sObject rows: create, read, update, delete (with conditional requests, see {@link
 * Preconditions}), upsert by external id, getUpdated/getDeleted, describe.
 */
@RestController
class SObjectController {

  private static final String BASE = "/services/data/{version}/sobjects/{type}";

  @PostMapping({BASE, BASE + "/"})
  ResponseEntity<String> create(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestBody(required = false) String body) {
    SObjectType sobject = type(call, type);
    Map<String, Object> values = values(Json.parseObject(body));
    String id = call.org().create(sobject.name(), values, call.caller());
    return Replies.json(201, SaveResults.success(id, null));
  }

  @GetMapping(BASE + "/{id}")
  ResponseEntity<String> read(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @PathVariable String id,
      @RequestParam(name = "fields", required = false) String fields,
      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
      @RequestHeader(name = "If-Modified-Since", required = false) String ifModifiedSince) {
    SObjectType sobject = type(call, type);
    Map<String, Object> row = call.org().read(sobject.name(), id);
    Instant changed = (Instant) row.get("SystemModstamp");
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.LAST_MODIFIED, Preconditions.httpDate(changed));
    Preconditions.etag(sobject.name(), row).ifPresent(headers::setETag);
    if (Preconditions.notModified(sobject.name(), row, changed, ifNoneMatch, ifModifiedSince)) {
      return ResponseEntity.status(304).headers(headers).build();
    }
    return ResponseEntity.status(200)
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            Json.write(
                fields == null
                    ? Records.shape(sobject, row, call.apiVersion())
                    : Records.shape(sobject, row, fields, call.apiVersion())));
  }

  @PatchMapping(BASE + "/{id}")
  ResponseEntity<String> update(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @PathVariable String id,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestHeader(name = "If-Unmodified-Since", required = false) String ifUnmodifiedSince,
      @RequestBody(required = false) String body) {
    SObjectType sobject = type(call, type);
    Map<String, Object> values = values(Json.parseObject(body));
    checkedWrite(
        call,
        sobject,
        id,
        ifMatch,
        ifUnmodifiedSince,
        () -> call.org().update(sobject.name(), id, values, call.caller()));
    return Replies.noContent();
  }

  @DeleteMapping(BASE + "/{id}")
  ResponseEntity<String> delete(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @PathVariable String id,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestHeader(name = "If-Unmodified-Since", required = false) String ifUnmodifiedSince) {
    SObjectType sobject = type(call, type);
    checkedWrite(
        call, sobject, id, ifMatch, ifUnmodifiedSince, () -> call.org().delete(id, call.caller()));
    return Replies.noContent();
  }

  @PatchMapping(BASE + "/{field}/{value}")
  ResponseEntity<String> upsert(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @PathVariable String field,
      @PathVariable String value,
      @RequestParam(name = "updateOnly", defaultValue = "false") boolean updateOnly,
      @RequestBody(required = false) String body) {
    SObjectType sobject = type(call, type);
    Map<String, Object> values = values(Json.parseObject(body));
    if (values.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Id"))) {
      throw RestFailure.badRequest(
          "INVALID_FIELD", "The Id field should not be specified in the sobject data.");
    }
    Field key =
        sobject
            .field(field)
            .filter(f -> f.externalId() || f.name().equals("Id"))
            .orElseThrow(RestFailure::notFound);
    if (updateOnly && !Upserts.anyMatch(call.org(), sobject, key, value)) {
      throw RestFailure.notFound();
    }
    UpsertOutcome outcome =
        call.org().upsert(sobject.name(), key.name(), value, values, call.caller());
    boolean withCreated = ApiVersions.atLeast(call.apiVersion(), 46);
    return switch (outcome) {
      case UpsertOutcome.Created created ->
          Replies.json(201, SaveResults.success(created.id(), withCreated ? true : null));
      case UpsertOutcome.Updated updated ->
          withCreated
              ? Replies.json(200, SaveResults.success(updated.id(), false))
              : Replies.noContent();
      case UpsertOutcome.MultipleMatches multiple -> {
        var urls = new ArrayList<String>();
        for (String id : multiple.ids()) {
          urls.add(call.recordUrl(sobject.name(), id));
        }
        yield Replies.json(300, urls);
      }
      case UpsertOutcome.NotAnExternalIdField ignored -> throw RestFailure.notFound();
    };
  }

  @GetMapping({BASE + "/updated", BASE + "/updated/"})
  ResponseEntity<String> updated(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestParam String start,
      @RequestParam String end) {
    SObjectType sobject = type(call, type);
    UpdatedIds updated = call.org().updated(sobject.name(), instant(start), instant(end));
    var body = new LinkedHashMap<String, Object>();
    body.put("ids", updated.ids());
    body.put("latestDateCovered", updated.latestDateCovered());
    return Replies.json(200, body);
  }

  @GetMapping({BASE + "/deleted", BASE + "/deleted/"})
  ResponseEntity<String> deleted(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestParam String start,
      @RequestParam String end) {
    SObjectType sobject = type(call, type);
    DeletedIds deleted = call.org().deleted(sobject.name(), instant(start), instant(end));
    var records = new ArrayList<Map<String, Object>>();
    for (DeletedRecord d : deleted.deletedRecords()) {
      var record = new LinkedHashMap<String, Object>();
      record.put("deletedDate", d.deletedDate());
      record.put("id", d.id());
      records.add(record);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("deletedRecords", records);
    body.put("earliestDateAvailable", deleted.earliestDateAvailable());
    body.put("latestDateCovered", deleted.latestDateCovered());
    return Replies.json(200, body);
  }

  @GetMapping({BASE + "/describe", BASE + "/describe/"})
  ResponseEntity<String> describe(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      @PathVariable String type,
      @RequestHeader(name = "If-Modified-Since", required = false) String ifModifiedSince) {
    SObjectType sobject = type(call, type);
    // An org's metadata never changes after it was created.
    Instant changed = (Instant) call.org().row(call.org().id()).orElseThrow().get("CreatedDate");
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.LAST_MODIFIED, Preconditions.httpDate(changed));
    if (Preconditions.notChangedSince(changed, ifModifiedSince)) {
      return ResponseEntity.status(304).headers(headers).build();
    }
    return ResponseEntity.status(200)
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Json.write(Describe.of(sobject, call)));
  }

  /** The type named in the URL; an unknown one is NOT_FOUND, as for any missing resource. */
  static SObjectType type(ApiCall call, String name) {
    Org org = call.org();
    return org.schema().type(name).orElseThrow(RestFailure::notFound);
  }

  /** A body's field values, without the {@code attributes} clients may echo back. */
  static Map<String, Object> values(Map<String, Object> body) {
    var values = new LinkedHashMap<String, Object>(body);
    values.remove("attributes");
    return values;
  }

  /**
   * Runs {@code write} on record {@code id} if its conditional-request headers allow it, in one
   * transaction, so no other write lands between the check and the write. Reading the record first
   * makes an id of another type a 404, as the URL names the type.
   */
  private static void checkedWrite(
      ApiCall call,
      SObjectType sobject,
      String id,
      String ifMatch,
      String ifUnmodifiedSince,
      Runnable write) {
    call.org()
        .transaction(
            call.caller(),
            tx -> {
              Map<String, Object> row = call.org().read(sobject.name(), id);
              Preconditions.checkWrite(sobject.name(), row, ifMatch, ifUnmodifiedSince);
              write.run();
              return null;
            });
  }

  private static Instant instant(String value) {
    String v = value.trim();
    // A '+' in an unencoded query string arrives as a space.
    v = v.replace(' ', '+');
    if (v.matches(".*[+-]\\d{4}$")) {
      v = v.substring(0, v.length() - 2) + ":" + v.substring(v.length() - 2);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw RestFailure.badRequest("INVALID_REPLICATION_DATE", "Invalid date/time value: " + value);
    }
  }

  static List<String> split(String csv) {
    var parts = new ArrayList<String>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return parts;
  }
}
