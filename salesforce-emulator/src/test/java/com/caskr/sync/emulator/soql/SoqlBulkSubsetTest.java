package com.caskr.sync.emulator.soql;

import static com.caskr.sync.emulator.soql.TestOrg.anOrg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlBulkSubsetTest {

  private final TestOrg org = anOrg();

  private SoqlException bulkRefusal(String soql) {
    return catchThrowableOfType(
        SoqlException.class, () -> Soql.parseForBulk(soql).execute(org, false));
  }

  @Test
  void refusesChildSubqueries() {
    SoqlException e =
        bulkRefusal("SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED);
    assertThat(e.message()).endsWith("Aggregate Relationships not supported in Bulk Query");
  }

  @Test
  void refusesCompoundAddressFieldsThatRestAccepts() {
    org.anAccount("Acme").with("BillingCity", "Speyside").create();

    SoqlException e = bulkRefusal("SELECT Id, BillingAddress FROM Account");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED);
    assertThat(e.message()).endsWith("Selecting compound data not supported in Bulk Query");
    assertThat(Soql.parse("SELECT Id, BillingAddress FROM Account").execute(org, false).totalSize())
        .isEqualTo(1);
  }

  @Test
  void refusesOffsetAndCount() {
    assertThat(bulkRefusal("SELECT Id FROM Account OFFSET 5").errorCode())
        .isEqualTo(SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED);
    assertThat(bulkRefusal("SELECT COUNT() FROM Account").errorCode())
        .isEqualTo(SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED);
  }

  @Test
  void acceptsParentPathsAndComponentFields() {
    String acme = org.anAccount("Acme").with("BillingCity", "Speyside").create();
    org.anOpportunity("Deal").forAccount(acme).create();

    QueryResult result =
        Soql.parseForBulk("SELECT Id, Account.Name, Account.BillingCity FROM Opportunity")
            .execute(org, false);

    @SuppressWarnings("unchecked")
    var account = (Map<String, Object>) result.records().getFirst().get("Account");
    assertThat(account).containsEntry("Name", "Acme").containsEntry("BillingCity", "Speyside");
  }
}
