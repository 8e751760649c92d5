package com.caskr.sync.mapping.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.mapping.rules.RecordRules.OrderLineValues;
import com.caskr.sync.mapping.rules.RecordRules.OwnerEmail;
import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The appliers' pure decisions, case by case (issue 6, seed design). */
class RecordRulesTest {

  private static final String OWNER_15 = "0055e000001AbCd";
  private static final String OWNER_18 = SalesforceId.of(OWNER_15).value();

  @Test
  void onlyClosedWonMakesAnOrder() {
    assertThat(RecordRules.makesOrder(Map.of("StageName", "Closed Won"))).isTrue();
    assertThat(RecordRules.makesOrder(Map.of("StageName", "Closed Lost"))).isFalse();
    assertThat(RecordRules.makesOrder(Map.of("StageName", "Prospecting"))).isFalse();
    assertThat(RecordRules.makesOrder(Map.of("StageName", "closed won")))
        .as("stages compare exactly")
        .isFalse();
    assertThat(RecordRules.makesOrder(Map.of("Amount", 10))).isFalse();
  }

  @Test
  void aChangeLeavesClosedWonOnlyWhenItCarriesAnotherStage() {
    assertThat(RecordRules.leavesClosedWon(Map.of("StageName", "Closed Lost"))).isTrue();
    Map<String, Object> cleared = new HashMap<>();
    cleared.put("StageName", null);
    assertThat(RecordRules.leavesClosedWon(cleared)).isTrue();
    assertThat(RecordRules.leavesClosedWon(Map.of("StageName", "Closed Won"))).isFalse();
    assertThat(RecordRules.leavesClosedWon(Map.of("Amount", 10)))
        .as("a change without StageName keeps the stage")
        .isFalse();
  }

  @Test
  void theOwnerRelationshipTeachesTheOwnersEmail() {
    Map<String, Object> fields =
        Map.of(
            "OwnerId", OWNER_15, "Owner", Map.of("Id", OWNER_18, "Email", " Rep@Caskr.example "));

    assertThat(RecordRules.ownerId(fields)).contains(OWNER_18);
    assertThat(RecordRules.ownerEmail(fields))
        .contains(new OwnerEmail(OWNER_18, "Rep@Caskr.example"));
    assertThat(RecordRules.ownerEmail(Map.of("OwnerId", OWNER_18, "Owner", Map.of("Email", "a@b"))))
        .as("an Owner without Id belongs to the OwnerId")
        .contains(new OwnerEmail(OWNER_18, "a@b"));
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("attributes", Map.of("type", "User"));
    owner.put("Id", OWNER_18);
    owner.put("Email", "rep@caskr.example");
    assertThat(RecordRules.ownerEmail(Map.of("OwnerId", OWNER_18, "Owner", owner)))
        .as("ingest's shape, also with a REST relationship's attributes left in")
        .contains(new OwnerEmail(OWNER_18, "rep@caskr.example"));
  }

  @Test
  void anOwnerEmailIsIgnoredWhenItBelongsToAnotherUserOrIsNoEmail() {
    String other = SalesforceId.of("0055e000009ZzZz").value();
    assertThat(
            RecordRules.ownerEmail(
                Map.of("OwnerId", OWNER_15, "Owner", Map.of("Id", other, "Email", "x@y"))))
        .isEmpty();
    assertThat(
            RecordRules.ownerEmail(
                Map.of("OwnerId", OWNER_15, "Owner", Map.of("Id", "not-an-id", "Email", "x@y"))))
        .isEmpty();
    assertThat(RecordRules.ownerEmail(Map.of("OwnerId", OWNER_15, "Owner", Map.of("Email", "@y"))))
        .isEmpty();
    assertThat(
            RecordRules.ownerEmail(Map.of("OwnerId", OWNER_15, "Owner", Map.of("Email", "nobody"))))
        .isEmpty();
    assertThat(RecordRules.ownerEmail(Map.of("OwnerId", OWNER_15))).isEmpty();
    assertThat(RecordRules.ownerEmail(Map.of("OwnerId", "bad", "Owner", Map.of("Email", "x@y"))))
        .isEmpty();
    assertThat(RecordRules.ownerId(Map.of("OwnerId", 5))).isEmpty();
  }

  @Test
  void theOwnersEmailReplacesOwnerIdInACopy() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Name", "Tavern");
    fields.put("OwnerId", OWNER_15);

    Map<String, Object> replaced = RecordRules.withOwnerEmail(fields, "rep@caskr.example");

    assertThat(replaced)
        .containsEntry("OwnerId", "rep@caskr.example")
        .containsEntry("Name", "Tavern");
    assertThat(fields).containsEntry("OwnerId", OWNER_15);
  }

  @Test
  void websitesMatchByDomainAndNamesByTheirNormalForm() {
    assertThat(RecordRules.domain(" https://www.Riverside.example/shop?x=1 "))
        .isEqualTo("riverside.example");
    assertThat(RecordRules.domain("HTTP://WWW.Copper.Example")).isEqualTo("copper.example");
    assertThat(RecordRules.domain("riverside.example")).isEqualTo("riverside.example");
    assertThat(RecordRules.domain("wwwx.example/a")).isEqualTo("wwwx.example");
    assertThat(RecordRules.normalisedName("  The  Barrel\tRoom ")).isEqualTo("the barrel room");
  }

  @Test
  void lineItemsWithoutAKnownProductCodeAreListedMissingCodesFirst() {
    List<Map<String, Object>> items =
        List.of(
            item("00k5e000000AaaaAAA", "CASK-53", 1, "1"),
            item("00k5e000000BbbbAAA", null, 1, "1"),
            item("00k5e000000CcccAAA", "BTL-750", 1, "1"),
            item("00k5e000000DdddAAA", "CASK-53", 2, "1"),
            item("00k5e000000EeeeAAA", "  ", 1, "1"),
            item("00k5e000000FfffAAA", "GLASS", 1, "1"));

    assertThat(RecordRules.productCodes(items)).containsExactly("CASK-53", "BTL-750", "GLASS");
    assertThat(RecordRules.unknownSkus(items, Set.of("CASK-53")))
        .containsExactly(
            "(no ProductCode on 00k5e000000BbbbAAA)",
            "(no ProductCode on 00k5e000000EeeeAAA)",
            "BTL-750",
            "GLASS");
    assertThat(
            RecordRules.unknownSkus(
                List.of(item("00k5e000000AaaaAAA", "CASK-53", 1, "1")), Set.of("CASK-53")))
        .isEmpty();
  }

  @Test
  void lineItemsBecomeNumberedOrderLinesByProductCodeWithDefaults() {
    Map<String, Object> priced = item("00k5e000000Aaaa", " CASK-53 ", 2, "7950.00");
    priced.put("Description", "  first fill ");
    Map<String, Object> bare = new LinkedHashMap<>();
    bare.put("Id", "not-an-id");
    bare.put("ProductCode", "BTL-750");
    Map<String, Object> discounted = item("00k5e000000Cccc", "BTL-750", 10, "25.50");
    discounted.put("TotalPrice", new BigDecimal("200"));

    List<OrderLineValues> lines =
        RecordRules.orderLines(
            List.of(priced, bare, discounted), sku -> sku.equals("CASK-53") ? 11 : 22);

    assertThat(lines)
        .containsExactly(
            new OrderLineValues(
                11,
                1,
                new BigDecimal("2"),
                new BigDecimal("7950.00"),
                new BigDecimal("15900.00"),
                "first fill",
                SalesforceId.of("00k5e000000Aaaa").value()),
            new OrderLineValues(
                22, 2, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, null, null),
            new OrderLineValues(
                22,
                3,
                new BigDecimal("10"),
                new BigDecimal("25.50"),
                new BigDecimal("200"),
                null,
                SalesforceId.of("00k5e000000Cccc").value()));
    assertThatThrownBy(
            () -> RecordRules.orderLines(List.of(item("00k5e000000AaaaAAA", null, 1, "1")), s -> 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void linesAreTheSameWhenOnlyTheScaleOfAnAmountDiffers() {
    OrderLineValues line =
        new OrderLineValues(
            1, 1, new BigDecimal("2"), new BigDecimal("5"), new BigDecimal("10"), "d", null);
    OrderLineValues rescaled =
        new OrderLineValues(
            1,
            1,
            new BigDecimal("2.000"),
            new BigDecimal("5.00"),
            new BigDecimal("10.00"),
            "d",
            null);
    OrderLineValues otherDescription =
        new OrderLineValues(
            1, 1, new BigDecimal("2"), new BigDecimal("5"), new BigDecimal("10"), "e", null);

    assertThat(OrderLineValues.same(List.of(line), List.of(rescaled))).isTrue();
    assertThat(OrderLineValues.same(List.of(line), List.of(otherDescription))).isFalse();
    assertThat(OrderLineValues.same(List.of(line), List.of())).isFalse();
    assertThat(OrderLineValues.same(List.of(), List.of())).isTrue();
  }

  private static Map<String, Object> item(String id, String sku, int quantity, String unitPrice) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("Id", id);
    item.put("ProductCode", sku);
    item.put("Quantity", quantity);
    item.put("UnitPrice", new BigDecimal(unitPrice));
    return item;
  }
}
