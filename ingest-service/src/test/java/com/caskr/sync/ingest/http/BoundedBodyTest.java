package com.caskr.sync.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  private static final int LIMIT = 20_000;

  @Test
  void readsABodyOfItsDeclaredLengthWhateverTheChunksItArrivesIn() throws Exception {
    for (int size : new int[] {0, 1, 700, 8192, 8193, LIMIT}) {
      byte[] sent = bytes(size);

      assertThat(BoundedBody.read(trickling(sent), size, LIMIT)).isEqualTo(sent);
      assertThat(BoundedBody.read(new ByteArrayInputStream(sent), size, LIMIT)).isEqualTo(sent);
    }
  }

  @Test
  void readsAChunkedBodyUpToTheLimit() throws Exception {
    byte[] sent = bytes(LIMIT);

    assertThat(BoundedBody.read(trickling(sent), -1, LIMIT)).isEqualTo(sent);
    assertThatThrownBy(() -> BoundedBody.read(trickling(bytes(LIMIT + 1)), -1, LIMIT))
        .isInstanceOf(BoundedBody.TooLarge.class)
        .hasMessage("The body is larger than 20000 bytes");
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWithoutReading() throws Exception {
    InputStream unread = new ByteArrayInputStream(bytes(10));

    assertThatThrownBy(() -> BoundedBody.read(unread, LIMIT + 1, LIMIT))
        .isInstanceOf(BoundedBody.TooLarge.class);
    assertThat(unread.available()).isEqualTo(10);
  }

  @Test
  void aBodyShorterThanDeclaredIsWhatArrived() throws Exception {
    byte[] sent = bytes(300);

    assertThat(BoundedBody.read(trickling(sent), 1000, LIMIT)).isEqualTo(sent);
  }

  @Test
  void aBodyLongerThanDeclaredIsReadOnButStillOnlyUpToTheLimit() throws Exception {
    byte[] sent = bytes(12_000);

    assertThat(BoundedBody.read(trickling(sent), 100, LIMIT)).isEqualTo(sent);
    assertThat(BoundedBody.read(trickling(bytes(LIMIT)), LIMIT - 1, LIMIT)).isEqualTo(bytes(LIMIT));
    assertThatThrownBy(() -> BoundedBody.read(trickling(bytes(LIMIT + 1)), LIMIT, LIMIT))
        .isInstanceOf(BoundedBody.TooLarge.class);
    assertThatThrownBy(() -> BoundedBody.read(trickling(bytes(3 * LIMIT)), 100, LIMIT))
        .isInstanceOf(BoundedBody.TooLarge.class);
  }

  /** The same bytes for the same size. */
  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** A stream that hands out at most 1,000 bytes per read, as a socket may. */
  private static InputStream trickling(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  @Test
  void theTestsStreamsReallyTrickle() throws Exception {
    byte[] buffer = new byte[5000];

    assertThat(trickling(bytes(5000)).read(buffer)).isEqualTo(1000);
  }
}
