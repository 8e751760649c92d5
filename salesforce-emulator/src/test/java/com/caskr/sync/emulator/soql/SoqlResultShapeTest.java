package com.caskr.sync.emulator.soql;

import static com.caskr.sync.emulator.soql.TestOrg.anOrg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlResultShapeTest {

  private final TestOrg org = anOrg();

  private QueryResult query(String soql) {
    return Soql.parse(soql).execute(org, false);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void putsAttributesFirstThenSelectedFieldsInSelectListOrder() {
    String acme = org.anAccount("Acme").withIndustry("Retail").create();

    QueryResult result = query("SELECT Industry, Id, Name FROM Account");

    assertThat(result.totalSize()).isEqualTo(1);
    Map<String, Object> record = result.records().getFirst();
    assertThat(record.keySet()).containsExactly("attributes", "Industry", "Id", "Name");
    assertThat(map(record.get("attributes")))
        .containsExactly(
            Map.entry("type", "Account"),
            Map.entry("url", "/services/data/v62.0/sobjects/Account/" + acme));
    assertThat(record).containsEntry("Id", acme).containsEntry("Industry", "Retail");
  }

  @Test
  void usesCanonicalSpellingWhateverTheQueryCase() {
    org.anAccount("Acme").withIndustry("Retail").create();

    QueryResult result =
        query("select id, NAME, industry from ACCOUNT where INDUSTRY = 'retail' order by name");

    Map<String, Object> record = result.records().getFirst();
    assertThat(record.keySet()).containsExactly("attributes", "Id", "Name", "Industry");
    assertThat(map(record.get("attributes"))).containsEntry("type", "Account");
  }

  @Test
  void keepsNullFieldsPresent() {
    org.anAccount("No Industry").create();

    Map<String, Object> record = query("SELECT Name, Industry FROM Account").records().getFirst();

    assertThat(record).containsKey("Industry");
    assertThat(record.get("Industry")).isNull();
  }

  @Test
  void usesTheRequestedApiVersionInUrls() {
    String acme = org.anAccount("Acme").create();

    QueryResult result =
        Soql.parse("SELECT Id FROM Account")
            .execute(org, false, "58.0", java.time.Clock.systemUTC());

    assertThat(map(result.records().getFirst().get("attributes")))
        .containsEntry("url", "/services/data/v58.0/sobjects/Account/" + acme);
  }

  @Test
  void nestsParentRelationshipsWithTheirOwnAttributes() {
    String alice = org.aUser("Alice").withEmail("alice@caskr.example").create();
    String acme = org.anAccount("Acme").withIndustry("Hospitality").create();
    org.anOpportunity("Casks for Acme").forAccount(acme).ownedBy(alice).create();

    Map<String, Object> record =
        query("SELECT Name, Account.Name, Owner.Email, Account.Industry FROM Opportunity")
            .records()
            .getFirst();

    assertThat(record.keySet()).containsExactly("attributes", "Name", "Account", "Owner");
    Map<String, Object> account = map(record.get("Account"));
    assertThat(account.keySet()).containsExactly("attributes", "Name", "Industry");
    assertThat(map(account.get("attributes")))
        .containsEntry("type", "Account")
        .containsEntry("url", "/services/data/v62.0/sobjects/Account/" + acme);
    assertThat(account).containsEntry("Name", "Acme").containsEntry("Industry", "Hospitality");
    assertThat(map(record.get("Owner")))
        .containsEntry("Email", "alice@caskr.example")
        .containsEntry(
            "attributes",
            Map.of("type", "User", "url", "/services/data/v62.0/sobjects/User/" + alice));
  }

  @Test
  void listsTheSelectedColumnsForCsvHeadersEvenWithoutRows() {
    QueryResult result =
        query(
            "SELECT id, account.name, OWNER.email, (SELECT Quantity FROM OpportunityLineItems),"
                + " StageName FROM Opportunity");

    assertThat(result.records()).isEmpty();
    assertThat(result.columns()).containsExactly("Id", "Account.Name", "Owner.Email", "StageName");
  }

  @Test
  void returnsNullForAnEmptyParentReference() {
    org.anOpportunity("Orphan").create();

    Map<String, Object> record =
        query("SELECT Name, Account.Name FROM Opportunity").records().getFirst();

    assertThat(record).containsKey("Account");
    assertThat(record.get("Account")).isNull();
  }

  @Test
  void followsParentsSeveralLevelsDeep() {
    String alice = org.aUser("Alice").withEmail("alice@caskr.example").create();
    String acme = org.anAccount("Acme").ownedBy(alice).create();
    String deal = org.anOpportunity("Deal").forAccount(acme).create();
    org.aLineItem(deal).with("Quantity", 3).create();

    Map<String, Object> record =
        query(
                "SELECT Quantity, Opportunity.Account.Name, Opportunity.Account.Owner.Email"
                    + " FROM OpportunityLineItem")
            .records()
            .getFirst();

    Map<String, Object> account = map(map(record.get("Opportunity")).get("Account"));
    assertThat(account).containsEntry("Name", "Acme");
    assertThat(map(account.get("Owner"))).containsEntry("Email", "alice@caskr.example");
    assertThat(record.get("Quantity")).isEqualTo(new BigDecimal(3));
  }

  @Test
  void allowsFiveParentLevels() {
    String top = org.aUser("Top").withEmail("top@caskr.example").create();
    String u4 = org.aUser("U4").with("ManagerId", top).create();
    String u3 = org.aUser("U3").with("ManagerId", u4).create();
    String u2 = org.aUser("U2").with("ManagerId", u3).create();
    String u1 = org.aUser("U1").with("ManagerId", u2).create();
    org.anOpportunity("Deal").ownedBy(u1).create();

    QueryResult result =
        query("SELECT Owner.Manager.Manager.Manager.Manager.Email FROM Opportunity");

    Object owner = result.records().getFirst().get("Owner");
    Map<String, Object> level = map(owner);
    for (int i = 0; i < 4; i++) {
      level = map(level.get("Manager"));
    }
    assertThat(level).containsEntry("Email", "top@caskr.example");
  }

  @Test
  void nestsChildSubqueryResultsAndReturnsNullWithoutChildren() {
    String withItems = org.anOpportunity("A with items").create();
    org.anOpportunity("B without items").create();
    String first =
        org.aLineItem(withItems)
            .with("Quantity", 2)
            .with("UnitPrice", new BigDecimal("49.50"))
            .with("ProductCode", "CASK-200L")
            .create();
    org.aLineItem(withItems).with("Quantity", 1).with("ProductCode", "BOTTLE-70CL").create();

    QueryResult result =
        query(
            "SELECT Name, (SELECT Id, Quantity, UnitPrice, ProductCode FROM OpportunityLineItems"
                + " ORDER BY ProductCode DESC) FROM Opportunity ORDER BY Name");

    Map<String, Object> a = result.records().get(0);
    assertThat(a.keySet()).containsExactly("attributes", "Name", "OpportunityLineItems");
    Map<String, Object> items = map(a.get("OpportunityLineItems"));
    assertThat(items.keySet()).containsExactly("totalSize", "done", "records");
    assertThat(items).containsEntry("totalSize", 2).containsEntry("done", true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> records = (List<Map<String, Object>>) items.get("records");
    assertThat(records)
        .extracting(r -> r.get("ProductCode"))
        .containsExactly("CASK-200L", "BOTTLE-70CL");
    assertThat(records.getFirst().keySet())
        .containsExactly("attributes", "Id", "Quantity", "UnitPrice", "ProductCode");
    assertThat(map(records.getFirst().get("attributes")))
        .containsEntry("type", "OpportunityLineItem")
        .containsEntry("url", "/services/data/v62.0/sobjects/OpportunityLineItem/" + first);
    assertThat(records.getFirst()).containsEntry("UnitPrice", new BigDecimal("49.50"));

    Map<String, Object> b = result.records().get(1);
    assertThat(b).containsKey("OpportunityLineItems");
    assertThat(b.get("OpportunityLineItems")).isNull();
  }

  @Test
  void filtersChildRowsWithTheSubqueryWhereClause() {
    String acme = org.anAccount("Acme").create();
    org.aContact("Investor").forAccount(acme).withEmail("cask@investor.example").create();
    org.aContact("Buyer").forAccount(acme).withEmail("buyer@acme.example").create();

    Map<String, Object> record =
        query(
                "SELECT Name, (SELECT LastName FROM Contacts WHERE Email LIKE '%investor%')"
                    + " FROM Account")
            .records()
            .getFirst();

    Map<String, Object> contacts = map(record.get("Contacts"));
    assertThat(contacts).containsEntry("totalSize", 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) contacts.get("records");
    assertThat(rows).extracting(r -> r.get("LastName")).containsExactly("Investor");
  }

  @Test
  void countReturnsOnlyTheTotalSize() {
    org.anAccount("Retail one").withIndustry("Retail").create();
    org.anAccount("Retail two").withIndustry("Retail").create();
    org.anAccount("Hotel").withIndustry("Hospitality").create();

    QueryResult result = query("SELECT COUNT() FROM Account WHERE Industry = 'Retail'");

    assertThat(result.totalSize()).isEqualTo(2);
    assertThat(result.records()).isEmpty();
    assertThat(Soql.parse("select count() from Account").isCount()).isTrue();
  }

  @Test
  void queryAllIncludesDeletedRowsAndQueryDoesNot() {
    org.anAccount("Live").create();
    org.anAccount("Binned").deleted().create();

    SoqlQuery soql = Soql.parse("SELECT Name, IsDeleted FROM Account ORDER BY Name");

    assertThat(soql.execute(org, false).records())
        .extracting(r -> r.get("Name"))
        .containsExactly("Live");
    assertThat(soql.execute(org, true).records())
        .extracting(r -> r.get("Name"), r -> r.get("IsDeleted"))
        .containsExactly(tuple("Binned", true), tuple("Live", false));
  }

  @Test
  void queryAllSeesDeletedChildrenAndQueryDoesNot() {
    String deal = org.anOpportunity("Deal").create();
    org.aLineItem(deal).with("ProductCode", "LIVE").create();
    org.aLineItem(deal).with("ProductCode", "GONE").deleted().create();

    SoqlQuery soql =
        Soql.parse("SELECT Name, (SELECT ProductCode FROM OpportunityLineItems) FROM Opportunity");

    assertThat(map(soql.execute(org, false).records().getFirst().get("OpportunityLineItems")))
        .containsEntry("totalSize", 1);
    assertThat(map(soql.execute(org, true).records().getFirst().get("OpportunityLineItems")))
        .containsEntry("totalSize", 2);
  }

  @Test
  void theResultIsImmutable() {
    org.anAccount("Acme").create();

    QueryResult result = query("SELECT Id FROM Account");

    assertThatThrownBy(() -> result.records().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
