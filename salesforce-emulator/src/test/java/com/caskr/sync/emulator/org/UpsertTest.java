package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpsertTest {

  @Test
  void createsWhenNothingMatches() {
    var sales = new Sales();

    UpsertOutcome outcome =
        sales.org.upsert(
            "Account",
            "Caskr_Customer_Id__c",
            "CUST-42",
            Map.of("Name", "Grain Exchange"),
            sales.admin);

    assertThat(outcome).isInstanceOf(UpsertOutcome.Created.class);
    String id = ((UpsertOutcome.Created) outcome).id();
    assertThat(sales.read("Account", id))
        .containsEntry("Caskr_Customer_Id__c", "CUST-42")
        .containsEntry("Name", "Grain Exchange");
  }

  @Test
  void updatesTheSingleMatchIgnoringCase() {
    var sales = new Sales();
    String id = sales.create(anAccount().withCaskrCustomerId("CUST-42"));

    UpsertOutcome outcome =
        sales.org.upsert(
            "account", "caskr_customer_id__c", "cust-42", Map.of("Phone", "555-0100"), sales.admin);

    assertThat(outcome).isEqualTo(new UpsertOutcome.Updated(id));
    assertThat(sales.read("Account", id)).containsEntry("Phone", "555-0100");
    assertThat(sales.org.count("Account", true)).isEqualTo(1);
  }

  @Test
  void ignoresRecordsInTheRecycleBin() {
    var sales = new Sales();
    String deleted = sales.create(anAccount().withCaskrCustomerId("CUST-42"));
    sales.org.delete(deleted, sales.admin);

    UpsertOutcome outcome =
        sales.org.upsert(
            "Account", "Caskr_Customer_Id__c", "CUST-42", Map.of("Name", "Again"), sales.admin);

    assertThat(outcome).isInstanceOf(UpsertOutcome.Created.class);
    assertThat(((UpsertOutcome.Created) outcome).id()).isNotEqualTo(deleted);
  }

  @Test
  void refusesSeveralMatchesOfANonUniqueExternalId() {
    var sales =
        new Sales(
            Schema.standard()
                .withField("Account", Field.customText("Legacy_Ref__c", 40, true, false)));
    String first = sales.create(anAccount().with("Legacy_Ref__c", "L-1"));
    String second = sales.create(anAccount().with("Legacy_Ref__c", "L-1"));

    UpsertOutcome outcome =
        sales.org.upsert("Account", "Legacy_Ref__c", "L-1", Map.of("Phone", "1"), sales.admin);

    assertThat(outcome)
        .isEqualTo(new UpsertOutcome.MultipleMatches(java.util.List.of(first, second)));
    assertThat(sales.read("Account", first)).doesNotContainKey("Phone");
  }

  @Test
  void refusesAFieldThatIsNoExternalIdOrDoesNotExist() {
    var sales = new Sales();

    assertThat(sales.org.upsert("Account", "Name", "x", Map.of(), sales.admin))
        .isEqualTo(new UpsertOutcome.NotAnExternalIdField("Name"));
    assertThat(sales.org.upsert("Account", "Nope__c", "x", Map.of(), sales.admin))
        .isEqualTo(new UpsertOutcome.NotAnExternalIdField("Nope__c"));
    assertThat(sales.org.count("Account", true)).isZero();
  }

  @Test
  void reportsADuplicateValueWhenAnUpdateCollidesWithAnotherRecord() {
    var sales = new Sales();
    sales.create(anAccount().withCaskrCustomerId("CUST-1"));
    sales.create(anAccount().withCaskrCustomerId("CUST-2"));

    var rejected =
        catchThrowableOfType(
            RequestRejected.class,
            () ->
                sales.org.upsert(
                    "Account",
                    "Caskr_Customer_Id__c",
                    "CUST-2",
                    Map.of("Caskr_Customer_Id__c", "CUST-1"),
                    sales.admin));

    assertThat(rejected.code()).isEqualTo(ErrorCode.DUPLICATE_VALUE);
    assertThat(rejected.errors().getFirst().fields()).containsExactly("Caskr_Customer_Id__c");
  }

  @Test
  void upsertsByIdToo() {
    var sales = new Sales();
    String id = sales.create(anAccount());

    assertThat(
            sales.org.upsert(
                "Account", "Id", id.substring(0, 15), Map.of("Phone", "2"), sales.admin))
        .isEqualTo(new UpsertOutcome.Updated(id));
  }
}
