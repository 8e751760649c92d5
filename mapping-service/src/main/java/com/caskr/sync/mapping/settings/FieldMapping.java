package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.fieldmap.FieldRule;
import java.time.Instant;

/**
 * A field mapping as a company sees it: its own row, or the default it inherits.
 *
 * @param inherited true for a default row (company_id NULL) the company has not overridden
 * @param active false when the company switched the mapping off
 * @param updatedBy who saved the company's row last; null for defaults
 */
public record FieldMapping(
    FieldRule rule, boolean inherited, boolean active, String updatedBy, Instant updatedAt) {}
