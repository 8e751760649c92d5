package com.caskr.sync.benchmarks;

import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.FetchRequest;
import com.caskr.sync.salesforce.pubsub.v1.FetchResponse;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.caskr.sync.salesforce.pubsub.v1.SchemaRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * A Pub/Sub API subscriber as a CDC consumer runs it: one Subscribe stream from EARLIEST with
 * Salesforce's flow control (at most 100 events requested at a time, topped up as they arrive), and
 * every event's Avro payload decoded against its schema (fetched once per schema id).
 */
final class CdcSubscriber implements AutoCloseable {

  private static final int DEMAND = 100;

  private final ManagedChannel channel;
  private final PubSubGrpc.PubSubStub async;
  private final PubSubGrpc.PubSubBlockingStub blocking;

  CdcSubscriber(int port, String accessToken, String instanceUrl, String orgId) {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    var metadata = new Metadata();
    metadata.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER), accessToken);
    metadata.put(Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER), instanceUrl);
    metadata.put(Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER), orgId);
    var credentials = MetadataUtils.newAttachHeadersInterceptor(metadata);
    async = PubSubGrpc.newStub(channel).withInterceptors(credentials);
    blocking = PubSubGrpc.newBlockingStub(channel).withInterceptors(credentials);
  }

  /**
   * Receives and decodes {@code expected} events of {@code topic} from the earliest retained one.
   * Returns the number of events whose decoded {@code ChangeEventHeader} names {@code entity}.
   */
  long receive(String topic, String entity, long expected, long timeoutSeconds)
      throws InterruptedException {
    var finished = new CountDownLatch(1);
    var failure = new AtomicReference<Throwable>();
    var decoder = new EventDecoder(blocking);
    long[] counts = new long[2];
    StreamObserver<FetchRequest> requests =
        async.subscribe(
            new ClientResponseObserver<FetchRequest, FetchResponse>() {
              private ClientCallStreamObserver<FetchRequest> stream;

              @Override
              public void beforeStart(ClientCallStreamObserver<FetchRequest> call) {
                stream = call;
              }

              @Override
              public void onNext(FetchResponse response) {
                try {
                  for (ConsumerEvent event : response.getEventsList()) {
                    counts[0]++;
                    GenericRecord header =
                        (GenericRecord) decoder.decode(event).get("ChangeEventHeader");
                    if (entity.equals(header.get("entityName").toString())) {
                      counts[1]++;
                    }
                  }
                } catch (IOException | RuntimeException e) {
                  failure.set(e);
                  stream.cancel("decoding failed", e);
                  finished.countDown();
                  return;
                }
                if (counts[0] >= expected) {
                  stream.onCompleted();
                  finished.countDown();
                } else if (response.getPendingNumRequested() <= DEMAND / 2) {
                  // Top up before the demand runs dry, so the server never waits for us.
                  stream.onNext(
                      FetchRequest.newBuilder()
                          .setNumRequested(DEMAND - response.getPendingNumRequested())
                          .build());
                }
              }

              @Override
              public void onError(Throwable t) {
                failure.compareAndSet(null, t);
                finished.countDown();
              }

              @Override
              public void onCompleted() {
                finished.countDown();
              }
            });
    // Events flow only after this first request, so it never races the top-ups in onNext.
    requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName(topic)
            .setReplayPreset(ReplayPreset.EARLIEST)
            .setNumRequested(DEMAND)
            .build());
    if (!finished.await(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "Received " + counts[0] + " of " + expected + " events in " + timeoutSeconds + " s");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Subscription failed", failure.get());
    }
    if (counts[0] != expected) {
      throw new IllegalStateException("Received " + counts[0] + " of " + expected + " events");
    }
    return counts[1];
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Decodes payloads with the writer schema named by each event, fetching each schema once. */
  private static final class EventDecoder {
    private final PubSubGrpc.PubSubBlockingStub blocking;
    private final Map<String, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder reuse;

    EventDecoder(PubSubGrpc.PubSubBlockingStub blocking) {
      this.blocking = blocking;
    }

    GenericRecord decode(ConsumerEvent event) throws IOException {
      String schemaId = event.getEvent().getSchemaId();
      GenericDatumReader<GenericRecord> reader =
          readers.computeIfAbsent(
              schemaId,
              id ->
                  new GenericDatumReader<>(
                      new Schema.Parser()
                          .parse(
                              blocking
                                  .getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
                                  .getSchemaJson())));
      reuse =
          DecoderFactory.get().binaryDecoder(event.getEvent().getPayload().toByteArray(), reuse);
      return reader.read(null, reuse);
    }
  }
}
