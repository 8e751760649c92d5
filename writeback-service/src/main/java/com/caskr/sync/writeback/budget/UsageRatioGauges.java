package com.caskr.sync.writeback.budget;

import com.caskr.sync.writeback.plan.OrgGate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code crm_salesforce_api_usage_ratio{org}}: the daily API usage each org last reported in {@code
 * Sforce-Limit-Info}, as the budget governor sees it. A gauge per org, registered when the org is
 * first seen.
 */
public final class UsageRatioGauges implements Runnable {

  private final OrgGate gate;
  private final MeterRegistry registry;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public UsageRatioGauges(OrgGate gate, MeterRegistry registry) {
    this.gate = gate;
    this.registry = registry;
  }

  /** Registers gauges for orgs seen since the last run. */
  @Override
  public void run() {
    for (String org : gate.orgs()) {
      if (registered.add(org)) {
        Gauge.builder("crm.salesforce.api.usage.ratio", gate, g -> g.usageRatio(org))
            .description("Daily API requests used / allocated, from Sforce-Limit-Info")
            .tag("org", org)
            .register(registry);
      }
    }
  }
}
