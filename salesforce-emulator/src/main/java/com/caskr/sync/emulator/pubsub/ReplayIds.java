package com.caskr.sync.emulator.pubsub;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One org's replay ids: 12 opaque bytes, the log position XOR a per-org salt followed by a 4-byte
 * check. Consecutive events do not get consecutive-looking ids, a client cannot compute one, and
 * garbage (or another org's id) fails the check instead of landing somewhere in the log.
 */
final class ReplayIds {

  private static final int LENGTH = 12;

  private final long salt = ThreadLocalRandom.current().nextLong();
  private final long checkSalt = ThreadLocalRandom.current().nextLong();

  ByteString encode(long position) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(LENGTH).putLong(position ^ salt).putInt(check(position)).array());
  }

  /** The position an id names, or empty when the bytes are not an id of this org. */
  OptionalLong decode(ByteString id) {
    if (id.size() != LENGTH) {
      return OptionalLong.empty();
    }
    ByteBuffer bytes = id.asReadOnlyByteBuffer();
    long position = bytes.getLong() ^ salt;
    return position >= 0 && bytes.getInt() == check(position)
        ? OptionalLong.of(position)
        : OptionalLong.empty();
  }

  private int check(long position) {
    long mixed = (position ^ checkSalt) * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 29));
  }
}
