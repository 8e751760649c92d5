package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryLocatorsTest {

  private final TestClock clock = new TestClock();
  private final QueryLocators locators = new QueryLocators(clock, Duration.ofDays(2));

  private static List<Map<String, Object>> rows(int n) {
    var rows = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < n; i++) {
      rows.add(Map.of("Id", "r" + i));
    }
    return rows;
  }

  @Test
  void answersASmallResultInOnePageWithoutALocator() {
    var page = locators.first("org", "62.0", 10, rows(10), null);

    assertThat(page.done()).isTrue();
    assertThat(page.nextRecordsUrl()).isNull();
    assertThat(locators.open()).isZero();
    assertThat(page.json()).doesNotContain("nextRecordsUrl");
  }

  @Test
  void clampsTheBatchSizeHintBetween200And2000() {
    assertThat(QueryLocators.batchSize(null)).isEqualTo(2000);
    assertThat(QueryLocators.batchSize(1)).isEqualTo(200);
    assertThat(QueryLocators.batchSize(500)).isEqualTo(500);
    assertThat(QueryLocators.batchSize(100_000)).isEqualTo(2000);
    assertThat(QueryLocators.batchHint("batchSize=1000")).isEqualTo(1000);
    assertThat(QueryLocators.batchHint("foo=1, batchSize = 300")).isEqualTo(300);
    assertThat(QueryLocators.batchHint("batchSize=lots")).isNull();
  }

  @Test
  void slicesThroughToTheEnd() {
    var first = locators.first("org", "62.0", 450, rows(450), 200);
    String locator = first.nextRecordsUrl().substring("/services/data/v62.0/query/".length());
    var second = locators.next("org", "62.0", locator);
    String third = second.nextRecordsUrl().substring("/services/data/v62.0/query/".length());
    var last = locators.next("org", "62.0", third);

    assertThat(first.records()).hasSize(200);
    assertThat(second.records().getFirst().get("Id")).isEqualTo("r200");
    assertThat(last.records()).hasSize(50);
    assertThat(last.done()).isTrue();
    assertThat(last.totalSize()).isEqualTo(450);
  }

  @Test
  void expiresALocatorAfterItsTimeToLive() {
    var first = locators.first("org", "62.0", 450, rows(450), 200);
    String locator = first.nextRecordsUrl().substring("/services/data/v62.0/query/".length());

    clock.advance(Duration.ofDays(2).minusSeconds(1));
    assertThat(locators.next("org", "62.0", locator).records()).hasSize(200);
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> locators.next("org", "62.0", locator))
        .isInstanceOfSatisfying(
            RestFailure.class,
            f -> assertThat(f.errors().getFirst().errorCode()).isEqualTo("INVALID_QUERY_LOCATOR"));
  }

  @Test
  void refusesUnknownForeignAndMalformedLocators() {
    var first = locators.first("org", "62.0", 450, rows(450), 200);
    String locator = first.nextRecordsUrl().substring("/services/data/v62.0/query/".length());

    for (String bad :
        List.of(
            "nope-200",
            "01gXYZ",
            locator.replace("-200", "-x"),
            locator.replace("-200", "-9999"))) {
      assertThatThrownBy(() -> locators.next("org", "62.0", bad)).isInstanceOf(RestFailure.class);
    }
    assertThatThrownBy(() -> locators.next("other", "62.0", locator))
        .isInstanceOf(RestFailure.class);
  }
}
