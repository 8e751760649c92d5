package com.caskr.sync.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class ReplayIdsTest {

  private final ReplayIds ids = new ReplayIds();

  @Test
  void decodesWhatItEncodes() {
    for (long position : new long[] {0, 1, 2, 99_999, Long.MAX_VALUE / 3}) {
      assertThat(ids.decode(ids.encode(position))).hasValue(position);
    }
  }

  @Test
  void consecutivePositionsDoNotLookConsecutive() {
    ByteString a = ids.encode(41);
    ByteString b = ids.encode(42);

    assertThat(a.size()).isEqualTo(12);
    assertThat(a.substring(8)).isNotEqualTo(b.substring(8));
    assertThat(a.substring(0, 7)).isEqualTo(b.substring(0, 7));
  }

  @Test
  void rejectsGarbageAndAnotherOrgsIds() {
    ByteString mine = ids.encode(7);
    byte[] tampered = mine.toByteArray();
    tampered[11] ^= 1;

    assertThat(ids.decode(ByteString.copyFromUtf8("garbage"))).isEmpty();
    assertThat(ids.decode(ByteString.copyFrom(tampered))).isEmpty();
    assertThat(ids.decode(new ReplayIds().encode(7))).isEmpty();
    assertThat(ids.decode(ByteString.EMPTY)).isEmpty();
  }
}
