package com.caskr.sync.mapping.reviewholds;

import com.caskr.sync.mapping.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Review holds as people see and settle them. */
@Configuration(proxyBeanMethods = false)
class ReviewHoldsConfiguration {

  @Bean
  ReviewHolds reviewHolds(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox) {
    return new ReviewHolds(jdbc, transactions, outbox);
  }
}
