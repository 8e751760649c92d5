package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.FieldType.ADDRESS;
import static com.caskr.sync.emulator.org.FieldType.BOOLEAN;
import static com.caskr.sync.emulator.org.FieldType.CURRENCY;
import static com.caskr.sync.emulator.org.FieldType.DATE;
import static com.caskr.sync.emulator.org.FieldType.DATETIME;
import static com.caskr.sync.emulator.org.FieldType.DOUBLE;
import static com.caskr.sync.emulator.org.FieldType.EMAIL;
import static com.caskr.sync.emulator.org.FieldType.ID;
import static com.caskr.sync.emulator.org.FieldType.INT;
import static com.caskr.sync.emulator.org.FieldType.PERCENT;
import static com.caskr.sync.emulator.org.FieldType.PHONE;
import static com.caskr.sync.emulator.org.FieldType.STRING;
import static com.caskr.sync.emulator.org.FieldType.TEXTAREA;
import static com.caskr.sync.emulator.org.FieldType.URL;

import com.caskr.sync.emulator.org.SObjectType.ChildRelation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sObjects of one org, as describe reports them. Orgs edit picklists and add custom fields, so
 * a schema is a value that can be derived from the standard one ({@link #withPicklistValues},
 * {@link #withField}, {@link #withStages}).
 */
public final class Schema {

  public static final List<String> DEFAULT_INDUSTRIES =
      List.of(
          "Agriculture",
          "Apparel",
          "Banking",
          "Biotechnology",
          "Chemicals",
          "Communications",
          "Construction",
          "Consulting",
          "Education",
          "Electronics",
          "Energy",
          "Engineering",
          "Entertainment",
          "Environmental",
          "Finance",
          "Food & Beverage",
          "Government",
          "Healthcare",
          "Hospitality",
          "Insurance",
          "Machinery",
          "Manufacturing",
          "Media",
          "Not For Profit",
          "Other",
          "Recreation",
          "Retail",
          "Shipping",
          "Technology",
          "Telecommunications",
          "Transportation",
          "Utilities");

  // Probabilities and forecast categories of the open stages are Salesforce's usual defaults [U].
  public static final List<Stage> DEFAULT_STAGES =
      List.of(
          new Stage("Prospecting", 10, "Pipeline", false, false),
          new Stage("Qualification", 10, "Pipeline", false, false),
          new Stage("Needs Analysis", 20, "Pipeline", false, false),
          new Stage("Value Proposition", 50, "Pipeline", false, false),
          new Stage("Id. Decision Makers", 60, "Pipeline", false, false),
          new Stage("Perception Analysis", 70, "Pipeline", false, false),
          new Stage("Proposal/Price Quote", 75, "Pipeline", false, false),
          new Stage("Negotiation/Review", 90, "Pipeline", false, false),
          new Stage("Closed Won", 100, "Closed", true, true),
          new Stage("Closed Lost", 0, "Omitted", true, false));

  public static final List<String> FORECAST_CATEGORIES =
      List.of("Pipeline", "Best Case", "Commit", "Omitted", "Closed");

  private final Map<String, SObjectType> typesByLowerName;
  private final Map<String, SObjectType> typesByPrefix;
  private final List<Stage> stages;

  private Schema(Collection<SObjectType> types, List<Stage> stages) {
    var byName = new LinkedHashMap<String, SObjectType>();
    var byPrefix = new HashMap<String, SObjectType>();
    for (SObjectType t : types) {
      byName.put(t.name().toLowerCase(Locale.ROOT), t);
      byPrefix.put(t.keyPrefix(), t);
    }
    this.typesByLowerName = byName;
    this.typesByPrefix = byPrefix;
    this.stages = List.copyOf(stages);
  }

  /** The standard objects with Caskr's custom fields, default picklists and stages. */
  public static Schema standard() {
    return new Schema(StandardObjects.all(), DEFAULT_STAGES);
  }

  public Collection<SObjectType> types() {
    return typesByLowerName.values();
  }

  /** Case-insensitive lookup by API name. */
  public Optional<SObjectType> type(String name) {
    return Optional.ofNullable(typesByLowerName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The type an (18- or 15-character) id belongs to, by its key prefix. */
  public Optional<SObjectType> typeOfId(String id) {
    return id == null || id.length() < 3
        ? Optional.empty()
        : Optional.ofNullable(typesByPrefix.get(id.substring(0, 3)));
  }

  public List<Stage> stages() {
    return stages;
  }

  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The org's picklist edited: e.g. Industry with "Wholesale" and "Restaurants" added. */
  public Schema withPicklistValues(
      String typeName, String fieldName, List<String> values, boolean restricted) {
    SObjectType type = requireType(typeName);
    Field field = type.field(fieldName).orElseThrow();
    return replacing(type.with(field.withPicklist(values, restricted)), stages);
  }

  /** A custom field added, or a field replaced. */
  public Schema withField(String typeName, Field field) {
    return replacing(requireType(typeName).with(field), stages);
  }

  /** The org's own sales process; StageName's picklist follows it. */
  public Schema withStages(List<Stage> newStages) {
    SObjectType opp = requireType("Opportunity");
    Field stageName = opp.field("StageName").orElseThrow();
    List<String> names = newStages.stream().map(Stage::name).toList();
    return replacing(opp.with(stageName.withPicklist(names, true)), newStages);
  }

  private SObjectType requireType(String name) {
    return type(name).orElseThrow(() -> new IllegalArgumentException("No sObject " + name));
  }

  private Schema replacing(SObjectType replacement, List<Stage> newStages) {
    var types = new ArrayList<SObjectType>();
    for (SObjectType t : typesByLowerName.values()) {
      types.add(t.name().equals(replacement.name()) ? replacement : t);
    }
    return new Schema(types, newStages);
  }

  /** The standard objects' fields as the sfFieldRef pages describe them (reference §6). */
  static final class StandardObjects {

    private StandardObjects() {}

    static List<SObjectType> all() {
      return List.of(
          account(),
          contact(),
          opportunity(),
          opportunityLineItem(),
          product2(),
          pricebook2(),
          pricebookEntry(),
          user(),
          organization());
    }

    private static List<Field> system(Field... own) {
      var fields = new ArrayList<Field>();
      fields.add(Field.of("Id", ID).readOnly());
      fields.add(Field.of("IsDeleted", BOOLEAN).readOnly());
      fields.addAll(List.of(own));
      fields.add(Field.of("CreatedDate", DATETIME).readOnly());
      fields.add(Field.reference("CreatedById", "User", "CreatedBy").readOnly());
      fields.add(Field.of("LastModifiedDate", DATETIME).readOnly());
      fields.add(Field.reference("LastModifiedById", "User", "LastModifiedBy").readOnly());
      fields.add(Field.of("SystemModstamp", DATETIME).readOnly());
      return fields;
    }

    private static List<Field> address(String prefix) {
      return List.of(
          Field.text(prefix + "Street", TEXTAREA, 255),
          Field.text(prefix + "City", STRING, 40),
          Field.text(prefix + "State", STRING, 80),
          Field.text(prefix + "PostalCode", STRING, 20),
          Field.text(prefix + "Country", STRING, 80),
          Field.number(prefix + "Latitude", DOUBLE, 18, 15),
          Field.number(prefix + "Longitude", DOUBLE, 18, 15),
          Field.picklist(prefix + "GeocodeAccuracy", List.of("Address", "Street", "City"), false),
          Field.of(prefix + "Address", ADDRESS).readOnly());
    }

    private static Field[] concat(List<Field> head, List<Field>... tails) {
      var all = new ArrayList<>(head);
      for (List<Field> tail : tails) {
        all.addAll(tail);
      }
      return all.toArray(Field[]::new);
    }

    private static SObjectType account() {
      Field[] own =
          concat(
              List.of(
                  Field.reference("MasterRecordId", "Account", "MasterRecord").readOnly(),
                  Field.text("Name", STRING, 255).required(),
                  Field.text("AccountNumber", STRING, 40),
                  Field.picklist(
                      "Type",
                      List.of(
                          "Prospect",
                          "Customer - Direct",
                          "Customer - Channel",
                          "Channel Partner / Reseller",
                          "Installation Partner",
                          "Technology Partner",
                          "Other"),
                      false),
                  Field.picklist("Industry", DEFAULT_INDUSTRIES, true),
                  Field.number("AnnualRevenue", CURRENCY, 18, 0),
                  Field.number("NumberOfEmployees", INT, 8, 0),
                  Field.text("Phone", PHONE, 40),
                  Field.text("Fax", PHONE, 40),
                  Field.text("Website", URL, 255),
                  Field.text("Description", TEXTAREA, 32000),
                  Field.picklist(
                      "AccountSource",
                      List.of(
                          "Other", "Partner Referral", "Phone Inquiry", "Purchased List", "Web"),
                      false),
                  Field.reference("ParentId", "Account", "Parent"),
                  Field.reference("OwnerId", "User", "Owner")),
              address("Billing"),
              address("Shipping"),
              List.of(Field.text("Caskr_Customer_Id__c", STRING, 255).externalIdUnique()));
      return new SObjectType(
          "Account",
          "001",
          system(own),
          List.of(
              new ChildRelation("Contacts", "Contact", "AccountId", true),
              new ChildRelation("Opportunities", "Opportunity", "AccountId", true),
              new ChildRelation("ChildAccounts", "Account", "ParentId", false)),
          true,
          true);
    }

    private static SObjectType contact() {
      Field[] own =
          concat(
              List.of(
                  Field.reference("MasterRecordId", "Contact", "MasterRecord").readOnly(),
                  Field.reference("AccountId", "Account", "Account"),
                  Field.text("LastName", STRING, 80).required(),
                  Field.text("FirstName", STRING, 40),
                  Field.picklist(
                      "Salutation", List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx."), false),
                  Field.text("Name", STRING, 121).readOnly(),
                  Field.text("Title", STRING, 128),
                  Field.text("Department", STRING, 80),
                  Field.text("Email", EMAIL, 80),
                  Field.text("Phone", PHONE, 40),
                  Field.text("MobilePhone", PHONE, 40),
                  Field.text("HomePhone", PHONE, 40),
                  Field.text("OtherPhone", PHONE, 40),
                  Field.text("Fax", PHONE, 40),
                  Field.of("Birthdate", DATE),
                  Field.picklist(
                      "LeadSource",
                      List.of(
                          "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
                      false),
                  Field.text("Description", TEXTAREA, 32000),
                  Field.of("HasOptedOutOfEmail", BOOLEAN),
                  Field.of("DoNotCall", BOOLEAN),
                  Field.reference("ReportsToId", "Contact", "ReportsTo"),
                  Field.reference("OwnerId", "User", "Owner")),
              address("Mailing"),
              address("Other"),
              List.of(
                  Field.text("Caskr_Contact_Id__c", STRING, 255).externalIdUnique(),
                  Field.of("Cask_Investor__c", BOOLEAN),
                  Field.of("Portal_Access__c", BOOLEAN)));
      return new SObjectType("Contact", "003", system(own), List.of(), true, true);
    }

    private static SObjectType opportunity() {
      Field[] own = {
        Field.text("Name", STRING, 120).required(),
        Field.reference("AccountId", "Account", "Account"),
        Field.picklist("StageName", DEFAULT_STAGES.stream().map(Stage::name).toList(), true)
            .required(),
        Field.of("CloseDate", DATE).required(),
        Field.number("Amount", CURRENCY, 18, 2),
        Field.number("Probability", PERCENT, 3, 0),
        Field.number("ExpectedRevenue", CURRENCY, 18, 2).readOnly(),
        Field.number("TotalOpportunityQuantity", DOUBLE, 18, 2),
        Field.picklist("ForecastCategoryName", FORECAST_CATEGORIES, true),
        Field.picklist(
                "ForecastCategory",
                List.of("Omitted", "Pipeline", "BestCase", "Forecast", "Closed"),
                true)
            .readOnly(),
        Field.of("IsClosed", BOOLEAN).readOnly(),
        Field.of("IsWon", BOOLEAN).readOnly(),
        Field.picklist(
            "Type",
            List.of(
                "Existing Customer - Upgrade",
                "Existing Customer - Replacement",
                "Existing Customer - Downgrade",
                "New Customer"),
            false),
        Field.picklist(
            "LeadSource",
            List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
            false),
        Field.text("NextStep", STRING, 255),
        Field.text("Description", TEXTAREA, 32000),
        Field.reference("Pricebook2Id", "Pricebook2", "Pricebook2"),
        Field.of("HasOpportunityLineItem", BOOLEAN).readOnly(),
        Field.number("FiscalYear", INT, 4, 0).readOnly(),
        Field.number("FiscalQuarter", INT, 1, 0).readOnly(),
        Field.reference("OwnerId", "User", "Owner"),
        Field.text("Caskr_Order_Status__c", STRING, 40)
      };
      return new SObjectType(
          "Opportunity",
          "006",
          system(own),
          List.of(
              new ChildRelation(
                  "OpportunityLineItems", "OpportunityLineItem", "OpportunityId", true)),
          true,
          true);
    }

    private static SObjectType opportunityLineItem() {
      Field[] own = {
        Field.reference("OpportunityId", "Opportunity", "Opportunity").required().createOnly(),
        Field.reference("PricebookEntryId", "PricebookEntry", "PricebookEntry").createOnly(),
        Field.reference("Product2Id", "Product2", "Product2").createOnly(),
        Field.text("ProductCode", STRING, 255).readOnly(),
        Field.text("Name", STRING, 376).readOnly(),
        Field.number("Quantity", DOUBLE, 12, 2).required(),
        Field.number("UnitPrice", CURRENCY, 18, 2),
        Field.number("TotalPrice", CURRENCY, 18, 2),
        Field.number("ListPrice", CURRENCY, 18, 2).readOnly(),
        Field.number("Discount", PERCENT, 5, 2),
        Field.of("ServiceDate", DATE),
        Field.text("Description", STRING, 255),
        Field.number("SortOrder", INT, 9, 0)
      };
      return new SObjectType("OpportunityLineItem", "00k", system(own), List.of(), true, true);
    }

    private static SObjectType product2() {
      Field[] own = {
        Field.text("Name", STRING, 255).required(),
        Field.text("ProductCode", STRING, 255),
        Field.text("Description", TEXTAREA, 4000),
        Field.of("IsActive", BOOLEAN),
        Field.picklist("Family", List.of("None"), false),
        Field.picklist("QuantityUnitOfMeasure", List.of("Each"), false),
        Field.text("StockKeepingUnit", STRING, 180)
      };
      return new SObjectType(
          "Product2",
          "01t",
          system(own),
          List.of(new ChildRelation("PricebookEntries", "PricebookEntry", "Product2Id", true)),
          true,
          true);
    }

    private static SObjectType pricebook2() {
      Field[] own = {
        Field.text("Name", STRING, 255).required(),
        Field.of("IsActive", BOOLEAN),
        Field.of("IsStandard", BOOLEAN).readOnly(),
        Field.text("Description", STRING, 255)
      };
      return new SObjectType(
          "Pricebook2",
          "01s",
          system(own),
          List.of(new ChildRelation("PricebookEntries", "PricebookEntry", "Pricebook2Id", true)),
          true,
          true);
    }

    private static SObjectType pricebookEntry() {
      Field[] own = {
        Field.text("Name", STRING, 255).readOnly(),
        Field.reference("Pricebook2Id", "Pricebook2", "Pricebook2").required().createOnly(),
        Field.reference("Product2Id", "Product2", "Product2").required().createOnly(),
        Field.number("UnitPrice", CURRENCY, 18, 2).required(),
        Field.of("IsActive", BOOLEAN),
        Field.of("UseStandardPrice", BOOLEAN),
        Field.text("ProductCode", STRING, 255).readOnly()
      };
      return new SObjectType("PricebookEntry", "01u", system(own), List.of(), true, true);
    }

    private static SObjectType user() {
      Field[] own = {
        Field.text("Username", STRING, 80).required(),
        Field.text("LastName", STRING, 80).required(),
        Field.text("FirstName", STRING, 40),
        Field.text("Name", STRING, 121).readOnly(),
        Field.text("Email", EMAIL, 128).required(),
        Field.text("Alias", STRING, 8).required(),
        Field.of("IsActive", BOOLEAN),
        Field.text("Title", STRING, 80),
        Field.text("CompanyName", STRING, 80),
        Field.picklist("TimeZoneSidKey", List.of("America/New_York", "GMT"), false)
      };
      return new SObjectType("User", "005", system(own), List.of(), true, false);
    }

    private static SObjectType organization() {
      Field[] own = {
        Field.text("Name", STRING, 80).readOnly(),
        Field.text("OrganizationType", STRING, 40).readOnly(),
        Field.of("IsSandbox", BOOLEAN).readOnly(),
        Field.text("InstanceName", STRING, 5).readOnly(),
        Field.text("DefaultLocaleSidKey", STRING, 40).readOnly(),
        Field.text("TimeZoneSidKey", STRING, 40).readOnly()
      };
      return new SObjectType("Organization", "00D", system(own), List.of(), false, false);
    }
  }
}
