package com.caskr.sync.emulator.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.ChangeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {

  private static final Condition CLOSED_WON = new Condition.FieldEnters("StageName", "Closed Won");

  private static ChangeRecord change(
      ChangeType type, List<String> changed, Map<String, Object> values) {
    return new ChangeRecord(
        "Opportunity",
        List.of("006Em0000000001AAA"),
        type,
        changed,
        List.of(),
        values,
        Instant.parse("2026-03-02T09:00:00Z"),
        "tx",
        1,
        1,
        "",
        "005Em0000000001AAA");
  }

  @Test
  void fieldEntersFiresWhenTheValueIsNewNotWhenItStays() {
    assertThat(
            CLOSED_WON.matches(
                change(ChangeType.CREATE, List.of(), Map.of("StageName", "Closed Won"))))
        .isTrue();
    assertThat(
            CLOSED_WON.matches(
                change(ChangeType.CREATE, List.of(), Map.of("StageName", "Prospecting"))))
        .isFalse();
    assertThat(
            CLOSED_WON.matches(
                change(ChangeType.UPDATE, List.of("StageName"), Map.of("StageName", "Closed Won"))))
        .isTrue();
    assertThat(
            CLOSED_WON.matches(
                change(ChangeType.UPDATE, List.of("Amount"), Map.of("Amount", BigDecimal.TEN))))
        .isFalse();
    assertThat(CLOSED_WON.matches(change(ChangeType.DELETE, List.of(), Map.of()))).isFalse();
  }

  @Test
  void fieldEntersComparesNumbersByValue() {
    var amount = new Condition.FieldEnters("Amount", "5000");
    assertThat(
            amount.matches(
                change(
                    ChangeType.UPDATE,
                    List.of("Amount"),
                    Map.of("Amount", new BigDecimal("5000.00")))))
        .isTrue();
  }

  @Test
  void createdAndAnyChangeFollowTheWorkflowEvaluationCriteria() {
    var create = change(ChangeType.CREATE, List.of(), Map.of());
    var update = change(ChangeType.UPDATE, List.of("Name"), Map.of("Name", "x"));
    var undelete = change(ChangeType.UNDELETE, List.of(), Map.of());
    assertThat(new Condition.Created().matches(create)).isTrue();
    assertThat(new Condition.Created().matches(update)).isFalse();
    assertThat(new Condition.AnyChange().matches(update)).isTrue();
    assertThat(new Condition.AnyChange().matches(undelete)).isFalse();
  }
}
