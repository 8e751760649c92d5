package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.events.SalesforceRecordChanged;

/**
 * A Salesforce change as consumed: the event and the topic it was read from (kept in the
 * processed-event ledger).
 */
public record Incoming(SalesforceRecordChanged event, String topic) {}
