package com.caskr.sync.salesforce.limits;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's rolling 24-hour API allocation as one response's {@code Sforce-Limit-Info:
 * api-usage=18/5000} reported it.
 *
 * @param observedAt when the response carrying it arrived
 */
public record ApiUsage(long used, long max, Instant observedAt) {

  private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

  public ApiUsage {
    if (used < 0 || max < 0 || observedAt == null) {
      throw new IllegalArgumentException("Bad API usage: " + used + "/" + max);
    }
  }

  /**
   * The {@code api-usage} part of a {@code Sforce-Limit-Info} header value (other parts such as
   * {@code api-bursts} are ignored); empty when the header is missing or has no api-usage.
   */
  public static Optional<ApiUsage> parse(String header, Instant observedAt) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = API_USAGE.matcher(header);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), observedAt));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public long remaining() {
    return Math.max(0, max - used);
  }

  /** used / max, 0 when max is 0. */
  public double fractionUsed() {
    return max == 0 ? 0 : (double) used / max;
  }
}
