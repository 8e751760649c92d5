package com.caskr.sync.mapping.intake;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Publishes a consumed record to its {@code <topic>.dlq} (same partition, the error in the
 * headers), waiting for the broker's ack: the error handler's recoverer after the last retry, and
 * the batch listener's for changes refused on tenancy grounds.
 *
 * @param recoverer the dead-letter publishing recoverer
 */
record DeadLetters(ConsumerRecordRecoverer recoverer) {}
