package com.caskr.sync.salesforce.limits;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /limits}: every limit by name ({@code DailyApiRequests}, {@code DailyBulkV2QueryJobs},
 * …).
 */
public record OrgLimits(Map<String, Limit> byName) {

  public static final String DAILY_API_REQUESTS = "DailyApiRequests";
  public static final String DAILY_BULK_V2_QUERY_JOBS = "DailyBulkV2QueryJobs";

  /** One limit's size and what is left of it. */
  public record Limit(long max, long remaining) {

    public long used() {
      return max - remaining;
    }
  }

  public OrgLimits {
    byName = Map.copyOf(byName);
  }

  public Optional<Limit> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<Limit> dailyApiRequests() {
    return get(DAILY_API_REQUESTS);
  }
}
