package com.caskr.sync.writeback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.testing.UsesTestInfrastructure;
import com.caskr.sync.writeback.plan.Edit;
import com.caskr.sync.writeback.plan.Position;
import com.caskr.sync.writeback.plan.Priority;
import com.caskr.sync.writeback.plan.PushQueue;
import com.caskr.sync.writeback.testing.MappingSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The push queue on PostgreSQL: one statement per intake batch, and a settle window per company
 * that also waits for the company's edits still in the trigger log, so a burst is claimed whole.
 */
@SpringBootTest(
    properties = {
      "writeback.push.enabled=false",
      "writeback.capture.enabled=false",
      "writeback.intake.enabled=false",
      "writeback.queue.settle=1s",
      "writeback.queue.max-wait=1h"
    })
@UsesTestInfrastructure
@Import(MappingSchema.class)
class PushQueueIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Autowired private PushQueue queue;
  @Autowired private JdbcClient jdbc;

  @Test
  void editsOfOneRowInOneBatchMergeIntoOneQueuedRow() {
    long company = company();
    queue.add(
        List.of(
            edit(company, 1, Set.of("phone"), Priority.BACKFILL),
            edit(company, 2, Set.of("name"), Priority.BACKFILL),
            edit(company, 1, Set.of("name"), Priority.INTERACTIVE)));
    queue.add(List.of(edit(company, 2, Set.of(), Priority.BACKFILL)));

    List<PushQueue.Claimed> claimed = claimAll(company);

    assertThat(claimed)
        .extracting(PushQueue.Claimed::edit)
        .containsExactlyInAnyOrder(
            edit(company, 1, Set.of("name", "phone"), Priority.INTERACTIVE),
            edit(company, 2, Set.of(), Priority.BACKFILL));
  }

  @Test
  void aCompanyStillReceivingEditsDoesNotHoldBackAnotherThatSettled() {
    long busy = company();
    long quiet = company();
    queue.add(List.of(edit(quiet, 1, Set.of("phone"), Priority.INTERACTIVE)));
    AtomicLong next = new AtomicLong(1);

    List<PushQueue.Claimed> claimed =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  // The busy company's last edit is always a moment old when the claim looks.
                  queue.add(
                      List.of(
                          edit(
                              busy,
                              next.getAndIncrement(),
                              Set.of("phone"),
                              Priority.INTERACTIVE)));
                  return ours(queue.claim(10_000, LEASE), busy, quiet);
                },
                list -> !list.isEmpty());

    assertThat(claimed)
        .extracting(c -> c.edit().companyId())
        .as("only the settled company")
        .containsExactly(quiet);
    assertThat(claimAll(busy)).hasSize((int) next.get() - 1);
  }

  @Test
  void editsStillInTheTriggerLogHoldTheirCompanysClaim() {
    long capturing = company();
    long other = company();
    long logRow =
        jdbc.sql(
                """
                INSERT INTO writeback.trigger_log
                    (company_id, entity, caskr_id, operation, changed_columns, old_values,
                     new_values)
                VALUES (:c, 'customer', 2, 'UPDATE', '{phone}', '{}', '{}') RETURNING id
                """)
            .param("c", capturing)
            .query(Long.class)
            .single();
    queue.add(
        List.of(
            edit(capturing, 1, Set.of("phone"), Priority.INTERACTIVE),
            edit(other, 1, Set.of("phone"), Priority.INTERACTIVE)));

    assertThat(claimAll(other)).hasSize(1);
    assertThat(ours(queue.claim(10_000, LEASE), capturing))
        .as("the burst is still being relayed")
        .isEmpty();

    jdbc.sql("UPDATE writeback.trigger_log SET sent_at = now() WHERE id = :id")
        .param("id", logRow)
        .update();
    assertThat(claimAll(capturing)).hasSize(1);
  }

  @Test
  void editsTheRelayPublishedButTheIntakeHasNotQueuedHoldTheClaims() {
    long company = company();
    jdbc.sql(
            "INSERT INTO writeback.kafka_positions (topic, partition, relayed, queued)"
                + " VALUES ('caskr.customer.changed.v1', 99, 10, 5)")
        .update();
    queue.add(List.of(edit(company, 1, Set.of("phone"), Priority.INTERACTIVE)));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.sql(
                        "SELECT now() - max(touched_at) > interval '1.5 seconds'"
                            + " FROM writeback.push_queue WHERE company_id = :c")
                    .param("c", company)
                    .query(Boolean.class)
                    .single());

    assertThat(ours(queue.claim(10_000, LEASE), company))
        .as("settled on the queue, but offsets 6..10 are still on their way")
        .isEmpty();

    queue.queued(List.of(new Position("caskr.customer.changed.v1", 99, 10)));
    assertThat(claimAll(company)).hasSize(1);
  }

  @Test
  void aBurstStillArrivingAtMaxWaitGoesInWholeCallsOnly() {
    long company = company();
    // Never settled, always overdue: every claim is forced by max-wait.
    JdbcPushQueue forced = new JdbcPushQueue(jdbc, Duration.ofHours(1), Duration.ZERO);
    List<Edit> burst = new ArrayList<>();
    for (long id = 1; id <= 2_450; id++) {
      burst.add(edit(company, id, Set.of("phone"), Priority.INTERACTIVE));
    }
    forced.add(burst);

    List<Integer> sizes = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      sizes.add(ours(forced.claim(10_000, Duration.ofSeconds(1)), company).size());
    }

    assertThat(sizes)
        .as("a retrieve's 2,000, then whole updates of 200, then the rest under one call")
        .containsExactly(2_000, 400, 50);
  }

  @Test
  void doneKeepsARowEditedAgainSinceTheClaim() {
    long company = company();
    queue.add(
        List.of(
            edit(company, 1, Set.of("phone"), Priority.INTERACTIVE),
            edit(company, 2, Set.of("phone"), Priority.INTERACTIVE)));
    List<PushQueue.Claimed> claimed = claimAll(company);
    queue.add(List.of(edit(company, 2, Set.of("name"), Priority.INTERACTIVE)));

    queue.done(claimed);

    assertThat(claimAll(company))
        .extracting(PushQueue.Claimed::edit)
        .containsExactly(edit(company, 2, Set.of("name", "phone"), Priority.INTERACTIVE));
  }

  /** Claims until this company's edits come (once its window settled). */
  private List<PushQueue.Claimed> claimAll(long company) {
    List<PushQueue.Claimed> all = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              all.addAll(ours(queue.claim(10_000, LEASE), company));
              return !all.isEmpty();
            });
    return all;
  }

  private static List<PushQueue.Claimed> ours(List<PushQueue.Claimed> claimed, long... companies) {
    Set<Long> wanted = new java.util.HashSet<>();
    for (long company : companies) {
      wanted.add(company);
    }
    return claimed.stream().filter(c -> wanted.contains(c.edit().companyId())).toList();
  }

  private static Edit edit(long company, long id, Set<String> fields, Priority priority) {
    return Edit.of(company, CaskrEntity.CUSTOMER, id, fields, priority);
  }

  private static long company() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
  }
}
