package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.aContact;
import static com.caskr.sync.emulator.org.Sales.aLineItem;
import static com.caskr.sync.emulator.org.Sales.aRecord;
import static com.caskr.sync.emulator.org.Sales.anAccount;
import static com.caskr.sync.emulator.org.Sales.anOpportunity;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeListenerTest {

  private final Sales sales = new Sales();
  private final List<List<ChangeRecord>> transactions = new ArrayList<>();

  @BeforeEach
  void listen() {
    sales.org.addListener(transactions::add);
  }

  private ChangeRecord only() {
    assertThat(transactions).hasSize(1);
    assertThat(transactions.getFirst()).hasSize(1);
    return transactions.getFirst().getFirst();
  }

  @Test
  void seesACreateWithItsValues() {
    String id = sales.create(anAccount().inIndustry("Retail"));

    ChangeRecord change = only();
    assertThat(change.entityName()).isEqualTo("Account");
    assertThat(change.recordIds()).containsExactly(id);
    assertThat(change.changeType()).isEqualTo(ChangeType.CREATE);
    assertThat(change.values())
        .containsEntry("Name", "Copper Still Tavern")
        .containsEntry("Industry", "Retail")
        .doesNotContainKeys("Id", "SystemModstamp");
    assertThat(change.changedFields()).isEmpty();
    assertThat(change.sequenceNumber()).isEqualTo(1);
    assertThat(change.commitUser()).isEqualTo(sales.org.adminUserId());
    assertThat(change.commitTimestamp()).isEqualTo(sales.clock.instant());
  }

  @Test
  void seesChangedAndNulledFieldsOfAnUpdate() {
    String id = sales.create(aContact().with("Title", "Owner").with("Phone", "1"));
    sales.clock.advance(java.time.Duration.ofSeconds(1));
    transactions.clear();

    sales.update(
        id, aRecord("Contact").with("Title", null).with("Phone", "2").with("LastName", "Marsh"));

    ChangeRecord change = only();
    assertThat(change.changeType()).isEqualTo(ChangeType.UPDATE);
    assertThat(change.changedFields())
        .containsExactlyInAnyOrder("Title", "Phone", "LastModifiedDate");
    assertThat(change.nulledFields()).containsExactly("Title");
    assertThat(change.values()).containsEntry("Phone", "2").doesNotContainKey("Title");
  }

  @Test
  void carriesTheCallersChangeOrigin() {
    sales.org.create(
        "Account", Map.of("Name", "x"), Caller.rest(sales.org.adminUserId(), "62.0", "caskr-sync"));
    sales.org.create(
        "Account", Map.of("Name", "y"), Caller.rest(sales.org.adminUserId(), "62.0", null));

    assertThat(transactions.get(0).getFirst().changeOrigin())
        .isEqualTo("com/salesforce/api/rest/62.0;client=caskr-sync");
    assertThat(transactions.get(1).getFirst().changeOrigin())
        .isEqualTo("com/salesforce/api/rest/62.0");
  }

  @Test
  void reportsTheOpportunityRollUpAsItsOwnUpdateInTheSameTransaction() {
    String entry = sales.standardEntry("CASK-BOURBON-53GAL", "8500");
    String opportunity = sales.create(anOpportunity());
    transactions.clear();

    String line = sales.create(aLineItem(opportunity, entry).quantity(2).unitPrice(8500));

    assertThat(transactions).hasSize(1);
    List<ChangeRecord> tx = transactions.getFirst();
    assertThat(tx)
        .extracting(ChangeRecord::entityName)
        .containsExactly("OpportunityLineItem", "Opportunity");
    assertThat(tx)
        .extracting(ChangeRecord::changeType)
        .containsExactly(ChangeType.CREATE, ChangeType.UPDATE);
    assertThat(tx).extracting(ChangeRecord::sequenceNumber).containsExactly(1, 2);
    assertThat(tx)
        .extracting(ChangeRecord::transactionKey)
        .containsOnly(tx.getFirst().transactionKey());
    assertThat(tx.get(0).recordIds()).containsExactly(line);
    ChangeRecord rollUp = tx.get(1);
    assertThat(rollUp.recordIds()).containsExactly(opportunity);
    assertThat(rollUp.changedFields())
        .contains("Amount", "HasOpportunityLineItem")
        .doesNotContain("LastModifiedDate", "SystemModstamp");
    assertThat(rollUp.values()).containsEntry("Amount", new BigDecimal("17000.00"));
  }

  @Test
  void givesEveryTransactionItsOwnKeyAndAnIncreasingCommitNumber() {
    sales.create(anAccount());
    sales.create(anAccount());

    assertThat(transactions.get(0).getFirst().transactionKey())
        .isNotEqualTo(transactions.get(1).getFirst().transactionKey());
    assertThat(transactions.get(1).getFirst().commitNumber())
        .isGreaterThan(transactions.get(0).getFirst().commitNumber());
  }

  @Test
  void seesCascadeDeletesAndUndeletesInOneTransaction() {
    String account = sales.create(anAccount());
    String contact = sales.create(aContact().forAccount(account));
    transactions.clear();

    sales.org.delete(account, sales.admin);
    sales.org.undelete(account, sales.admin);

    assertThat(transactions.get(0))
        .extracting(c -> c.recordIds().getFirst(), ChangeRecord::changeType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(account, ChangeType.DELETE),
            org.assertj.core.groups.Tuple.tuple(contact, ChangeType.DELETE));
    assertThat(transactions.get(1))
        .extracting(ChangeRecord::changeType)
        .containsExactly(ChangeType.UNDELETE, ChangeType.UNDELETE);
    assertThat(transactions.get(1).get(1).values()).containsEntry("LastName", "Marsh");
  }

  @Test
  void seesNothingOfAHardDeleteOrARejectedWrite() {
    String account = sales.create(anAccount());
    transactions.clear();

    sales.org.hardDelete(account, sales.admin);
    try {
      sales.create(anAccount().named(""));
    } catch (RequestRejected expected) {
      // the point: no change reaches the listener
    }

    assertThat(transactions).isEmpty();
  }

  @Test
  void deliversGapEventsWithoutTouchingRecords() {
    String account = sales.create(anAccount());
    transactions.clear();

    sales.org.signalGap(
        "Account", List.of(account.substring(0, 15)), ChangeType.GAP_UPDATE, sales.admin);
    sales.org.signalGap("Account", List.of(account), ChangeType.GAP_OVERFLOW, sales.admin);

    assertThat(transactions.get(0).getFirst())
        .extracting(ChangeRecord::changeType, ChangeRecord::recordIds)
        .containsExactly(ChangeType.GAP_UPDATE, List.of(account));
    assertThat(transactions.get(1).getFirst().recordIds()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> sales.org.signalGap("Account", List.of(account), ChangeType.UPDATE, sales.admin))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
