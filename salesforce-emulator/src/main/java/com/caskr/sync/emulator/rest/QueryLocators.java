package com.caskr.sync.emulator.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open query cursors. A query runs once; its rows are kept per locator and every page is a slice of
 * them, so paging costs no re-execution. Since API 56.0 Salesforce keeps a locator for two days
 * after the query ran, with no cap on how many are open; past that, INVALID_QUERY_LOCATOR.
 */
final class QueryLocators {

  static final int DEFAULT_BATCH = 2000;
  static final int MIN_BATCH = 200;
  static final int MAX_BATCH = 2000;

  /** One page of a query: the REST body's fields, before formatting. */
  record Page(
      int totalSize, boolean done, String nextRecordsUrl, List<Map<String, Object>> records) {

    String json() {
      var out = new StringBuilder(256 + records.size() * 256);
      out.append("{\"totalSize\":").append(totalSize).append(",\"done\":").append(done);
      if (nextRecordsUrl != null) {
        out.append(",\"nextRecordsUrl\":");
        Json.write(out, nextRecordsUrl);
      }
      out.append(",\"records\":");
      Json.write(out, records);
      return out.append('}').toString();
    }
  }

  private record Cursor(
      String orgId, int totalSize, List<Map<String, Object>> records, int batch, Instant expires) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  QueryLocators(Clock clock, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("A query locator must live a while: " + ttl);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * The first page of an executed query; opens a locator when rows remain.
   *
   * @param batchHint the {@code batchSize} asked for, or null; clamped to 200..2000, as Salesforce
   *     treats it as a hint
   */
  Page first(
      String orgId,
      String apiVersion,
      int totalSize,
      List<Map<String, Object>> records,
      Integer batchHint) {
    int batch = batchSize(batchHint);
    if (records.size() <= batch) {
      return new Page(totalSize, true, null, records);
    }
    expireOld();
    String locator = nextLocator();
    cursors.put(locator, new Cursor(orgId, totalSize, records, batch, clock.instant().plus(ttl)));
    return page(locator, cursors.get(locator), 0, apiVersion);
  }

  /**
   * A later page, for {@code <locator>-<offset>} from a nextRecordsUrl.
   *
   * @throws RestFailure 400 INVALID_QUERY_LOCATOR when unknown, expired, of another org or
   *     malformed
   */
  Page next(String orgId, String apiVersion, String locatorAndOffset) {
    int dash = locatorAndOffset.lastIndexOf('-');
    Cursor cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
    if (cursor == null || !cursor.orgId().equals(orgId)) {
      throw invalidLocator();
    }
    if (!clock.instant().isBefore(cursor.expires())) {
      cursors.remove(locatorAndOffset.substring(0, dash));
      throw invalidLocator();
    }
    int offset;
    try {
      offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw invalidLocator();
    }
    if (offset < 0 || offset >= cursor.records().size()) {
      throw invalidLocator();
    }
    return page(locatorAndOffset.substring(0, dash), cursor, offset, apiVersion);
  }

  int open() {
    return cursors.size();
  }

  static int batchSize(Integer hint) {
    if (hint == null) {
      return DEFAULT_BATCH;
    }
    return Math.max(MIN_BATCH, Math.min(MAX_BATCH, hint));
  }

  /** The batchSize of a {@code Sforce-Query-Options} header; null when absent or unreadable. */
  static Integer batchHint(String queryOptions) {
    if (queryOptions == null) {
      return null;
    }
    for (String option : queryOptions.split(",")) {
      int equals = option.indexOf('=');
      if (equals > 0 && option.substring(0, equals).trim().equalsIgnoreCase("batchSize")) {
        try {
          return Integer.parseInt(option.substring(equals + 1).trim());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private Page page(String locator, Cursor cursor, int offset, String apiVersion) {
    int end = Math.min(cursor.records().size(), offset + cursor.batch());
    boolean done = end >= cursor.records().size();
    if (done) {
      // The last page was served; Salesforce closes the cursor with it.
      cursors.remove(locator);
    }
    String next = done ? null : "/services/data/v" + apiVersion + "/query/" + locator + "-" + end;
    return new Page(cursor.totalSize(), done, next, cursor.records().subList(offset, end));
  }

  private void expireOld() {
    Instant now = clock.instant();
    cursors.values().removeIf(c -> !now.isBefore(c.expires()));
  }

  private String nextLocator() {
    // Shaped like Salesforce's: an 18-character id with the 01g (QueryLocator) key prefix.
    String digits = Long.toString(sequence.incrementAndGet(), 36).toUpperCase();
    return "01g" + "0".repeat(Math.max(0, 15 - 3 - digits.length())) + digits + "AAA";
  }

  private static RestFailure invalidLocator() {
    return RestFailure.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
  }
}
