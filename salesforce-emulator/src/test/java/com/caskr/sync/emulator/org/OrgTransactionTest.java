package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrgTransactionTest {

  private final Sales sales = new Sales();
  private final Org org = sales.org;
  private final List<List<ChangeRecord>> transactions = new ArrayList<>();

  @BeforeEach
  void listen() {
    org.addListener(transactions::add);
  }

  @Test
  void commitsSeveralWritesAsOneTransactionWithOneKey() {
    String key =
        org.transaction(
            sales.admin,
            tx -> {
              String account = sales.create(anAccount());
              sales.create(aContact().forAccount(account));
              return tx.key();
            });

    assertThat(transactions).hasSize(1);
    List<ChangeRecord> changes = transactions.getFirst();
    assertThat(changes).extracting(ChangeRecord::entityName).containsExactly("Account", "Contact");
    assertThat(changes).extracting(ChangeRecord::transactionKey).containsOnly(key);
    assertThat(changes).extracting(ChangeRecord::sequenceNumber).containsExactly(1, 2);
    assertThat(org.count("Contact", false)).isEqualTo(1);
  }

  @Test
  void rollsBackEveryWriteAndTellsListenersNothing() {
    String kept = sales.create(anAccount().named("Kept").withCaskrCustomerId("C-1"));
    String deleted = sales.create(anAccount().named("Doomed"));
    String contact = sales.create(aContact().forAccount(deleted));
    Map<String, Object> keptBefore = org.read("Account", kept);
    transactions.clear();
    sales.clock.advance(Duration.ofMinutes(1));

    List<String> created =
        org.transaction(
            sales.admin,
            tx -> {
              String fresh = sales.create(anAccount().named("Fresh").withCaskrCustomerId("C-2"));
              sales.update(kept, anAccount().named("Renamed").withCaskrCustomerId("C-3"));
              org.delete(deleted, sales.admin);
              tx.rollBack();
              return List.of(fresh);
            });

    assertThat(transactions).isEmpty();
    assertThat(org.row(created.getFirst())).isEmpty();
    assertThat(org.read("Account", kept)).isEqualTo(keptBefore);
    assertThat(org.read("Account", deleted).get("IsDeleted")).isEqualTo(false);
    assertThat(org.read("Contact", contact).get("IsDeleted")).isEqualTo(false);
    assertThat(
            org.upsert("Account", "Caskr_Customer_Id__c", "C-1", Map.of(), sales.admin).getClass())
        .isEqualTo(UpsertOutcome.Updated.class);
    assertThat(
            org.upsert("Account", "Caskr_Customer_Id__c", "C-2", Map.of("Name", "x"), sales.admin)
                .getClass())
        .isEqualTo(UpsertOutcome.Created.class);
    assertThat(
            org.deleted(
                    "Account",
                    sales.clock.instant().minusSeconds(3600),
                    sales.clock.instant().plusSeconds(60))
                .deletedRecords())
        .isEmpty();
  }

  @Test
  void rollsBackWhenTheWorkThrows() {
    assertThatThrownBy(
            () ->
                org.transaction(
                    sales.admin,
                    tx -> {
                      sales.create(anAccount());
                      return sales.create(aContact().without("LastName"));
                    }))
        .isInstanceOf(RequestRejected.class);

    assertThat(org.count("Account", false)).isZero();
    assertThat(transactions).isEmpty();
  }

  @Test
  void aFailedWriteInsideLeavesNothingAndTheRestCommits() {
    org.transaction(
        sales.admin,
        tx -> {
          sales.create(anAccount().named("Good"));
          assertThatThrownBy(() -> sales.create(anAccount().without("Name")))
              .isInstanceOf(RequestRejected.class);
          return null;
        });

    assertThat(org.count("Account", false)).isEqualTo(1);
    assertThat(transactions).hasSize(1);
    assertThat(transactions.getFirst()).hasSize(1);
  }

  @Test
  void restoresDerivedRollUpsOfARolledBackLineItem() {
    String entry = sales.standardEntry("CASK", "100");
    String opportunity = sales.create(anOpportunity());
    sales.create(aLineItem(opportunity, entry).with("UnitPrice", "100"));
    Map<String, Object> before = org.read("Opportunity", opportunity);
    transactions.clear();

    org.transaction(
        sales.admin,
        tx -> {
          sales.create(aLineItem(opportunity, entry).with("Quantity", 3).with("UnitPrice", "100"));
          assertThat((BigDecimal) org.read("Opportunity", opportunity).get("Amount"))
              .isEqualByComparingTo("400");
          tx.rollBack();
          return null;
        });

    assertThat(org.read("Opportunity", opportunity)).isEqualTo(before);
    assertThat(org.count("OpportunityLineItem", false)).isEqualTo(1);
    assertThat(transactions).isEmpty();
  }

  @Test
  void rollsBackAHardDeleteWithItsChildren() {
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));

    org.transaction(
        sales.admin,
        tx -> {
          org.hardDelete(account, sales.admin);
          tx.rollBack();
          return null;
        });

    assertThat(org.read("Contact", contact).get("AccountId")).isEqualTo(account);
    org.delete(account, sales.admin);
    assertThat(org.row(contact).orElseThrow().get("IsDeleted")).isEqualTo(true);
  }

  @Test
  void injectedRowLockFailsApiWritesOnly() {
    org.faults().add(Faults.Kind.LOCK_ROW, 1L, null, null, null, null);
    sales.create(anAccount());
    Caller api = Caller.rest(org.adminUserId(), "62.0", null);

    assertThatThrownBy(() -> org.create("Account", Map.of("Name", "x"), api))
        .isInstanceOf(RequestRejected.class)
        .hasMessageContaining("UNABLE_TO_LOCK_ROW");
    org.create("Account", Map.of("Name", "y"), api);
    assertThat(org.count("Account", false)).isEqualTo(2);
  }
}
