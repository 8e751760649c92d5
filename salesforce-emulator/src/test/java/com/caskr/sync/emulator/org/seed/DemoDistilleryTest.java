package com.caskr.sync.emulator.org.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.org.Stage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDistilleryTest {

  private final Org org =
      DemoDistillery.create(
          new Orgs(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));

  @Test
  void hasTradeCustomersAcrossIndustriesIncludingOnesTheOrgAdded() {
    var industries =
        org.rows("Account", false).map(a -> (String) a.get("Industry")).collect(Collectors.toSet());

    assertThat(industries).contains("Restaurants", "Hospitality", "Retail", "Wholesale");
    assertThat(org.rows("Account", false))
        .allSatisfy(a -> assertThat((String) a.get("Caskr_Customer_Id__c")).startsWith("CUST-"));
  }

  @Test
  void hasCaskInvestorsWithPortalAccess() {
    var investors =
        org.rows("Contact", false).filter(c -> c.get("Cask_Investor__c") == Boolean.TRUE).toList();

    assertThat(investors).hasSizeGreaterThanOrEqualTo(2);
    assertThat(investors).allSatisfy(c -> assertThat(c).containsEntry("Portal_Access__c", true));
    assertThat(org.rows("Contact", false))
        .allSatisfy(c -> assertThat((String) c.get("Email")).contains("@"));
  }

  @Test
  void hasAnOpportunityInEveryStage() {
    var stages =
        org.rows("Opportunity", false)
            .map(o -> (String) o.get("StageName"))
            .collect(Collectors.toSet());

    assertThat(stages)
        .containsExactlyInAnyOrderElementsOf(
            Schema.DEFAULT_STAGES.stream().map(Stage::name).toList());
    assertThat(org.rows("Opportunity", false).filter(o -> o.get("IsWon") == Boolean.TRUE))
        .hasSize(1);
  }

  @Test
  void everyOpportunityAmountIsTheSumOfItsLines() {
    Map<Object, BigDecimal> sums =
        org.rows("OpportunityLineItem", false)
            .collect(
                Collectors.groupingBy(
                    l -> l.get("OpportunityId"),
                    Collectors.reducing(
                        BigDecimal.ZERO, l -> (BigDecimal) l.get("TotalPrice"), BigDecimal::add)));

    assertThat(sums).hasSize(10);
    org.rows("Opportunity", false)
        .forEach(
            o -> {
              assertThat(o).containsEntry("HasOpportunityLineItem", true);
              assertThat((BigDecimal) o.get("Amount")).isEqualByComparingTo(sums.get(o.get("Id")));
            });
  }

  @Test
  void sellsCasksAndCasesFromTheStandardPriceBook() {
    var codes =
        org.rows("OpportunityLineItem", false)
            .map(l -> (String) l.get("ProductCode"))
            .collect(Collectors.toSet());

    assertThat(codes).contains("CASK-BOURBON-53GAL", "BTL-RYE-750ML-CS");
    assertThat(org.rows("PricebookEntry", false))
        .hasSize(DemoDistillery.PRODUCTS.size())
        .allSatisfy(e -> assertThat(e).containsEntry("Pricebook2Id", org.standardPricebookId()));
  }

  @Test
  void hasUsersWithEmailsOwningRecords() {
    assertThat(org.userIds()).hasSize(3);
    var owners = org.rows("Account", false).map(a -> a.get("OwnerId")).collect(Collectors.toSet());
    assertThat(owners).containsExactlyInAnyOrderElementsOf(org.userIds());
    assertThat(org.rows("User", false))
        .allSatisfy(u -> assertThat((String) u.get("Email")).endsWith(".example"));
  }
}
