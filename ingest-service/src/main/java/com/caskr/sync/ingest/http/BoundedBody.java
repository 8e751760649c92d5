package com.caskr.sync.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit and stops as soon as it is passed, so an oversized body is
 * refused without being buffered (a declared Content-Length over the limit is refused before
 * reading anything).
 */
public final class BoundedBody {

  private BoundedBody() {}

  /** The body was larger than allowed. */
  public static final class TooLarge extends Exception {

    private final long limit;

    TooLarge(long limit) {
      super("The body is larger than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  /**
   * All of {@code in}, at most {@code limit} bytes.
   *
   * @param declaredLength the Content-Length header, or -1 when absent (chunked)
   */
  public static byte[] read(InputStream in, long declaredLength, int limit)
      throws IOException, TooLarge {
    if (declaredLength > limit) {
      throw new TooLarge(limit);
    }
    var out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
    byte[] buffer = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        throw new TooLarge(limit);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
