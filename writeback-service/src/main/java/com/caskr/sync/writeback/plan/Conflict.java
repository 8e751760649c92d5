package com.caskr.sync.writeback.plan;

import java.time.Instant;

/**
 * A field both sides changed to different values since the last sync: it is not pushed, it goes to
 * the conflict queue.
 *
 * @param baseKnown false when the snapshot has no value for the field (first sync)
 */
public record Conflict(
    Target target,
    long companyId,
    long caskrId,
    String salesforceId,
    FieldRule rule,
    boolean baseKnown,
    Object baseValue,
    Object salesforceValue,
    Object caskrValue,
    Instant salesforceModifiedAt,
    Instant caskrModifiedAt) {}
