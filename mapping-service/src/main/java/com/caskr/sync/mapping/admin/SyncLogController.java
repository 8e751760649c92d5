package com.caskr.sync.mapping.admin;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sync log with filters, and per-entity status: read by viewers. */
@RestController
@RequestMapping("/api/companies/{companyId}")
class SyncLogController {

  private static final Set<String> STATUSES =
      Set.of("RUNNING", "SUCCESS", "PARTIAL", "FAILED", "SKIPPED", "CONFLICT", "HELD");
  private static final Set<String> OPERATIONS =
      Set.of(
          "CREATE",
          "UPDATE",
          "UPSERT",
          "DELETE",
          "UNDELETE",
          "SKIP",
          "POLL",
          "RECONCILE",
          "RESOLVE_CONFLICT");

  private final AdminAccess access;
  private final SyncLogs logs;

  SyncLogController(AdminAccess access, SyncLogs logs) {
    this.access = access;
    this.logs = logs;
  }

  @GetMapping("/sync-logs")
  Page<SyncLogs.Entry> list(
      @PathVariable long companyId,
      @RequestParam(required = false) String entity,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String operation,
      @RequestParam(required = false) String salesforceId,
      @RequestParam(required = false) Long caskrId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    access.require(AdminRole.VIEWER, companyId);
    Paging paging = Paging.of(page, size);
    var filter =
        new SyncLogs.Filter(
            companyId,
            entity == null ? null : FieldMappingController.object(entity).apiName(),
            oneOf("status", status, STATUSES),
            oneOf("operation", operation, OPERATIONS),
            salesforceId == null ? null : ConflictController.salesforceId(salesforceId).value(),
            caskrId,
            instant("from", from),
            instant("to", to));
    if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
      throw new BadRequest("from must be before to");
    }
    return new Page<>(logs.list(filter, paging), logs.count(filter), paging.page(), paging.size());
  }

  @GetMapping("/sync-logs/{id}")
  SyncLogs.Detail entry(@PathVariable long companyId, @PathVariable long id) {
    access.require(AdminRole.VIEWER, companyId);
    return logs.find(companyId, id).orElseThrow(() -> new NotFound("no sync log entry " + id));
  }

  @GetMapping("/status")
  List<SyncLogs.EntityStatus> status(
      @PathVariable long companyId, @RequestParam(defaultValue = "24") int hours) {
    access.require(AdminRole.VIEWER, companyId);
    if (hours < 1 || hours > 24 * 90) {
      throw new BadRequest("hours must be between 1 and 2160");
    }
    Instant since = Instant.now().minus(Duration.ofHours(hours));
    return Arrays.stream(SalesforceEntity.values())
        .map(entity -> logs.status(companyId, entity.apiName(), since))
        .toList();
  }

  private static String oneOf(String name, String value, Set<String> allowed) {
    if (value == null) {
      return null;
    }
    if (!allowed.contains(value)) {
      throw new BadRequest(
          name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " must be an ISO-8601 instant such as 2026-03-27T10:00:00Z");
    }
  }
}
