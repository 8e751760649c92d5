package com.caskr.sync.salesforce.pubsub;

/**
 * Salesforce rejected a stored replay id, so events between it and the recovery point may be lost:
 * schedule a reconciliation (gotcha 12).
 *
 * @param rejected the stored position the server refused
 * @param recovery what the subscriber does next
 * @param errorCode the server's {@code error-code} trailer
 */
public record ReplayIdExpired(
    String topic, ReplayId rejected, ReplayRecovery recovery, String errorCode) {}
