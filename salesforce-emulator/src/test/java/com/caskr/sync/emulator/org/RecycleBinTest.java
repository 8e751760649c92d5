package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecycleBinTest {

  private final Sales sales = new Sales();

  private ErrorCode failure(Runnable call) {
    return catchThrowableOfType(RequestRejected.class, call::run).code();
  }

  private Map<String, Object> stored(String id) {
    return sales.org.row(id).orElseThrow();
  }

  @Test
  void softDeleteHidesFromQueryButNotFromQueryAll() {
    String id = sales.create(anAccount());

    sales.org.delete(id, sales.admin);

    assertThat(sales.org.rows("Account", false)).isEmpty();
    assertThat(sales.org.rows("Account", true)).extracting(r -> r.get("Id")).containsExactly(id);
    assertThat(stored(id)).containsEntry("IsDeleted", true);
    assertThat(failure(() -> sales.read("Account", id))).isEqualTo(ErrorCode.ENTITY_IS_DELETED);
    assertThat(failure(() -> sales.org.delete(id, sales.admin)))
        .isEqualTo(ErrorCode.ENTITY_IS_DELETED);
  }

  @Test
  void deletingAnAccountTakesItsContactsOpportunitiesAndLinesAlong() {
    String entry = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));
    String opportunity = sales.create(anOpportunity().forAccount(account));
    String line = sales.create(aLineItem(opportunity, entry).unitPrice(8500));
    String bystander = sales.create(aContact());

    sales.org.delete(account, sales.admin);

    for (String id : new String[] {account, contact, opportunity, line}) {
      assertThat(stored(id)).as(id).containsEntry("IsDeleted", true);
    }
    assertThat(stored(bystander)).containsEntry("IsDeleted", false);
  }

  @Test
  void undeleteRestoresEverythingTheDeleteTookAlong() {
    String entry = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String account = sales.create(anAccount().withCaskrCustomerId("CUST-1"));
    String contact = sales.create(aContact().forAccount(account));
    String opportunity = sales.create(anOpportunity().forAccount(account));
    String line = sales.create(aLineItem(opportunity, entry).unitPrice(8500));
    sales.org.delete(account, sales.admin);

    sales.org.undelete(account, sales.admin);

    for (String id : new String[] {account, contact, opportunity, line}) {
      assertThat(stored(id)).as(id).containsEntry("IsDeleted", false);
    }
    assertThat(sales.read("Opportunity", opportunity))
        .containsEntry("Amount", new BigDecimal("8500.00"));
  }

  @Test
  void refusesToUndeleteALiveRecordOrOneDeletedWithItsParent() {
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));

    assertThat(failure(() -> sales.org.undelete(account, sales.admin)))
        .isEqualTo(ErrorCode.UNDELETE_FAILED);
    sales.org.delete(account, sales.admin);
    assertThat(failure(() -> sales.org.undelete(contact, sales.admin)))
        .isEqualTo(ErrorCode.UNDELETE_FAILED);
  }

  @Test
  void freesAnExternalIdWhileDeletedAndRefusesAnUndeleteThatWouldDuplicateIt() {
    String first = sales.create(anAccount().withCaskrCustomerId("CUST-7"));
    sales.org.delete(first, sales.admin);
    sales.create(anAccount().withCaskrCustomerId("CUST-7"));

    assertThat(failure(() -> sales.org.undelete(first, sales.admin)))
        .isEqualTo(ErrorCode.DUPLICATE_VALUE);
  }

  @Test
  void hardDeleteIsGoneEvenForQueryAll() {
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));

    sales.org.hardDelete(account, sales.admin);

    assertThat(sales.org.rows("Account", true)).isEmpty();
    assertThat(sales.org.rows("Contact", true)).isEmpty();
    assertThat(sales.org.row(contact)).isEmpty();
    assertThat(failure(() -> sales.read("Account", account))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void hardDeleteEmptiesARecordFromTheRecycleBin() {
    String account = sales.create(anAccount());
    sales.org.delete(account, sales.admin);

    sales.org.hardDelete(account, sales.admin);

    assertThat(sales.org.row(account)).isEmpty();
    assertThat(failure(() -> sales.org.undelete(account, sales.admin)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }
}
