package com.caskr.sync.salesforce.rest;

import com.caskr.sync.schema.SalesforceId;

/**
 * What an upsert by external id did: 201 created, 200 (or 204 before API 46.0) updated.
 *
 * @param id the record's id; null for a 204 update, which has no body
 */
public record UpsertResult(SalesforceId id, boolean created) {}
