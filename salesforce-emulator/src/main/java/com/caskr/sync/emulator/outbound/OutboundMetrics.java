package com.caskr.sync.emulator.outbound;

import io.micrometer.core.instrument.MeterRegistry;

/** The emulator_outbound_* counters, tagged by org. */
final class OutboundMetrics {

  private final MeterRegistry registry;

  OutboundMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void enqueued(String orgId) {
    registry.counter("emulator.outbound.notifications.enqueued", "org", orgId).increment();
  }

  void attempted(String orgId) {
    registry.counter("emulator.outbound.messages.sent", "org", orgId).increment();
  }

  void failed(String orgId) {
    registry.counter("emulator.outbound.messages.failed", "org", orgId).increment();
  }

  void delivered(String orgId, int notifications) {
    registry
        .counter("emulator.outbound.notifications.delivered", "org", orgId)
        .increment(notifications);
  }

  void dropped(String orgId) {
    registry.counter("emulator.outbound.notifications.dropped", "org", orgId).increment();
  }

  void duplicated(String orgId) {
    registry.counter("emulator.outbound.messages.duplicated", "org", orgId).increment();
  }
}
