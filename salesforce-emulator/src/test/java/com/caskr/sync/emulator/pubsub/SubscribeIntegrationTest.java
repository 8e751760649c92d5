package com.caskr.sync.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.ErrorCode;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.caskr.sync.salesforce.pubsub.v1.PublishRequest;
import com.caskr.sync.salesforce.pubsub.v1.PublishResponse;
import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(properties = {"emulator.pubsub.keepalive=300ms", "emulator.pubsub.idle-timeout=3s"})
@Import(PubSubTestBeans.class)
class SubscribeIntegrationTest {

  @Autowired PubSubServer server;
  @Autowired Orgs orgs;
  @Autowired TestClock clock;
  @Autowired PubSubTestBeans.MintedSessions sessions;

  Org org;
  PubSubCalls calls;
  PlatformEvents platform;

  @BeforeEach
  void connect() {
    org = PubSubTestBeans.demoOrg(orgs);
    calls = new PubSubCalls(server.port(), sessions.mint(org), org.id());
    platform = new PlatformEvents(calls.blocking());
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    calls.close();
  }

  @Test
  void latestDeliversOnlyEventsPublishedAfterTheSubscriptionStarted() {
    platform.publish("old", 2);
    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.LATEST, 10);
    // The first keepalive proves the server has placed the call at the tip.
    await().atMost(PubSubCalls.PATIENCE).until(() -> !subscriber.responses.isEmpty());

    platform.publish("new", 1);

    await()
        .atMost(PubSubCalls.PATIENCE)
        .until(() -> subscriber.events().size() == 1 || subscriber.error != null);
    assertThat(keys(subscriber.events())).containsExactly("new-0");
  }

  @Test
  void earliestDeliversEveryRetainedEventInOrder() {
    platform.publish("e", 3);

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 10);

    assertThat(keys(subscriber.awaitEvents(3))).containsExactly("e-0", "e-1", "e-2");
  }

  @Test
  void customDeliversStrictlyAfterTheReplayId() {
    List<ByteString> ids = platform.publish("c", 5);

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.CUSTOM, ids.get(1), 10);

    assertThat(keys(subscriber.awaitEvents(3))).containsExactly("c-2", "c-3", "c-4");
    assertThat(subscriber.events().getLast().getReplayId()).isEqualTo(ids.get(4));
    assertThat(subscriber.responses.getLast().getLatestReplayId()).isEqualTo(ids.get(4));
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids.get(0).size()).isGreaterThan(8);
  }

  @Test
  void garbageOrForeignReplayIdsFailAsCorrupted() {
    Org other = PubSubTestBeans.demoOrg(orgs);
    ByteString foreign;
    try (var otherCalls = new PubSubCalls(server.port(), sessions.mint(other), other.id())) {
      foreign = new PlatformEvents(otherCalls.blocking()).publish("x", 1).getFirst();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    platform.publish("mine", 1);

    for (ByteString bad :
        List.of(ByteString.copyFromUtf8("garbage"), foreign, ByteString.copyFrom(new byte[12]))) {
      var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.CUSTOM, bad, 10);
      assertCorrupted(subscriber.awaitFailure());
    }
  }

  @Test
  void replayIdsExpireAfterTheRetentionOnTheOrgsClock() {
    ByteString old = platform.publish("old", 1).getFirst();
    clock.advance(Duration.ofHours(71));
    platform.publish("recent", 1);
    clock.advance(Duration.ofHours(2));

    assertCorrupted(
        calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.CUSTOM, old, 10).awaitFailure());
    var earliest = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 10);
    assertThat(keys(earliest.awaitEvents(1))).containsExactly("recent-0");
  }

  @Test
  void neverDeliversMoreThanRequestedAndCapsDemandAt100() {
    platform.publish("f", 150);

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 500);

    subscriber.awaitEvents(100);
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.events().size() == 100);
    assertThat(subscriber.responses.getLast().getPendingNumRequested()).isZero();
    assertThat(subscriber.responses).allMatch(r -> r.getEventsCount() <= 100);

    subscriber.request(30);
    subscriber.awaitEvents(130);
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.events().size() == 130);
    assertThat(keys(subscriber.events()).get(129)).isEqualTo("f-129");
  }

  @Test
  void reportsThePendingDemandWithEachResponse() {
    platform.publish("p", 3);

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 5);

    subscriber.awaitEvents(3);
    FetchResponse withEvents =
        subscriber.responses.stream().filter(r -> r.getEventsCount() > 0).toList().getLast();
    assertThat(withEvents.getPendingNumRequested()).isEqualTo(2);
    assertThat(withEvents.getRpcId()).isNotEmpty();
    platform.publish("q", 1);
    subscriber.awaitEvents(4);
    assertThat(subscriber.responses.getLast().getPendingNumRequested()).isEqualTo(1);
  }

  @Test
  void keepalivesCarryTheLatestReplayId() {
    ByteString latest = platform.publish("k", 1).getFirst();

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.LATEST, 5);

    await()
        .atMost(PubSubCalls.PATIENCE)
        .until(() -> subscriber.responses.size() >= 2 || subscriber.error != null);
    assertThat(subscriber.responses)
        .allSatisfy(
            r -> {
              assertThat(r.getEventsCount()).isZero();
              assertThat(r.getLatestReplayId()).isEqualTo(latest);
              assertThat(r.getPendingNumRequested()).isEqualTo(5);
            });
  }

  @Test
  void closesACallWithoutDemandThatSendsNoFetchRequest() {
    platform.publish("i", 1);
    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 1);
    subscriber.awaitEvents(1);

    await()
        .atMost(PubSubCalls.PATIENCE)
        .until(() -> subscriber.completed || subscriber.error != null);
    assertThat(subscriber.error).isNull();
  }

  @Test
  void aCallWithDemandStaysOpenPastTheIdleTimeout() {
    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.LATEST, 1);

    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !subscriber.completed && subscriber.error == null);
    platform.publish("late", 1);
    assertThat(keys(subscriber.awaitEvents(1))).containsExactly("late-0");
  }

  @Test
  void changingTheTopicOnACallIsInvalid() {
    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.LATEST, 1);

    subscriber.requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName("/data/AccountChangeEvent")
            .setNumRequested(1)
            .build());

    assertThat(subscriber.awaitFailureCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void deliversALargeBacklogCompletelyAndInOrder() {
    platform.publish("b", 2_000);
    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 100);

    for (int received = 100; received < 2_000; received += 100) {
      subscriber.awaitEvents(received);
      subscriber.request(100);
    }

    List<String> keys = keys(subscriber.awaitEvents(2_000));
    assertThat(keys).hasSize(2_000);
    assertThat(keys.get(0)).isEqualTo("b-0");
    assertThat(keys.get(1_999)).isEqualTo("b-1999");
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void publishesWithCorrelationKeysAndRefusesBadEventsOneByOne() {
    ProducerEvent good = platform.event("good-1", "001000000000001AAA");
    ProducerEvent wrongSchema = good.toBuilder().setId("wrong-schema").setSchemaId("zzz").build();
    ProducerEvent garbage =
        good.toBuilder()
            .setId("garbage")
            .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2}))
            .build();

    PublishResponse response = platform.publish(List.of(good, wrongSchema, garbage));

    assertThat(response.getSchemaId()).isEqualTo(platform.schemaId);
    assertThat(response.getRpcId()).isNotEmpty();
    assertThat(response.getResultsList())
        .extracting(r -> r.getCorrelationKey())
        .containsExactly("good-1", "wrong-schema", "garbage");
    assertThat(response.getResults(0).hasError()).isFalse();
    assertThat(response.getResults(0).getReplayId().isEmpty()).isFalse();
    assertThat(response.getResults(1).getError().getCode()).isEqualTo(ErrorCode.PUBLISH);
    assertThat(response.getResults(2).getError().getCode()).isEqualTo(ErrorCode.PUBLISH);

    var subscriber = calls.subscribe(PlatformEvents.TOPIC, ReplayPreset.EARLIEST, 10);
    ConsumerEvent delivered = subscriber.awaitEvents(1).getFirst();
    assertThat(delivered.getEvent().getId()).isEqualTo("good-1");
    assertThat(delivered.getReplayId()).isEqualTo(response.getResults(0).getReplayId());
    var decoded = Avro.decode(platform.schema, delivered.getEvent().getPayload());
    assertThat(decoded.get("Record_Id__c").toString()).isEqualTo("001000000000001AAA");
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.events().size() == 1);
  }

  @Test
  void refusesOversizedPublishesAndPublishingToChangeEvents() {
    var tooMany = new ArrayList<ProducerEvent>();
    for (int i = 0; i < 201; i++) {
      tooMany.add(platform.event("t-" + i, "001000000000001AAA"));
    }
    assertRefused(() -> platform.publish(tooMany), Status.Code.INVALID_ARGUMENT);
    assertRefused(
        () ->
            calls
                .blocking()
                .publish(
                    PublishRequest.newBuilder()
                        .setTopicName("/data/AccountChangeEvent")
                        .addEvents(platform.event("cdc", "001000000000001AAA"))
                        .build()),
        Status.Code.PERMISSION_DENIED);
  }

  @Test
  void publishStreamAnswersEachRequest() {
    var responses = new CopyOnWriteArrayList<PublishResponse>();
    var done = new boolean[1];
    StreamObserver<PublishRequest> requests =
        calls
            .async()
            .publishStream(
                new StreamObserver<>() {
                  @Override
                  public void onNext(PublishResponse value) {
                    responses.add(value);
                  }

                  @Override
                  public void onError(Throwable t) {}

                  @Override
                  public void onCompleted() {
                    synchronized (done) {
                      done[0] = true;
                    }
                  }
                });
    for (int i = 0; i < 3; i++) {
      requests.onNext(
          PublishRequest.newBuilder()
              .setTopicName(PlatformEvents.TOPIC)
              .addEvents(platform.event("s-" + i, "001000000000001AAA"))
              .build());
    }
    requests.onCompleted();

    await()
        .atMost(PubSubCalls.PATIENCE)
        .until(
            () -> {
              synchronized (done) {
                return done[0];
              }
            });
    assertThat(responses)
        .extracting(r -> r.getResults(0).getCorrelationKey())
        .containsExactly("s-0", "s-1", "s-2");
  }

  private static void assertRefused(Runnable call, Status.Code code) {
    try {
      call.run();
      throw new AssertionError("Expected " + code);
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
    }
  }

  private static void assertCorrupted(StatusRuntimeException failure) {
    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.getTrailers().get(Refusals.ERROR_CODE))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
    assertThat(failure.getTrailers().get(Refusals.RPC_ID)).isNotBlank();
  }

  private static List<String> keys(List<ConsumerEvent> events) {
    return events.stream().map(e -> e.getEvent().getId()).toList();
  }
}
