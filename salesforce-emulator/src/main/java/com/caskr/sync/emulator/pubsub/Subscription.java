package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Subscribe call. The first FetchRequest fixes the topic and the start (LATEST: new events
 * only, EARLIEST: the oldest retained, CUSTOM: strictly after replay_id); later requests only add
 * demand, capped at {@value #MAX_DEMAND} outstanding. Events go out in batches of up to the demand,
 * only while the transport is ready (real back-pressure). Idle calls get an empty FetchResponse
 * with latest_replay_id every keepalive; a call with no demand and no FetchRequest for the idle
 * timeout is closed.
 */
final class Subscription implements StreamObserver<FetchRequest> {

  static final int MAX_DEMAND = 100;

  private final ServerCallStreamObserver<FetchResponse> out;
  private final OrgEvents events;
  private final Executor deliveries;
  private final long keepaliveNanos;
  private final long idleNanos;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable wakeUp = this::scheduleDrain;

  // Guarded by this.
  private Topic topic;
  private long cursor;
  private int demand;
  private boolean closed;
  private long lastSent;
  private long lastActivity;
  private ScheduledFuture<?> ticks;

  Subscription(
      ServerCallStreamObserver<FetchResponse> out,
      OrgEvents events,
      Executor deliveries,
      ScheduledExecutorService timers,
      Duration keepalive,
      Duration idleTimeout) {
    this.out = out;
    this.events = events;
    this.deliveries = deliveries;
    this.keepaliveNanos = keepalive.toNanos();
    this.idleNanos = idleTimeout.toNanos();
    long now = System.nanoTime();
    this.lastSent = now;
    this.lastActivity = now;
    out.setOnReadyHandler(this::scheduleDrain);
    out.setOnCancelHandler(this::stop);
    long period = Math.max(10, Math.min(keepalive.toMillis(), idleTimeout.toMillis()) / 5);
    synchronized (this) {
      ticks = timers.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void onNext(FetchRequest request) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (topic == null) {
        try {
          start(request);
        } catch (StatusRuntimeException refusal) {
          fail(refusal);
          return;
        }
      } else if (!request.getTopicName().isEmpty()
          && !request.getTopicName().equals(topic.name())) {
        fail(
            Refusals.invalidArgument(
                "The topic name of a Subscribe call cannot change: open a new call."));
        return;
      }
      // num_requested adds to the outstanding demand; more than 100 counts as 100.
      demand = (int) Math.min(MAX_DEMAND, (long) demand + Math.max(0, request.getNumRequested()));
      lastActivity = System.nanoTime();
    }
    scheduleDrain();
  }

  @Override
  public void onError(Throwable cause) {
    stop();
  }

  @Override
  public void onCompleted() {
    synchronized (this) {
      if (!closed) {
        stop();
        out.onCompleted();
      }
    }
  }

  private void start(FetchRequest request) {
    topic = Topics.subscribable(events, request.getTopicName());
    EventLog log = events.log();
    cursor =
        switch (request.getReplayPreset()) {
          case LATEST, UNRECOGNIZED -> log.tip();
          case EARLIEST -> log.oldestRetained();
          case CUSTOM -> {
            OptionalLong after = log.after(request.getReplayId());
            if (after.isEmpty()) {
              throw Refusals.replayIdCorrupted();
            }
            yield after.getAsLong();
          }
        };
    log.watch(wakeUp);
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      deliveries.execute(this::drain);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    synchronized (this) {
      while (!closed && topic != null && demand > 0 && out.isReady()) {
        EventLog.Batch batch = events.log().read(cursor, topic::carries, demand);
        cursor = batch.next();
        // Built outside the log's lock, so writers appending meanwhile never wait for encoding.
        List<ConsumerEvent> delivered = batch.events();
        if (delivered.isEmpty()) {
          return;
        }
        demand -= delivered.size();
        send(delivered, delivered.getLast().getReplayId());
        lastActivity = System.nanoTime();
      }
    }
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (demand == 0 && now - lastActivity >= idleNanos) {
      // Salesforce "closes the stream"; we end the call normally (OK), as a server-side close.
      stop();
      out.onCompleted();
      return;
    }
    if (now - lastSent >= keepaliveNanos && topic != null) {
      send(List.of(), events.log().latestReplayId());
    }
  }

  private void send(List<ConsumerEvent> batch, com.google.protobuf.ByteString latest) {
    out.onNext(
        FetchResponse.newBuilder()
            .addAllEvents(batch)
            .setLatestReplayId(latest)
            .setRpcId(Refusals.rpcId())
            .setPendingNumRequested(demand)
            .build());
    lastSent = System.nanoTime();
  }

  private synchronized void fail(StatusRuntimeException refusal) {
    stop();
    out.onError(refusal);
  }

  private synchronized void stop() {
    closed = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
    events.log().unwatch(wakeUp);
  }
}
