package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
  private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

  @Test
  void doublesEachAttemptWithinHalfToFullOfTheStep() {
    for (int attempt = 0; attempt < 6; attempt++) {
      long step = 100L << attempt;
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.delay(attempt, random).toMillis()).isBetween(step / 2, step);
      }
    }
  }

  @Test
  void neverWaitsLongerThanTheCapEvenAfterManyAttempts() {
    for (int attempt : new int[] {6, 7, 30, 63, 1000}) {
      assertThat(backoff.delay(attempt, random).toMillis()).isBetween(2_500L, 5_000L);
    }
  }

  @Test
  void spreadsReconnectsWithJitter() {
    Set<Long> delays = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      delays.add(backoff.delay(4, random).toMillis());
    }
    assertThat(delays).hasSizeGreaterThan(5);
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
