package com.caskr.sync.ingest.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftFinderTest {

  private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

  private static SalesforceId account(int n) {
    return SalesforceId.of("001%012d".formatted(n));
  }

  private static SweptRecord live(int n, Instant modstamp) {
    return new SweptRecord(account(n), modstamp, false);
  }

  private static MappedRecord applied(int n, Instant modstamp) {
    return new MappedRecord(account(n), modstamp, false);
  }

  @Test
  void findsMissingStaleAndDeletedRecordsAndTheirRatio() {
    var finder =
        new DriftFinder(
            List.of(
                applied(1, T),
                applied(2, T),
                applied(3, T),
                applied(4, T),
                new MappedRecord(account(5), T, true)));

    finder.accept(live(1, T));
    finder.accept(live(2, T.plusSeconds(1)));
    finder.accept(new SweptRecord(account(3), T.plusSeconds(2), true));
    finder.accept(live(5, T));
    finder.accept(live(6, T));
    Drift drift = finder.finish();

    assertThat(drift.missing()).containsExactly(account(5), account(6));
    assertThat(drift.stale()).containsExactly(account(2));
    assertThat(drift.softDeleted()).extracting(SweptRecord::id).containsExactly(account(3));
    assertThat(drift.hardDeleted()).containsExactly(account(4));
    assertThat(drift.salesforceCount()).isEqualTo(4);
    assertThat(drift.mappedCount()).isEqualTo(5);
    assertThat(drift.ratio()).isEqualTo(5 / 4.0);
  }

  @Test
  void anAppliedVersionAsNewAsSalesforceIsInSync() {
    var finder = new DriftFinder(List.of(applied(1, T.plusSeconds(5))));

    finder.accept(live(1, T));

    assertThat(finder.finish().ratio()).isZero();
  }

  @Test
  void anUnknownAppliedVersionIsStale() {
    var finder = new DriftFinder(List.of(applied(1, null)));

    finder.accept(live(1, T));

    assertThat(finder.finish().stale()).containsExactly(account(1));
  }

  @Test
  void recycleBinRowsUnknownToCaskrAreNotDrift() {
    var finder = new DriftFinder(List.of(new MappedRecord(account(2), T, true)));

    finder.accept(new SweptRecord(account(1), T, true));
    finder.accept(new SweptRecord(account(2), T, true));
    Drift drift = finder.finish();

    assertThat(drift.differences()).isZero();
    assertThat(drift.ratio()).isZero();
  }

  @Test
  void anEmptyOrgWithRecordsStillInCaskrIsAllDrift() {
    var finder = new DriftFinder(List.of(applied(1, T)));

    assertThat(finder.finish().ratio()).isEqualTo(1.0);
  }
}
