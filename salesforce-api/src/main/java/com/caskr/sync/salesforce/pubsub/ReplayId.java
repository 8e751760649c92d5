package com.caskr.sync.salesforce.pubsub;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A position in a Pub/Sub topic: opaque bytes from the server (gotcha 12). Store them and hand them
 * back; never compute with them. Compared by content.
 */
public final class ReplayId {

  private final byte[] bytes;

  private ReplayId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A replay id from stored bytes (copied); rejects an empty array, which names no position. */
  public static ReplayId of(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("a replay id needs at least one byte");
    }
    return new ReplayId(bytes.clone());
  }

  /** The bytes to persist (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplayId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex, for logs; it is not a number and carries no order. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
