package com.caskr.sync.mapping.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.fieldmap.Rules;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.Resolution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictDetectorTest {

  private static final Instant SF_TIME = Instant.parse("2026-03-29T08:00:00Z");
  private static final Instant EARLIER = SF_TIME.minusSeconds(190);
  private static final Instant LATER = SF_TIME.plusSeconds(190);

  private final ConflictDetector detector = new ConflictDetector();
  private final FieldRules contact =
      Rules.contact()
          .map("Email", "email", "TRIM", Map.of(), true, false)
          .map("Phone", "phone")
          .map("FirstName", "first_name")
          .build(42);

  @Test
  void onlySalesforceChangedSoCaskrTakesItsValue() {
    var result =
        detector.decide(
            contact,
            ConflictStrategy.MANUAL,
            sides(Map.of("phone", "2"), Map.of("phone", "1"), Map.of("phone", "1"), LATER));

    assertThat(result.caskrUpdates()).containsExactly(entry("phone", "2"));
    assertThat(result.forReview()).isEmpty();
    assertThat(result.nextSnapshot(Map.of("phone", "1"))).containsExactly(entry("phone", "2"));
  }

  @Test
  void onlyCaskrChangedSoItsEditStaysAndTheBaseStaysForWriteback() {
    var result =
        detector.decide(
            contact,
            ConflictStrategy.SALESFORCE_WINS,
            sides(Map.of("phone", "1"), Map.of("phone", "3"), Map.of("phone", "1"), LATER));

    assertThat(result.caskrUpdates()).isEmpty();
    assertThat(result.decisions()).containsExactly(new FieldDecision.KeepCaskrEdit("phone"));
    assertThat(result.nextSnapshot(Map.of("phone", "1"))).containsExactly(entry("phone", "1"));
  }

  @Test
  void bothChangedToTheSameValueIsNoConflict() {
    var result =
        detector.decide(
            contact,
            ConflictStrategy.MANUAL,
            sides(Map.of("phone", "5"), Map.of("phone", "5"), Map.of("phone", "1"), LATER));

    assertThat(result.decisions()).containsExactly(new FieldDecision.Agreed("phone", "5"));
    assertThat(result.nextSnapshot(Map.of("phone", "1"))).containsExactly(entry("phone", "5"));
  }

  @Test
  void numbersCompareByValue() {
    var order =
        Rules.opportunity()
            .add(
                "Amount",
                "total_amount",
                FieldDirection.SF_TO_CASKR,
                "NONE",
                Map.of(),
                false,
                true,
                1)
            .build(42);
    var result =
        detector.decide(
            order,
            ConflictStrategy.MANUAL,
            sides(
                Map.of("total_amount", 18450L),
                Map.of("total_amount", new BigDecimal("18450.00")),
                Map.of(),
                LATER));

    assertThat(result.decisions()).singleElement().isInstanceOf(FieldDecision.Agreed.class);
  }

  @Test
  void lastWriteWinsKeepsTheNewerCaskrEditAndRecordsTheConflict() {
    // The golden samples portal-user-phone-last-write-wins / -keep-caskr-automatically.
    Map<String, Object> sf = new HashMap<>();
    sf.put("phone", null);
    var result =
        detector.decide(
            contact,
            ConflictStrategy.LAST_WRITE_WINS,
            sides(
                sf,
                Map.of("phone", "+1 (971) 555-0188"),
                Map.of("phone", "+1 (971) 555-0123"),
                LATER));

    assertThat(result.caskrUpdates()).isEmpty();
    assertThat(result.resolved())
        .singleElement()
        .satisfies(
            resolved -> {
              assertThat(resolved.resolution()).isEqualTo(Resolution.KEEP_CASKR);
              assertThat(resolved.value()).isEqualTo("+1 (971) 555-0188");
              assertThat(resolved.conflict().salesforceField()).isEqualTo("Phone");
              assertThat(resolved.conflict().base()).isEqualTo("+1 (971) 555-0123");
              assertThat(resolved.conflict().critical()).isFalse();
            });
    assertThat(result.nextSnapshot(Map.of("phone", "+1 (971) 555-0123")))
        .containsExactly(entry("phone", "+1 (971) 555-0188"));
  }

  @Test
  void lastWriteWinsTakesSalesforceWhenItIsNewerOrTied() {
    for (Instant caskrTime : new Instant[] {EARLIER, SF_TIME}) {
      var result =
          detector.decide(
              contact,
              ConflictStrategy.LAST_WRITE_WINS,
              sides(Map.of("phone", "2"), Map.of("phone", "3"), Map.of("phone", "1"), caskrTime));

      assertThat(result.caskrUpdates())
          .as("Caskr at %s", caskrTime)
          .containsExactly(entry("phone", "2"));
      assertThat(result.resolved().getFirst().resolution()).isEqualTo(Resolution.KEEP_SALESFORCE);
    }
  }

  @Test
  void salesforceWinsAndCaskrWinsPickTheirSideWhateverTheTimes() {
    var sides = sides(Map.of("phone", "2"), Map.of("phone", "3"), Map.of("phone", "1"), LATER);

    assertThat(detector.decide(contact, ConflictStrategy.SALESFORCE_WINS, sides).caskrUpdates())
        .containsExactly(entry("phone", "2"));
    var caskrWins = detector.decide(contact, ConflictStrategy.CASKR_WINS, sides);
    assertThat(caskrWins.caskrUpdates()).isEmpty();
    assertThat(caskrWins.resolved().getFirst().resolution()).isEqualTo(Resolution.KEEP_CASKR);
  }

  @Test
  void manualStrategyQueuesTheConflictAndKeepsCaskrAndTheBase() {
    var result =
        detector.decide(
            contact,
            ConflictStrategy.MANUAL,
            sides(Map.of("phone", "2"), Map.of("phone", "3"), Map.of("phone", "1"), EARLIER));

    assertThat(result.caskrUpdates()).isEmpty();
    assertThat(result.forReview())
        .singleElement()
        .satisfies(
            conflict -> {
              assertThat(conflict.salesforceValue()).isEqualTo("2");
              assertThat(conflict.caskrValue()).isEqualTo("3");
              assertThat(conflict.strategy()).isEqualTo(ConflictStrategy.MANUAL);
            });
    assertThat(result.nextSnapshot(Map.of("phone", "1"))).containsExactly(entry("phone", "1"));
  }

  @Test
  void criticalFieldsGoToReviewWhateverTheStrategyAndTheMappingSays() {
    // Email is not flagged critical in this company's rules; it is critical by design.
    var result =
        detector.decide(
            contact,
            ConflictStrategy.SALESFORCE_WINS,
            sides(
                Map.of("email", "a@x.example", "phone", "2"),
                Map.of("email", "b@x.example", "phone", "3"),
                Map.of("email", "c@x.example", "phone", "1"),
                EARLIER));

    assertThat(result.forReview())
        .singleElement()
        .satisfies(
            conflict -> {
              assertThat(conflict.field()).isEqualTo("email");
              assertThat(conflict.critical()).isTrue();
              assertThat(conflict.strategy()).isEqualTo(ConflictStrategy.SALESFORCE_WINS);
            });
    assertThat(result.caskrUpdates()).containsExactly(entry("phone", "2"));
  }

  @Test
  void aFieldFlaggedCriticalInTheMappingAlsoGoesToReview() {
    var rules =
        Rules.contact().map("FirstName", "first_name", "NONE", Map.of(), false, true).build(42);
    var result =
        detector.decide(
            rules,
            ConflictStrategy.LAST_WRITE_WINS,
            sides(
                Map.of("first_name", "A"),
                Map.of("first_name", "B"),
                Map.of("first_name", "C"),
                EARLIER));

    assertThat(result.forReview()).hasSize(1);
  }

  @Test
  void anUnknownBaseWithDifferentValuesIsAConflict() {
    // The golden sample order-total-unknown-base: no snapshot, a critical field, manual review.
    var order =
        Rules.opportunity()
            .add(
                "Amount",
                "total_amount",
                FieldDirection.SF_TO_CASKR,
                "NONE",
                Map.of(),
                false,
                true,
                1)
            .build(42);
    var result =
        detector.decide(
            order,
            ConflictStrategy.LAST_WRITE_WINS,
            sides(
                Map.of("total_amount", new BigDecimal("18950.00")),
                Map.of("total_amount", new BigDecimal("18450.00")),
                Map.of(),
                EARLIER));

    assertThat(result.forReview())
        .singleElement()
        .satisfies(
            conflict -> {
              assertThat(conflict.baseKnown()).isFalse();
              assertThat(conflict.base()).isNull();
              assertThat(conflict.salesforceField()).isEqualTo("Amount");
            });
    assertThat(result.nextSnapshot(Map.of())).isEmpty();
  }

  @Test
  void anUnknownBaseOfAnOrdinaryFieldFollowsTheStrategy() {
    var result =
        detector.decide(
            contact,
            ConflictStrategy.LAST_WRITE_WINS,
            sides(Map.of("phone", "2"), Map.of("phone", "3"), Map.of(), EARLIER));

    assertThat(result.caskrUpdates()).containsExactly(entry("phone", "2"));
  }

  @Test
  void reviewersPickSalesforceCaskrOrTheirOwnValue() {
    assertThat(ConflictDetector.resolvedValue(Resolution.KEEP_SALESFORCE, "sf", "ck", null))
        .isEqualTo("sf");
    assertThat(ConflictDetector.resolvedValue(Resolution.KEEP_CASKR, "sf", "ck", null))
        .isEqualTo("ck");
    assertThat(ConflictDetector.resolvedValue(Resolution.MERGED, "sf", "ck", "both"))
        .isEqualTo("both");
  }

  private static RecordSides sides(
      Map<String, Object> salesforce,
      Map<String, Object> caskr,
      Map<String, Object> base,
      Instant caskrModifiedAt) {
    return new RecordSides(salesforce, caskr, base, SF_TIME, caskrModifiedAt);
  }
}
