package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.Error;
import com.caskr.sync.salesforce.pubsub.v1.ErrorCode;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.ManagedFetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.ManagedFetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.PublishRequest;
import com.caskr.sync.salesforce.pubsub.v1.PublishResponse;
import com.caskr.sync.salesforce.pubsub.v1.PublishResult;
import com.caskr.sync.salesforce.pubsub.v1.SchemaInfo;
import com.caskr.sync.salesforce.pubsub.v1.SchemaRequest;
import com.caskr.sync.salesforce.pubsub.v1.TopicInfo;
import com.caskr.sync.salesforce.pubsub.v1.TopicRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** The PubSub service; every call has passed {@link PubSubGate}, which names the org. */
final class PubSubEndpoint extends PubSubGrpc.PubSubImplBase {

  static final int MAX_EVENTS_PER_PUBLISH = 200;

  private final EventBus bus;
  private final Executor deliveries;
  private final ScheduledExecutorService timers;
  private final Duration keepalive;
  private final Duration idleTimeout;

  PubSubEndpoint(
      EventBus bus,
      Executor deliveries,
      ScheduledExecutorService timers,
      Duration keepalive,
      Duration idleTimeout) {
    this.bus = bus;
    this.deliveries = deliveries;
    this.timers = timers;
    this.keepalive = keepalive;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
    return new Subscription(
        (ServerCallStreamObserver<FetchResponse>) responses,
        events(),
        deliveries,
        timers,
        keepalive,
        idleTimeout);
  }

  @Override
  public void getTopic(TopicRequest request, StreamObserver<TopicInfo> response) {
    answer(
        response,
        () -> {
          OrgEvents events = events();
          Topic topic = Topics.existing(events, request.getTopicName());
          return TopicInfo.newBuilder()
              .setTopicName(topic.name())
              .setTenantGuid(events.org().id())
              .setCanPublish(topic.publishable())
              .setCanSubscribe(true)
              .setSchemaId(topic.schema() == null ? "" : topic.schema().id())
              .setRpcId(Refusals.rpcId())
              .build();
        });
  }

  @Override
  public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> response) {
    answer(
        response,
        () -> {
          EventSchema schema =
              events()
                  .schema(request.getSchemaId())
                  .orElseThrow(() -> Refusals.notFound("Schema not found."));
          return SchemaInfo.newBuilder()
              .setSchemaId(schema.id())
              .setSchemaJson(schema.json())
              .setRpcId(Refusals.rpcId())
              .build();
        });
  }

  @Override
  public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
    answer(response, () -> publish(events(), request));
  }

  @Override
  public StreamObserver<PublishRequest> publishStream(StreamObserver<PublishResponse> responses) {
    OrgEvents events = events();
    return new StreamObserver<>() {
      private boolean failed;

      @Override
      public synchronized void onNext(PublishRequest request) {
        if (failed) {
          return;
        }
        try {
          responses.onNext(publish(events, request));
        } catch (StatusRuntimeException refusal) {
          failed = true;
          responses.onError(refusal);
        }
      }

      @Override
      public void onError(Throwable cause) {
        // The client went away; nothing to answer.
      }

      @Override
      public synchronized void onCompleted() {
        if (!failed) {
          responses.onCompleted();
        }
      }
    };
  }

  @Override
  public StreamObserver<ManagedFetchRequest> managedSubscribe(
      StreamObserver<ManagedFetchResponse> responses) {
    responses.onError(
        Refusals.refuse(
            Status.UNIMPLEMENTED, null, "ManagedSubscribe is not emulated; use Subscribe."));
    return new StreamObserver<>() {
      @Override
      public void onNext(ManagedFetchRequest request) {}

      @Override
      public void onError(Throwable cause) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static PublishResponse publish(OrgEvents events, PublishRequest request) {
    Topic topic = Topics.existing(events, request.getTopicName());
    if (!topic.publishable()) {
      // A guess: the reference only says CDC topics cannot be published to (can_publish=false).
      throw Refusals.refuse(
          Status.PERMISSION_DENIED, null, "Publishing to " + topic.name() + " is not allowed.");
    }
    if (request.getEventsCount() == 0 || request.getEventsCount() > MAX_EVENTS_PER_PUBLISH) {
      throw Refusals.invalidArgument(
          "A PublishRequest carries 1 to " + MAX_EVENTS_PER_PUBLISH + " events.");
    }
    var response =
        PublishResponse.newBuilder().setSchemaId(topic.schema().id()).setRpcId(Refusals.rpcId());
    for (ProducerEvent event : request.getEventsList()) {
      var result = PublishResult.newBuilder().setCorrelationKey(event.getId());
      String problem = problem(topic, event);
      if (problem != null) {
        result.setError(Error.newBuilder().setCode(ErrorCode.PUBLISH).setMsg(problem));
      } else {
        ProducerEvent logged =
            event.getId().isEmpty()
                ? event.toBuilder().setId(UUID.randomUUID().toString()).build()
                : event;
        result.setReplayId(events.publish(topic, logged));
      }
      response.addResults(result);
    }
    return response.build();
  }

  /** Why an event cannot be published, or null when its payload decodes with the topic schema. */
  private static String problem(Topic topic, ProducerEvent event) {
    if (!topic.schema().id().equals(event.getSchemaId())) {
      return "The schema_id does not match the topic's schema " + topic.schema().id() + ".";
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(event.getPayload().toByteArray(), null);
      new GenericDatumReader<GenericRecord>(topic.schema().avro()).read(null, decoder);
      return decoder.isEnd() ? null : "The payload has bytes after the event.";
    } catch (IOException | RuntimeException e) {
      return "The payload is not an Avro binary event of the topic's schema.";
    }
  }

  private OrgEvents events() {
    return bus.of(PubSubGate.ORG.get());
  }

  private static <T> void answer(StreamObserver<T> response, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (StatusRuntimeException refusal) {
      response.onError(refusal);
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }
}
