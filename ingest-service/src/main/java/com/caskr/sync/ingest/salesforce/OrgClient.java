package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.salesforce.bulk.BulkQueryClient;
import com.caskr.sync.salesforce.pubsub.CredentialsSource;
import com.caskr.sync.salesforce.pubsub.Endpoint;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.Tenant;

/**
 * The Salesforce clients of one connected org, all drawing on the company's one token.
 *
 * @param pubSubEndpoint where this org's Pub/Sub API listens
 * @param pubSubCredentials for {@code PubSubSubscriber}; refreshes through auth-service
 */
public record OrgClient(
    Tenant tenant,
    SalesforceRestClient rest,
    BulkQueryClient bulk,
    Endpoint pubSubEndpoint,
    CredentialsSource pubSubCredentials) {}
