package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreTest {

  @Test
  void restoredRowsKeepTheirIdsRecycleBinAndUsersAndNewIdsNeverCollide() {
    var sales = new Sales();
    String account = sales.create(anAccount().with("Name", "Kept"));
    String gone = sales.create(anAccount().with("Name", "Binned"));
    String contact = sales.create(aContact().with("AccountId", gone));
    sales.org.delete(gone, sales.admin);
    var rows = new ArrayList<Map<String, Object>>();
    for (SObjectType type : sales.org.schema().types()) {
      sales.org.rows(type.name(), true).forEach(rows::add);
    }

    Org copy =
        sales.orgs.create(
            Orgs.Definition.named(
                "Copy", new NewUser("placeholder@x.example", null, "Holder", "p@x.example")));
    List<Map<String, Object>> withCopysBook =
        rows.stream()
            .filter(r -> !((String) r.get("Id")).startsWith("01s"))
            .filter(r -> !((String) r.get("Id")).startsWith("00D"))
            .toList();
    copy.restore(withCopysBook, sales.org.recycleBin());

    assertThat(copy.userIds()).containsExactlyElementsOf(sales.org.userIds());
    assertThat(copy.read("Account", account)).isEqualTo(sales.org.read("Account", account));
    assertThat(copy.row(gone).orElseThrow()).containsEntry("IsDeleted", true);
    Caller admin = Caller.user(copy.adminUserId());
    copy.undelete(gone, admin);
    assertThat(copy.read("Contact", contact)).containsEntry("IsDeleted", false);
    String fresh = copy.create("Account", Map.of("Name", "New"), admin);
    assertThat(fresh.substring(5, 15)).isGreaterThan(contact.substring(5, 15));
  }

  @Test
  void mintsIdsAfterTheHighestRestoredOne() {
    String ahead = IdSequence.next("001");
    String farAhead = ahead.substring(0, 10) + "zzzzz";
    IdSequence.advancePast(farAhead);

    assertThat(IdSequence.next("001").substring(0, 15)).isGreaterThan(farAhead);
  }
}
