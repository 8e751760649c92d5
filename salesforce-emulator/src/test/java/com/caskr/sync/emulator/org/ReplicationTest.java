package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aRecord;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.caskr.sync.emulator.org.Replication.DeletedRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplicationTest {

  private final Sales sales = new Sales();

  private Instant now() {
    return sales.clock.instant();
  }

  @Test
  void listsRecordsChangedInTheWindowBySystemModstamp() {
    String before = sales.create(anAccount());
    sales.clock.advance(Duration.ofHours(1));
    Instant start = now();
    String inside = sales.create(anAccount());
    sales.update(before, aRecord("Account").with("Phone", "1"));
    sales.clock.advance(Duration.ofHours(1));
    Instant end = now();
    sales.create(anAccount());
    sales.clock.advance(Duration.ofHours(1));

    var updated = sales.org.updated("Account", start, end);

    assertThat(updated.ids()).containsExactly(before, inside);
    assertThat(updated.latestDateCovered()).isEqualTo(end);
  }

  @Test
  void coversNoFurtherThanNowRoundedDownToTheMinute() {
    sales.clock.advance(Duration.ofSeconds(42));

    var updated =
        sales.org.updated(
            "Account", now().minus(Duration.ofHours(1)), now().plus(Duration.ofDays(1)));

    assertThat(updated.latestDateCovered()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void refusesAStartMoreThanThirtyDaysBack() {
    sales.clock.advance(Duration.ofDays(40));

    var rejected =
        catchThrowableOfType(
            RequestRejected.class,
            () -> sales.org.updated("Account", now().minus(Duration.ofDays(31)), now()));

    assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_REPLICATION_DATE);
    assertThat(sales.org.updated("Account", now().minus(Duration.ofDays(29)), now()).ids())
        .isEmpty();
  }

  @Test
  void listsSoftAndHardDeletesButNotUndeletedOnes() {
    Instant start = now();
    String soft = sales.create(anAccount());
    String hard = sales.create(anAccount());
    String restored = sales.create(anAccount());
    sales.clock.advance(Duration.ofMinutes(10));
    Instant deletedAt = now();
    sales.org.delete(soft, sales.admin);
    sales.org.hardDelete(hard, sales.admin);
    sales.org.delete(restored, sales.admin);
    sales.org.undelete(restored, sales.admin);
    sales.clock.advance(Duration.ofMinutes(10));

    var deleted = sales.org.deleted("Account", start, now());

    assertThat(deleted.deletedRecords())
        .containsExactly(new DeletedRecord(soft, deletedAt), new DeletedRecord(hard, deletedAt));
    assertThat(deleted.latestDateCovered()).isEqualTo(now());
    assertThat(sales.org.updated("Account", start, now()).ids()).containsExactly(restored);
  }

  @Test
  void listsCascadeDeletesUnderTheirOwnType() {
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));
    Instant start = now();

    sales.org.delete(account, sales.admin);
    sales.clock.advance(Duration.ofMinutes(1));

    assertThat(sales.org.deleted("Contact", start, now()).deletedRecords())
        .extracting(DeletedRecord::id)
        .containsExactly(contact);
  }

  @Test
  void forgetsDeletesAfterFifteenDaysAndRefusesOlderStarts() {
    String account = sales.create(anAccount());
    sales.org.delete(account, sales.admin);
    Instant deletedAt = now();
    sales.clock.advance(Duration.ofDays(14));
    assertThat(sales.org.deleted("Account", deletedAt, now()).deletedRecords()).hasSize(1);

    sales.clock.advance(Duration.ofDays(2));

    var rejected =
        catchThrowableOfType(
            RequestRejected.class, () -> sales.org.deleted("Account", deletedAt, now()));
    assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_REPLICATION_DATE);
    var window = sales.org.deleted("Account", now().minus(Duration.ofDays(15)), now());
    assertThat(window.deletedRecords()).isEmpty();
    assertThat(window.earliestDateAvailable()).isEqualTo(now().minus(Duration.ofDays(15)));
  }
}
