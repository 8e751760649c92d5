package com.caskr.sync.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitBackoffTest {

  private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

  private final LimitBackoff backoff =
      new LimitBackoff(Duration.ofMinutes(1), Duration.ofMinutes(5));

  @Test
  void waitsLongerEachTimeTheBudgetIsStillSpentUpToTheMaximum() {
    backoff.exhausted(T);
    assertThat(backoff.until()).isEqualTo(T.plusSeconds(60));
    backoff.exhausted(T);
    assertThat(backoff.until()).isEqualTo(T.plusSeconds(120));
    backoff.exhausted(T);
    backoff.exhausted(T);
    assertThat(backoff.until()).isEqualTo(T.plusSeconds(300));
  }

  @Test
  void probesOnlyOnceTheWaitIsOver() {
    assertThat(backoff.backingOff()).isFalse();
    backoff.exhausted(T);

    assertThat(backoff.backingOff()).isTrue();
    assertThat(backoff.probeDue(T.plusSeconds(59))).isFalse();
    assertThat(backoff.probeDue(T.plusSeconds(60))).isTrue();
  }

  @Test
  void startsOverAfterTheBudgetRecovered() {
    backoff.exhausted(T);
    backoff.exhausted(T);
    backoff.recovered();

    assertThat(backoff.backingOff()).isFalse();
    backoff.exhausted(T);
    assertThat(backoff.until()).isEqualTo(T.plusSeconds(60));
  }
}
