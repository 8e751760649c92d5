package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue and the delivery worker (one virtual thread) of one outbound message definition. Every
 * SOAP message carries up to 100 due notifications of the definition's single object type.
 */
final class Sender {

  static final int MAX_PER_MESSAGE = 100;
  private static final Duration IDLE_CHECK = Duration.ofSeconds(10);

  /** A queued notification; mutable, guarded by the sender's lock. */
  private static final class Pending {
    final String notificationId;
    final String recordId;
    final Instant createdDate;
    int attempts;
    Instant lastAttempt;
    Instant nextAttempt;
    String lastError;
    boolean inFlight;

    Pending(String notificationId, String recordId, Instant createdDate) {
      this.notificationId = notificationId;
      this.recordId = recordId;
      this.createdDate = createdDate;
      this.nextAttempt = createdDate;
    }

    OutboundMessages.QueuedNotification view() {
      return new OutboundMessages.QueuedNotification(
          notificationId, recordId, createdDate, attempts, lastAttempt, nextAttempt, lastError);
    }
  }

  private final OutboundDefinition definition;
  private final Org org;
  private final Orgs orgs;
  private final Tokens tokens;
  private final HttpClient http;
  private final OutboundSettings settings;
  private final OutboundMetrics metrics;
  private final AtomicInteger duplicateNext;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Pending> pending = new ArrayList<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private volatile Thread worker;
  private volatile String session;

  Sender(
      OutboundDefinition definition,
      Org org,
      Orgs orgs,
      Tokens tokens,
      HttpClient http,
      OutboundSettings settings,
      OutboundMetrics metrics,
      AtomicInteger duplicateNext,
      Clock clock) {
    this.definition = definition;
    this.org = org;
    this.orgs = orgs;
    this.tokens = tokens;
    this.http = http;
    this.settings = settings;
    this.metrics = metrics;
    this.duplicateNext = duplicateNext;
    this.clock = clock;
  }

  OutboundDefinition definition() {
    return definition;
  }

  void start() {
    worker = Thread.ofVirtual().name("outbound-" + definition.actionId()).start(this::run);
  }

  void stop() {
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Queues a notification for the record; called under the org's write lock, so only this. */
  void enqueue(String recordId) {
    var notification = new Pending(Orgs.newId("04l"), recordId, clock.instant());
    lock.lock();
    try {
      pending.add(notification);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    metrics.enqueued(org.id());
  }

  OutboundMessages.Status status() {
    lock.lock();
    try {
      return new OutboundMessages.Status(
          definition,
          delivered.get(),
          dropped.get(),
          duplicated.get(),
          pending.stream()
              .sorted(Comparator.comparing((Pending p) -> p.createdDate))
              .map(Pending::view)
              .toList());
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        List<Pending> batch = nextBatch();
        if (batch.isEmpty()) {
          return;
        }
        deliver(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until notifications are due, dropping the ones past 24 hours, and claims up to 100; empty
   * once the org is gone.
   */
  private List<Pending> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (orgs.byId(org.id()).isEmpty()) {
          return List.of();
        }
        Instant now = clock.instant();
        pending.removeIf(
            p -> {
              boolean expired = !p.inFlight && age(p, now).compareTo(Backoff.MAX_AGE) >= 0;
              if (expired) {
                dropped();
              }
              return expired;
            });
        List<Pending> due =
            pending.stream()
                .filter(p -> !p.inFlight && !p.nextAttempt.isAfter(now))
                .sorted(Comparator.comparing((Pending p) -> p.nextAttempt))
                .limit(MAX_PER_MESSAGE)
                .toList();
        if (!due.isEmpty()) {
          due.forEach(p -> p.inFlight = true);
          return due;
        }
        Instant earliest =
            pending.stream()
                .filter(p -> !p.inFlight)
                .map(p -> p.nextAttempt)
                .min(Comparator.naturalOrder())
                .orElse(null);
        // Bounded, so a sender notices that its org was deleted.
        Duration wait =
            earliest == null || Duration.between(now, earliest).compareTo(IDLE_CHECK) > 0
                ? IDLE_CHECK
                : Duration.between(now, earliest);
        changed.awaitNanos(Math.max(1, wait.toNanos()));
      }
    } finally {
      lock.unlock();
    }
  }

  private void deliver(List<Pending> batch) throws InterruptedException {
    String body =
        Soap.notifications(
            org,
            definition,
            definition.sendSessionId() ? session() : null,
            settings.instanceUrl(),
            batch.stream().map(p -> new Soap.Item(p.notificationId, p.recordId)).toList());
    Instant attempted = clock.instant();
    String error = post(body);
    lock.lock();
    try {
      if (error == null) {
        pending.removeAll(batch);
        delivered.addAndGet(batch.size());
        metrics.delivered(org.id(), batch.size());
      } else {
        metrics.failed(org.id());
        for (Pending p : batch) {
          p.inFlight = false;
          p.attempts++;
          p.lastAttempt = attempted;
          p.lastError = error;
          p.nextAttempt = attempted.plus(settings.real(Backoff.after(p.attempts)));
          if (age(p, p.nextAttempt).compareTo(Backoff.MAX_AGE) >= 0) {
            pending.remove(p);
            dropped();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (error == null && duplicate()) {
      duplicated.incrementAndGet();
      metrics.duplicated(org.id());
      post(body);
    }
  }

  private boolean duplicate() {
    if (duplicateNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return true;
    }
    return ThreadLocalRandom.current().nextDouble() < settings.duplicateProbability();
  }

  /** Null when the listener acknowledged; else why not. */
  private String post(String body) throws InterruptedException {
    metrics.attempted(org.id());
    var request =
        HttpRequest.newBuilder(definition.endpoint())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return "HTTP " + response.statusCode();
      }
      return Soap.acknowledged(response.body()) ? null : "No <Ack>true</Ack> in the response";
    } catch (IOException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }

  private String session() {
    String current = session;
    if (current != null && tokens.liveAccessToken(current).isPresent()) {
      return current;
    }
    var app =
        new ConnectedApp(
            org.id(),
            "Outbound Messaging",
            "OutboundMessaging",
            "-",
            Set.of(),
            Set.of("api"),
            false,
            ConnectedApp.DEFAULT_SESSION_TIMEOUT,
            null,
            Set.of());
    current = tokens.issue(app, definition.userId(), Set.of("api")).token();
    session = current;
    return current;
  }

  private Duration age(Pending p, Instant at) {
    return settings.emulated(Duration.between(p.createdDate, at));
  }

  private void dropped() {
    dropped.incrementAndGet();
    metrics.dropped(org.id());
  }
}
