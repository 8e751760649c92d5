package com.caskr.sync.writeback.push;

import com.caskr.sync.writeback.budget.UsageRatioGauges;
import com.caskr.sync.writeback.plan.OrgGate;
import com.caskr.sync.writeback.plan.PassLoop;
import com.caskr.sync.writeback.plan.PushQueue;
import com.caskr.sync.writeback.plan.Pusher;
import com.caskr.sync.writeback.plan.RetryPolicy;
import com.caskr.sync.writeback.plan.SalesforceOrg;
import com.caskr.sync.writeback.plan.SyncState;
import com.caskr.sync.writeback.running.RunningLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Random;
import java.util.function.LongFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The write-back pass: plan core, retry policy and budget governor over the adapters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushProperties.class)
class PushConfiguration {

  @Bean
  OrgGate orgGate(PushProperties properties) {
    return new OrgGate(
        Clock.systemUTC(),
        properties.backfillReserve(),
        properties.limitPause(),
        properties.circuitFailures(),
        properties.circuitOpen());
  }

  @Bean
  Pusher pusher(
      PushQueue queue,
      SyncState state,
      LongFunction<SalesforceOrg> orgs,
      OrgGate gate,
      PushProperties properties) {
    return new Pusher(
        queue,
        state,
        orgs,
        gate,
        new RetryPolicy(properties.backoff(), properties.lockJitter(), properties.lockRetries()),
        properties.claimLimit(),
        properties.batchSize(),
        properties.lease(),
        new Random());
  }

  @Bean
  UsageRatioGauges usageRatioGauges(OrgGate gate, MeterRegistry registry) {
    return new UsageRatioGauges(gate, registry);
  }

  @Bean
  @ConditionalOnProperty(name = "writeback.push.enabled", matchIfMissing = true)
  RunningLoop pushRunner(Pusher pusher, UsageRatioGauges gauges, PushProperties properties) {
    // Straight after a pass that claimed something, after the poll interval otherwise. A failed
    // pass leaves its edits leased; they come back when the lease ends.
    return new RunningLoop(
        new PassLoop(
            "writeback-push",
            properties.pollInterval(),
            () -> {
              boolean full = pusher.pushOnce() >= properties.claimLimit();
              gauges.run();
              return full;
            },
            "Write-back pass failed; its edits return when their lease ends"));
  }
}
