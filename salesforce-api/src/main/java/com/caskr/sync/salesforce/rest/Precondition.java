package com.caskr.sync.salesforce.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Optimistic concurrency for an update or delete: {@code If-Match} with an ETag (Account rows only,
 * as on Salesforce) or {@code If-Unmodified-Since} (checked against LastModifiedDate, to the
 * second). A conflict is {@link com.caskr.sync.salesforce.errors.PreconditionFailed}.
 */
public sealed interface Precondition {

  /** The request header this precondition sends. */
  Map<String, String> headers();

  /** The ETag read with {@link SalesforceRestClient#getVersioned}. */
  static Precondition ifMatch(String etag) {
    return new IfMatch(etag);
  }

  static Precondition ifUnmodifiedSince(Instant lastModified) {
    return new IfUnmodifiedSince(lastModified);
  }

  /** {@code If-Match: <etag>}. */
  record IfMatch(String etag) implements Precondition {

    public IfMatch {
      if (etag == null || etag.isBlank() || etag.contains("\n") || etag.contains("\r")) {
        throw new IllegalArgumentException("Not an ETag: " + etag);
      }
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("If-Match", etag);
    }
  }

  /** {@code If-Unmodified-Since: <HTTP date>}. */
  record IfUnmodifiedSince(Instant lastModified) implements Precondition {

    public IfUnmodifiedSince {
      if (lastModified == null) {
        throw new IllegalArgumentException("No date");
      }
    }

    @Override
    public Map<String, String> headers() {
      return Map.of(
          "If-Unmodified-Since",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC)));
    }
  }
}
