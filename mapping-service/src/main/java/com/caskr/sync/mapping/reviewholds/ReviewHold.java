package com.caskr.sync.mapping.reviewholds;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A row of crm_review_holds: a change the sync will not apply without a person.
 *
 * @param details what a person needs to decide, e.g. {@code {"unknownSkus": ["BRB-750"]}}
 * @param status HELD, RELEASED or DISMISSED
 */
public record ReviewHold(
    long id,
    long companyId,
    String orgId,
    String entity,
    String direction,
    String salesforceId,
    Long caskrId,
    String reason,
    Map<String, Object> details,
    String status,
    Instant heldAt,
    String resolvedBy,
    Instant resolvedAt,
    UUID sourceEventId) {}
