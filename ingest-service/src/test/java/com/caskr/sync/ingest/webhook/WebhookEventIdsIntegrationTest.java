package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.webhook.WebhookEventIds.Claim;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Event-id claims of many concurrent deliveries, which share statements, on a real PostgreSQL: each
 * id is claimed by exactly one delivery, whatever batch it landed in.
 */
class WebhookEventIdsIntegrationTest {

  private static final AtomicLong COMPANIES = new AtomicLong(7_100);
  private static final int DELIVERIES = 200;

  private static JdbcClient jdbc;
  private static JdbcTemplate template;

  @BeforeAll
  static void migrate() {
    var dataSource = TestInfrastructure.freshDatabase("webhook_event_ids").dataSource();
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
    jdbc = JdbcClient.create(dataSource);
    template = new JdbcTemplate(dataSource);
  }

  @Test
  void concurrentDeliveriesOfDistinctIdsAreEachClaimed() throws Exception {
    Tenant tenant = aTenant();
    try (var ids = new WebhookEventIds(template, Duration.ofMinutes(1))) {
      List<Claim> claims =
          concurrently(
              DELIVERIES, i -> () -> ids.claim(tenant, "evt-" + i, new WebhookRequestEvent()));

      assertThat(claims).hasSize(DELIVERIES).containsOnly(Claim.CLAIMED);
      assertThat(claimsInTable(tenant)).isEqualTo(DELIVERIES);
    }
  }

  @Test
  void racingDeliveriesOfOneIdClaimItOnceAndAreToldToRetry() throws Exception {
    Tenant tenant = aTenant();
    String eventId = "evt-" + UUID.randomUUID();
    try (var ids = new WebhookEventIds(template, Duration.ofMinutes(1));
        var otherInstance = new WebhookEventIds(template, Duration.ofMinutes(1))) {
      List<Claim> claims =
          concurrently(
              DELIVERIES,
              i ->
                  () ->
                      (i % 2 == 0 ? ids : otherInstance)
                          .claim(tenant, eventId, new WebhookRequestEvent()));

      assertThat(claims.stream().filter(c -> c == Claim.CLAIMED)).hasSize(1);
      assertThat(claims.stream().filter(c -> c == Claim.IN_FLIGHT)).hasSize(DELIVERIES - 1);

      ids.accepted(tenant, eventId);
      assertThat(ids.claim(tenant, eventId, new WebhookRequestEvent())).isEqualTo(Claim.REPLAYED);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  otherInstance.claim(tenant, eventId, new WebhookRequestEvent())
                      == Claim.REPLAYED);
    }
  }

  @Test
  void aReleasedIdIsClaimedAgainWhileTheOthersOfItsBatchStayClaimed() throws Exception {
    Tenant tenant = aTenant();
    try (var ids = new WebhookEventIds(template, Duration.ofMinutes(1))) {
      assertThat(
              concurrently(
                  DELIVERIES, i -> () -> ids.claim(tenant, "evt-" + i, new WebhookRequestEvent())))
          .containsOnly(Claim.CLAIMED);

      ids.release(tenant, "evt-7");
      List<Claim> again =
          concurrently(
              DELIVERIES, i -> () -> ids.claim(tenant, "evt-" + i, new WebhookRequestEvent()));

      assertThat(again.get(7)).isEqualTo(Claim.CLAIMED);
      assertThat(again.subList(0, 7)).containsOnly(Claim.IN_FLIGHT);
      assertThat(again.subList(8, DELIVERIES)).containsOnly(Claim.IN_FLIGHT);
    }
  }

  @Test
  void aBatchOfNewAcceptedAndInFlightIdsAnswersEachByTheTable() throws Exception {
    Tenant tenant = aTenant();
    try (var ids = new WebhookEventIds(template, Duration.ofMinutes(1));
        var otherInstance = new WebhookEventIds(template, Duration.ofMinutes(1))) {
      assertThat(ids.claim(tenant, "evt-accepted", new WebhookRequestEvent()))
          .isEqualTo(Claim.CLAIMED);
      assertThat(ids.claim(tenant, "evt-in-flight", new WebhookRequestEvent()))
          .isEqualTo(Claim.CLAIMED);
      ids.accepted(tenant, "evt-accepted");
      await().atMost(Duration.ofSeconds(30)).until(() -> acceptedInTable(tenant) == 1);

      // The other instance has neither id in its memory: only the table can answer it.
      List<Claim> claims =
          concurrently(
              DELIVERIES,
              i ->
                  () ->
                      otherInstance.claim(
                          tenant,
                          switch (i % 4) {
                            case 0 -> "evt-accepted";
                            case 1 -> "evt-in-flight";
                            default -> "evt-new-" + i;
                          },
                          new WebhookRequestEvent()));

      for (int i = 0; i < DELIVERIES; i++) {
        assertThat(claims.get(i))
            .as("delivery %d", i)
            .isEqualTo(
                switch (i % 4) {
                  case 0 -> Claim.REPLAYED;
                  case 1 -> Claim.IN_FLIGHT;
                  default -> Claim.CLAIMED;
                });
      }
    }
  }

  @Test
  void acceptancesOfSeveralTenantsAreWrittenAndOneWhoseRowIsGoneIsWrittenAgain() throws Exception {
    Tenant one = aTenant();
    Tenant two = aTenant();
    try (var ids = new WebhookEventIds(template, Duration.ofMinutes(1));
        var otherInstance = new WebhookEventIds(template, Duration.ofMinutes(1))) {
      List<Claim> claims =
          concurrently(
              DELIVERIES,
              i -> () -> ids.claim(i % 2 == 0 ? one : two, "evt-" + i, new WebhookRequestEvent()));
      assertThat(claims).containsOnly(Claim.CLAIMED);
      // Purged (or deleted by hand) between the claim and the acceptance's write.
      jdbc.sql(
              "DELETE FROM ingest.processed_notifications WHERE company_id = ?"
                  + " AND notification_id = 'evt-0'")
          .param(one.companyId())
          .update();

      for (int i = 0; i < DELIVERIES; i++) {
        ids.accepted(i % 2 == 0 ? one : two, "evt-" + i);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> acceptedInTable(one) + acceptedInTable(two) == DELIVERIES);
      assertThat(claimsInTable(one) + claimsInTable(two)).isZero();
      assertThat(otherInstance.claim(one, "evt-0", new WebhookRequestEvent()))
          .isEqualTo(Claim.REPLAYED);
      assertThat(otherInstance.claim(two, "evt-1", new WebhookRequestEvent()))
          .isEqualTo(Claim.REPLAYED);
    }
  }

  @Test
  @Timeout(120)
  void whenTheDatabaseFailsEveryWaitingDeliveryGetsTheFailure() throws Exception {
    Tenant tenant = aTenant();
    var unreachable =
        new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));
    try (var ids = new WebhookEventIds(unreachable, Duration.ofMinutes(1))) {
      assertThatThrownBy(
              () ->
                  concurrently(
                      50, i -> () -> ids.claim(tenant, "evt-" + i, new WebhookRequestEvent())))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DataAccessException.class);
      List<Future<Claim>> claims = new ArrayList<>();
      try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 50; i++) {
          String eventId = "evt-" + i;
          claims.add(threads.submit(() -> ids.claim(tenant, eventId, new WebhookRequestEvent())));
        }
      }
      assertThat(claims)
          .as("each delivery answered (with the failure), none left waiting")
          .allMatch(claim -> claim.state() == Future.State.FAILED);
    }
  }

  private interface Delivery {
    Callable<Claim> of(int i);
  }

  /** {@code count} deliveries at once on virtual threads, released together; claims in order. */
  private static List<Claim> concurrently(int count, Delivery delivery) throws Exception {
    var start = new CountDownLatch(1);
    List<Future<Claim>> futures = new ArrayList<>(count);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        Callable<Claim> claim = delivery.of(i);
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return claim.call();
                }));
      }
      start.countDown();
    }
    List<Claim> claims = new ArrayList<>(count);
    for (Future<Claim> future : futures) {
      claims.add(future.get());
    }
    return claims;
  }

  private static long claimsInTable(Tenant tenant) {
    return rowsInTable(tenant, false);
  }

  private static long acceptedInTable(Tenant tenant) {
    return rowsInTable(tenant, true);
  }

  private static long rowsInTable(Tenant tenant, boolean accepted) {
    return jdbc.sql(
            "SELECT count(*) FROM ingest.processed_notifications WHERE company_id = ?"
                + " AND source = 'WEBHOOK' AND accepted = ?")
        .params(tenant.companyId(), accepted)
        .query(Long.class)
        .single();
  }

  private static Tenant aTenant() {
    long company = COMPANIES.incrementAndGet();
    return new Tenant(company, SalesforceId.of("00D" + String.format("%012d", company)));
  }
}
