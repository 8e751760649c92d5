package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.leadership.LeadershipListener;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.salesforce.OrgClient;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.salesforce.pubsub.PubSubException;
import com.caskr.sync.schema.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to every {@link StreamTopic} of each org this instance leads, and stops when the
 * leadership is lost. Starts and stops run one at a time on a thread of their own, so a closing
 * subscriber (which waits for its running batch) never blocks the leadership checks.
 *
 * <p>A subscription that stops on an unrecoverable error (credentials refused after a refresh,
 * topic refused) is logged as an error, counted, and started again after a pause that doubles up to
 * a cap: never a tight reconnect loop, never a silent stop.
 */
public final class PubSubStreams implements LeadershipListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PubSubStreams.class);

  private final OrgClients clients;
  private final OrgLeadership leadership;
  private final OrgStream.Shared shared;
  private final ScheduledExecutorService thread;

  // Confined to the thread.
  private final Map<Tenant, Map<StreamTopic, OrgStream>> running = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  PubSubStreams(OrgClients clients, OrgLeadership leadership, OrgStream.Shared shared) {
    this.clients = clients;
    this.leadership = leadership;
    this.shared = shared;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var t = new Thread(runnable, "pubsub-streams");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void onAcquired(Tenant tenant) {
    run(() -> start(tenant));
  }

  @Override
  public void onLost(Tenant tenant) {
    run(() -> stop(tenant));
  }

  /** The orgs with running subscriptions (for tests and health). */
  public Set<Tenant> streaming() {
    try {
      return thread.submit(() -> Set.copyOf(running.keySet())).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the running streams", e);
    }
  }

  private void start(Tenant tenant) {
    if (!leadership.leads(tenant)) {
      return;
    }
    for (StreamTopic topic : StreamTopic.values()) {
      startTopic(tenant, topic);
    }
  }

  private void startTopic(Tenant tenant, StreamTopic topic) {
    Map<StreamTopic, OrgStream> streams = running.computeIfAbsent(tenant, t -> new HashMap<>());
    if (streams.containsKey(topic) || !leadership.leads(tenant)) {
      return;
    }
    try {
      OrgClient client = clients.forOrg(tenant);
      streams.put(
          topic,
          new OrgStream(
                  client,
                  topic,
                  shared,
                  () -> leadership.leads(tenant),
                  (failedTopic, failure) -> run(() -> failed(tenant, failedTopic, failure)))
              .start());
    } catch (RuntimeException e) {
      // No token (auth-service down, org needs a reconnect) or a wrong org: retry later.
      failed(tenant, topic, e);
    }
  }

  private void failed(Tenant tenant, StreamTopic topic, RuntimeException failure) {
    Map<StreamTopic, OrgStream> streams = running.get(tenant);
    if (streams != null) {
      OrgStream stream = streams.remove(topic);
      if (stream != null) {
        stream.close();
      }
    }
    String key = tenant.companyId() + "/" + tenant.orgId().value() + topic.topicName();
    int attempt = failures.merge(key, 1, Integer::sum);
    Duration pause = pause(attempt);
    String reason =
        failure instanceof PubSubException pubSub
            ? pubSub.reason().name()
            : failure.getClass().getSimpleName();
    shared.metrics().subscriptionFailed(topic, reason);
    clients.forget(tenant);
    log.error(
        "Pub/Sub subscription to {} for org {} (company {}) stopped ({}: {}); starting it again"
            + " in {} (failure {} since the org was acquired)",
        topic.topicName(),
        tenant.orgId(),
        tenant.companyId(),
        reason,
        failure.getMessage(),
        pause,
        attempt);
    try {
      thread.schedule(() -> startTopic(tenant, topic), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // Shutting down.
    }
  }

  private Duration pause(int attempt) {
    Duration pause = shared.properties().restartAfterFailure();
    for (int i = 1; i < attempt && pause.compareTo(shared.properties().restartMax()) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(shared.properties().restartMax()) > 0
        ? shared.properties().restartMax()
        : pause;
  }

  private void stop(Tenant tenant) {
    Map<StreamTopic, OrgStream> streams = running.remove(tenant);
    if (streams != null) {
      streams.values().forEach(OrgStream::close);
      log.info("Stopped the Pub/Sub subscriptions of org {}", tenant.orgId());
    }
    failures.keySet().removeIf(key -> key.startsWith(tenant.companyId() + "/"));
    clients.forget(tenant);
  }

  private void run(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException closing) {
      // Shutting down.
    }
  }

  /** Closes every subscription (each waits for its running batch) and stops the thread. */
  @Override
  public void close() {
    try {
      thread
          .submit(
              () -> {
                for (Tenant tenant : new ArrayList<>(running.keySet())) {
                  stop(tenant);
                }
              })
          .get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.warn("Stopping the Pub/Sub subscriptions did not finish cleanly", e);
    } finally {
      thread.shutdownNow();
    }
  }
}
