package com.caskr.sync.emulator.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code emulator.admin.*}.
 *
 * @param token the bearer token of the admin and fault API under /emulator/; blank disables it
 */
@ConfigurationProperties("emulator.admin")
record AdminGateProperties(String token) {}
