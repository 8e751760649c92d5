package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One org's event stream: every CDC and platform event in commit order, each at a position (from 0,
 * never reused) that its replay id encodes. Events older than the retention on the org's clock are
 * purged; replaying from a purged position fails. Appends are cheap (they run under the org's write
 * lock) and wake the subscriptions watching the log.
 */
final class EventLog {

  /** An event in the log; its delivered form is built on first use. */
  static final class Entry {

    private final String topic;
    private final Instant loggedAt;
    private final ByteString replayId;
    private Supplier<ProducerEvent> source;
    private volatile ConsumerEvent event;

    Entry(String topic, Instant loggedAt, ByteString replayId, Supplier<ProducerEvent> source) {
      this.topic = topic;
      this.loggedAt = loggedAt;
      this.replayId = replayId;
      this.source = source;
    }

    ConsumerEvent event() {
      ConsumerEvent built = event;
      if (built == null) {
        synchronized (this) {
          if (event == null) {
            event = ConsumerEvent.newBuilder().setEvent(source.get()).setReplayId(replayId).build();
            source = null;
          }
          built = event;
        }
      }
      return built;
    }
  }

  /** Entries read from a position, and the position to read from next. */
  record Batch(List<Entry> entries, long next) {

    List<ConsumerEvent> events() {
      return entries.stream().map(Entry::event).toList();
    }
  }

  private final ReplayIds replayIds = new ReplayIds();
  private final Clock clock;
  private final Duration retention;
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

  // Guarded by this.
  private final ArrayList<Entry> entries = new ArrayList<>();
  private long first;
  private long next;

  EventLog(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  ReplayIds replayIds() {
    return replayIds;
  }

  /** Appends an event; returns its replay id. */
  ByteString append(String topic, ProducerEvent event) {
    return append(topic, () -> event);
  }

  /**
   * Appends an event built on first read ({@code event} runs at most once, on a reader's thread);
   * returns its replay id.
   */
  ByteString append(String topic, Supplier<ProducerEvent> event) {
    ByteString id;
    synchronized (this) {
      purgeExpired();
      id = replayIds.encode(next++);
      entries.add(new Entry(topic, clock.instant(), id, event));
    }
    watchers.forEach(Runnable::run);
    return id;
  }

  /**
   * Up to {@code max} events of the topics accepted, from position {@code from} on; build them with
   * {@link Batch#events()} after this returns, outside the log's lock.
   */
  synchronized Batch read(long from, Predicate<String> topics, int max) {
    purgeExpired();
    long position = Math.max(from, first);
    var found = new ArrayList<Entry>(Math.min(max, 128));
    while (position < next && found.size() < max) {
      Entry entry = entries.get((int) (position - first));
      if (topics.test(entry.topic)) {
        found.add(entry);
      }
      position++;
    }
    return new Batch(found, position);
  }

  /** Where a subscription starts: the next position (LATEST) or the oldest retained (EARLIEST). */
  synchronized long tip() {
    return next;
  }

  synchronized long oldestRetained() {
    purgeExpired();
    return first;
  }

  /**
   * The position just after a replay id, when the id is this org's and still retained; empty when
   * the id is garbage, from the future or expired (Salesforce: replayid.corrupted).
   */
  synchronized OptionalLong after(ByteString replayId) {
    purgeExpired();
    OptionalLong position = replayIds.decode(replayId);
    if (position.isEmpty() || position.getAsLong() < first || position.getAsLong() >= next) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(position.getAsLong() + 1);
  }

  /** The replay id of the newest event ever appended; empty before the first. */
  synchronized ByteString latestReplayId() {
    return next == 0 ? ByteString.EMPTY : replayIds.encode(next - 1);
  }

  synchronized int retained() {
    purgeExpired();
    return entries.size();
  }

  /** Purges every event logged before {@code cutoff}; returns how many went. */
  synchronized int purgeBefore(Instant cutoff) {
    int count = 0;
    while (count < entries.size() && entries.get(count).loggedAt.isBefore(cutoff)) {
      count++;
    }
    if (count > 0) {
      entries.subList(0, count).clear();
      first += count;
    }
    return count;
  }

  /** Purges everything logged so far, whatever its age. */
  synchronized int purgeAll() {
    int count = entries.size();
    entries.clear();
    first = next;
    return count;
  }

  void watch(Runnable watcher) {
    watchers.add(watcher);
  }

  void unwatch(Runnable watcher) {
    watchers.remove(watcher);
  }

  private void purgeExpired() {
    if (!entries.isEmpty()
        && entries.getFirst().loggedAt.isBefore(clock.instant().minus(retention))) {
      purgeBefore(clock.instant().minus(retention));
    }
  }
}
