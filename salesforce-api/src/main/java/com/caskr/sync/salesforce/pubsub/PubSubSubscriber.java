package com.caskr.sync.salesforce.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.SchemaRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to one Pub/Sub API topic (CDC channel or platform event) and hands decoded events to
 * an {@link EventHandler}, one FetchResponse at a time, in order, on one thread of its own.
 *
 * <p>What it guarantees (§4, gotchas 11–13):
 *
 * <ul>
 *   <li>Flow control: never more than {@code batchSize} (≤ 100) events requested and not yet
 *       handled; demand is topped up after each handled batch, well within the 60 s rule. With
 *       {@link Builder#pipelined}, demand is topped up as soon as a batch is handed over while
 *       fewer than {@code batchesInFlight} batches are unfinished, so the server sends the next
 *       events while earlier ones are still being handled: never more than {@code batchSize}
 *       requested and not yet received.
 *   <li>At least once: the {@link ReplayCheckpoint} moves only after the handler returned (or,
 *       pipelined, after its stage and those of every earlier batch completed); after a failure
 *       (stream closed, UNAVAILABLE/INTERNAL, handler exception) it reconnects with exponential
 *       backoff and jitter and resumes with CUSTOM after the last checkpoint.
 *   <li>Keepalives: the {@code latest_replay_id} of empty responses is checkpointed too.
 *   <li>Checkpoint cadence: with {@link Builder#checkpointInterval} the {@link ReplayCheckpoint} is
 *       called at most once per interval with the newest position reached; positions in between
 *       live in memory only (a reconnect resumes from them). The newest one is saved when the
 *       interval has passed, and on {@link #close()} or a stop, so it never covers a batch whose
 *       stage has not completed, and a kill loses at most an interval's positions (those events
 *       come again).
 *   <li>Authentication errors: credentials are refreshed once and the call retried; a second
 *       rejection stops the subscription with {@link PubSubException.Reason#AUTHENTICATION}.
 *   <li>Rejected replay ids ({@code replayid.corrupted}): the {@link ReplayRecovery} policy applies
 *       once (no retry loop) and {@link ReplayIdExpired} is reported so the caller reconciles.
 * </ul>
 *
 * A subscription stops for good only through {@link #close()} or a {@link PubSubException} given to
 * the failure callback.
 */
public final class PubSubSubscriber implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PubSubSubscriber.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String topic;
  private final int batchSize;
  private final EventHandler handler;
  private final AsyncEventHandler pipelined;
  private final int batchesInFlight;
  private final ReplayCheckpoint checkpoint;
  private final ReplayRecovery recovery;
  private final Consumer<ReplayIdExpired> replayExpired;
  private final Consumer<PubSubException> failed;
  private final Backoff backoff;
  private final Duration closeTimeout;
  private final long checkpointIntervalNanos;
  private final SessionCredentials credentials;
  private final ManagedChannel channel;
  private final PubSubGrpc.PubSubStub stub;
  private final EventDecoder decoder;
  private final ScheduledThreadPoolExecutor worker;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final RandomGenerator random = RandomGenerator.getDefault();

  // Confined to the worker thread.
  private ReplayStart start;
  private Stream current;
  private int attempt;
  private boolean credentialsRefreshed;
  // Requested and not yet received.
  private int outstandingDemand;
  // Pipelined batches of the current stream handed over and not yet checkpointed, in order.
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  // Reached (handled, in order) and not saved yet; only with a checkpoint interval.
  private ReplayId unsaved;
  private long lastSave;
  private boolean saveScheduled;

  private volatile Thread workerThread;
  private volatile ReplayId latestReplayId;
  private volatile PubSubException failure;
  private volatile boolean closed;

  private PubSubSubscriber(Builder builder) {
    this.topic = builder.topic;
    this.batchSize = builder.batchSize;
    this.handler = builder.handler;
    this.pipelined = builder.pipelined;
    this.batchesInFlight = builder.batchesInFlight;
    this.checkpoint = builder.checkpoint;
    this.recovery = builder.recovery;
    this.replayExpired = builder.replayExpired;
    this.failed = builder.failed;
    this.backoff = builder.backoff;
    this.closeTimeout = builder.closeTimeout;
    this.checkpointIntervalNanos = builder.checkpointInterval.toNanos();
    this.lastSave = System.nanoTime() - checkpointIntervalNanos;
    this.start = builder.start;
    this.credentials = new SessionCredentials(builder.credentials);
    this.channel = credentials.channelTo(builder.endpoint);
    this.stub = PubSubGrpc.newStub(channel);
    var schemaStub = PubSubGrpc.newBlockingStub(channel);
    this.decoder =
        new EventDecoder(
            new WriterSchemas(
                id ->
                    schemaStub
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
                        .getSchemaJson()));
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              var thread = new Thread(runnable, "pubsub-subscriber-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              workerThread = thread;
              return thread;
            });
    worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Opens the subscription; returns at once. */
  public PubSubSubscriber start() {
    submit(this::connect);
    return this;
  }

  /** The last checkpointed position (handled event or keepalive), if any yet. */
  public Optional<ReplayId> latestReplayId() {
    return Optional.ofNullable(latestReplayId);
  }

  /** The failure that stopped the subscription, if one did. */
  public Optional<PubSubException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Waits until the subscription stopped (closed or failed); false on timeout. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the subscription: waits for a handler that is running to finish (up to the close
   * timeout), hands it no more events, saves the newest position handled (pipelined: up to the
   * first batch whose stage has not completed) and closes the connection.
   */
  @Override
  public void close() {
    closed = true;
    submit(
        () -> {
          cancelCurrent();
          saveOnStop();
        });
    worker.shutdown();
    try {
      if (Thread.currentThread() != workerThread
          && !worker.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Pub/Sub handler for {} still running after {}", topic, closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      channel.shutdownNow();
      stopped.countDown();
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    var stream = new Stream();
    current = stream;
    outstandingDemand = batchSize;
    inFlight.clear();
    log.info("Subscribing to {} from {}", topic, start);
    stub.subscribe(stream);
    stream.requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName(topic)
            .setReplayPreset(start.preset())
            .setReplayId(start.replayIdBytes())
            .setNumRequested(batchSize)
            .build());
  }

  private void received(Stream stream, FetchResponse response) {
    if (stream != current || closed) {
      return;
    }
    credentialsRefreshed = false;
    try {
      if (response.getEventsCount() == 0) {
        // A keepalive: the server had demand and nothing to send, so nothing lies before it.
        // Not while pipelined batches are unfinished: the position would pass them.
        if (!response.getLatestReplayId().isEmpty()
            && response.getPendingNumRequested() > 0
            && inFlight.isEmpty()) {
          moveCheckpoint(ReplayId.of(response.getLatestReplayId().toByteArray()));
        }
        attempt = 0;
        return;
      }
      List<PubSubEvent> events = new ArrayList<>(response.getEventsCount());
      for (ConsumerEvent event : response.getEventsList()) {
        events.add(
            decoder.decode(
                topic,
                event.getEvent().getId(),
                event.getEvent().getSchemaId(),
                event.getEvent().getPayload().toByteArray(),
                ReplayId.of(event.getReplayId().toByteArray())));
      }
      outstandingDemand -= events.size();
      if (pipelined != null) {
        CompletableFuture<?> done = pipelined.handle(events).toCompletableFuture();
        inFlight.add(new InFlight(events.getLast().replayId(), done));
        done.whenComplete((result, failure) -> submit(() -> settle(stream)));
        if (inFlight.size() < batchesInFlight) {
          topUp(stream);
        }
        return;
      }
      handler.handle(events);
      moveCheckpoint(events.getLast().replayId());
      attempt = 0;
      topUp(stream);
    } catch (Exception e) {
      log.warn("Handling events of {} failed; redelivering from {}", topic, start, e);
      cancelCurrent();
      reconnectLater();
    }
  }

  /** Checkpoints the finished pipelined batches at the head, in order; a failed one redelivers. */
  private void settle(Stream stream) {
    if (stream != current || closed) {
      return;
    }
    try {
      while (!inFlight.isEmpty() && inFlight.peek().done().isDone()) {
        InFlight head = inFlight.poll();
        head.done().join();
        moveCheckpoint(head.last());
        attempt = 0;
      }
      if (inFlight.size() < batchesInFlight) {
        topUp(stream);
      }
    } catch (Exception e) {
      log.warn("Handling events of {} failed; redelivering from {}", topic, start, e);
      cancelCurrent();
      reconnectLater();
    }
  }

  /** Requests what brings the outstanding demand back to {@code batchSize}. */
  private void topUp(Stream stream) {
    int topUp = batchSize - Math.max(outstandingDemand, 0);
    if (topUp > 0) {
      stream.requests.onNext(
          FetchRequest.newBuilder().setTopicName(topic).setNumRequested(topUp).build());
      outstandingDemand += topUp;
    }
  }

  private void moveCheckpoint(ReplayId position) throws Exception {
    if (checkpointIntervalNanos == 0) {
      checkpoint.save(position);
      latestReplayId = position;
      start = ReplayStart.after(position);
      return;
    }
    // Handled in order, so a reconnect resumes after it whether or not it is saved yet.
    start = ReplayStart.after(position);
    unsaved = position;
    long sinceLastSave = System.nanoTime() - lastSave;
    if (sinceLastSave >= checkpointIntervalNanos) {
      saveUnsaved();
    } else if (!saveScheduled) {
      saveScheduled = true;
      try {
        worker.schedule(
            this::scheduledSave, checkpointIntervalNanos - sinceLastSave, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        // close() saves it.
      }
    }
  }

  private void saveUnsaved() throws Exception {
    if (unsaved == null) {
      return;
    }
    checkpoint.save(unsaved);
    latestReplayId = unsaved;
    unsaved = null;
    lastSave = System.nanoTime();
  }

  private void scheduledSave() {
    saveScheduled = false;
    if (closed) {
      return;
    }
    try {
      saveUnsaved();
    } catch (Exception e) {
      log.warn("Saving the replay id of {} failed; resubscribing from {}", topic, start, e);
      cancelCurrent();
      reconnectLater();
    }
  }

  /**
   * On close or stop: the pipelined batches whose stages completed while nothing settled them
   * (their callbacks come after the worker stopped taking tasks) move the position too, up to the
   * first unfinished or failed one; then the newest position is saved.
   */
  private void saveOnStop() {
    if (checkpointIntervalNanos == 0) {
      return;
    }
    while (!inFlight.isEmpty()
        && inFlight.peek().done().isDone()
        && !inFlight.peek().done().isCompletedExceptionally()) {
      unsaved = inFlight.poll().last();
    }
    try {
      saveUnsaved();
    } catch (Exception e) {
      log.warn("Could not save the last replay id of {} on stopping; it resumes earlier", topic, e);
    }
  }

  private void ended(Stream stream, Throwable error) {
    if (stream != current || closed) {
      return;
    }
    current = null;
    Status status = error == null ? Status.UNAVAILABLE : Status.fromThrowable(error);
    String errorCode = error == null ? null : ServerErrors.errorCode(error);
    switch (ServerErrors.classify(status.getCode(), errorCode)) {
      case RETRY -> {
        log.warn(
            "Pub/Sub stream for {} ended ({} {}); reconnecting",
            topic,
            status.getCode(),
            errorCode);
        reconnectLater();
      }
      case REFRESH_CREDENTIALS -> {
        if (credentialsRefreshed) {
          stop(failure(PubSubException.Reason.AUTHENTICATION, status, errorCode, error));
          return;
        }
        credentialsRefreshed = true;
        try {
          credentials.refresh();
        } catch (RuntimeException e) {
          stop(failure(PubSubException.Reason.AUTHENTICATION, status, errorCode, e));
          return;
        }
        connect();
      }
      case REPLAY_ID_REJECTED -> replayIdRejected(status, errorCode, error);
      case STOP -> stop(failure(PubSubException.Reason.REJECTED, status, errorCode, error));
    }
  }

  private void replayIdRejected(Status status, String errorCode, Throwable error) {
    ReplayId rejected = start.replayId();
    if (rejected == null) {
      // Refused without a stored position: falling back again could only repeat this.
      stop(failure(PubSubException.Reason.REPLAY_ID_EXPIRED, status, errorCode, error));
      return;
    }
    log.warn(
        "Replay id {} of {} was refused ({}); applying {}", rejected, topic, errorCode, recovery);
    replayExpired.accept(new ReplayIdExpired(topic, rejected, recovery, errorCode));
    // Never save a position the server refused.
    unsaved = null;
    switch (recovery) {
      case FALLBACK_TO_EARLIEST -> start = ReplayStart.earliest();
      case FALLBACK_TO_LATEST -> start = ReplayStart.latest();
      case FAIL -> {
        stop(failure(PubSubException.Reason.REPLAY_ID_EXPIRED, status, errorCode, error));
        return;
      }
    }
    connect();
  }

  private void reconnectLater() {
    Duration delay = backoff.delay(attempt++, random);
    try {
      worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // close() is under way.
    }
  }

  private void cancelCurrent() {
    if (current != null) {
      current.requests.cancel("subscriber stopped or redelivering", null);
      current = null;
    }
  }

  private void stop(PubSubException reason) {
    failure = reason;
    closed = true;
    cancelCurrent();
    saveOnStop();
    channel.shutdown();
    log.error("Pub/Sub subscription to {} stopped: {}", topic, reason.getMessage());
    try {
      failed.accept(reason);
    } finally {
      stopped.countDown();
    }
  }

  private PubSubException failure(
      PubSubException.Reason reason, Status status, String errorCode, Throwable cause) {
    return new PubSubException(
        reason,
        errorCode,
        status.getCode(),
        "subscription to %s: %s %s (%s)"
            .formatted(
                topic, status.getCode(), Objects.toString(status.getDescription(), ""), errorCode),
        cause);
  }

  private void submit(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException closing) {
      // Events or stream ends after close() are dropped on purpose; the checkpoint did not move.
    }
  }

  /** A pipelined batch: its last replay id and the stage that completes when it is handled. */
  private record InFlight(ReplayId last, CompletableFuture<?> done) {}

  /** One Subscribe call; callbacks hop onto the worker thread. */
  private final class Stream implements ClientResponseObserver<FetchRequest, FetchResponse> {

    private ClientCallStreamObserver<FetchRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public void onNext(FetchResponse response) {
      submit(() -> received(this, response));
    }

    @Override
    public void onError(Throwable error) {
      submit(() -> ended(this, error));
    }

    @Override
    public void onCompleted() {
      submit(() -> ended(this, null));
    }
  }

  /** Settings of a subscription; topic, credentials and handler are required. */
  public static final class Builder {

    private Endpoint endpoint = Endpoint.SALESFORCE;
    private CredentialsSource credentials;
    private String topic;
    private ReplayStart start = ReplayStart.latest();
    private int batchSize = 100;
    private EventHandler handler;
    private AsyncEventHandler pipelined;
    private int batchesInFlight = 1;
    private ReplayCheckpoint checkpoint = position -> {};
    private ReplayRecovery recovery = ReplayRecovery.FALLBACK_TO_EARLIEST;
    private Consumer<ReplayIdExpired> replayExpired = expired -> {};
    private Consumer<PubSubException> failed = failure -> {};
    private Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private Duration closeTimeout = Duration.ofSeconds(30);
    private Duration checkpointInterval = Duration.ZERO;

    private Builder() {}

    public Builder endpoint(Endpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint);
      return this;
    }

    public Builder credentials(CredentialsSource credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    /** For example {@code /data/AccountChangeEvent} or {@code /event/Caskr_Sync__e}. */
    public Builder topic(String topic) {
      if (topic == null || !topic.matches("/(data|event)/\\w+")) {
        throw new IllegalArgumentException("not a Pub/Sub topic name: " + topic);
      }
      this.topic = topic;
      return this;
    }

    /**
     * Where to start when the caller has no stored position; default {@link ReplayStart#latest()}.
     */
    public Builder startFrom(ReplayStart start) {
      this.start = Objects.requireNonNull(start);
      return this;
    }

    /** Events requested at a time, 1 to 100 (Salesforce's cap per stream); default 100. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 100) {
        throw new IllegalArgumentException("batchSize must be 1..100, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Instead of {@link #handler}: batches are handed to {@code handler} without waiting for the
     * previous ones to finish, while fewer than {@code batchesInFlight} are unfinished (a few more
     * may arrive on the demand already requested), so delivery and handling overlap a handler that
     * waits (for Kafka acknowledgements). The checkpoint moves in topic order as stages complete; a
     * failed stage drops its batch and every later one and resumes after the last checkpoint.
     * Closing does not wait for unfinished stages: their batches come again.
     */
    public Builder pipelined(AsyncEventHandler handler, int batchesInFlight) {
      if (batchesInFlight < 1) {
        throw new IllegalArgumentException(
            "batchesInFlight must be positive, got " + batchesInFlight);
      }
      this.pipelined = Objects.requireNonNull(handler);
      this.batchesInFlight = batchesInFlight;
      return this;
    }

    public Builder handler(EventHandler handler) {
      this.handler = Objects.requireNonNull(handler);
      return this;
    }

    public Builder checkpoint(ReplayCheckpoint checkpoint) {
      this.checkpoint = Objects.requireNonNull(checkpoint);
      return this;
    }

    /**
     * Calls the checkpoint at most once per {@code interval}, with the newest position handled
     * (and, pipelined, whose stage and every earlier one completed), and once more on close or
     * stop. Default zero: after every batch and keepalive. A longer interval saves writes; after a
     * crash up to an interval of events is delivered again.
     */
    public Builder checkpointInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("checkpointInterval must not be negative");
      }
      this.checkpointInterval = interval;
      return this;
    }

    /** Default {@link ReplayRecovery#FALLBACK_TO_EARLIEST}. */
    public Builder onReplayIdRejected(
        ReplayRecovery recovery, Consumer<ReplayIdExpired> replayExpired) {
      this.recovery = Objects.requireNonNull(recovery);
      this.replayExpired = Objects.requireNonNull(replayExpired);
      return this;
    }

    /** Called once when the subscription stops on a failure it cannot recover from. */
    public Builder onFailure(Consumer<PubSubException> failed) {
      this.failed = Objects.requireNonNull(failed);
      return this;
    }

    /** Reconnect delays; defaults 500 ms doubling up to 30 s. */
    public Builder backoff(Duration initial, Duration max) {
      this.backoff = new Backoff(initial, max);
      return this;
    }

    /** How long {@link #close()} waits for a running handler; default 30 s. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = Objects.requireNonNull(closeTimeout);
      return this;
    }

    public PubSubSubscriber build() {
      if (credentials == null || topic == null || (handler == null) == (pipelined == null)) {
        throw new IllegalStateException(
            "credentials, topic and exactly one of handler and pipelined are required");
      }
      return new PubSubSubscriber(this);
    }
  }
}
