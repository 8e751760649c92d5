package com.caskr.sync.emulator.org.seed;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.org.Stage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A craft distillery's Salesforce org for demos and tests: trade customers across industries, cask
 * investors with portal access, an opportunity in every stage with casks and cases on it.
 */
public final class DemoDistillery {

  public static final String NAME = "Kinsale Craft Distilling";

  /** Industries the distillery sells to that the default picklist lacks; the org added them. */
  public static final List<String> ADDED_INDUSTRIES = List.of("Restaurants", "Wholesale");

  public record Product(String code, String name, String family, String price) {}

  public static final List<Product> PRODUCTS =
      List.of(
          new Product("CASK-BOURBON-53GAL", "Bourbon Cask 53 gal", "Casks", "8500.00"),
          new Product("CASK-RYE-53GAL", "Rye Whiskey Cask 53 gal", "Casks", "7800.00"),
          new Product("CASK-SINGLEMALT-30GAL", "Single Malt Cask 30 gal", "Casks", "6200.00"),
          new Product("BTL-BOURBON-750ML-CS", "Bourbon 750ml Case of 6", "Bottles", "180.00"),
          new Product("BTL-RYE-750ML-CS", "Rye 750ml Case of 6", "Bottles", "165.00"),
          new Product("BTL-GIN-700ML-CS", "Botanical Gin 700ml Case of 6", "Bottles", "120.00"),
          new Product("TOUR-PRIVATE-TASTING", "Private Tasting Tour", "Experiences", "450.00"));

  private record Customer(String name, String industry, String city, String state) {}

  private static final List<Customer> CUSTOMERS =
      List.of(
          new Customer("The Copper Still Tavern", "Restaurants", "Louisville", "KY"),
          new Customer("Barrel & Bramble Kitchen", "Restaurants", "Nashville", "TN"),
          new Customer("Harbourview Hotel Group", "Hospitality", "Charleston", "SC"),
          new Customer("Lakeside Resort & Spa", "Hospitality", "Lake Geneva", "WI"),
          new Customer("Old Town Bottle Shop", "Retail", "Alexandria", "VA"),
          new Customer("Grain Exchange Liquors", "Retail", "Chicago", "IL"),
          new Customer("Midwest Spirits Distribution", "Wholesale", "Indianapolis", "IN"),
          new Customer("Northern Wholesale Beverage", "Wholesale", "Minneapolis", "MN"),
          new Customer("Heritage Cask Investors LLC", "Finance", "New York", "NY"),
          new Customer("Riverside Event Venues", "Entertainment", "Cincinnati", "OH"));

  private static final String[][] PEOPLE = {
    {"Ellen", "Marsh", "Owner"}, {"Rafael", "Ortiz", "Bar Manager"},
    {"Priya", "Nair", "Beverage Director"}, {"Colm", "Byrne", "Purchasing"},
    {"Hannah", "Weiss", "Food & Beverage Manager"}, {"Marcus", "Bell", "General Manager"},
    {"Sofia", "Lindqvist", "Store Manager"}, {"Dev", "Patel", "Buyer"},
    {"Grace", "Okonkwo", "Category Manager"}, {"Liam", "Fitzgerald", "Sales Director"},
    {"Nora", "Keane", "Logistics"}, {"Owen", "Price", "Procurement"},
    {"Julia", "Hart", "Managing Partner"}, {"Victor", "Chen", "Cask Investor"},
    {"Amara", "Diallo", "Events Director"}, {"Sam", "Rowe", "Venue Manager"},
    {"Irene", "Novak", "Buyer"}, {"Tom", "Gallagher", "Owner"},
    {"Yuki", "Tanaka", "Sommelier"}, {"Ben", "Adler", "Accounts Payable"}
  };

  private DemoDistillery() {}

  /** The demo org's schema: the standard one with the added industries. */
  public static Schema schema() {
    var industries = new ArrayList<>(Schema.DEFAULT_INDUSTRIES);
    industries.addAll(ADDED_INDUSTRIES);
    return Schema.standard()
        .withPicklistValues("Account", "Industry", industries, true)
        .withPicklistValues(
            "Product2", "Family", List.of("Casks", "Bottles", "Experiences"), false);
  }

  public static List<NewUser> users() {
    return List.of(
        new NewUser(
            "margaret.calloway@kinsale-distilling.example",
            "Margaret",
            "Calloway",
            "margaret.calloway@kinsale-distilling.example"),
        new NewUser(
            "tom.reyes@kinsale-distilling.example",
            "Tom",
            "Reyes",
            "tom.reyes@kinsale-distilling.example"),
        new NewUser(
            "aisha.okafor@kinsale-distilling.example",
            "Aisha",
            "Okafor",
            "aisha.okafor@kinsale-distilling.example"));
  }

  /** Creates the demo org in the registry and fills it. */
  public static Org create(Orgs orgs) {
    Org org =
        orgs.create(
            Orgs.Definition.named(NAME, users().getFirst())
                .withUsers(users())
                .withSchema(schema()));
    seed(org);
    return org;
  }

  /** Fills an org whose schema has the demo industries (see {@link #schema()}). */
  public static void seed(Org org) {
    Caller admin = Caller.user(org.adminUserId());
    List<String> owners = org.userIds();
    LocalDate today = LocalDate.ofInstant(org.clock().instant(), ZoneOffset.UTC);

    var entries = new ArrayList<String>();
    for (Product product : PRODUCTS) {
      String productId =
          org.create(
              "Product2",
              Map.of(
                  "Name", product.name(),
                  "ProductCode", product.code(),
                  "Family", product.family(),
                  "IsActive", true),
              admin);
      entries.add(
          org.create(
              "PricebookEntry",
              Map.of(
                  "Pricebook2Id",
                  org.standardPricebookId(),
                  "Product2Id",
                  productId,
                  "UnitPrice",
                  product.price(),
                  "IsActive",
                  true),
              admin));
    }

    var accounts = new ArrayList<String>();
    for (int i = 0; i < CUSTOMERS.size(); i++) {
      Customer customer = CUSTOMERS.get(i);
      var values = new LinkedHashMap<String, Object>();
      values.put("Name", customer.name());
      values.put("Industry", customer.industry());
      values.put("Type", "Customer - Direct");
      values.put("Phone", "(555) 010-" + (1000 + i));
      values.put("Website", "https://www." + slug(customer.name()) + ".example");
      values.put("BillingStreet", (100 + i * 7) + " Main Street");
      values.put("BillingCity", customer.city());
      values.put("BillingState", customer.state());
      values.put("BillingPostalCode", String.valueOf(40200 + i * 311));
      values.put("BillingCountry", "United States");
      values.put("Caskr_Customer_Id__c", "CUST-" + (1001 + i));
      values.put("OwnerId", owners.get(i % owners.size()));
      accounts.add(org.create("Account", values, admin));
    }

    for (int i = 0; i < PEOPLE.length; i++) {
      String[] person = PEOPLE[i];
      int accountIndex = i / 2;
      // The investors' firm, and one guest at each hospitality account, hold casks.
      boolean investor =
          CUSTOMERS.get(accountIndex).industry().equals("Finance")
              || (CUSTOMERS.get(accountIndex).industry().equals("Hospitality") && i % 2 == 0);
      var values = new LinkedHashMap<String, Object>();
      values.put("AccountId", accounts.get(accountIndex));
      values.put("FirstName", person[0]);
      values.put("LastName", person[1]);
      values.put("Title", person[2]);
      values.put(
          "Email",
          (person[0] + "." + person[1]).toLowerCase(java.util.Locale.ROOT)
              + "@"
              + slug(CUSTOMERS.get(accountIndex).name())
              + ".example");
      values.put("Phone", "(555) 020-" + (2000 + i));
      values.put("Caskr_Contact_Id__c", "CONT-" + (5001 + i));
      values.put("Cask_Investor__c", investor);
      values.put("Portal_Access__c", investor);
      org.create("Contact", values, admin);
    }

    List<Stage> stages = org.schema().stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      int accountIndex = i % accounts.size();
      String opportunityId =
          org.create(
              "Opportunity",
              Map.of(
                  "Name", CUSTOMERS.get(accountIndex).name() + " - " + stage.name(),
                  "AccountId", accounts.get(accountIndex),
                  "StageName", stage.name(),
                  "CloseDate", today.plusDays(stage.closed() ? -14L * (i - 7) : 10L * (i + 1)),
                  "Pricebook2Id", org.standardPricebookId(),
                  "OwnerId", owners.get(i % owners.size()),
                  "Caskr_Order_Status__c", stage.won() ? "Fulfilled" : "Draft"),
              admin);
      int lines = 1 + i % 3;
      for (int line = 0; line < lines; line++) {
        int productIndex = (i + line * 3) % PRODUCTS.size();
        org.create(
            "OpportunityLineItem",
            Map.of(
                "OpportunityId",
                opportunityId,
                "PricebookEntryId",
                entries.get(productIndex),
                "Quantity",
                productIndex < 3 ? 1 + line : 10 * (line + 1),
                "UnitPrice",
                PRODUCTS.get(productIndex).price()),
            admin);
      }
    }
  }

  private static String slug(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }
}
