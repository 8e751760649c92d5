package com.caskr.sync.emulator.fault;

import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Faults;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.schema.SalesforceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection over HTTP, per org, under {@code /emulator/orgs/{orgId}/faults} (behind the admin
 * gate). Lasting faults take {@code count} (uses) and/or {@code durationSeconds}; GET lists them,
 * DELETE clears them and the spent API allocation. Token faults and hard deletes act at once.
 */
@RestController
class FaultsController {

  private static final String BASE = "/emulator/orgs/{orgId}/faults";

  private final Orgs orgs;
  private final Tokens tokens;

  FaultsController(Orgs orgs, Tokens tokens) {
    this.orgs = orgs;
    this.tokens = tokens;
  }

  @GetMapping(BASE)
  Map<String, Object> list(@PathVariable String orgId) {
    Org org = org(orgId);
    var faults = new ArrayList<Map<String, Object>>();
    for (Faults.Fault fault : org.faults().active()) {
      faults.add(describe(fault));
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("faults", faults);
    body.put("apiUsage", Map.of("used", org.apiUsage().used(), "max", org.apiUsage().max()));
    return body;
  }

  @DeleteMapping(BASE)
  ResponseEntity<Void> clear(@PathVariable String orgId) {
    Org org = org(orgId);
    org.faults().clear();
    org.apiUsage().reset();
    return ResponseEntity.noContent().build();
  }

  /** The next REST calls (count and/or durationSeconds) answer 503. */
  @PostMapping(BASE + "/unavailable")
  ResponseEntity<Map<String, Object>> unavailable(
      @PathVariable String orgId, @RequestBody Map<String, Object> body) {
    return added(org(orgId), Faults.Kind.UNAVAILABLE, body, null, null, null);
  }

  /** The next REST calls wait {@code millis} first. */
  @PostMapping(BASE + "/latency")
  ResponseEntity<Map<String, Object>> latency(
      @PathVariable String orgId, @RequestBody Map<String, Object> body) {
    Long millis = number(body, "millis");
    if (millis == null || millis < 1 || millis > 600_000) {
      throw new IllegalArgumentException("millis must be between 1 and 600000");
    }
    return added(org(orgId), Faults.Kind.LATENCY, body, Duration.ofMillis(millis), null, null);
  }

  /** The next API writes (single records, each collection row) fail with UNABLE_TO_LOCK_ROW. */
  @PostMapping(BASE + "/lock-row")
  ResponseEntity<Map<String, Object>> lockRow(
      @PathVariable String orgId, @RequestBody Map<String, Object> body) {
    return added(org(orgId), Faults.Kind.LOCK_ROW, body, null, null, null);
  }

  /** A Bulk query job ({@code jobId}, or the next ones polled) ends Failed with {@code message}. */
  @PostMapping(BASE + "/bulk-job-failure")
  ResponseEntity<Map<String, Object>> bulkJobFailure(
      @PathVariable String orgId, @RequestBody Map<String, Object> body) {
    return added(
        org(orgId),
        Faults.Kind.BULK_JOB_FAILURE,
        body,
        null,
        jobId(text(body, "jobId")),
        text(body, "message"));
  }

  /** The daily API allocation is spent: REST calls get 403 REQUEST_LIMIT_EXCEEDED. */
  @PostMapping(BASE + "/api-limit")
  Map<String, Object> exhaustApiLimit(@PathVariable String orgId) {
    Org org = org(orgId);
    org.apiUsage().exhaust();
    return Map.of("used", org.apiUsage().used(), "max", org.apiUsage().max());
  }

  /**
   * Expires ({@code "action":"expire"}, access tokens) or revokes ({@code "revoke"}, refresh tokens
   * too) one {@code token}, or every token of the org narrowed by {@code userId} and/or {@code
   * clientId}.
   */
  @PostMapping(BASE + "/tokens")
  Map<String, Object> tokens(@PathVariable String orgId, @RequestBody Map<String, Object> body) {
    Org org = org(orgId);
    String action = text(body, "action");
    if (!"expire".equals(action) && !"revoke".equals(action)) {
      throw new IllegalArgumentException("action must be expire or revoke");
    }
    String token = text(body, "token");
    int affected;
    if (token != null) {
      if (!tokens.orgOf(token).map(org.id()::equals).orElse(false)) {
        throw new IllegalArgumentException("token is not a live token of this org");
      }
      affected = ("expire".equals(action) ? tokens.expireNow(token) : tokens.revoke(token)) ? 1 : 0;
    } else {
      affected =
          tokens.invalidate(
              org.id(), text(body, "userId"), text(body, "clientId"), "revoke".equals(action));
    }
    return Map.of("affected", affected);
  }

  /** Hard-deletes records by id (with their cascade children): no recycle bin, no CDC event. */
  @PostMapping(BASE + "/hard-delete")
  Map<String, Object> hardDelete(
      @PathVariable String orgId, @RequestBody Map<String, Object> body) {
    Org org = org(orgId);
    if (!(body.get("ids") instanceof List<?> ids) || ids.isEmpty()) {
      throw new IllegalArgumentException("ids must be a non-empty list of record ids");
    }
    var deleted = new ArrayList<String>();
    org.transaction(
        Caller.user(org.adminUserId()),
        tx -> {
          for (Object id : ids) {
            String recordId = String.valueOf(id);
            String fullId = (String) org.row(recordId).map(r -> r.get("Id")).orElse(recordId);
            org.hardDelete(recordId, Caller.user(org.adminUserId()));
            deleted.add(fullId);
          }
          return null;
        });
    return Map.of("deleted", deleted);
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return error(400, "invalid_request", e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return error(400, "invalid_request", "The body must be a JSON object");
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> rejected(RequestRejected e) {
    return error(400, e.code().name(), e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> unknownOrg(UnknownOrg e) {
    return error(404, "not_found", "No org " + e.getMessage());
  }

  private ResponseEntity<Map<String, Object>> added(
      Org org,
      Faults.Kind kind,
      Map<String, Object> body,
      Duration latency,
      String jobId,
      String message) {
    Long seconds = number(body, "durationSeconds");
    Faults.Fault fault =
        org.faults()
            .add(
                kind,
                number(body, "count"),
                seconds == null ? null : Duration.ofSeconds(seconds),
                latency,
                jobId,
                message);
    return ResponseEntity.status(201).body(describe(fault));
  }

  private static String jobId(String given) {
    if (given == null) {
      return null;
    }
    if (!SalesforceId.isValid(given)) {
      throw new IllegalArgumentException("jobId is not a job id: " + given);
    }
    return SalesforceId.of(given).value();
  }

  private Org org(String orgId) {
    return orgs.byId(orgId).orElseThrow(() -> new UnknownOrg(orgId));
  }

  private static Map<String, Object> describe(Faults.Fault fault) {
    var map = new LinkedHashMap<String, Object>();
    map.put("id", fault.id());
    map.put("kind", fault.kind().name());
    map.put("remaining", fault.remaining());
    map.put("until", fault.until() == null ? null : fault.until().toString());
    map.put("latencyMillis", fault.latency() == null ? null : fault.latency().toMillis());
    map.put("jobId", fault.jobId());
    map.put("message", fault.message());
    return map;
  }

  private static Long number(Map<String, Object> body, String key) {
    Object value = body.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException(key + " must be a whole number");
  }

  private static String text(Map<String, Object> body, String key) {
    Object value = body.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String s && !s.isBlank() && s.length() <= 200) {
      return s;
    }
    throw new IllegalArgumentException(key + " must be a non-empty string");
  }

  private static ResponseEntity<Map<String, Object>> error(
      int status, String error, String message) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", error);
    body.put("message", message);
    return ResponseEntity.status(status).body(body);
  }

  /** An org id the emulator does not host. */
  private static final class UnknownOrg extends RuntimeException {
    UnknownOrg(String orgId) {
      super(orgId, null, false, false);
    }
  }
}
