package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.schema.SalesforceId;
import java.net.URI;
import java.time.Instant;

/**
 * What the internal token API hands to ingest-service and writeback-service.
 *
 * @param issuedAt when Salesforce issued the token; a caller that gets a 401 sends it back, so a
 *     token refreshed meanwhile by someone else is not refreshed again
 */
public record AccessGrant(
    Secret accessToken, URI instanceUrl, SalesforceId orgId, Instant issuedAt) {}
