package com.caskr.sync.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiUsageTest {

  private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

  @Test
  void parsesTheApiUsagePartOfTheHeader() {
    assertThat(ApiUsage.parse("api-usage=18/5000", T0)).contains(new ApiUsage(18, 5000, T0));
    assertThat(
            ApiUsage.parse("api-usage=10018/100000; api-bursts=1/750", T0)
                .orElseThrow()
                .remaining())
        .isEqualTo(89_982);
    assertThat(ApiUsage.parse("api-bursts=1/750", T0)).isEmpty();
    assertThat(ApiUsage.parse(null, T0)).isEmpty();
  }

  @Test
  void theTrackerNeverMovesBackInTime() {
    var tracker = new ApiUsageTracker();
    tracker.observe("api-usage=20/100", T0.plusSeconds(2));
    tracker.observe("api-usage=19/100", T0.plusSeconds(1));
    tracker.observe(null, T0.plusSeconds(3));

    assertThat(tracker.latest()).contains(new ApiUsage(20, 100, T0.plusSeconds(2)));
  }
}
