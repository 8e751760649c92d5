package com.caskr.sync.emulator.soql;

import static com.caskr.sync.emulator.soql.TestOrg.anOrg;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlOrderingTest {

  private final TestOrg org = anOrg();

  private List<Object> names(String soql) {
    return Soql.parse(soql).execute(org, false).records().stream().map(r -> r.get("Name")).toList();
  }

  private void accounts() {
    org.anAccount("Cask Shop").withIndustry("Retail").withAnnualRevenue(300).create();
    org.anAccount("Glen Bar").withIndustry("Hospitality").withAnnualRevenue(100).create();
    org.anAccount("Unknown").withAnnualRevenue(200).create();
    org.anAccount("another shop").withIndustry("retail").withAnnualRevenue(100).create();
  }

  @Test
  void sortsAscendingWithNullsFirstByDefault() {
    accounts();

    assertThat(names("SELECT Name FROM Account ORDER BY Industry, Name"))
        .containsExactly("Unknown", "Glen Bar", "another shop", "Cask Shop");
  }

  @Test
  void keepsNullsFirstWhenDescendingUnlessToldOtherwise() {
    accounts();

    assertThat(names("SELECT Name FROM Account ORDER BY Industry DESC, Name"))
        .containsExactly("Unknown", "another shop", "Cask Shop", "Glen Bar");
    assertThat(names("SELECT Name FROM Account ORDER BY Industry DESC NULLS LAST, Name ASC"))
        .containsExactly("another shop", "Cask Shop", "Glen Bar", "Unknown");
    assertThat(names("SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name"))
        .containsExactly("Glen Bar", "another shop", "Cask Shop", "Unknown");
    assertThat(names("SELECT Name FROM Account ORDER BY Industry NULLS FIRST, Name"))
        .containsExactly("Unknown", "Glen Bar", "another shop", "Cask Shop");
  }

  @Test
  void sortsTextCaseInsensitively() {
    accounts();

    assertThat(names("SELECT Name FROM Account ORDER BY Name"))
        .containsExactly("another shop", "Cask Shop", "Glen Bar", "Unknown");
  }

  @Test
  void sortsByNumbersThenBySecondKey() {
    accounts();

    assertThat(names("SELECT Name FROM Account ORDER BY AnnualRevenue DESC, Name DESC"))
        .containsExactly("Cask Shop", "Unknown", "Glen Bar", "another shop");
  }

  @Test
  void sortsByParentFieldWithNullParentsFirst() {
    String zed = org.aUser("Zed").create();
    String amy = org.aUser("Amy").create();
    org.anOpportunity("Zed's").ownedBy(zed).create();
    org.anOpportunity("Nobody's").create();
    org.anOpportunity("Amy's").ownedBy(amy).create();

    assertThat(names("SELECT Name FROM Opportunity ORDER BY Owner.Name"))
        .containsExactly("Nobody's", "Amy's", "Zed's");
  }

  @Test
  void appliesOffsetAndLimitAfterSorting() {
    accounts();

    assertThat(names("SELECT Name FROM Account ORDER BY Name LIMIT 2"))
        .containsExactly("another shop", "Cask Shop");
    assertThat(names("SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1"))
        .containsExactly("Cask Shop", "Glen Bar");
    assertThat(names("SELECT Name FROM Account ORDER BY Name OFFSET 3")).containsExactly("Unknown");
    assertThat(names("SELECT Name FROM Account ORDER BY Name OFFSET 10")).isEmpty();
    assertThat(Soql.parse("SELECT Name FROM Account LIMIT 3").execute(org, false).totalSize())
        .isEqualTo(3);
  }

  @Test
  void limitsChildRowsPerParent() {
    String deal = org.anOpportunity("Deal").create();
    org.aLineItem(deal).with("Quantity", 1).create();
    org.aLineItem(deal).with("Quantity", 3).create();
    org.aLineItem(deal).with("Quantity", 2).create();

    var record =
        Soql.parse(
                "SELECT Name, (SELECT Quantity FROM OpportunityLineItems ORDER BY Quantity DESC"
                    + " LIMIT 2) FROM Opportunity")
            .execute(org, false)
            .records()
            .getFirst();

    @SuppressWarnings("unchecked")
    var items = (java.util.Map<String, Object>) record.get("OpportunityLineItems");
    assertThat(items).containsEntry("totalSize", 2);
    @SuppressWarnings("unchecked")
    var rows = (List<java.util.Map<String, Object>>) items.get("records");
    assertThat(rows).extracting(r -> r.get("Quantity").toString()).containsExactly("3", "2");
  }
}
