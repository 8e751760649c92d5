package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.aRecord;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.SalesforceId;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdsTest {

  private final Sales sales = new Sales();

  @Test
  void mintsEighteenCharacterIdsWithValidChecksumsAndStandardPrefixes() {
    String entry = sales.standardEntry("CASK-RYE-53GAL", "7800");
    String opportunity = sales.create(anOpportunity());
    Map<String, String> byPrefix =
        Map.of(
            "001", sales.create(anAccount()),
            "003", sales.create(aContact()),
            "006", opportunity,
            "00k", sales.create(aLineItem(opportunity, entry).unitPrice(1)),
            "005", sales.org.adminUserId(),
            "00D", sales.org.id(),
            "01t", (String) sales.read("PricebookEntry", entry).get("Product2Id"),
            "01s", sales.org.standardPricebookId(),
            "01u", entry);

    byPrefix.forEach(
        (prefix, id) -> {
          assertThat(id).as(prefix).hasSize(18).startsWith(prefix);
          assertThat(SalesforceId.isValid(id)).as(id).isTrue();
          assertThat(SalesforceId.of(id.substring(0, 15)).value()).isEqualTo(id);
        });
  }

  @Test
  void mintsUniqueIdsAcrossOrgs() {
    Org other =
        sales.orgs.create(
            Orgs.Definition.named("Other", new NewUser("b@x.example", null, "B", "b@x.example")));
    var ids = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      ids.add(sales.create(anAccount()));
      ids.add(other.create("Account", Map.of("Name", "x"), Caller.user(other.adminUserId())));
    }

    assertThat(ids).hasSize(2000);
  }

  @Test
  void acceptsFifteenCharacterIdsEverywhere() {
    String account = sales.create(anAccount());
    String short15 = account.substring(0, 15);

    assertThat(sales.read("Account", short15)).containsEntry("Id", account);
    assertThat(sales.org.row(short15)).isPresent();
    String contact = sales.create(aContact().forAccount(short15));
    assertThat(sales.read("Contact", contact)).containsEntry("AccountId", account);
    sales.org.update("Account", short15, Map.of("Phone", "1"), sales.admin);
    sales.org.delete(short15, sales.admin);
    sales.org.undelete(short15, sales.admin);
    assertThat(sales.org.row(account).orElseThrow()).containsEntry("IsDeleted", false);
    assertThat(sales.orgs.byId(sales.org.id().substring(0, 15))).contains(sales.org);
  }

  @Test
  void sortsIdsOfATypeInCreationOrder() {
    String first = sales.create(anAccount());
    String second = sales.create(aRecord("Account").named("Second"));

    assertThat(sales.org.rows("Account", false))
        .extracting(r -> r.get("Id"))
        .containsExactly(first, second);
    assertThat(first.compareTo(second)).isNegative();
  }
}
