package com.caskr.sync.emulator.rest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the REST data API ({@code emulator.rest.*}).
 *
 * @param queryLocatorTtl how long a nextRecordsUrl stays valid after its query ran (Salesforce: 2
 *     days)
 * @param oldestApiVersion the oldest vXX.0 answered; older ones are 404 NOT_FOUND
 * @param newestApiVersion the newest vXX.0 answered
 */
@ConfigurationProperties("emulator.rest")
record RestProperties(
    @DefaultValue("P2D") Duration queryLocatorTtl,
    @DefaultValue("31") int oldestApiVersion,
    @DefaultValue("64") int newestApiVersion) {}
