package com.caskr.sync.emulator.soql;

import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An in-memory org with the slice of the standard schema our sync touches: accounts, contacts,
 * opportunities with line items, products, price book entries and users.
 */
final class TestOrg implements RecordSource {

  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "Account",
          List.of(
              "Id",
              "IsDeleted",
              "Name",
              "Industry",
              "AnnualRevenue",
              "OwnerId",
              "Description",
              "BillingStreet",
              "BillingCity",
              "BillingAddress",
              "CreatedDate",
              "SystemModstamp"),
          "Contact",
          List.of("Id", "IsDeleted", "AccountId", "FirstName", "LastName", "Email"),
          "Opportunity",
          List.of(
              "Id",
              "IsDeleted",
              "Name",
              "AccountId",
              "OwnerId",
              "StageName",
              "CloseDate",
              "Amount",
              "IsClosed",
              "SystemModstamp"),
          "OpportunityLineItem",
          List.of(
              "Id",
              "IsDeleted",
              "OpportunityId",
              "PricebookEntryId",
              "Product2Id",
              "ProductCode",
              "Quantity",
              "UnitPrice"),
          "User",
          List.of("Id", "IsDeleted", "Name", "Email", "ManagerId"),
          "Product2",
          List.of("Id", "IsDeleted", "Name", "ProductCode"),
          "PricebookEntry",
          List.of("Id", "IsDeleted", "Product2Id", "UnitPrice"));

  private static final Map<String, String> KEY_PREFIXES =
      Map.of(
          "Account", "001",
          "Contact", "003",
          "Opportunity", "006",
          "OpportunityLineItem", "00k",
          "User", "005",
          "Product2", "01t",
          "PricebookEntry", "01u");

  private static final Map<String, ParentRelationship> PARENTS =
      Map.of(
          "opportunity.account", new ParentRelationship("AccountId", "Account"),
          "opportunity.owner", new ParentRelationship("OwnerId", "User"),
          "account.owner", new ParentRelationship("OwnerId", "User"),
          "contact.account", new ParentRelationship("AccountId", "Account"),
          "opportunitylineitem.opportunity", new ParentRelationship("OpportunityId", "Opportunity"),
          "opportunitylineitem.product2", new ParentRelationship("Product2Id", "Product2"),
          "opportunitylineitem.pricebookentry",
              new ParentRelationship("PricebookEntryId", "PricebookEntry"),
          "pricebookentry.product2", new ParentRelationship("Product2Id", "Product2"),
          "user.manager", new ParentRelationship("ManagerId", "User"));

  private static final Map<String, ChildRelationship> CHILDREN =
      Map.of(
          "opportunity.opportunitylineitems",
              new ChildRelationship("OpportunityLineItem", "OpportunityId"),
          "account.contacts", new ChildRelationship("Contact", "AccountId"),
          "account.opportunities", new ChildRelationship("Opportunity", "AccountId"));

  private final Map<String, List<Map<String, Object>>> rowsByType = new HashMap<>();
  private final Map<String, Map<String, Object>> rowsById = new HashMap<>();
  private int sequence;

  static TestOrg anOrg() {
    return new TestOrg();
  }

  RecordBuilder anAccount(String name) {
    return new RecordBuilder("Account").with("Name", name);
  }

  RecordBuilder aContact(String lastName) {
    return new RecordBuilder("Contact").with("LastName", lastName);
  }

  RecordBuilder anOpportunity(String name) {
    return new RecordBuilder("Opportunity").with("Name", name).with("IsClosed", false);
  }

  RecordBuilder aLineItem(String opportunityId) {
    return new RecordBuilder("OpportunityLineItem").with("OpportunityId", opportunityId);
  }

  RecordBuilder aUser(String name) {
    return new RecordBuilder("User").with("Name", name);
  }

  RecordBuilder aProduct(String name) {
    return new RecordBuilder("Product2").with("Name", name);
  }

  final class RecordBuilder {
    private final String type;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private RecordBuilder(String type) {
      this.type = type;
    }

    RecordBuilder with(String field, Object value) {
      values.put(field, value instanceof Integer n ? BigDecimal.valueOf(n) : value);
      return this;
    }

    RecordBuilder withIndustry(String industry) {
      return with("Industry", industry);
    }

    RecordBuilder withAnnualRevenue(long revenue) {
      return with("AnnualRevenue", BigDecimal.valueOf(revenue));
    }

    RecordBuilder withEmail(String email) {
      return with("Email", email);
    }

    RecordBuilder ownedBy(String userId) {
      return with("OwnerId", userId);
    }

    RecordBuilder forAccount(String accountId) {
      return with("AccountId", accountId);
    }

    RecordBuilder inStage(String stage) {
      return with("StageName", stage).with("IsClosed", stage.startsWith("Closed"));
    }

    RecordBuilder closingOn(LocalDate date) {
      return with("CloseDate", date);
    }

    RecordBuilder modifiedAt(Instant instant) {
      return with("SystemModstamp", instant);
    }

    RecordBuilder deleted() {
      return with("IsDeleted", true);
    }

    /** Stores the record and returns its 18-character id. */
    String create() {
      String id = nextId(type);
      var row = new HashMap<String, Object>();
      for (String field : FIELDS.get(type)) {
        row.put(field, null);
      }
      row.put("Id", id);
      row.put("IsDeleted", false);
      row.putAll(values);
      rowsByType.computeIfAbsent(type, t -> new ArrayList<>()).add(row);
      rowsById.put(id, row);
      return id;
    }
  }

  private String nextId(String type) {
    // Mixed case on purpose: ids compare case-sensitively.
    String fifteen = KEY_PREFIXES.get(type) + "Ab" + String.format("%010d", ++sequence);
    return SalesforceId.of(fifteen).value();
  }

  @Override
  public Stream<Map<String, Object>> rows(String sobjectType, boolean includeDeleted) {
    return rowsByType.getOrDefault(canonicalType(sobjectType), List.of()).stream()
        .filter(row -> includeDeleted || !Boolean.TRUE.equals(row.get("IsDeleted")));
  }

  @Override
  public Optional<Map<String, Object>> row(String id) {
    return Optional.ofNullable(rowsById.get(id));
  }

  @Override
  public boolean hasType(String sobjectType) {
    return canonicalType(sobjectType) != null;
  }

  @Override
  public Optional<String> field(String sobjectType, String fieldName) {
    String type = canonicalType(sobjectType);
    if (type == null) {
      return Optional.empty();
    }
    return FIELDS.get(type).stream().filter(f -> f.equalsIgnoreCase(fieldName)).findFirst();
  }

  @Override
  public Optional<ParentRelationship> parent(String sobjectType, String relationshipName) {
    return Optional.ofNullable(PARENTS.get(key(sobjectType, relationshipName)));
  }

  @Override
  public Optional<ChildRelationship> child(String sobjectType, String relationshipName) {
    return Optional.ofNullable(CHILDREN.get(key(sobjectType, relationshipName)));
  }

  private static String key(String type, String name) {
    return (type + "." + name).toLowerCase(Locale.ROOT);
  }

  private static String canonicalType(String type) {
    return FIELDS.keySet().stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
  }
}
