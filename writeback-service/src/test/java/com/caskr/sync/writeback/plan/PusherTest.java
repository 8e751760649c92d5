package com.caskr.sync.writeback.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.events.CaskrEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The retry policy and the budget governor around one pass, with in-memory fakes of the ports. */
class PusherTest {

  private static final String ORG = "00D000000000001AAA";
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final List<Duration> BACKOFF =
      List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));

  private final FakeQueue queue = new FakeQueue();
  private final FakeState state = new FakeState();
  private final FakeOrg org = new FakeOrg();
  private final MutableClock clock = new MutableClock();
  private final OrgGate gate =
      new OrgGate(clock, 0.8, Duration.ofMinutes(5), 5, Duration.ofSeconds(30));
  private final Pusher pusher =
      new Pusher(
          queue,
          state,
          company -> org,
          gate,
          new RetryPolicy(BACKOFF, Duration.ofMillis(500), 2),
          2000,
          200,
          Duration.ofMinutes(2),
          new Random(7));

  @Test
  void aThousandEditsOfLinkedRowsTakeOneQueryAndFiveCalls() {
    for (long id = 1; id <= 1000; id++) {
      state.link(id, "555-0100");
      queue.add(List.of(edit(id, Priority.INTERACTIVE)));
      queue.add(List.of(edit(id, Priority.INTERACTIVE)));
    }

    pusher.pushOnce();

    assertThat(org.calls).isEqualTo(6);
    assertThat(state.written).hasSize(1000);
    assertThat(queue.waiting()).isZero();
  }

  @Test
  void serviceUnavailableIsRetriedAfterTwoFourAndEightSeconds() {
    state.link(1, "555-0100");
    queue.add(List.of(edit(1, Priority.INTERACTIVE)));
    org.failNextCalls(4, () -> new CallFailed(CallFailed.Reason.UNAVAILABLE, "503", null));

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pusher.pushOnce();
      delays.add(queue.lastDelay);
      queue.makeDue();
    }

    assertThat(delays)
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
    assertThat(queue.waiting()).as("never dropped").isOne();
    pusher.pushOnce();
    assertThat(state.written).hasSize(1);
  }

  @Test
  void requestLimitExceededPausesTheOrgUntilTheBudgetRecovers() {
    state.link(1, "555-0100");
    queue.add(List.of(edit(1, Priority.INTERACTIVE)));
    org.failNextCalls(1, () -> new CallFailed(CallFailed.Reason.LIMIT_EXCEEDED, "403", null));

    pusher.pushOnce();
    assertThat(queue.lastDelay).isEqualTo(Duration.ofMinutes(5));
    queue.makeDue();
    int callsWhilePaused = org.calls;
    pusher.pushOnce();
    assertThat(org.calls).as("no call while paused").isEqualTo(callsWhilePaused);

    clock.advance(Duration.ofMinutes(5));
    queue.makeDue();
    pusher.pushOnce();
    assertThat(state.written).hasSize(1);
  }

  @Test
  void backfillsWaitAboveTheReserveWhileInteractiveEditsGoOn() {
    org.usage = new SalesforceOrg.Usage(85, 100);
    state.link(1, "555-0100");
    state.link(2, "555-0100");
    queue.add(List.of(edit(1, Priority.INTERACTIVE)));
    pusher.pushOnce();
    assertThat(state.written).hasSize(1);

    queue.add(List.of(edit(2, Priority.BACKFILL)));
    pusher.pushOnce();
    assertThat(state.written).hasSize(1);
    assertThat(queue.waiting()).isOne();
  }

  @Test
  void eachRowsAnswerIsHandledOnItsOwn() {
    for (long id = 1; id <= 4; id++) {
      state.link(id, "555-0100");
      queue.add(List.of(edit(id, Priority.INTERACTIVE)));
    }
    org.answers =
        List.of(
            new RowOutcome.Written("001000000000001AAA", false),
            new RowOutcome.Gone("ENTITY_IS_DELETED", "deleted"),
            new RowOutcome.Invalid("REQUIRED_FIELD_MISSING", "Name"),
            new RowOutcome.Locked("locked"));

    pusher.pushOnce();

    assertThat(state.written).hasSize(1);
    assertThat(state.gone).containsExactly(2L);
    assertThat(state.held).containsExactly(3L);
    assertThat(queue.waiting()).as("the locked row waits").isOne();
    assertThat(queue.lastDelay).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void consecutiveFailuresOpenTheCircuit() {
    state.link(1, "555-0100");
    queue.add(List.of(edit(1, Priority.INTERACTIVE)));
    org.failNextCalls(5, () -> new CallFailed(CallFailed.Reason.UNAVAILABLE, "503", null));
    for (int i = 0; i < 5; i++) {
      pusher.pushOnce();
      queue.makeDue();
    }
    int calls = org.calls;

    pusher.pushOnce();

    assertThat(org.calls).isEqualTo(calls);
    clock.advance(Duration.ofSeconds(30));
    queue.makeDue();
    pusher.pushOnce();
    assertThat(state.written).hasSize(1);
  }

  private static Edit edit(long id, Priority priority) {
    return Edit.of(7, CaskrEntity.CUSTOMER, id, Set.of("phone"), priority);
  }

  private static final class MutableClock extends Clock {
    private Instant now = NOW;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static final class FakeQueue implements PushQueue {
    private final Map<Long, Edit> edits = new LinkedHashMap<>();
    private final Map<Long, Integer> attempts = new HashMap<>();
    private final Set<Long> notDue = new java.util.HashSet<>();
    private Duration lastDelay;

    @Override
    public void add(List<Edit> added) {
      added.forEach(e -> edits.merge(e.caskrId(), e, Edit::merge));
    }

    @Override
    public void queued(List<Position> positions) {}

    @Override
    public List<Claimed> claim(int limit, Duration lease) {
      return edits.values().stream()
          .filter(e -> !notDue.contains(e.caskrId()))
          .limit(limit)
          .map(e -> new Claimed(e, 1, attempts.getOrDefault(e.caskrId(), 0)))
          .toList();
    }

    @Override
    public void done(List<Claimed> claimed) {
      claimed.forEach(c -> edits.remove(c.edit().caskrId()));
    }

    @Override
    public void retryLater(List<Claimed> claimed, Duration delay, boolean countAsAttempt) {
      for (Claimed c : claimed) {
        lastDelay = delay;
        notDue.add(c.edit().caskrId());
        if (countAsAttempt) {
          attempts.merge(c.edit().caskrId(), 1, Integer::sum);
        }
      }
    }

    void makeDue() {
      notDue.clear();
    }

    int waiting() {
      return edits.size();
    }
  }

  private static final class FakeState implements SyncState {
    private final Map<Long, Link> links = new HashMap<>();
    private final List<Write> written = new ArrayList<>();
    private final List<Long> gone = new ArrayList<>();
    private final List<Long> held = new ArrayList<>();

    void link(long id, String phone) {
      links.put(
          id,
          new Link(
              "001" + String.format("%015d", id), Map.of("phone", phone), NOW.minusSeconds(60)));
    }

    @Override
    public List<FieldRule> fieldRules(long companyId, Target target) {
      return List.of(new FieldRule("phone", "Phone", Direction.BIDIRECTIONAL, false, false));
    }

    @Override
    public Map<Long, CaskrRow> rows(long companyId, Target target, Collection<Long> ids) {
      Map<Long, CaskrRow> rows = new HashMap<>();
      ids.forEach(id -> rows.put(id, new CaskrRow(Map.of("phone", "555-0142"), NOW)));
      return rows;
    }

    @Override
    public Map<Long, Link> links(long companyId, Target target, Collection<Long> ids) {
      Map<Long, Link> found = new HashMap<>();
      ids.forEach(id -> Optional.ofNullable(links.get(id)).ifPresent(l -> found.put(id, l)));
      return found;
    }

    @Override
    public void written(String orgId, List<WrittenRow> rows) {
      rows.forEach(row -> written.add(row.write()));
    }

    @Override
    public void agreed(long companyId, Target target, Map<Long, Map<String, Object>> values) {}

    @Override
    public void gone(String orgId, Write write, RowOutcome.Gone outcome) {
      gone.add(write.caskrId());
    }

    @Override
    public void held(String orgId, Write write, RowOutcome.Invalid outcome) {
      held.add(write.caskrId());
    }

    @Override
    public void failed(String orgId, Write write, String code, String message, int retries) {}

    @Override
    public void conflict(String orgId, Conflict conflict) {}
  }

  private static final class FakeOrg implements SalesforceOrg {
    private int calls;
    private final Deque<Supplier<CallFailed>> failures = new ArrayDeque<>();
    private List<RowOutcome> answers;
    private Usage usage = new Usage(10, 100);

    void failNextCalls(int count, Supplier<CallFailed> failure) {
      for (int i = 0; i < count; i++) {
        failures.add(failure);
      }
    }

    @Override
    public String orgId() {
      return ORG;
    }

    @Override
    public Map<String, SalesforceState> retrieve(
        Target target, Collection<String> fields, Collection<String> ids) {
      call();
      return Map.of();
    }

    @Override
    public List<RowOutcome> send(Batches.Batch batch) {
      call();
      if (answers != null) {
        return answers;
      }
      return batch.writes().stream()
          .map(w -> (RowOutcome) new RowOutcome.Written(w.salesforceId(), false))
          .toList();
    }

    private void call() {
      calls++;
      Supplier<CallFailed> failure = failures.poll();
      if (failure != null) {
        throw failure.get();
      }
    }

    @Override
    public Optional<Usage> usage() {
      return Optional.of(usage);
    }
  }
}
