package com.caskr.sync.auth.refresh;

import com.caskr.sync.auth.connections.RefreshObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refreshes as {@code crm_oauth_token_refreshes_total{outcome}} (refreshed, revoked, failed)
 * and logs the ones an operator must act on. Reasons are OAuth error codes, never tokens.
 */
final class MeteredRefreshObserver implements RefreshObserver {

  private static final Logger log = LoggerFactory.getLogger(MeteredRefreshObserver.class);

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  MeteredRefreshObserver(MeterRegistry meters) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(
          outcome,
          Counter.builder("crm_oauth_token_refreshes_total")
              .description("Salesforce token refreshes by outcome")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  @Override
  public void refreshed(long companyId, Outcome outcome, String reason) {
    counters.get(outcome).increment();
    switch (outcome) {
      case REFRESHED -> log.debug("refreshed company {}'s Salesforce token", companyId);
      case REVOKED ->
          log.warn(
              "company {}'s Salesforce grant was refused ({}): the connection is now"
                  + " NEEDS_RECONNECT until an admin reconnects",
              companyId,
              reason);
      case FAILED ->
          log.warn(
              "refreshing company {}'s Salesforce token failed after retries: {}",
              companyId,
              reason);
    }
  }
}
