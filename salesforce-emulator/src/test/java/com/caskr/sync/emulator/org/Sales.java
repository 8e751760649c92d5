package com.caskr.sync.emulator.org;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test-data builders in the sales domain's language, and an org to write them to. */
final class Sales {

  final TestClock clock = new TestClock();
  final Orgs orgs = new Orgs(clock);
  final Org org;
  final Caller admin;

  Sales() {
    this(Schema.standard());
  }

  Sales(Schema schema) {
    org =
        orgs.create(
            Orgs.Definition.named(
                    "Test Distillery",
                    new NewUser("admin@test.example", "Ada", "Admin", "admin@test.example"))
                .withSchema(schema));
    admin = Caller.user(org.adminUserId());
  }

  String create(Record record) {
    return org.create(record.type, record.values, admin);
  }

  void update(String id, Record changes) {
    org.update(changes.type, id, changes.values, admin);
  }

  Map<String, Object> read(String type, String id) {
    return org.read(type, id);
  }

  /** An active product with a standard price; returns the price book entry id. */
  String standardEntry(String code, String price) {
    String product =
        create(
            aRecord("Product2")
                .with("Name", code + " product")
                .with("ProductCode", code)
                .with("IsActive", true));
    return create(
        aRecord("PricebookEntry")
            .with("Pricebook2Id", org.standardPricebookId())
            .with("Product2Id", product)
            .with("UnitPrice", price)
            .with("IsActive", true));
  }

  static Record aRecord(String type) {
    return new Record(type);
  }

  static Record anAccount() {
    return new Record("Account").with("Name", "Copper Still Tavern");
  }

  static Record aContact() {
    return new Record("Contact").with("LastName", "Marsh");
  }

  static Record anOpportunity() {
    return new Record("Opportunity")
        .with("Name", "Ten casks")
        .with("StageName", "Prospecting")
        .with("CloseDate", "2026-06-30");
  }

  static Record aLineItem(String opportunityId, String entryId) {
    return new Record("OpportunityLineItem")
        .with("OpportunityId", opportunityId)
        .with("PricebookEntryId", entryId)
        .with("Quantity", 1);
  }

  /** A mutable bag of field values for one sObject type. */
  static final class Record {
    final String type;
    final Map<String, Object> values = new LinkedHashMap<>();

    Record(String type) {
      this.type = type;
    }

    Record with(String field, Object value) {
      values.put(field, value);
      return this;
    }

    Record without(String field) {
      values.remove(field);
      return this;
    }

    Record named(String name) {
      return with("Name", name);
    }

    Record inIndustry(String industry) {
      return with("Industry", industry);
    }

    Record withCaskrCustomerId(String id) {
      return with("Caskr_Customer_Id__c", id);
    }

    Record atStage(String stage) {
      return with("StageName", stage);
    }

    Record forAccount(String accountId) {
      return with("AccountId", accountId);
    }

    Record quantity(Object quantity) {
      return with("Quantity", quantity);
    }

    Record unitPrice(Object price) {
      return with("UnitPrice", price);
    }

    Record totalPrice(Object price) {
      return with("TotalPrice", price);
    }

    Record asCaskInvestor() {
      return with("Cask_Investor__c", true).with("Portal_Access__c", true);
    }
  }
}
