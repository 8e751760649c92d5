package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.pubsub.PubSubServer;
import com.caskr.sync.salesforce.pubsub.EmulatorPubSub.MintedSessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(
    classes = SalesforceEmulatorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      EmulatorPubSub.PROPERTY_PORTS,
      EmulatorPubSub.PROPERTY_KEEPALIVE,
      EmulatorPubSub.PROPERTY_ADMIN
    })
@Import(EmulatorPubSub.class)
class PubSubSubscriberIntegrationTest {

  private static final String ACCOUNTS = "/data/AccountChangeEvent";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(\\w+)\"");

  @LocalServerPort int httpPort;
  @Autowired PubSubServer server;
  @Autowired Orgs orgs;
  @Autowired MintedSessions sessions;

  private Org org;
  private String token;

  @BeforeEach
  void freshOrg() {
    org = EmulatorPubSub.newOrg(orgs);
    token = sessions.mint(org);
  }

  @Test
  void decodesRestChangesWithChangedAndNulledFieldsAndTellsOurEchoes() {
    var recorder = new Recorder();
    try (var subscriber = subscribe(ReplayStart.earliest(), recorder).build().start()) {
      String id =
          create(
              """
              {"Name":"Kinsale Craft","Phone":"+353 21 477 0000","Industry":"Hospitality"}""",
              "Sforce-Call-Options",
              "client=caskr-sync");
      assertThat(
              EmulatorPubSub.call(
                      httpPort,
                      "PATCH",
                      EmulatorPubSub.API + "/sobjects/Account/" + id,
                      token,
                      """
                      {"Phone":null,"Industry":"Retail","BillingCity":"Cork"}""")
                  .statusCode())
          .isEqualTo(204);
      assertThat(
              EmulatorPubSub.call(
                      httpPort,
                      "DELETE",
                      EmulatorPubSub.API + "/sobjects/Account/" + id,
                      token,
                      null,
                      "Sforce-Call-Options",
                      "client=caskr-sync")
                  .statusCode())
          .isEqualTo(204);

      await().atMost(WAIT).until(() -> recorder.events().size() >= 3);
      List<ChangeEvent> changes = recorder.changes();
      assertThat(changes)
          .extracting(ChangeEvent::changeType)
          .containsExactly(ChangeType.CREATE, ChangeType.UPDATE, ChangeType.DELETE);
      assertThat(changes).allSatisfy(change -> assertThat(change.recordIds()).containsExactly(id));
      assertThat(changes).allSatisfy(change -> assertThat(change.entity()).isEqualTo("Account"));

      ChangeEvent created = changes.get(0);
      assertThat(created.values())
          .contains(
              entry("Name", "Kinsale Craft"),
              entry("Phone", "+353 21 477 0000"),
              entry("Industry", "Hospitality"))
          .doesNotContainKey("Id");
      assertThat(created.isEcho("caskr-sync")).isTrue();

      ChangeEvent updated = changes.get(1);
      assertThat(updated.changedFields()).contains("Phone", "Industry", "BillingAddress.City");
      assertThat(updated.nulledFields()).containsExactly("Phone");
      assertThat(updated.values())
          .contains(
              entry("Phone", null),
              entry("Industry", "Retail"),
              entry("BillingAddress.City", "Cork"))
          .doesNotContainKeys("Name", "BillingAddress.Street");
      assertThat(updated.isEcho("caskr-sync")).as("a change made without our tag").isFalse();

      ChangeEvent deleted = changes.get(2);
      assertThat(deleted.values()).isEmpty();
      assertThat(deleted.isEcho("caskr-sync")).isTrue();
    }
  }

  @Test
  void decodesEachFirehoseEventWithItsOwnSchemaIncludingCompoundNameParts() {
    var recorder = new Recorder();
    try (var subscriber =
        subscribe(ReplayStart.earliest(), recorder).topic("/data/ChangeEvents").build().start()) {
      String account = create("{\"Name\":\"Firehose\"}");
      var contact =
          EmulatorPubSub.call(
              httpPort,
              "POST",
              EmulatorPubSub.API + "/sobjects/Contact",
              token,
              "{\"FirstName\":\"Aoife\",\"LastName\":\"Murphy\"}");
      assertThat(contact.statusCode()).as(contact.body()).isEqualTo(201);
      var contactId = ID.matcher(contact.body());
      assertThat(contactId.find()).isTrue();
      assertThat(
              EmulatorPubSub.call(
                      httpPort,
                      "PATCH",
                      EmulatorPubSub.API + "/sobjects/Contact/" + contactId.group(1),
                      token,
                      "{\"FirstName\":\"Siobhan\"}")
                  .statusCode())
          .isEqualTo(204);

      await().atMost(WAIT).until(() -> recorder.events().size() >= 3);
      List<ChangeEvent> changes = recorder.changes();
      assertThat(changes)
          .extracting(ChangeEvent::entity)
          .containsExactly("Account", "Contact", "Contact");
      assertThat(changes.get(0).recordIds()).containsExactly(account);
      assertThat(changes.get(1).values())
          .contains(entry("Name.FirstName", "Aoife"), entry("Name.LastName", "Murphy"));
      ChangeEvent renamed = changes.get(2);
      assertThat(renamed.changedFields()).contains("Name.FirstName").doesNotContain("Name");
      assertThat(renamed.values())
          .containsEntry("Name.FirstName", "Siobhan")
          .doesNotContainKey("Name.LastName");
    }
  }

  @Test
  void resumesAfterTheLastHandledEventWhenTheStreamIsCut() throws Exception {
    try (var proxy = new TcpProxy(server.port())) {
      var firstBatch = new CopyOnWriteArrayList<ReplayId>();
      var recorder =
          new Recorder() {
            @Override
            public void handle(List<PubSubEvent> batch) throws Exception {
              super.handle(batch);
              if (firstBatch.isEmpty()) {
                batch.forEach(event -> firstBatch.add(event.replayId()));
                proxy.cutAll();
              }
            }
          };
      try (var subscriber =
          subscribe(ReplayStart.earliest(), recorder)
              .endpoint(Endpoint.plaintext("localhost", proxy.port()))
              .batchSize(5)
              .build()
              .start()) {
        synthetic(20);

        await().atMost(WAIT).until(() -> recorder.distinct() == 20);
        assertThat(proxy.connections()).as("reconnected").isGreaterThanOrEqualTo(2);
        List<ChangeEvent> changes = recorder.changes();
        assertThat(changes.stream().filter(c -> firstBatch.contains(c.replayId())).count())
            .as("the handled batch is not delivered again after the reconnect")
            .isEqualTo(firstBatch.size());
        List<Long> commits = changes.stream().map(ChangeEvent::commitNumber).distinct().toList();
        assertThat(commits).hasSize(20).isSorted();
        assertThat(subscriber.latestReplayId()).contains(changes.getLast().replayId());
      }
    }
  }

  @Test
  void redeliversABatchWhoseHandlerFailedAndOnlyThenMovesTheCheckpoint() {
    var failedOnce = new AtomicBoolean();
    var attempted = new CopyOnWriteArrayList<ReplayId>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    var recorder =
        new Recorder() {
          @Override
          public void handle(List<PubSubEvent> batch) throws Exception {
            if (failedOnce.compareAndSet(false, true)) {
              batch.forEach(event -> attempted.add(event.replayId()));
              throw new IllegalStateException("Kafka is down");
            }
            super.handle(batch);
          }
        };
    try (var subscriber =
        subscribe(ReplayStart.earliest(), recorder).checkpoint(checkpoints::add).build().start()) {
      create("{\"Name\":\"Redelivered\"}");

      await().atMost(WAIT).until(() -> recorder.events().size() == 1);
      assertThat(attempted).containsExactly(recorder.events().getFirst().replayId());
      assertThat(checkpoints.getFirst()).isEqualTo(recorder.events().getFirst().replayId());
      assertThat(subscriber.failure()).isEmpty();
    }
  }

  @Test
  void deliversGapAndOverflowEventsAsHeaderOnlyChanges() {
    String id = create("{\"Name\":\"Gap\"}");
    var recorder = new Recorder();
    try (var subscriber = subscribe(ReplayStart.earliest(), recorder).build().start()) {
      admin("/faults/gap", "{\"changeType\":\"GAP_UPDATE\",\"recordIds\":[\"" + id + "\"]}");
      admin("/faults/overflow", "{\"entity\":\"Account\"}");

      await().atMost(WAIT).until(() -> recorder.events().size() == 3);
      ChangeEvent gap = recorder.changes().get(1);
      ChangeEvent overflow = recorder.changes().get(2);
      assertThat(gap.changeType()).isEqualTo(ChangeType.GAP_UPDATE);
      assertThat(gap.changeType().isGap()).isTrue();
      assertThat(gap.recordIds()).containsExactly(id);
      assertThat(gap.values()).isEmpty();
      assertThat(overflow.changeType()).isEqualTo(ChangeType.GAP_OVERFLOW);
      assertThat(overflow.recordIds()).isEmpty();
      assertThat(overflow.values()).isEmpty();
    }
  }

  @Test
  void fallsBackAndReportsWhenTheStoredReplayIdExpired() throws Exception {
    String first = create("{\"Name\":\"Before expiry\"}");
    ReplayId stored = replayIdOfFirstEvent();
    admin("/faults/expire-replay-ids", "{}");
    var expired = new CopyOnWriteArrayList<ReplayIdExpired>();
    var recorder = new Recorder();

    try (var subscriber =
        subscribe(ReplayStart.after(stored), recorder)
            .onReplayIdRejected(ReplayRecovery.FALLBACK_TO_EARLIEST, expired::add)
            .build()
            .start()) {
      await().atMost(WAIT).until(() -> !expired.isEmpty());
      String second = create("{\"Name\":\"After expiry\"}");

      await().atMost(WAIT).until(() -> !recorder.events().isEmpty());
      assertThat(recorder.changes().getFirst().recordIds()).containsExactly(second);
      assertThat(recorder.changes())
          .noneSatisfy(change -> assertThat(change.recordIds()).contains(first));
      assertThat(expired)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.rejected()).isEqualTo(stored);
                assertThat(e.topic()).isEqualTo(ACCOUNTS);
                assertThat(e.recovery()).isEqualTo(ReplayRecovery.FALLBACK_TO_EARLIEST);
                assertThat(e.errorCode()).endsWith(".replayid.corrupted");
              });
      assertThat(subscriber.failure()).isEmpty();
    }
  }

  @Test
  void stopsWithoutRetryingWhenThePolicyIsFail() throws Exception {
    var expired = new CopyOnWriteArrayList<ReplayIdExpired>();
    var failures = new CopyOnWriteArrayList<PubSubException>();
    var recorder = new Recorder();

    try (var subscriber =
        subscribe(ReplayStart.after(ReplayId.of(new byte[] {1, 2, 3, 4})), recorder)
            .onReplayIdRejected(ReplayRecovery.FAIL, expired::add)
            .onFailure(failures::add)
            .build()
            .start()) {

      assertThat(subscriber.awaitStopped(WAIT)).isTrue();
      assertThat(subscriber.failure())
          .get()
          .extracting(PubSubException::reason)
          .isEqualTo(PubSubException.Reason.REPLAY_ID_EXPIRED);
      assertThat(expired).hasSize(1);
      assertThat(failures).hasSize(1);
      assertThat(recorder.events()).isEmpty();
    }
  }

  @Test
  void neverHasMoreThanTheBatchSizeInFlight() {
    var recorder = new Recorder();
    try (var subscriber =
        subscribe(ReplayStart.earliest(), recorder).batchSize(5).build().start()) {
      synthetic(23);

      await().atMost(WAIT).until(() -> recorder.distinct() == 23);
      assertThat(recorder.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 5));
      assertThat(recorder.events()).hasSize(23);
    }
  }

  @Test
  void pipelinedHandsOverLaterBatchesBeforeEarlierOnesFinishAndCheckpointsInOrder() {
    var batches = new CopyOnWriteArrayList<List<PubSubEvent>>();
    var stages = new CopyOnWriteArrayList<CompletableFuture<Void>>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    var finishAtOnce = new AtomicBoolean();
    AsyncEventHandler handler =
        batch -> {
          batches.add(batch);
          var stage = new CompletableFuture<Void>();
          stages.add(stage);
          if (finishAtOnce.get()) {
            stage.complete(null);
          }
          return stage;
        };
    synthetic(20);
    try (var subscriber =
        base(ReplayStart.earliest())
            .batchSize(5)
            .pipelined(handler, 3)
            .checkpoint(checkpoints::add)
            .build()
            .start()) {
      // Three batches handed over while none has finished: a blocking handler could not.
      await().atMost(WAIT).until(() -> batches.size() >= 3);
      assertThat(checkpoints).isEmpty();

      stages.get(1).complete(null);
      stages.get(0).complete(null);
      await().atMost(WAIT).until(() -> checkpoints.size() >= 2);
      assertThat(checkpoints.subList(0, 2))
          .as("the second batch is checkpointed only after the first, in order")
          .containsExactly(
              batches.get(0).getLast().replayId(), batches.get(1).getLast().replayId());

      finishAtOnce.set(true);
      stages.forEach(stage -> stage.complete(null));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                stages.forEach(stage -> stage.complete(null));
                return batches.stream().mapToInt(List::size).sum() == 20
                    && !checkpoints.isEmpty()
                    && checkpoints.getLast().equals(batches.getLast().getLast().replayId());
              });
      List<Long> commits =
          batches.stream()
              .flatMap(List::stream)
              .map(event -> ((ChangeEvent) event).commitNumber())
              .toList();
      assertThat(commits).hasSize(20).doesNotHaveDuplicates().isSorted();
      assertThat(subscriber.failure()).isEmpty();
    }
  }

  @Test
  void aFailedPipelinedBatchIsDeliveredAgainWithEveryLaterOneButNotTheEarlierOnes() {
    var batches = new CopyOnWriteArrayList<List<PubSubEvent>>();
    var stages = new CopyOnWriteArrayList<CompletableFuture<Void>>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    var finishAtOnce = new AtomicBoolean();
    AsyncEventHandler handler =
        batch -> {
          batches.add(batch);
          var stage = new CompletableFuture<Void>();
          stages.add(stage);
          if (finishAtOnce.get()) {
            stage.complete(null);
          }
          return stage;
        };
    synthetic(20);
    try (var subscriber =
        base(ReplayStart.earliest())
            .batchSize(5)
            .pipelined(handler, 3)
            .checkpoint(checkpoints::add)
            .build()
            .start()) {
      await().atMost(WAIT).until(() -> batches.size() >= 3);
      List<ReplayId> first = batches.get(0).stream().map(PubSubEvent::replayId).toList();
      List<ReplayId> second = batches.get(1).stream().map(PubSubEvent::replayId).toList();
      List<ReplayId> third = batches.get(2).stream().map(PubSubEvent::replayId).toList();

      finishAtOnce.set(true);
      stages.get(2).complete(null);
      stages.get(1).completeExceptionally(new IllegalStateException("Kafka is down"));
      stages.get(0).complete(null);

      await()
          .atMost(WAIT)
          .until(
              () -> {
                stages.forEach(stage -> stage.complete(null));
                return batches.stream()
                            .flatMap(List::stream)
                            .map(PubSubEvent::replayId)
                            .distinct()
                            .count()
                        == 20
                    && !checkpoints.isEmpty()
                    && checkpoints.getLast().equals(batches.getLast().getLast().replayId());
              });
      List<ReplayId> handed =
          batches.stream().flatMap(List::stream).map(PubSubEvent::replayId).toList();
      assertThat(checkpoints.getFirst()).isEqualTo(first.getLast());
      assertThat(handed.stream().filter(first::contains)).as("before the failure").hasSize(5);
      assertThat(handed.stream().filter(second::contains)).as("the failed batch").hasSize(10);
      assertThat(handed.stream().filter(third::contains)).as("after the failure").hasSize(10);
      assertThat(handed.stream().distinct()).hasSize(20);
      assertThat(subscriber.failure()).isEmpty();
    }
  }

  @Test
  void withAnIntervalTheCheckpointOnCloseNeverPassesAnUnfinishedBatch() {
    var batches = new CopyOnWriteArrayList<List<PubSubEvent>>();
    var stages = new CopyOnWriteArrayList<CompletableFuture<Void>>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    AsyncEventHandler handler =
        batch -> {
          batches.add(batch);
          var stage = new CompletableFuture<Void>();
          stages.add(stage);
          return stage;
        };
    synthetic(20);
    var subscriber =
        base(ReplayStart.earliest())
            .batchSize(5)
            .pipelined(handler, 3)
            .checkpoint(checkpoints::add)
            .checkpointInterval(Duration.ofHours(1))
            .build()
            .start();
    try {
      await().atMost(WAIT).until(() -> batches.size() >= 3);
      stages.get(0).complete(null);
      await().atMost(WAIT).until(() -> !checkpoints.isEmpty());
      // The second batch is not acknowledged; the third is.
      stages.get(2).complete(null);
    } finally {
      subscriber.close();
    }

    assertThat(checkpoints)
        .as("saved at once the first time, then on close only up to the unfinished batch")
        .containsExactly(batches.get(0).getLast().replayId());
    assertThat(subscriber.latestReplayId()).contains(batches.get(0).getLast().replayId());
  }

  @Test
  void withAnIntervalTheNewestHandledPositionIsSavedOnClose() {
    var batches = new CopyOnWriteArrayList<List<PubSubEvent>>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    AsyncEventHandler handler =
        batch -> {
          batches.add(batch);
          return CompletableFuture.completedFuture(null);
        };
    synthetic(20);
    var subscriber =
        base(ReplayStart.earliest())
            .batchSize(5)
            .pipelined(handler, 3)
            .checkpoint(checkpoints::add)
            .checkpointInterval(Duration.ofHours(1))
            .build()
            .start();
    try {
      await().atMost(WAIT).until(() -> batches.stream().mapToInt(List::size).sum() == 20);
    } finally {
      subscriber.close();
    }

    assertThat(batches).hasSizeGreaterThan(2);
    assertThat(checkpoints)
        .as("the first position at once, the newest on close, nothing in between")
        .containsExactly(
            batches.getFirst().getLast().replayId(), batches.getLast().getLast().replayId());
  }

  @Test
  void withAnIntervalTheNewestPositionIsSavedOnceTheIntervalPassed() {
    var handed = new CopyOnWriteArrayList<PubSubEvent>();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    Recorder recorder = new Recorder();
    synthetic(20);
    try (var subscriber =
        subscribe(ReplayStart.earliest(), recorder)
            .batchSize(5)
            .checkpoint(checkpoints::add)
            .checkpointInterval(Duration.ofMillis(300))
            .build()
            .start()) {
      await().atMost(WAIT).until(() -> recorder.events().size() == 20);
      handed.addAll(recorder.events());

      await()
          .atMost(WAIT)
          .until(
              () ->
                  !checkpoints.isEmpty()
                      && checkpoints.getLast().equals(handed.getLast().replayId()));
      List<Integer> positions =
          checkpoints.stream()
              .map(
                  position -> handed.stream().map(PubSubEvent::replayId).toList().indexOf(position))
              .toList();
      assertThat(positions).doesNotContain(-1).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void checkpointsTheLatestReplayIdOfKeepalives() {
    create("{\"Name\":\"Already there\"}");
    ReplayId latestInTopic = replayIdOfFirstEvent();
    var checkpoints = new CopyOnWriteArrayList<ReplayId>();
    var recorder = new Recorder();

    try (var subscriber =
        subscribe(ReplayStart.latest(), recorder).checkpoint(checkpoints::add).build().start()) {
      await().atMost(WAIT).until(() -> !checkpoints.isEmpty());

      assertThat(checkpoints.getFirst()).isEqualTo(latestInTopic);
      assertThat(subscriber.latestReplayId()).contains(latestInTopic);
      assertThat(recorder.events()).as("a keepalive carries no events").isEmpty();
    }
  }

  @Test
  void refreshesRejectedCredentialsOnceAndCarriesOn() {
    var refreshes = new AtomicInteger();
    var good = EmulatorPubSub.credentials(token, org, httpPort);
    var source =
        new CredentialsSource() {
          @Override
          public PubSubCredentials current() {
            return EmulatorPubSub.credentials("00D!expired", org, httpPort);
          }

          @Override
          public PubSubCredentials refresh() {
            refreshes.incrementAndGet();
            return good;
          }
        };
    var recorder = new Recorder();

    try (var subscriber =
        subscribe(ReplayStart.earliest(), recorder).credentials(source).build().start()) {
      create("{\"Name\":\"After refresh\"}");

      await().atMost(WAIT).until(() -> recorder.events().size() == 1);
      assertThat(refreshes).hasValue(1);
      assertThat(subscriber.failure()).isEmpty();
    }
  }

  @Test
  void reportsATypedFailureWhenRefreshedCredentialsAreRejectedToo() throws Exception {
    var refreshes = new AtomicInteger();
    var bad = EmulatorPubSub.credentials("00D!revoked", org, httpPort);
    var source =
        new CredentialsSource() {
          @Override
          public PubSubCredentials current() {
            return bad;
          }

          @Override
          public PubSubCredentials refresh() {
            refreshes.incrementAndGet();
            return bad;
          }
        };

    try (var subscriber =
        subscribe(ReplayStart.earliest(), new Recorder()).credentials(source).build().start()) {

      assertThat(subscriber.awaitStopped(WAIT)).isTrue();
      PubSubException failure = subscriber.failure().orElseThrow();
      assertThat(failure.reason()).isEqualTo(PubSubException.Reason.AUTHENTICATION);
      assertThat(failure.errorCode()).isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
      assertThat(failure.getMessage()).doesNotContain("00D!revoked");
      assertThat(refreshes).hasValue(1);
    }
  }

  @Test
  void closeWaitsForTheRunningHandler() throws Exception {
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var finished = new AtomicBoolean();
    EventHandler slow =
        batch -> {
          started.countDown();
          release.await(30, TimeUnit.SECONDS);
          finished.set(true);
        };
    var subscriber = subscribe(ReplayStart.earliest(), slow).build().start();
    create("{\"Name\":\"Slow\"}");
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

    var closing =
        CompletableFuture.supplyAsync(
            () -> {
              subscriber.close();
              return finished.get();
            });
    release.countDown();

    assertThat(closing.get(60, TimeUnit.SECONDS)).as("handler done when close() returned").isTrue();
  }

  private PubSubSubscriber.Builder subscribe(ReplayStart start, EventHandler handler) {
    return base(start).handler(handler);
  }

  private PubSubSubscriber.Builder base(ReplayStart start) {
    return PubSubSubscriber.builder()
        .endpoint(Endpoint.plaintext("localhost", server.port()))
        .credentials(CredentialsSource.fixed(EmulatorPubSub.credentials(token, org, httpPort)))
        .topic(ACCOUNTS)
        .startFrom(start)
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500));
  }

  /** The replay id of the topic's first event, read by a throwaway EARLIEST subscription. */
  private ReplayId replayIdOfFirstEvent() {
    var recorder = new Recorder();
    try (var reader = subscribe(ReplayStart.earliest(), recorder).build().start()) {
      await().atMost(WAIT).until(() -> !recorder.events().isEmpty());
      return recorder.events().getFirst().replayId();
    }
  }

  private String create(String json, String... headers) {
    var response =
        EmulatorPubSub.call(
            httpPort, "POST", EmulatorPubSub.API + "/sobjects/Account", token, json, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    var matcher = ID.matcher(response.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private void synthetic(int count) {
    admin("/synthetic-changes", "{\"entity\":\"Account\",\"count\":" + count + "}");
  }

  /** A call to the emulator's Pub/Sub admin API of this test's org. */
  private void admin(String path, String json) {
    var response =
        EmulatorPubSub.call(
            httpPort,
            "POST",
            "/emulator/orgs/" + org.id() + "/pubsub" + path,
            "test-admin-token",
            json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
