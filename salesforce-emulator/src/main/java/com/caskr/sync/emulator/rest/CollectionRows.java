package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.emulator.org.SObjectType;
import com.caskr.sync.emulator.org.SalesforceError;
import com.caskr.sync.emulator.org.UpsertOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * sObject Collections: up to 200 rows, each answered in input order with {@code statusCode} errors,
 * and the call itself a 200 even when every row failed.
 *
 * <p>allOrNone: the rows run in one org transaction; when any fails it rolls back, so neither the
 * data nor the change listeners (CDC) see the good rows, which report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. Without it every row is its own transaction (or joins the one
 * a composite request runs).
 */
final class CollectionRows {

  static final int MAX_ROWS = 200;

  private static final String ROLLED_BACK =
      "Record rolled back because not all records were valid and the request was using AllOrNone"
          + " header";

  /** One row's outcome. */
  private record Row(String id, boolean insert, Boolean created, List<RestFailure.Error> errors) {

    static Row done(String id, boolean insert, Boolean created) {
      return new Row(id, insert, created, List.of());
    }

    static Row failed(String id, RequestRejected e) {
      var errors = new ArrayList<RestFailure.Error>();
      for (SalesforceError error : e.errors()) {
        errors.add(new RestFailure.Error(error.code().name(), error.message(), error.fields()));
      }
      return new Row(id, false, null, errors);
    }

    static Row failed(String id, String code, String message) {
      return new Row(id, false, null, List.of(new RestFailure.Error(code, message, List.of())));
    }

    boolean ok() {
      return errors.isEmpty();
    }
  }

  private final Org org;
  private final Caller caller;

  CollectionRows(Org org, Caller caller) {
    this.org = org;
    this.caller = caller;
  }

  static void checkSize(int rows) {
    if (rows > MAX_ROWS) {
      throw RestFailure.badRequest(
          "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than 200 records into this call");
    }
  }

  List<Map<String, Object>> create(List<Map<String, Object>> records, boolean allOrNone) {
    checkSize(records.size());
    return run(records, this::create, allOrNone, false);
  }

  List<Map<String, Object>> update(List<Map<String, Object>> records, boolean allOrNone) {
    checkSize(records.size());
    return run(records, this::update, allOrNone, false);
  }

  List<Map<String, Object>> upsert(
      SObjectType type, Field key, List<Map<String, Object>> records, boolean allOrNone) {
    checkSize(records.size());
    return run(records, r -> upsert(type, key, r), allOrNone, true);
  }

  List<Map<String, Object>> delete(List<String> ids, boolean allOrNone) {
    checkSize(ids.size());
    return run(ids, this::delete, allOrNone, false);
  }

  private <I> List<Map<String, Object>> run(
      List<I> inputs, Function<I, Row> apply, boolean allOrNone, boolean withCreated) {
    if (!allOrNone) {
      return finish(inputs.stream().map(apply).toList(), false, withCreated);
    }
    return org.transaction(
        caller,
        tx -> {
          List<Row> rows = inputs.stream().map(apply).toList();
          boolean rollBack = rows.stream().anyMatch(r -> !r.ok());
          if (rollBack) {
            tx.rollBack();
          }
          return finish(rows, rollBack, withCreated);
        });
  }

  private Row delete(String id) {
    try {
      Map<String, Object> before = org.row(id).orElse(Map.of());
      org.delete(id, caller);
      return Row.done((String) before.getOrDefault("Id", id), false, null);
    } catch (RequestRejected e) {
      return Row.failed(id, e);
    }
  }

  private Row create(Map<String, Object> record) {
    String type = type(record);
    if (type == null) {
      return Row.failed(null, "INVALID_TYPE", "No SObject Type defined in attributes");
    }
    Map<String, Object> values = SObjectController.values(record);
    if (values.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Id"))) {
      return Row.failed(null, "INVALID_FIELD", "cannot specify Id in an insert call");
    }
    try {
      String id = org.create(type, values, caller);
      return Row.done(id, true, null);
    } catch (RequestRejected e) {
      return Row.failed(null, e);
    }
  }

  private Row update(Map<String, Object> record) {
    Map<String, Object> values = SObjectController.values(record);
    String id = null;
    for (String key : List.copyOf(values.keySet())) {
      if (key.equalsIgnoreCase("Id")) {
        id = values.remove(key) instanceof String s ? s : null;
      }
    }
    if (id == null || id.isEmpty()) {
      return Row.failed(null, "MISSING_ARGUMENT", "Id not specified in an update call");
    }
    String type = type(record);
    try {
      if (type == null) {
        type = org.schema().typeOfId(id).map(SObjectType::name).orElse(null);
      }
      if (type == null) {
        return Row.failed(id, "MALFORMED_ID", "Id in update call has an invalid value: " + id);
      }
      String fullId = (String) org.read(type, id).get("Id");
      org.update(type, fullId, values, caller);
      return Row.done(fullId, false, null);
    } catch (RequestRejected e) {
      return Row.failed(id, e);
    }
  }

  private Row upsert(SObjectType type, Field key, Map<String, Object> record) {
    Map<String, Object> values = SObjectController.values(record);
    if (!key.name().equals("Id")
        && values.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Id"))) {
      return Row.failed(
          null, "INVALID_FIELD", "cannot specify Id in an upsert call by external id");
    }
    Object raw = null;
    for (var entry : values.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key.name())) {
        raw = entry.getValue();
      }
    }
    String value = raw == null ? null : String.valueOf(raw);
    if (value == null || value.isEmpty()) {
      return Row.failed(null, "MISSING_ARGUMENT", key.name() + " not specified");
    }
    try {
      UpsertOutcome outcome = org.upsert(type.name(), key.name(), value, values, caller);
      return switch (outcome) {
        case UpsertOutcome.Created c -> Row.done(c.id(), true, true);
        case UpsertOutcome.Updated u -> Row.done(u.id(), false, false);
        case UpsertOutcome.MultipleMatches m ->
            Row.failed(null, "DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + value);
        case UpsertOutcome.NotAnExternalIdField f ->
            Row.failed(null, "INVALID_FIELD", f.field() + " is not an external id field");
      };
    } catch (RequestRejected e) {
      return Row.failed(null, e);
    }
  }

  private static List<Map<String, Object>> finish(
      List<Row> rows, boolean rollBack, boolean withCreated) {
    var results = new ArrayList<Map<String, Object>>();
    for (Row row : rows) {
      var result = new LinkedHashMap<String, Object>();
      if (row.ok() && rollBack) {
        // A rolled-back insert never got an id the caller can use.
        result.put("id", row.insert() ? null : row.id());
        result.put("success", false);
        result.put(
            "errors", List.of(error("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, List.of())));
      } else {
        result.put("id", row.id());
        result.put("success", row.ok());
        var errors = new ArrayList<Map<String, Object>>();
        for (RestFailure.Error e : row.errors()) {
          errors.add(error(e.errorCode(), e.message(), e.fields()));
        }
        result.put("errors", errors);
      }
      if (withCreated) {
        result.put("created", row.ok() && !rollBack ? row.created() : false);
      }
      if (result.get("id") == null) {
        result.remove("id");
      }
      results.add(result);
    }
    return results;
  }

  private static Map<String, Object> error(String statusCode, String message, List<String> fields) {
    var error = new LinkedHashMap<String, Object>();
    error.put("statusCode", statusCode);
    error.put("message", message);
    error.put("fields", fields == null ? List.of() : fields);
    return error;
  }

  private static String type(Map<String, Object> record) {
    if (record.get("attributes") instanceof Map<?, ?> attributes
        && attributes.get("type") instanceof String type
        && !type.isBlank()) {
      return type;
    }
    return null;
  }
}
