package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;

/**
 * Which conflicts of a company to list; a null criterion matches everything.
 *
 * @param critical only critical (true) or only ordinary (false) fields
 */
public record ConflictFilter(
    long companyId,
    StoredConflict.Status status,
    SalesforceEntity entity,
    Boolean critical,
    SalesforceId salesforceId) {}
