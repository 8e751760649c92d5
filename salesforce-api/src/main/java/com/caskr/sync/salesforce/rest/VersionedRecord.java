package com.caskr.sync.salesforce.rest;

import java.util.Map;

/**
 * A record read with its version.
 *
 * @param etag the {@code ETag} header (Account rows only), or null
 */
public record VersionedRecord(Map<String, Object> fields, String etag) {}
