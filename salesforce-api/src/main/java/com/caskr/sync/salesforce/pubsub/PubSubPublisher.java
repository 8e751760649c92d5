package com.caskr.sync.salesforce.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.PublishRequest;
import com.caskr.sync.salesforce.pubsub.v1.PublishResponse;
import com.caskr.sync.salesforce.pubsub.v1.PublishResult;
import com.caskr.sync.salesforce.pubsub.v1.SchemaRequest;
import com.caskr.sync.salesforce.pubsub.v1.TopicInfo;
import com.caskr.sync.salesforce.pubsub.v1.TopicRequest;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Publishes platform events: GetTopic gives the schema id, each event is Avro-encoded with that
 * schema, and Publish returns one {@link PublishOutcome} per event, in input order. Lists are split
 * into requests of at most 200 events and about 3 MB (Salesforce's recommended limits); an event
 * over 1 MB is refused before anything is sent. Credentials are refreshed once on an authentication
 * error; other failures are thrown, never retried, because a publish whose outcome is unknown may
 * have been stored.
 */
public final class PubSubPublisher implements AutoCloseable {

  static final int MAX_EVENTS_PER_REQUEST = 200;
  static final int MAX_BYTES_PER_REQUEST = 3 * 1024 * 1024;
  static final int MAX_BYTES_PER_EVENT = 1024 * 1024;

  private final SessionCredentials credentials;
  private final ManagedChannel channel;
  private final PubSubGrpc.PubSubBlockingStub stub;
  private final WriterSchemas schemas;

  private PubSubPublisher(Endpoint endpoint, CredentialsSource source) {
    this.credentials = new SessionCredentials(source);
    this.channel = credentials.channelTo(endpoint);
    this.stub = PubSubGrpc.newBlockingStub(channel);
    this.schemas =
        new WriterSchemas(
            id ->
                call(
                    () ->
                        stub()
                            .getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
                            .getSchemaJson()));
  }

  public static PubSubPublisher connect(Endpoint endpoint, CredentialsSource credentials) {
    return new PubSubPublisher(endpoint, credentials);
  }

  /**
   * Publishes {@code events} to a platform-event topic such as {@code /event/Caskr_Sync__e}. Each
   * event is a map of field name to value ({@code String}, numbers, {@code Boolean}, {@link
   * Instant} for DateTime fields, {@link LocalDate} for Date fields); {@code CreatedDate} defaults
   * to now. A field the topic's schema lacks, or a missing required field, throws {@link
   * IllegalArgumentException} before anything is sent.
   */
  public List<PublishOutcome> publish(String topic, List<Map<String, Object>> events) {
    TopicInfo info =
        call(() -> stub().getTopic(TopicRequest.newBuilder().setTopicName(topic).build()));
    if (!info.getCanPublish()) {
      throw new PubSubException(
          PubSubException.Reason.REJECTED,
          null,
          Status.Code.PERMISSION_DENIED,
          "topic " + topic + " does not accept publishing",
          null);
    }
    Schema schema = schemas.schema(info.getSchemaId());
    List<ProducerEvent> encoded = new ArrayList<>(events.size());
    for (Map<String, Object> values : events) {
      byte[] payload = encode(schema, values);
      if (payload.length > MAX_BYTES_PER_EVENT) {
        throw new IllegalArgumentException(
            "event of %d bytes exceeds the 1 MB limit".formatted(payload.length));
      }
      encoded.add(
          ProducerEvent.newBuilder()
              .setId(UUID.randomUUID().toString())
              .setSchemaId(info.getSchemaId())
              .setPayload(ByteString.copyFrom(payload))
              .build());
    }
    List<PublishOutcome> outcomes = new ArrayList<>(events.size());
    for (List<ProducerEvent> chunk : chunks(encoded)) {
      PublishResponse response =
          call(
              () ->
                  stub()
                      .publish(
                          PublishRequest.newBuilder()
                              .setTopicName(topic)
                              .addAllEvents(chunk)
                              .build()));
      outcomes.addAll(outcomes(chunk, response));
    }
    return List.copyOf(outcomes);
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  static List<List<ProducerEvent>> chunks(List<ProducerEvent> events) {
    List<List<ProducerEvent>> chunks = new ArrayList<>();
    List<ProducerEvent> chunk = new ArrayList<>();
    long bytes = 0;
    for (ProducerEvent event : events) {
      int size = event.getSerializedSize();
      if (!chunk.isEmpty()
          && (chunk.size() == MAX_EVENTS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(event);
      bytes += size;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static List<PublishOutcome> outcomes(List<ProducerEvent> sent, PublishResponse response) {
    Map<String, PublishResult> byKey = new HashMap<>();
    response.getResultsList().forEach(result -> byKey.put(result.getCorrelationKey(), result));
    List<PublishOutcome> outcomes = new ArrayList<>(sent.size());
    for (ProducerEvent event : sent) {
      PublishResult result = byKey.get(event.getId());
      if (result == null) {
        outcomes.add(
            new PublishOutcome.Rejected(event.getId(), "UNKNOWN", "no result for this event"));
      } else if (result.hasError() || result.getReplayId().isEmpty()) {
        outcomes.add(
            new PublishOutcome.Rejected(
                event.getId(), result.getError().getCode().name(), result.getError().getMsg()));
      } else {
        outcomes.add(
            new PublishOutcome.Published(
                event.getId(), ReplayId.of(result.getReplayId().toByteArray())));
      }
    }
    return outcomes;
  }

  private static byte[] encode(Schema schema, Map<String, Object> values) {
    GenericRecord record = new GenericData.Record(schema);
    Schema.Field created = schema.getField("CreatedDate");
    if (created != null && !values.containsKey("CreatedDate")) {
      record.put(created.pos(), Instant.now().toEpochMilli());
    }
    values.forEach(
        (name, value) -> {
          Schema.Field field = schema.getField(name);
          if (field == null) {
            throw new IllegalArgumentException(
                "%s has no field %s".formatted(schema.getFullName(), name));
          }
          record.put(field.pos(), avro(value));
        });
    if (!GenericData.get().validate(schema, record)) {
      throw new IllegalArgumentException(
          "event does not fit %s (missing required field or wrong type): %s"
              .formatted(schema.getFullName(), values.keySet()));
    }
    var out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Object avro(Object value) {
    return switch (value) {
      case Instant instant -> instant.toEpochMilli();
      case LocalDate date -> (int) date.toEpochDay();
      case null, default -> value;
    };
  }

  private PubSubGrpc.PubSubBlockingStub stub() {
    return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** One call, with one credentials refresh and retry on an authentication error. */
  private <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException first) {
      String errorCode = ServerErrors.errorCode(first);
      if (ServerErrors.classify(first.getStatus().getCode(), errorCode)
          == ServerErrors.Outcome.REFRESH_CREDENTIALS) {
        credentials.refresh();
        try {
          return rpc.get();
        } catch (StatusRuntimeException second) {
          throw translate(second);
        }
      }
      throw translate(first);
    }
  }

  private static PubSubException translate(StatusRuntimeException e) {
    String errorCode = ServerErrors.errorCode(e);
    Status status = e.getStatus();
    PubSubException.Reason reason =
        switch (ServerErrors.classify(status.getCode(), errorCode)) {
          case REFRESH_CREDENTIALS -> PubSubException.Reason.AUTHENTICATION;
          case RETRY -> PubSubException.Reason.UNAVAILABLE;
          case REPLAY_ID_REJECTED, STOP -> PubSubException.Reason.REJECTED;
        };
    return new PubSubException(
        reason,
        errorCode,
        status.getCode(),
        "%s %s (%s)".formatted(status.getCode(), status.getDescription(), errorCode),
        e);
  }
}
