package com.caskr.sync.emulator.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void startsQuickDoublesAndCapsAtTwoHours() {
    assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(15));
    assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Backoff.after(3)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Backoff.after(9)).isEqualTo(Duration.ofMinutes(64));
    assertThat(Backoff.after(10)).isEqualTo(Duration.ofHours(2));
    assertThat(Backoff.after(1000)).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
