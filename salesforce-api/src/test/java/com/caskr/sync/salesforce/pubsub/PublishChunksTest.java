package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishChunksTest {

  @Test
  void splitsIntoRequestsOfAtMost200Events() {
    var chunks = PubSubPublisher.chunks(events(450, 10));

    assertThat(chunks).extracting(List::size).containsExactly(200, 200, 50);
  }

  @Test
  void splitsBeforeARequestWouldPassThreeMegabytes() {
    var chunks = PubSubPublisher.chunks(events(8, 900 * 1024));

    assertThat(chunks).extracting(List::size).containsExactly(3, 3, 2);
    chunks.forEach(
        chunk ->
            assertThat(chunk.stream().mapToInt(ProducerEvent::getSerializedSize).sum())
                .isLessThanOrEqualTo(PubSubPublisher.MAX_BYTES_PER_REQUEST));
  }

  private static List<ProducerEvent> events(int count, int payloadBytes) {
    List<ProducerEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          ProducerEvent.newBuilder()
              .setId("e" + i)
              .setPayload(ByteString.copyFrom(new byte[payloadBytes]))
              .build());
    }
    return events;
  }
}
