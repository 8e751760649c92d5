package com.caskr.sync.mapping.admin;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.mapping.reviewholds.HoldRefused;
import com.caskr.sync.mapping.reviewholds.ReviewHold;
import com.caskr.sync.mapping.reviewholds.ReviewHolds;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Review holds: viewers list them, operators release (re-apply) or dismiss them. */
@RestController
@RequestMapping("/api/companies/{companyId}/review-holds")
class ReviewHoldController {

  private static final Set<String> STATUSES = Set.of("HELD", "RELEASED", "DISMISSED");

  private final AdminAccess access;
  private final ReviewHolds holds;

  ReviewHoldController(AdminAccess access, ReviewHolds holds) {
    this.access = access;
    this.holds = holds;
  }

  @GetMapping
  Page<ReviewHold> list(
      @PathVariable long companyId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String entity,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    access.require(AdminRole.VIEWER, companyId);
    Paging paging = Paging.of(page, size);
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequest("status must be HELD, RELEASED or DISMISSED");
    }
    String object = entity == null ? null : FieldMappingController.object(entity).apiName();
    return new Page<>(
        holds.list(companyId, status, object, paging.size(), paging.offset()),
        holds.count(companyId, status, object),
        paging.page(),
        paging.size());
  }

  @GetMapping("/{id}")
  ReviewHold hold(@PathVariable long companyId, @PathVariable long id) {
    access.require(AdminRole.VIEWER, companyId);
    return holds.find(companyId, id).orElseThrow(() -> new NotFound("no hold " + id));
  }

  @PostMapping("/{id}/release")
  ReviewHold release(@PathVariable long companyId, @PathVariable long id) {
    AdminUser user = access.require(AdminRole.OPERATOR, companyId);
    try {
      return holds.release(companyId, id, user.username());
    } catch (HoldRefused e) {
      throw refusal(e);
    }
  }

  @PostMapping("/{id}/dismiss")
  ReviewHold dismiss(@PathVariable long companyId, @PathVariable long id) {
    AdminUser user = access.require(AdminRole.OPERATOR, companyId);
    try {
      return holds.dismiss(companyId, id, user.username());
    } catch (HoldRefused e) {
      throw refusal(e);
    }
  }

  private static RuntimeException refusal(HoldRefused e) {
    return e.notFound() ? new NotFound(e.getMessage()) : new WrongState(e.getMessage());
  }
}
