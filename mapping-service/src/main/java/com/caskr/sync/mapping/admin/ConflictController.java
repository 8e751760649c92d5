package com.caskr.sync.mapping.admin;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.mapping.conflictqueue.ConflictFilter;
import com.caskr.sync.mapping.conflictqueue.ConflictPage;
import com.caskr.sync.mapping.conflictqueue.ConflictQueue;
import com.caskr.sync.mapping.conflictqueue.ConflictResolutions;
import com.caskr.sync.mapping.conflictqueue.StoredConflict;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.json.EventJson;
import java.util.Arrays;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The conflict queue: viewers list and read conflicts, operators resolve or dismiss them. */
@RestController
@RequestMapping("/api/companies/{companyId}/conflicts")
class ConflictController {

  private static final int MAX_REASON = 500;

  private final AdminAccess access;
  private final ConflictQueue queue;
  private final ConflictResolutions resolutions;

  ConflictController(AdminAccess access, ConflictQueue queue, ConflictResolutions resolutions) {
    this.access = access;
    this.queue = queue;
    this.resolutions = resolutions;
  }

  @GetMapping
  ConflictPage list(
      @PathVariable long companyId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String entity,
      @RequestParam(required = false) Boolean critical,
      @RequestParam(required = false) String salesforceId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    access.require(AdminRole.VIEWER, companyId);
    Paging paging = Paging.of(page, size);
    var filter =
        new ConflictFilter(
            companyId,
            status == null ? null : status(status),
            entity == null ? null : FieldMappingController.object(entity),
            critical,
            salesforceId == null ? null : salesforceId(salesforceId));
    return queue.list(filter, paging.page(), paging.size());
  }

  @GetMapping("/{id}")
  StoredConflict conflict(@PathVariable long companyId, @PathVariable long id) {
    access.require(AdminRole.VIEWER, companyId);
    return queue.find(companyId, id).orElseThrow(() -> new NotFound("no conflict " + id));
  }

  @PostMapping("/{id}/resolve")
  StoredConflict resolve(
      @PathVariable long companyId, @PathVariable long id, @RequestBody ResolveRequest request) {
    AdminUser user = access.require(AdminRole.OPERATOR, companyId);
    Resolution resolution =
        Arrays.stream(Resolution.values())
            .filter(candidate -> candidate != Resolution.DISMISSED)
            .filter(candidate -> candidate.name().equals(request.resolution()))
            .findFirst()
            .orElseThrow(
                () -> new BadRequest("resolution must be KEEP_CASKR, KEEP_SALESFORCE or MERGED"));
    boolean hasValue = request.value() != null;
    if (resolution == Resolution.MERGED && !hasValue) {
      throw new BadRequest("a MERGED resolution needs a value");
    }
    if (resolution != Resolution.MERGED && hasValue) {
      throw new BadRequest("only a MERGED resolution takes a value");
    }
    Object value = hasValue ? EventJson.mapper().treeToValue(request.value(), Object.class) : null;
    return resolutions.resolve(companyId, id, resolution, value, user.username());
  }

  /**
   * Closes a pending conflict without applying a value (e.g. an opportunity that left Closed Won
   * while its order should stay as it is); audited in the sync log, announced on
   * sync.conflict.resolved.v1 as DISMISSED.
   */
  @PostMapping("/{id}/dismiss")
  StoredConflict dismiss(
      @PathVariable long companyId,
      @PathVariable long id,
      @RequestBody(required = false) DismissRequest request) {
    AdminUser user = access.require(AdminRole.OPERATOR, companyId);
    String reason = request == null ? null : request.reason();
    if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
      throw new BadRequest("reason must be 1 to " + MAX_REASON + " characters when given");
    }
    return resolutions.dismiss(companyId, id, user.username(), reason);
  }

  private static StoredConflict.Status status(String status) {
    return Arrays.stream(StoredConflict.Status.values())
        .filter(candidate -> candidate.name().equals(status))
        .findFirst()
        .orElseThrow(() -> new BadRequest("status must be PENDING, RESOLVED or DISMISSED"));
  }

  static SalesforceId salesforceId(String id) {
    if (!SalesforceId.isValid(id)) {
      throw new BadRequest("salesforceId must be a 15- or 18-character Salesforce id");
    }
    return SalesforceId.of(id);
  }

  /**
   * A reviewer's decision.
   *
   * @param value MERGED only: the value to put on both sides, in Caskr's representation
   */
  record ResolveRequest(String resolution, JsonNode value) {}

  /**
   * A reviewer's dismissal.
   *
   * @param reason optional note kept in the sync log's audit row
   */
  record DismissRequest(String reason) {}
}
