package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.aRecord;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private final Sales sales = new Sales();

  private static SalesforceError rejection(ThrowingCallable call) {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(RequestRejected.class, call);
    assertThat(thrown).as("rejected").isNotNull();
    return thrown.errors().getFirst();
  }

  private void assertNothingStored(String type) {
    assertThat(sales.org.count(type, true)).isZero();
  }

  @Test
  void rejectsMissingRequiredFieldsListingThemAll() {
    SalesforceError error =
        rejection(() -> sales.create(anOpportunity().without("StageName").without("CloseDate")));

    assertThat(error.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
    assertThat(error.fields()).containsExactly("StageName", "CloseDate");
    assertNothingStored("Opportunity");
  }

  @Test
  void treatsAnEmptyStringAsMissing() {
    SalesforceError error = rejection(() -> sales.create(anAccount().named("")));

    assertThat(error.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
    assertThat(error.fields()).containsExactly("Name");
  }

  @Test
  void rejectsClearingARequiredFieldOnUpdate() {
    String id = sales.create(aContact());

    SalesforceError error =
        rejection(() -> sales.update(id, aRecord("Contact").with("LastName", null)));

    assertThat(error.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
    assertThat(error.fields()).containsExactly("LastName");
    assertThat(sales.read("Contact", id)).containsEntry("LastName", "Marsh");
  }

  @Test
  void rejectsAStringOverItsLength() {
    SalesforceError error = rejection(() -> sales.create(anAccount().named("x".repeat(256))));

    assertThat(error.code()).isEqualTo(ErrorCode.STRING_TOO_LONG);
    assertThat(error.fields()).containsExactly("Name");
    assertThat(error.message()).contains("max length=255");
  }

  @Test
  void acceptsAStringOfExactlyItsLength() {
    String id = sales.create(anAccount().named("x".repeat(255)));

    assertThat((String) sales.read("Account", id).get("Name")).hasSize(255);
  }

  @Test
  void rejectsAValueOutsideARestrictedPicklist() {
    SalesforceError error = rejection(() -> sales.create(anAccount().inIndustry("Wholesale")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST);
    assertThat(error.fields()).containsExactly("Industry");
  }

  @Test
  void rejectsAnUnknownStage() {
    SalesforceError error = rejection(() -> sales.create(anOpportunity().atStage("Won")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST);
    assertThat(error.fields()).containsExactly("StageName");
  }

  @Test
  void acceptsAnyValueInAnUnrestrictedPicklist() {
    String id = sales.create(anAccount().with("Type", "Distillery Friend"));

    assertThat(sales.read("Account", id)).containsEntry("Type", "Distillery Friend");
  }

  @Test
  void rejectsWritesToReadOnlyFields() {
    SalesforceError error =
        rejection(
            () -> sales.create(anOpportunity().with("IsClosed", true).with("ExpectedRevenue", 10)));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE);
    assertThat(error.fields()).containsExactly("IsClosed", "ExpectedRevenue");
  }

  @Test
  void rejectsWritingAuditFieldsAndCompoundAddresses() {
    String id = sales.create(anAccount());

    for (String field :
        List.of(
            "Id",
            "CreatedDate",
            "LastModifiedDate",
            "SystemModstamp",
            "IsDeleted",
            "BillingAddress")) {
      SalesforceError error =
          rejection(() -> sales.update(id, aRecord("Account").with(field, "x")));
      assertThat(error.code()).as(field).isEqualTo(ErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE);
      assertThat(error.fields()).containsExactly(field);
    }
  }

  @Test
  void rejectsReparentingALineItem() {
    String entry = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String opportunity = sales.create(anOpportunity());
    String other = sales.create(anOpportunity());
    String line = sales.create(aLineItem(opportunity, entry).unitPrice(8500));

    SalesforceError error =
        rejection(
            () -> sales.update(line, aRecord("OpportunityLineItem").with("OpportunityId", other)));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE);
    assertThat(error.fields()).containsExactly("OpportunityId");
  }

  @Test
  void rejectsUnknownFields() {
    SalesforceError error = rejection(() -> sales.create(anAccount().with("Colour__c", "amber")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(error.fields()).containsExactly("Colour__c");
    assertThat(error.message()).isEqualTo("No such column 'Colour__c' on sobject of type Account");
  }

  @Test
  void acceptsFieldNamesInAnyCaseAndStoresThemCanonically() {
    String id = sales.create(aRecord("account").with("name", "Lower Case Ltd"));

    assertThat(sales.read("Account", id)).containsEntry("Name", "Lower Case Ltd");
  }

  @Test
  void rejectsAnUnknownSObjectType() {
    SalesforceError error = rejection(() -> sales.create(aRecord("Cask__c").with("Name", "x")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TYPE);
  }

  @Test
  void rejectsAMalformedReference() {
    SalesforceError error = rejection(() -> sales.create(aContact().forAccount("not-an-id")));

    assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_ID);
    assertThat(error.fields()).containsExactly("AccountId");
  }

  @Test
  void rejectsAReferenceToARecordThatDoesNotExist() {
    String ghost = "001" + "Em" + "ZZZZZZZZZZ";

    SalesforceError error = rejection(() -> sales.create(aContact().forAccount(ghost)));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_CROSS_REFERENCE_KEY);
    assertThat(error.fields()).containsExactly("AccountId");
  }

  @Test
  void rejectsAReferenceToARecordOfAnotherType() {
    String contact = sales.create(aContact());

    SalesforceError error = rejection(() -> sales.create(aContact().forAccount(contact)));

    assertThat(error.code()).isEqualTo(ErrorCode.FIELD_INTEGRITY_EXCEPTION);
    assertThat(error.fields()).containsExactly("AccountId");
  }

  @Test
  void rejectsAReferenceToADeletedRecord() {
    String account = sales.create(anAccount());
    sales.org.delete(account, sales.admin);

    SalesforceError error = rejection(() -> sales.create(aContact().forAccount(account)));

    assertThat(error.code()).isEqualTo(ErrorCode.ENTITY_IS_DELETED);
    assertThat(error.fields()).containsExactly("AccountId");
  }

  @Test
  void rejectsUpdatingADeletedRecord() {
    String account = sales.create(anAccount());
    sales.org.delete(account, sales.admin);

    SalesforceError error = rejection(() -> sales.update(account, anAccount().named("Back")));

    assertThat(error.code()).isEqualTo(ErrorCode.ENTITY_IS_DELETED);
  }

  @Test
  void reportsNotFoundForAnUnknownIdOrAnIdOfAnotherType() {
    String contact = sales.create(aContact());

    assertThat(rejection(() -> sales.read("Account", "001EmZZZZZZZZZZ")).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(rejection(() -> sales.read("Account", contact)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(rejection(() -> sales.read("Account", "garbage")).code())
        .isEqualTo(ErrorCode.MALFORMED_ID);
  }

  @Test
  void rejectsADuplicateUniqueExternalIdIgnoringCase() {
    String first = sales.create(anAccount().withCaskrCustomerId("CUST-1001"));

    SalesforceError error =
        rejection(() -> sales.create(anAccount().withCaskrCustomerId("cust-1001")));

    assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_VALUE);
    assertThat(error.fields()).containsExactly("Caskr_Customer_Id__c");
    assertThat(error.message()).contains(first);
  }

  @Test
  void rejectsAnInvalidEmail() {
    SalesforceError error = rejection(() -> sales.create(aContact().with("Email", "ellen@")));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_EMAIL_ADDRESS);
    assertThat(error.fields()).containsExactly("Email");
  }

  @Test
  void rejectsBadDatesNumbersAndBooleans() {
    assertThat(rejection(() -> sales.create(anOpportunity().with("CloseDate", "2026-13-45"))))
        .extracting(SalesforceError::code, SalesforceError::fields)
        .containsExactly(ErrorCode.JSON_PARSER_ERROR, List.of("CloseDate"));
    assertThat(rejection(() -> sales.create(anOpportunity().with("Amount", "lots"))).fields())
        .containsExactly("Amount");
    assertThat(rejection(() -> sales.create(aContact().with("Cask_Investor__c", "yes"))).code())
        .isEqualTo(ErrorCode.JSON_PARSER_ERROR);
    assertThat(rejection(() -> sales.create(anAccount().with("NumberOfEmployees", 12.5))).code())
        .isEqualTo(ErrorCode.JSON_PARSER_ERROR);
  }

  @Test
  void rejectsANumberTooLargeForItsPrecision() {
    SalesforceError error =
        rejection(() -> sales.create(anOpportunity().with("Probability", 1000)));

    assertThat(error.code()).isEqualTo(ErrorCode.NUMBER_OUTSIDE_VALID_RANGE);
    assertThat(error.fields()).containsExactly("Probability");
  }

  @Test
  void convertsJsonIshValuesToTheStoredTypes() {
    String id =
        sales.create(
            anOpportunity()
                .with("CloseDate", "2026-01-15")
                .with("Amount", "1234.5")
                .with("Probability", 35.0));
    String contact =
        sales.create(
            aContact()
                .with("Birthdate", LocalDate.of(1980, 5, 1))
                .with("Cask_Investor__c", "true"));

    var opportunity = sales.read("Opportunity", id);
    assertThat(opportunity.get("CloseDate")).isEqualTo(LocalDate.of(2026, 1, 15));
    assertThat(opportunity.get("Amount")).isEqualTo(new BigDecimal("1234.50"));
    assertThat(opportunity.get("Probability")).isEqualTo(new BigDecimal("35"));
    assertThat(opportunity.get("CreatedDate")).isInstanceOf(Instant.class);
    assertThat(sales.read("Contact", contact)).containsEntry("Cask_Investor__c", true);
  }

  @Test
  void parsesTheApiDatetimeFormats() {
    assertThat(FieldValues.parseDateTime("2024-01-15T10:30:00.000+0000"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(FieldValues.parseDateTime("2024-01-15T12:30:00+02:00"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(FieldValues.parseDateTime("2024-01-15T10:30:00Z"))
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(FieldValues.parseDateTime("2024-01-15"))
        .isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
    assertThat(FieldValues.parseDateTime("15/01/2024")).isNull();
  }

  @Test
  void rejectsBothUnitPriceAndTotalPriceOnALineItem() {
    String entry = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String opportunity = sales.create(anOpportunity());

    SalesforceError error =
        rejection(() -> sales.create(aLineItem(opportunity, entry).unitPrice(165).totalPrice(330)));

    assertThat(error.code()).isEqualTo(ErrorCode.FIELD_INTEGRITY_EXCEPTION);
    assertThat(error.fields()).containsExactly("TotalPrice");
    assertNothingStored("OpportunityLineItem");
  }

  @Test
  void rejectsALineItemFromAnotherPriceBook() {
    String standard = sales.standardEntry("BTL-RYE-750ML-CS", "165");
    String product = (String) sales.read("PricebookEntry", standard).get("Product2Id");
    String trade = sales.create(aRecord("Pricebook2").named("Trade").with("IsActive", true));
    String tradeEntry =
        sales.create(
            aRecord("PricebookEntry")
                .with("Pricebook2Id", trade)
                .with("Product2Id", product)
                .with("UnitPrice", 150)
                .with("IsActive", true));
    String opportunity =
        sales.create(anOpportunity().with("Pricebook2Id", sales.org.standardPricebookId()));

    SalesforceError error =
        rejection(() -> sales.create(aLineItem(opportunity, tradeEntry).unitPrice(150)));

    assertThat(error.code()).isEqualTo(ErrorCode.FIELD_INTEGRITY_EXCEPTION);
    assertThat(error.fields()).containsExactly("PricebookEntryId");
  }

  @Test
  void rejectsACustomPriceBeforeAStandardPrice() {
    String product = sales.create(aRecord("Product2").named("Gin").with("IsActive", true));
    String trade = sales.create(aRecord("Pricebook2").named("Trade").with("IsActive", true));

    SalesforceError error =
        rejection(
            () ->
                sales.create(
                    aRecord("PricebookEntry")
                        .with("Pricebook2Id", trade)
                        .with("Product2Id", product)
                        .with("UnitPrice", 99)));

    assertThat(error.code()).isEqualTo(ErrorCode.STANDARD_PRICE_NOT_DEFINED);
  }

  @Test
  void refusesToDeleteUsers() {
    SalesforceError error = rejection(() -> sales.org.delete(sales.org.adminUserId(), sales.admin));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TYPE_FOR_OPERATION);
  }
}
