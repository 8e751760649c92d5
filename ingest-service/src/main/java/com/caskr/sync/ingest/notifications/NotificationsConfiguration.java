package com.caskr.sync.ingest.notifications;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The notification ledger, and its hourly purge: Salesforce stops retrying an Outbound Message
 * after 24 hours and a webhook is accepted within 5 minutes, so ids older than {@code
 * ingest.notifications.retention} (default 48 h) can no longer come back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationsConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsConfiguration.class);

  @Bean
  ProcessedNotifications processedNotifications(JdbcClient jdbc, JdbcTemplate batch) {
    return new ProcessedNotifications(jdbc, batch);
  }

  @Bean
  NotificationPurge notificationPurge(
      ProcessedNotifications notifications,
      ObjectProvider<Clock> clock,
      @Value("${ingest.notifications.retention:48h}") Duration retention) {
    return new NotificationPurge(notifications, clock.getIfAvailable(Clock::systemUTC), retention);
  }

  /** Deletes ledger rows past the retention. */
  static final class NotificationPurge {

    private final ProcessedNotifications notifications;
    private final Clock clock;
    private final Duration retention;

    NotificationPurge(ProcessedNotifications notifications, Clock clock, Duration retention) {
      if (retention.compareTo(Duration.ofHours(25)) < 0) {
        throw new IllegalArgumentException(
            "ingest.notifications.retention must be at least 25h (Salesforce retries for 24h)");
      }
      this.notifications = notifications;
      this.clock = clock;
      this.retention = retention;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
      int purged = notifications.purgeReceivedBefore(clock.instant().minus(retention));
      if (purged > 0) {
        LOG.info("Forgot {} processed notification ids older than {}", purged, retention);
      }
    }
  }
}
