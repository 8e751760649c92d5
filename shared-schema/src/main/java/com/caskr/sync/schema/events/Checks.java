package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Constructor checks shared by the event records. Every failure is an {@link
 * IllegalArgumentException} whose message starts with the event type and names the field, so a
 * rejected message in a DLQ says what was wrong without anyone opening the payload.
 */
final class Checks {

  private static final Pattern CASKR_COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Checks() {}

  static void envelope(
      String type,
      UUID eventId,
      int schemaVersion,
      Tenant tenant,
      Instant occurredAt,
      String trace) {
    required(type, "eventId", eventId);
    if (schemaVersion < 1) {
      throw invalid(type, "schemaVersion", "must be at least 1, was " + schemaVersion);
    }
    required(type, "tenant", tenant);
    required(type, "occurredAt", occurredAt);
    text(type, "traceId", trace);
  }

  static <T> T required(String type, String field, T value) {
    if (value == null) {
      throw invalid(type, field, "must not be null");
    }
    return value;
  }

  static String text(String type, String field, String value) {
    if (required(type, field, value).isBlank()) {
      throw invalid(type, field, "must not be blank");
    }
    return value;
  }

  /** Null stays null; otherwise the value must not be blank. */
  static String optionalText(String type, String field, String value) {
    return value == null ? null : text(type, field, value);
  }

  static long positive(String type, String field, long value) {
    if (value <= 0) {
      throw invalid(type, field, "must be positive, was " + value);
    }
    return value;
  }

  static Long optionalPositive(String type, String field, Long value) {
    return value == null ? null : positive(type, field, value);
  }

  static SalesforceId keyPrefix(String type, String field, SalesforceId id, String prefix) {
    if (id != null && !id.hasKeyPrefix(prefix)) {
      throw invalid(type, field, "must start with key prefix " + prefix + ", was " + id);
    }
    return id;
  }

  static String salesforceField(String type, String field, String name) {
    text(type, field, name);
    if (!isSalesforceApiName(name)) {
      throw invalid(type, field, "is not a Salesforce API name: " + excerpt(name));
    }
    return name;
  }

  /**
   * Whether {@code name} is a Salesforce API name, including CDC's compound-field paths such as
   * {@code Name.FirstName}: {@code [A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*}. Scanned by
   * hand rather than with a regex: every envelope checks each of its field names, on the hot path
   * of every ingest channel.
   */
  static boolean isSalesforceApiName(String name) {
    boolean segmentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (segmentStart) {
        if (!letter) {
          return false;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!letter && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return !segmentStart;
  }

  static String caskrColumn(String type, String field, String name) {
    text(type, field, name);
    if (!CASKR_COLUMN.matcher(name).matches()) {
      throw invalid(type, field, "is not a Caskr column name: " + excerpt(name));
    }
    return name;
  }

  static List<String> salesforceFields(String type, String field, List<String> names) {
    return names(type, field, names, true);
  }

  static List<String> caskrColumns(String type, String field, List<String> names) {
    return names(type, field, names, false);
  }

  private static List<String> names(
      String type, String field, List<String> names, boolean salesforce) {
    required(type, field, names);
    var copy = new ArrayList<String>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      boolean valid =
          name != null
              && !name.isBlank()
              && (salesforce ? isSalesforceApiName(name) : CASKR_COLUMN.matcher(name).matches());
      if (!valid) {
        // Only a failing element pays for its path in the message.
        String element = field + "[" + i + "]";
        if (salesforce) {
          salesforceField(type, element, name);
        } else {
          caskrColumn(type, element, name);
        }
      }
      copy.add(name);
    }
    return Collections.unmodifiableList(copy);
  }

  /** Validates and copies a Caskr row image: which of before/after exists follows the operation. */
  static Map<String, Object> rowImage(
      String type, String field, CaskrOperation operation, Map<String, ?> image) {
    required(type, "operation", operation);
    boolean expected =
        switch (operation) {
          case INSERT -> field.equals("after");
          case UPDATE -> true;
          case DELETE -> field.equals("before");
        };
    if (expected && image == null) {
      throw invalid(type, field, "must not be null on " + operation);
    }
    if (!expected && image != null) {
      throw invalid(type, field, "must be null on " + operation);
    }
    Map<String, Object> copy = JsonValues.optionalObject(type, field, image);
    if (copy != null) {
      for (String column : copy.keySet()) {
        caskrColumn(type, field + " key", column);
      }
    }
    return copy;
  }

  /**
   * A synced snapshot that carries its own Salesforce id must carry the id the event is about, so
   * the two can never disagree downstream.
   */
  static void sameSalesforceId(
      String type, String field, SalesforceId snapshotId, SalesforceId salesforceId) {
    if (snapshotId != null && !snapshotId.equals(salesforceId)) {
      throw invalid(type, field, "must equal salesforceId when set, was " + snapshotId);
    }
  }

  static IllegalArgumentException invalid(String type, String field, String problem) {
    return new IllegalArgumentException(type + ": " + field + " " + problem);
  }

  static String excerpt(String value) {
    return "'" + (value.length() > 60 ? value.substring(0, 60) + "..." : value) + "'";
  }
}
