package com.caskr.sync.salesforce.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a refused response into the matching {@link SalesforceException}. */
public final class SalesforceErrors {

  /** Error codes that mean "the data broke a rule". */
  static final Set<String> VALIDATION =
      Set.of(
          "REQUIRED_FIELD_MISSING",
          "STRING_TOO_LONG",
          "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          "FIELD_INTEGRITY_EXCEPTION",
          "INVALID_CROSS_REFERENCE_KEY",
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "INVALID_TYPE_ON_FIELD_IN_RECORD",
          "FIELD_FILTER_VALIDATION_EXCEPTION",
          "INVALID_EMAIL_ADDRESS",
          "NUMBER_OUTSIDE_VALID_RANGE",
          "DUPLICATES_DETECTED",
          "INVALID_FIELD");

  private static final Set<String> QUERY =
      Set.of("MALFORMED_QUERY", "INVALID_TYPE", "QUERY_TIMEOUT", "INVALID_QUERY_FILTER_OPERATOR");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SalesforceErrors() {}

  /**
   * The exception for a response: {@code body} is a single-record error array ({@code
   * [{"message","errorCode","fields"}]}), or anything else (then only the status speaks).
   */
  public static SalesforceException of(int status, String body) {
    return of(status, parse(body));
  }

  /** The exception for a status and its errors; the first error's code decides. */
  public static SalesforceException of(int status, List<ApiError> errors) {
    String code = errors.isEmpty() ? "" : errors.getFirst().code();
    if (status == 401 || code.equals("INVALID_SESSION_ID")) {
      return new SessionExpired(status, errors);
    }
    if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
      return new RequestLimitExceeded(status, errors);
    }
    if (status == 412) {
      return new PreconditionFailed(status, errors);
    }
    return switch (code) {
      case "UNABLE_TO_LOCK_ROW" -> new RowLocked(status, errors);
      case "ENTITY_IS_DELETED" -> new EntityDeleted(status, errors);
      case "DUPLICATE_VALUE" -> new DuplicateValue(status, errors);
      case "INVALID_QUERY_LOCATOR" -> new InvalidQueryLocator(status, errors);
      case "NOT_FOUND", "MALFORMED_ID" -> new NotFound(status, errors);
      default -> byStatus(status, code, errors);
    };
  }

  /** The exception for one failed collection row (HTTP 200 around it). */
  public static SalesforceException ofRow(List<ApiError> errors) {
    return of(400, errors);
  }

  private static SalesforceException byStatus(int status, String code, List<ApiError> errors) {
    if (VALIDATION.contains(code)) {
      return new ValidationFailed(status, errors);
    }
    if (QUERY.contains(code)) {
      return new MalformedQuery(status, errors);
    }
    if (status == 404) {
      return new NotFound(status, errors);
    }
    if (status == 503 || status == 502 || status == 504 || code.equals("SERVER_UNAVAILABLE")) {
      return new ServiceUnavailable(status, errors);
    }
    return new SalesforceApiError(status, errors);
  }

  /** The errors of a single-record body or a collection row's {@code errors} array. */
  public static List<ApiError> parse(String body) {
    if (body == null || body.isBlank()) {
      return List.of();
    }
    try {
      return parse(JSON.readTree(body));
    } catch (JacksonException e) {
      return List.of();
    }
  }

  /** As {@link #parse(String)}, for an already-read node. */
  public static List<ApiError> parse(JsonNode node) {
    var errors = new ArrayList<ApiError>();
    if (node != null && node.isArray()) {
      for (JsonNode e : node) {
        if (e.isObject()) {
          errors.add(error(e));
        }
      }
    } else if (node != null && node.isObject() && (node.has("errorCode") || node.has("error"))) {
      errors.add(error(node));
    }
    return errors;
  }

  private static ApiError error(JsonNode e) {
    String code =
        text(e, "errorCode") != null
            ? text(e, "errorCode")
            : text(e, "statusCode") != null ? text(e, "statusCode") : text(e, "error");
    String message = text(e, "message") != null ? text(e, "message") : text(e, "error_description");
    var fields = new ArrayList<String>();
    JsonNode f = e.get("fields");
    if (f != null && f.isArray()) {
      f.forEach(n -> fields.add(n.asString()));
    }
    return new ApiError(code, message, fields);
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }
}
