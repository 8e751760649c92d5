package com.caskr.sync.writeback.intake;

import com.caskr.sync.writeback.plan.PushQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kafka into the push queue: Caskr edits and conflict resolutions Caskr won. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "writeback.intake.enabled", matchIfMissing = true)
class IntakeConfiguration {

  @Bean
  EditIntake editIntake(
      PushQueue queue,
      @Value("${writeback.intake.backfill-transaction-size:100}") int backfillTransactionSize) {
    if (backfillTransactionSize < 2) {
      throw new IllegalArgumentException("writeback.intake.backfill-transaction-size must be >= 2");
    }
    return new EditIntake(queue, backfillTransactionSize);
  }
}
