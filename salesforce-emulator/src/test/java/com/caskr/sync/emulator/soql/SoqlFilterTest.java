package com.caskr.sync.emulator.soql;

import static com.caskr.sync.emulator.soql.TestOrg.anOrg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlFilterTest {

  private final TestOrg org = anOrg();

  private List<Object> names(String soql) {
    return Soql.parse(soql).execute(org, false).records().stream().map(r -> r.get("Name")).toList();
  }

  private List<Object> namesAt(String soql, Instant now) {
    return Soql.parse(soql)
        .execute(org, false, "62.0", Clock.fixed(now, ZoneOffset.UTC))
        .records()
        .stream()
        .map(r -> r.get("Name"))
        .toList();
  }

  private void distilleryAccounts() {
    org.anAccount("Glen Bar").withIndustry("Hospitality").withAnnualRevenue(250_000).create();
    org.anAccount("Cask Shop").withIndustry("Retail").withAnnualRevenue(1_500_000).create();
    org.anAccount("Wholesale Spirits")
        .withIndustry("Wholesale")
        .withAnnualRevenue(9_000_000)
        .create();
    org.anAccount("Unknown Ltd").create();
  }

  @Test
  void comparesTextCaseInsensitively() {
    distilleryAccounts();

    assertThat(names("SELECT Name FROM Account WHERE Industry = 'RETAIL'"))
        .containsExactly("Cask Shop");
    assertThat(names("SELECT Name FROM Account WHERE Name = 'glen bar'"))
        .containsExactly("Glen Bar");
  }

  @Test
  void notEqualsMatchesNullsAsSalesforceDoes() {
    distilleryAccounts();

    assertThat(names("SELECT Name FROM Account WHERE Industry != 'Retail' ORDER BY Name"))
        .containsExactly("Glen Bar", "Unknown Ltd", "Wholesale Spirits");
    assertThat(names("SELECT Name FROM Account WHERE Industry <> 'Retail' ORDER BY Name"))
        .containsExactly("Glen Bar", "Unknown Ltd", "Wholesale Spirits");
  }

  @Test
  void testsForNull() {
    distilleryAccounts();

    assertThat(names("SELECT Name FROM Account WHERE Industry = null"))
        .containsExactly("Unknown Ltd");
    assertThat(names("SELECT Name FROM Account WHERE Industry != NULL ORDER BY Name"))
        .containsExactly("Cask Shop", "Glen Bar", "Wholesale Spirits");
  }

  @Test
  void comparesNumbers() {
    distilleryAccounts();

    assertThat(names("SELECT Name FROM Account WHERE AnnualRevenue > 1000000 ORDER BY Name"))
        .containsExactly("Cask Shop", "Wholesale Spirits");
    assertThat(names("SELECT Name FROM Account WHERE AnnualRevenue <= 1500000.00 ORDER BY Name"))
        .containsExactly("Cask Shop", "Glen Bar");
    assertThat(
            names("SELECT Name FROM Account WHERE AnnualRevenue >= -1 AND AnnualRevenue < 250000"))
        .isEmpty();
  }

  @Test
  void comparesBooleans() {
    org.anOpportunity("Won").inStage("Closed Won").create();
    org.anOpportunity("Open").inStage("Prospecting").create();

    assertThat(names("SELECT Name FROM Opportunity WHERE IsClosed = TRUE")).containsExactly("Won");
    assertThat(names("SELECT Name FROM Opportunity WHERE IsClosed = false"))
        .containsExactly("Open");
  }

  @Test
  void matchesInAndNotInLists() {
    distilleryAccounts();

    assertThat(
            names(
                "SELECT Name FROM Account WHERE Industry IN ('retail', 'Hospitality') ORDER BY Name"))
        .containsExactly("Cask Shop", "Glen Bar");
    assertThat(
            names(
                "SELECT Name FROM Account WHERE Industry NOT IN ('Retail', 'Hospitality') ORDER BY Name"))
        .containsExactly("Unknown Ltd", "Wholesale Spirits");
    assertThat(
            names(
                "SELECT Name FROM Account WHERE AnnualRevenue IN (250000, 9000000) ORDER BY Name"))
        .containsExactly("Glen Bar", "Wholesale Spirits");
  }

  @Test
  void combinesConditionsWithAndOrNotAndParentheses() {
    distilleryAccounts();

    assertThat(
            names(
                "SELECT Name FROM Account WHERE (Industry = 'Retail' OR Industry = 'Wholesale')"
                    + " AND AnnualRevenue > 2000000"))
        .containsExactly("Wholesale Spirits");
    assertThat(
            names(
                "SELECT Name FROM Account WHERE Industry = 'Retail' OR (Industry = 'Wholesale'"
                    + " AND AnnualRevenue > 2000000) ORDER BY Name"))
        .containsExactly("Cask Shop", "Wholesale Spirits");
    assertThat(names("SELECT Name FROM Account WHERE NOT Industry = 'Retail' ORDER BY Name"))
        .containsExactly("Glen Bar", "Unknown Ltd", "Wholesale Spirits");
    assertThat(
            names(
                "SELECT Name FROM Account WHERE NOT (Industry = 'Retail' OR Industry = null)"
                    + " ORDER BY Name"))
        .containsExactly("Glen Bar", "Wholesale Spirits");
  }

  @Test
  void refusesAndMixedWithOrWithoutParentheses() {
    assertThatThrownBy(
            () ->
                Soql.parse(
                    "SELECT Name FROM Account WHERE Industry = 'Retail' AND Name = 'x' OR Name = 'y'"))
        .isInstanceOfSatisfying(
            SoqlException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
              assertThat(e.message()).endsWith("unexpected token: 'OR'");
            });
  }

  @Test
  void likeMatchesPercentAndUnderscoreCaseInsensitively() {
    org.anAccount("Glenfiddich Bar").create();
    org.anAccount("GLEN MORAY").create();
    org.anAccount("Highland Glen").create();

    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'glen%' ORDER BY Name"))
        .containsExactly("GLEN MORAY", "Glenfiddich Bar");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE '%glen'"))
        .containsExactly("Highland Glen");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'GLEN_MORAY'"))
        .containsExactly("GLEN MORAY");
    assertThat(names("SELECT Name FROM Account WHERE NOT Name LIKE '%glen%'")).isEmpty();
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'g%bar'"))
        .containsExactly("Glenfiddich Bar");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE '%LAND%'"))
        .containsExactly("Highland Glen");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'glen'")).isEmpty();
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'highland glen'"))
        .containsExactly("Highland Glen");
  }

  @Test
  void likeTreatsEscapedWildcardsAndRegexCharactersLiterally() {
    org.anAccount("100% Malt").create();
    org.anAccount("1000 Malt").create();
    org.anAccount("cask_42").create();
    org.anAccount("caskX42").create();
    org.anAccount("a.b (c)*").create();

    assertThat(names("SELECT Name FROM Account WHERE Name LIKE '100\\%%'"))
        .containsExactly("100% Malt");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'cask\\_42'"))
        .containsExactly("cask_42");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'a.b (c)*'"))
        .containsExactly("a.b (c)*");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'a_b (%)*'"))
        .containsExactly("a.b (c)*");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE '%\\%%'"))
        .containsExactly("100% Malt");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE '\\u0063ask%' ORDER BY Name"))
        .containsExactly("cask_42", "caskX42");
    assertThat(names("SELECT Name FROM Account WHERE Name LIKE 'cask_42' ORDER BY Name"))
        .containsExactly("cask_42", "caskX42");
  }

  @Test
  void decodesBackslashEscapesInStringLiterals() {
    org.anAccount("O'Neill's").create();
    org.anAccount("Back\\slash").create();
    org.anAccount("Two\nLines").create();

    assertThat(names("SELECT Name FROM Account WHERE Name = 'O\\'Neill\\'s'"))
        .containsExactly("O'Neill's");
    assertThat(names("SELECT Name FROM Account WHERE Name = 'back\\\\slash'"))
        .containsExactly("Back\\slash");
    assertThat(names("SELECT Name FROM Account WHERE Name = 'Two\\nLines'"))
        .containsExactly("Two\nLines");
    assertThat(names("SELECT Name FROM Account WHERE Name = 'O\\u0027Neill\\'s'"))
        .containsExactly("O'Neill's");
  }

  @Test
  void comparesUnquotedDateLiteralsWithDates() {
    org.anOpportunity("January").closingOn(LocalDate.of(2024, 1, 15)).create();
    org.anOpportunity("February").closingOn(LocalDate.of(2024, 2, 1)).create();

    assertThat(names("SELECT Name FROM Opportunity WHERE CloseDate = 2024-01-15"))
        .containsExactly("January");
    assertThat(names("SELECT Name FROM Opportunity WHERE CloseDate > 2024-01-15"))
        .containsExactly("February");
    assertThat(
            names(
                "SELECT Name FROM Opportunity WHERE CloseDate >= 2024-01-01 AND CloseDate < 2024-02-01"))
        .containsExactly("January");
  }

  @Test
  void comparesDatetimeLiteralsInEveryAcceptedForm() {
    org.anAccount("Before").modifiedAt(Instant.parse("2024-01-15T10:29:59Z")).create();
    org.anAccount("Exactly").modifiedAt(Instant.parse("2024-01-15T10:30:00Z")).create();
    org.anAccount("After").modifiedAt(Instant.parse("2024-01-15T10:30:00.001Z")).create();

    String base = "SELECT Name FROM Account WHERE SystemModstamp >= ";
    List<String> sameInstant =
        List.of(
            "2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.000Z",
            "2024-01-15T10:30:00.000+0000",
            "2024-01-15T10:30:00+00:00",
            "2024-01-15T12:30:00+02:00",
            "2024-01-15T05:30:00.000-0500");
    for (String literal : sameInstant) {
      assertThat(names(base + literal + " ORDER BY SystemModstamp"))
          .as(literal)
          .containsExactly("Exactly", "After");
    }
    assertThat(
            names("SELECT Name FROM Account WHERE SystemModstamp = 2024-01-15T10:30:00.000+0000"))
        .containsExactly("Exactly");
  }

  @Test
  void resolvesRelativeDateLiteralsAgainstTheClock() {
    Instant now = Instant.parse("2024-03-10T15:00:00Z");
    org.anOpportunity("Today").closingOn(LocalDate.of(2024, 3, 10)).create();
    org.anOpportunity("Yesterday").closingOn(LocalDate.of(2024, 3, 9)).create();
    org.anOpportunity("Last week").closingOn(LocalDate.of(2024, 3, 3)).create();
    org.anOpportunity("Tomorrow").closingOn(LocalDate.of(2024, 3, 11)).create();
    org.anAccount("Touched this morning")
        .modifiedAt(Instant.parse("2024-03-10T01:00:00Z"))
        .create();
    org.anAccount("Touched last month").modifiedAt(Instant.parse("2024-02-10T01:00:00Z")).create();

    assertThat(namesAt("SELECT Name FROM Opportunity WHERE CloseDate = TODAY", now))
        .containsExactly("Today");
    assertThat(namesAt("SELECT Name FROM Opportunity WHERE CloseDate = YESTERDAY", now))
        .containsExactly("Yesterday");
    assertThat(namesAt("SELECT Name FROM Opportunity WHERE CloseDate > TODAY", now))
        .containsExactly("Tomorrow");
    assertThat(
            namesAt(
                "SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:7 ORDER BY CloseDate",
                now))
        .containsExactly("Last week", "Yesterday", "Today");
    assertThat(namesAt("SELECT Name FROM Account WHERE SystemModstamp = TODAY", now))
        .containsExactly("Touched this morning");
    assertThat(namesAt("SELECT Name FROM Account WHERE SystemModstamp < LAST_N_DAYS:7", now))
        .containsExactly("Touched last month");
  }

  @Test
  void resolvesForwardLookingDateLiterals() {
    Instant now = Instant.parse("2024-03-10T23:59:59Z");
    org.anOpportunity("Today").closingOn(LocalDate.of(2024, 3, 10)).create();
    org.anOpportunity("Tomorrow").closingOn(LocalDate.of(2024, 3, 11)).create();
    org.anOpportunity("In a month").closingOn(LocalDate.of(2024, 4, 10)).create();

    assertThat(namesAt("SELECT Name FROM Opportunity WHERE CloseDate = TOMORROW", now))
        .containsExactly("Tomorrow");
    assertThat(namesAt("SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:30", now))
        .containsExactly("Tomorrow");
    assertThat(
            namesAt(
                "SELECT Name FROM Opportunity WHERE CloseDate != NEXT_N_DAYS:30 ORDER BY Name",
                now))
        .containsExactly("In a month", "Today");
  }

  @Test
  void readsKeywordsInAnyCase() {
    distilleryAccounts();

    assertThat(
            names(
                "sElEcT Name fRoM Account wHeRe Industry iN ('Retail', 'Wholesale') aNd"
                    + " NoT Name LiKe 'glen%' oRdEr By AnnualRevenue dEsC nUlLs LaSt LiMiT 1 oFfSeT 1"))
        .containsExactly("Cask Shop");
  }

  @Test
  void acceptsFifteenCharacterIdLiterals() {
    String acme = org.anAccount("Acme").create();
    org.anAccount("Other").create();

    assertThat(names("SELECT Name FROM Account WHERE Id = '" + acme.substring(0, 15) + "'"))
        .containsExactly("Acme");
    assertThat(names("SELECT Name FROM Account WHERE Id IN ('" + acme.substring(0, 15) + "')"))
        .containsExactly("Acme");
    assertThat(names("SELECT Name FROM Account WHERE Id = '" + acme + "'")).containsExactly("Acme");
  }

  @Test
  void comparesIdsCaseSensitively() {
    String acme = org.anAccount("Acme").create();
    String lowered = acme.substring(0, 15).toLowerCase(java.util.Locale.ROOT);

    assertThat(names("SELECT Name FROM Account WHERE Id = '" + lowered + "'")).isEmpty();
  }

  @Test
  void filtersReferenceFieldsAndParentPaths() {
    String alice = org.aUser("Alice").withEmail("alice@caskr.example").create();
    String bob = org.aUser("Bob").withEmail("bob@caskr.example").create();
    String acme = org.anAccount("Acme").withIndustry("Retail").ownedBy(alice).create();
    org.anOpportunity("Alice's deal").forAccount(acme).ownedBy(alice).create();
    org.anOpportunity("Bob's deal").ownedBy(bob).create();

    assertThat(
            names("SELECT Name FROM Opportunity WHERE AccountId = '" + acme.substring(0, 15) + "'"))
        .containsExactly("Alice's deal");
    assertThat(names("SELECT Name FROM Opportunity WHERE Owner.Email = 'BOB@caskr.example'"))
        .containsExactly("Bob's deal");
    assertThat(names("SELECT Name FROM Opportunity WHERE Account.Owner.Name = 'Alice'"))
        .containsExactly("Alice's deal");
    assertThat(names("SELECT Name FROM Opportunity WHERE Account.Industry != 'Retail'"))
        .containsExactly("Bob's deal");
  }

  @Test
  void decimalLiteralsCompareByValue() {
    String deal = org.anOpportunity("Deal").create();
    org.aLineItem(deal)
        .with("UnitPrice", new BigDecimal("49.50"))
        .with("ProductCode", "A")
        .create();

    assertThat(
            Soql.parse("SELECT ProductCode FROM OpportunityLineItem WHERE UnitPrice = 49.5")
                .execute(org, false)
                .totalSize())
        .isEqualTo(1);
  }
}
