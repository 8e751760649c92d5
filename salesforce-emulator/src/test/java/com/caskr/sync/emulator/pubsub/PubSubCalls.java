package com.caskr.sync.emulator.pubsub;

import static org.awaitility.Awaitility.await;

import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A plaintext gRPC client of the running emulator, as one org's session. */
final class PubSubCalls implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ManagedChannel channel;
  private final Metadata auth;

  PubSubCalls(int port, String token, String tenantId) {
    this.channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    this.auth = new Metadata();
    if (token != null) {
      auth.put(key("accesstoken"), token);
    }
    auth.put(key("instanceurl"), "http://localhost");
    auth.put(key("tenantid"), tenantId);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  PubSubGrpc.PubSubBlockingStub blocking() {
    return PubSubGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
        .withDeadlineAfter(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  PubSubGrpc.PubSubStub async() {
    return PubSubGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
  }

  /** Opens a Subscribe call with its first FetchRequest. */
  Subscriber subscribe(String topic, ReplayPreset preset, ByteString replayId, int numRequested) {
    var subscriber = new Subscriber();
    subscriber.requests = async().subscribe(subscriber);
    subscriber.requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName(topic)
            .setReplayPreset(preset)
            .setReplayId(replayId)
            .setNumRequested(numRequested)
            .build());
    return subscriber;
  }

  Subscriber subscribe(String topic, ReplayPreset preset, int numRequested) {
    return subscribe(topic, preset, ByteString.EMPTY, numRequested);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Collects what a Subscribe call receives. */
  static final class Subscriber implements StreamObserver<FetchResponse> {

    final List<FetchResponse> responses = new CopyOnWriteArrayList<>();
    volatile Throwable error;
    volatile boolean completed;
    StreamObserver<FetchRequest> requests;

    void request(int numRequested) {
      requests.onNext(FetchRequest.newBuilder().setNumRequested(numRequested).build());
    }

    List<ConsumerEvent> events() {
      return responses.stream().flatMap(r -> r.getEventsList().stream()).toList();
    }

    List<ConsumerEvent> awaitEvents(int count) {
      await().atMost(PATIENCE).until(() -> events().size() >= count || error != null);
      if (error != null) {
        throw new AssertionError("The Subscribe call failed", error);
      }
      return events();
    }

    StatusRuntimeException awaitFailure() {
      await().atMost(PATIENCE).until(() -> error != null);
      return (StatusRuntimeException) error;
    }

    Status.Code awaitFailureCode() {
      return awaitFailure().getStatus().getCode();
    }

    void cancel() {
      requests.onError(Status.CANCELLED.asRuntimeException());
    }

    @Override
    public void onNext(FetchResponse response) {
      responses.add(response);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
