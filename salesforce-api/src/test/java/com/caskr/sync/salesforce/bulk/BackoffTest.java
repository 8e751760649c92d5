package com.caskr.sync.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void growsByTheMultiplierUpToTheMaximum() {
    var backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350), 2);
    Duration first = backoff.next(null);
    Duration second = backoff.next(first);
    Duration third = backoff.next(second);

    assertThat(first).isEqualTo(Duration.ofMillis(100));
    assertThat(second).isEqualTo(Duration.ofMillis(200));
    assertThat(third).isEqualTo(Duration.ofMillis(350));
    assertThat(backoff.next(third)).isEqualTo(Duration.ofMillis(350));
  }
}
