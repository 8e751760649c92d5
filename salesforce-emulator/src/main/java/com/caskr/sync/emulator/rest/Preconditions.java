package com.caskr.sync.emulator.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Conditional requests on sObject rows and describes (reference §2.4): {@code If-Modified-Since}
 * and {@code If-None-Match} make a GET a 304; {@code If-Unmodified-Since} and {@code If-Match} make
 * a PATCH or DELETE a 412. ETags exist for Account rows only, as on Salesforce.
 *
 * <p>Guesses where the reference is silent: GETs compare SystemModstamp (any change, system ones
 * included, counts as modified, so a client never keeps a stale copy) while writes compare
 * LastModifiedDate as documented; the ETag is a hash of every stored value of the row; a date
 * header that does not parse is ignored, as HTTP says; the 412 body is a PRECONDITION_FAILED error.
 */
final class Preconditions {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private Preconditions() {}

  /** The HTTP date of an instant, for Last-Modified. */
  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /** The row's ETag (quoted), for Account rows only. */
  static Optional<String> etag(String type, Map<String, Object> row) {
    if (!type.equals("Account")) {
      return Optional.empty();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(new TreeMap<>(row).toString().getBytes(StandardCharsets.UTF_8));
      return Optional.of("\"" + Base64.getEncoder().encodeToString(digest) + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GET answered 304: the ETag still matches, or nothing changed since the date. */
  static boolean notModified(
      String type,
      Map<String, Object> row,
      Instant lastChange,
      String ifNoneMatch,
      String ifModifiedSince) {
    Optional<String> etag = etag(type, row);
    if (ifNoneMatch != null && etag.isPresent()) {
      return matches(ifNoneMatch, etag.get());
    }
    return notChangedSince(lastChange, ifModifiedSince);
  }

  /** A describe answered 304: the metadata did not change since the date. */
  static boolean notChangedSince(Instant lastChange, String ifModifiedSince) {
    Instant since = parse(ifModifiedSince);
    return since != null && !lastChange.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
  }

  /**
   * A PATCH or DELETE refused with 412: the row changed since the date, or its ETag differs.
   *
   * @throws RestFailure 412 PRECONDITION_FAILED
   */
  static void checkWrite(
      String type, Map<String, Object> row, String ifMatch, String ifUnmodifiedSince) {
    Optional<String> etag = etag(type, row);
    if (ifMatch != null && etag.isPresent() && !matches(ifMatch, etag.get())) {
      throw RestFailure.of(412, "PRECONDITION_FAILED", "The ETag of the record does not match");
    }
    Instant since = parse(ifUnmodifiedSince);
    Instant modified = (Instant) row.get("LastModifiedDate");
    if (since != null && modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since)) {
      throw RestFailure.of(
          412,
          "PRECONDITION_FAILED",
          "The requested resource has been modified since " + ifUnmodifiedSince);
    }
  }

  private static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.startsWith("W/")) {
        trimmed = trimmed.substring(2);
      }
      if (trimmed.equals("*") || trimmed.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Instant parse(String httpDate) {
    if (httpDate == null || httpDate.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(httpDate.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
