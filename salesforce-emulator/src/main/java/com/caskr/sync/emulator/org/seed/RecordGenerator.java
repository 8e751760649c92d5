package com.caskr.sync.emulator.org.seed;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Stage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills an org with N generated accounts, optionally with contacts and opportunities under each,
 * through the same validated writes the API uses. Deterministic for a given seed.
 */
public final class RecordGenerator {

  /** How much to generate. */
  public record Volume(int accounts, int contactsPerAccount, int opportunitiesPerAccount) {

    public Volume {
      if (accounts < 0 || contactsPerAccount < 0 || opportunitiesPerAccount < 0) {
        throw new IllegalArgumentException("Counts must not be negative");
      }
    }

    public static Volume accounts(int accounts) {
      return new Volume(accounts, 0, 0);
    }

    public Volume withContactsPerAccount(int contacts) {
      return new Volume(accounts, contacts, opportunitiesPerAccount);
    }

    public Volume withOpportunitiesPerAccount(int opportunities) {
      return new Volume(accounts, contactsPerAccount, opportunities);
    }
  }

  /** What was created. */
  public record Generated(int accounts, int contacts, int opportunities) {}

  private static final String[] FIRST = {
    "Ada", "Ben", "Cora", "Dan", "Eve", "Finn", "Gia", "Hal", "Iris", "Jon", "Kai", "Lena"
  };
  private static final String[] LAST = {
    "Murphy", "Walsh", "Kelly", "Ryan", "Byrne", "Doyle", "Lynch", "Burke", "Quinn", "Nolan"
  };
  private static final String[] KINDS = {
    "Tavern", "Bistro", "Hotel", "Liquors", "Distribution", "Bottle Shop", "Grill", "Lounge"
  };

  private RecordGenerator() {}

  private static String padded(int n) {
    String digits = Integer.toString(n);
    return "0000000".substring(Math.min(7, digits.length())) + digits;
  }

  public static Generated generate(Org org, Volume volume, long seed) {
    var random = new Random(seed);
    Caller admin = Caller.user(org.adminUserId());
    List<String> owners = org.userIds();
    List<String> industries =
        org.schema()
            .type("Account")
            .flatMap(t -> t.field("Industry"))
            .map(Field::picklistValues)
            .orElseThrow();
    List<Stage> stages = org.schema().stages();
    LocalDate today = LocalDate.ofInstant(org.clock().instant(), ZoneOffset.UTC);
    int contacts = 0;
    int opportunities = 0;
    for (int i = 0; i < volume.accounts(); i++) {
      String number = padded(i + 1);
      var account = new HashMap<String, Object>(8);
      account.put(
          "Name",
          LAST[random.nextInt(LAST.length)] + "'s " + KINDS[i % KINDS.length] + " " + number);
      account.put("Industry", industries.get(random.nextInt(industries.size())));
      account.put("BillingCity", "Springfield");
      account.put("AnnualRevenue", 100_000L + random.nextInt(5_000_000));
      account.put("Caskr_Customer_Id__c", "GEN-" + number);
      account.put("OwnerId", owners.get(i % owners.size()));
      String accountId = org.create("Account", account, admin);
      for (int c = 0; c < volume.contactsPerAccount(); c++) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        org.create(
            "Contact",
            Map.of(
                "AccountId",
                accountId,
                "FirstName",
                first,
                "LastName",
                last,
                "Email",
                (first + "." + last + "." + number + "-" + c + "@example.com")
                    .toLowerCase(java.util.Locale.ROOT),
                "Caskr_Contact_Id__c",
                "GEN-" + number + "-" + c,
                "Cask_Investor__c",
                random.nextInt(10) == 0),
            admin);
        contacts++;
      }
      for (int o = 0; o < volume.opportunitiesPerAccount(); o++) {
        Stage stage = stages.get(random.nextInt(stages.size()));
        org.create(
            "Opportunity",
            Map.of(
                "Name",
                "Order " + number + "-" + o,
                "AccountId",
                accountId,
                "StageName",
                stage.name(),
                "CloseDate",
                today.plusDays(random.nextInt(180) - 90L),
                "Amount",
                500 + random.nextInt(50_000)),
            admin);
        opportunities++;
      }
    }
    return new Generated(volume.accounts(), contacts, opportunities);
  }
}
