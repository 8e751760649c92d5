package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.aRecord;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpportunityDerivationTest {

  private final Sales sales = new Sales();

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void derivesClosedWonFromTheStage() {
    String id = sales.create(anOpportunity().atStage("Closed Won"));

    var row = sales.read("Opportunity", id);
    assertThat(row)
        .containsEntry("IsClosed", true)
        .containsEntry("IsWon", true)
        .containsEntry("Probability", BigDecimal.valueOf(100))
        .containsEntry("ForecastCategoryName", "Closed")
        .containsEntry("ForecastCategory", "Closed");
  }

  @Test
  void derivesClosedLostAndOpenStages() {
    String lost = sales.create(anOpportunity().atStage("Closed Lost"));
    String open = sales.create(anOpportunity().atStage("Negotiation/Review"));

    assertThat(sales.read("Opportunity", lost))
        .containsEntry("IsClosed", true)
        .containsEntry("IsWon", false)
        .containsEntry("ForecastCategoryName", "Omitted");
    assertThat(sales.read("Opportunity", open))
        .containsEntry("IsClosed", false)
        .containsEntry("IsWon", false)
        .containsEntry("Probability", BigDecimal.valueOf(90))
        .containsEntry("ForecastCategoryName", "Pipeline");
  }

  @Test
  void resetsProbabilityWhenTheStageMovesUnlessOneIsGiven() {
    String id = sales.create(anOpportunity().with("Probability", 33));
    assertThat(sales.read("Opportunity", id)).containsEntry("Probability", BigDecimal.valueOf(33));

    sales.update(id, aRecord("Opportunity").atStage("Value Proposition"));
    assertThat(sales.read("Opportunity", id)).containsEntry("Probability", BigDecimal.valueOf(50));

    sales.update(id, aRecord("Opportunity").atStage("Closed Won").with("Probability", 95));
    assertThat(sales.read("Opportunity", id))
        .containsEntry("Probability", BigDecimal.valueOf(95))
        .containsEntry("IsWon", true);
  }

  @Test
  void computesExpectedRevenueFromAmountAndProbability() {
    String id = sales.create(anOpportunity().atStage("Value Proposition").with("Amount", 1000));

    assertThat(sales.read("Opportunity", id)).containsEntry("ExpectedRevenue", money("500.00"));
  }

  @Test
  void sumsLineItemsIntoTheAmount() {
    String cask = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String cases = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String id = sales.create(anOpportunity().with("Amount", 1));

    sales.create(aLineItem(id, cask).quantity(2).unitPrice(8000));
    sales.create(aLineItem(id, cases).quantity(10).totalPrice("1500"));

    var row = sales.read("Opportunity", id);
    assertThat(row)
        .containsEntry("Amount", money("17500.00"))
        .containsEntry("HasOpportunityLineItem", true)
        .containsEntry("TotalOpportunityQuantity", money("12.00"))
        .containsEntry("Pricebook2Id", sales.org.standardPricebookId());
  }

  @Test
  void silentlyIgnoresAmountWritesWhileLineItemsExist() {
    String cask = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String id = sales.create(anOpportunity());
    sales.create(aLineItem(id, cask).unitPrice(8500));

    sales.update(id, aRecord("Opportunity").with("Amount", 1).with("NextStep", "Ship"));

    assertThat(sales.read("Opportunity", id))
        .containsEntry("Amount", money("8500.00"))
        .containsEntry("NextStep", "Ship");
  }

  @Test
  void movesSystemModstampButNotLastModifiedDateWhenLinesChangeTheAmount() {
    String cask = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String id = sales.create(anOpportunity());
    Instant created = (Instant) sales.read("Opportunity", id).get("LastModifiedDate");

    sales.clock.advance(Duration.ofMinutes(5));
    sales.create(aLineItem(id, cask).unitPrice(8500));

    var row = sales.read("Opportunity", id);
    assertThat(row.get("LastModifiedDate")).isEqualTo(created);
    assertThat(row.get("SystemModstamp")).isEqualTo(created.plus(Duration.ofMinutes(5)));
    assertThat((Instant) row.get("SystemModstamp")).isAfter((Instant) row.get("LastModifiedDate"));
  }

  @Test
  void movesBothStampsOnAUserEdit() {
    String id = sales.create(aContact());
    sales.clock.advance(Duration.ofMinutes(1));

    sales.update(id, aRecord("Contact").with("Title", "Owner"));

    var row = sales.read("Contact", id);
    assertThat(row.get("LastModifiedDate")).isEqualTo(sales.clock.instant());
    assertThat(row.get("SystemModstamp")).isEqualTo(sales.clock.instant());
    assertThat(row.get("CreatedDate"))
        .isEqualTo(sales.clock.instant().minus(Duration.ofMinutes(1)));
    assertThat(row.get("LastModifiedById")).isEqualTo(sales.org.adminUserId());
  }

  @Test
  void derivesLineItemPricesAndCopiesFromTheProductAndEntry() {
    String entry = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String opportunity = sales.create(anOpportunity().named("Spring order"));

    String byUnit = sales.create(aLineItem(opportunity, entry).quantity(4).unitPrice("150"));
    String byTotal = sales.create(aLineItem(opportunity, entry).quantity(3).totalPrice("450"));

    assertThat(sales.read("OpportunityLineItem", byUnit))
        .containsEntry("TotalPrice", money("600.00"))
        .containsEntry("ListPrice", money("165.00"))
        .containsEntry("ProductCode", "BTL-RYE-750ML-CS")
        .containsEntry("Name", "Spring order BTL-RYE-750ML-CS product");
    assertThat(sales.read("OpportunityLineItem", byTotal))
        .containsEntry("UnitPrice", money("150.00"));
  }

  @Test
  void recomputesTheTotalWhenQuantityChanges() {
    String entry = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String opportunity = sales.create(anOpportunity());
    String line = sales.create(aLineItem(opportunity, entry).quantity(2).unitPrice(100));

    sales.update(line, aRecord("OpportunityLineItem").quantity(5));

    assertThat(sales.read("OpportunityLineItem", line))
        .containsEntry("TotalPrice", money("500.00"));
    assertThat(sales.read("Opportunity", opportunity)).containsEntry("Amount", money("500.00"));
  }

  @Test
  void takesTheAmountBackToZeroWhenTheLastLineGoes() {
    String entry = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String opportunity = sales.create(anOpportunity());
    String line = sales.create(aLineItem(opportunity, entry).unitPrice(165));

    sales.org.delete(line, sales.admin);

    assertThat(sales.read("Opportunity", opportunity))
        .containsEntry("HasOpportunityLineItem", false)
        .containsEntry("Amount", money("0.00"));
    sales.update(opportunity, aRecord("Opportunity").with("Amount", 42));
    assertThat(sales.read("Opportunity", opportunity)).containsEntry("Amount", money("42.00"));
  }

  @Test
  void acceptsAProductInsteadOfAPriceBookEntry() {
    String entry = sales.standardEntry("TOUR-PRIVATE-TASTING", "450");
    String product = (String) sales.read("PricebookEntry", entry).get("Product2Id");
    String opportunity = sales.create(anOpportunity());

    String line =
        sales.create(
            aRecord("OpportunityLineItem")
                .with("OpportunityId", opportunity)
                .with("Product2Id", product)
                .quantity(1)
                .unitPrice(450));

    assertThat(sales.read("OpportunityLineItem", line)).containsEntry("PricebookEntryId", entry);
  }

  @Test
  void namesContactsFromTheirFirstAndLastName() {
    String id = sales.create(aContact().with("FirstName", "Ellen"));
    assertThat(sales.read("Contact", id)).containsEntry("Name", "Ellen Marsh");

    sales.update(id, aRecord("Contact").with("FirstName", null));
    assertThat(sales.read("Contact", id))
        .containsEntry("Name", "Marsh")
        .doesNotContainKey("FirstName");
  }

  @Test
  void defaultsTheOwnerToTheCallerAndCheckboxesToFalse() {
    String id = sales.create(aContact());

    assertThat(sales.read("Contact", id))
        .containsEntry("OwnerId", sales.org.adminUserId())
        .containsEntry("Cask_Investor__c", false)
        .containsEntry("IsDeleted", false);
  }
}
