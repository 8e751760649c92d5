package com.caskr.sync.writeback.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.events.CaskrEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String ACCOUNT_ID = "001000000000001AAA";
  private static final Instant CASKR_EDIT = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant SALESFORCE_EDIT = Instant.parse("2026-11-22T09:00:05Z");

  private static final List<FieldRule> CUSTOMER_RULES =
      List.of(
          new FieldRule("name", "Name", Direction.BIDIRECTIONAL, true, true),
          new FieldRule("phone", "Phone", Direction.BIDIRECTIONAL, false, false),
          new FieldRule("billing_city", "BillingCity", Direction.BIDIRECTIONAL, false, false),
          new FieldRule("customer_type", "Industry", Direction.SF_TO_CASKR, false, false));

  private static final List<FieldRule> ORDER_RULES =
      List.of(
          new FieldRule("status", "StageName", Direction.SF_TO_CASKR, false, false),
          new FieldRule("status", "Caskr_Order_Status__c", Direction.CASKR_TO_SF, false, false),
          new FieldRule("total_amount", "Amount", Direction.SF_TO_CASKR, true, false));

  private static final List<FieldRule> PORTAL_USER_RULES =
      List.of(
          new FieldRule("email", "Email", Direction.BIDIRECTIONAL, true, true),
          new FieldRule("phone", "Phone", Direction.BIDIRECTIONAL, false, false));

  @Test
  void pushesTheEditedFieldOfALinkedCustomerWhenSalesforceDidNotChange() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone"))
                .row(Map.of("name", "Copper Still", "phone", "555-0142", "billing_city", "Austin"))
                .linkedWith(Map.of("name", "Copper Still", "phone", "555-0100"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.write().salesforceId()).isEqualTo(ACCOUNT_ID);
    assertThat(plan.write().fields()).isEqualTo(Map.of("Phone", "555-0142"));
    assertThat(plan.write().record()).isEqualTo(Map.of("Phone", "555-0142", "Id", ACCOUNT_ID));
    assertThat(plan.write().snapshot()).isEqualTo(Map.of("phone", "555-0142"));
  }

  @Test
  void neverPushesFieldsThatOnlyFlowFromSalesforce() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("customer_type"))
                .row(Map.of("name", "Copper Still", "customer_type", "Distributor"))
                .linkedWith(Map.of("customer_type", "Direct"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.writes()).isFalse();
  }

  @Test
  void aValueEqualToTheLastSyncedSnapshotIsNotAnEdit() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone"))
                .row(Map.of("name", "Copper Still", "phone", "555-0100"))
                .linkedWith(Map.of("phone", "555-0100"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.writes()).isFalse();
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void bothSidesChangedToDifferentValuesIsAConflictNotAnOverwrite() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone", "billing_city"))
                .row(Map.of("name", "Copper Still", "phone", "555-0142", "billing_city", "Austin"))
                .linkedWith(Map.of("phone", "555-0100", "billing_city", "Dallas"))
                .salesforceNow(Map.of("Phone", "555-0177", "BillingCity", "Dallas"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.write().fields()).isEqualTo(Map.of("BillingCity", "Austin"));
    assertThat(plan.conflicts())
        .singleElement()
        .satisfies(
            conflict -> {
              assertThat(conflict.rule().caskrField()).isEqualTo("phone");
              assertThat(conflict.baseValue()).isEqualTo("555-0100");
              assertThat(conflict.salesforceValue()).isEqualTo("555-0177");
              assertThat(conflict.caskrValue()).isEqualTo("555-0142");
              assertThat(conflict.salesforceModifiedAt()).isEqualTo(SALESFORCE_EDIT);
              assertThat(conflict.caskrModifiedAt()).isEqualTo(CASKR_EDIT);
            });
  }

  @Test
  void aPortalUsersEmailChangedOnBothSidesIsACriticalConflict() {
    RecordPlan plan =
        Planner.plan(
            new Builder(CaskrEntity.PORTAL_USER, Set.of("email"))
                .row(Map.of("email", "jane@new.example"))
                .linkedWith(Map.of("email", "jane@old.example"))
                .salesforceNow(Map.of("Email", "jane@other.example"))
                .build(),
            PORTAL_USER_RULES);

    assertThat(plan.writes()).isFalse();
    assertThat(plan.conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.rule().critical()).isTrue());
  }

  @Test
  void aConflictCaskrWonIsPushedWithoutTheThreeWayCheck() {
    RecordPlan plan =
        Planner.plan(
            new RowState(
                new Edit(
                    7, CaskrEntity.CUSTOMER, 1042, Set.of("phone"), Priority.INTERACTIVE, true),
                Map.of("name", "Copper Still", "phone", "555-0142"),
                CASKR_EDIT,
                new Link(ACCOUNT_ID, Map.of("phone", "555-0100"), CASKR_EDIT.minusSeconds(60)),
                new SalesforceState(Map.of("Phone", "555-0177"), SALESFORCE_EDIT)),
            CUSTOMER_RULES);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.write().fields()).isEqualTo(Map.of("Phone", "555-0142"));
  }

  @Test
  void salesforceAlreadyHoldingCaskrsValueIsAgreementNotAWrite() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone"))
                .row(Map.of("phone", "555-0142"))
                .linkedWith(Map.of("phone", "555-0100"))
                .salesforceNow(Map.of("Phone", "555-0142"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.writes()).isFalse();
    assertThat(plan.agreed()).isEqualTo(Map.of("phone", "555-0142"));
  }

  @Test
  void anUnknownBaseWithADifferentSalesforceValueIsAConflict() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone"))
                .row(Map.of("phone", "555-0142"))
                .linkedWith(Map.of())
                .salesforceNow(Map.of("Phone", "555-0199"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.baseKnown()).isFalse());
  }

  @Test
  void aFirstValueForAFieldEmptyOnBothSidesAtTheLastSyncIsPushedNotAConflict() {
    Map<String, Object> noPhone = new HashMap<>();
    noPhone.put("Phone", null);
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("phone"))
                .row(Map.of("phone", "555-0142"))
                .linkedWith(Map.of("name", "Copper Still"))
                .salesforceNow(noPhone)
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.write().fields()).isEqualTo(Map.of("Phone", "555-0142"));
  }

  @Test
  void numbersCompareByValue() {
    List<FieldRule> rules =
        List.of(new FieldRule("credit", "Credit__c", Direction.BIDIRECTIONAL, false, false));
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of("credit"))
                .row(Map.of("credit", new BigDecimal("5000.00")))
                .linkedWith(Map.of("credit", 5000L))
                .build(),
            rules);

    assertThat(plan.writes()).isFalse();
  }

  @Test
  void anOrderStatusGoesToItsOwnFieldAndNeverToStageName() {
    RecordPlan plan =
        Planner.plan(
            new Builder(CaskrEntity.ORDER, Set.of("status"))
                .row(Map.of("status", "InProduction", "total_amount", new BigDecimal("10")))
                .linkedWith(Map.of("status", "Confirmed"))
                .salesforceNow(
                    Map.of("Caskr_Order_Status__c", "Fulfilled", "StageName", "Closed Won"))
                .build(),
            ORDER_RULES);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.write().fields()).isEqualTo(Map.of("Caskr_Order_Status__c", "InProduction"));
  }

  @Test
  void anOrderWithoutItsOpportunityIsNotPushed() {
    RecordPlan plan =
        Planner.plan(
            new Builder(CaskrEntity.ORDER, Set.of()).row(Map.of("status", "Draft")).build(),
            ORDER_RULES);

    assertThat(plan.writes()).isFalse();
  }

  @Test
  void aNewCustomerIsUpsertedWholeByItsExternalId() {
    RecordPlan plan =
        Planner.plan(
            aCustomer(Set.of())
                .row(Map.of("name", "  Saltmarsh Oyster Bar ", "phone", "555-0100"))
                .build(),
            CUSTOMER_RULES);

    assertThat(plan.write().isNew()).isTrue();
    assertThat(plan.write().record())
        .isEqualTo(
            Map.of(
                "Name", "Saltmarsh Oyster Bar",
                "Phone", "555-0100",
                "Caskr_Customer_Id__c", "1042"));
    assertThat(plan.write().snapshot())
        .isEqualTo(Map.of("name", "Saltmarsh Oyster Bar", "phone", "555-0100"));
  }

  @Test
  void aDeletedRowSendsNothing() {
    RecordPlan plan =
        Planner.plan(aCustomer(Set.of("phone")).linkedWith(Map.of()).build(), CUSTOMER_RULES);

    assertThat(plan.writes()).isFalse();
  }

  private static Builder aCustomer(Set<String> fields) {
    return new Builder(CaskrEntity.CUSTOMER, fields);
  }

  private static final class Builder {
    private final CaskrEntity entity;
    private final Set<String> fields;
    private Map<String, Object> row;
    private Link link;
    private SalesforceState salesforce;

    Builder(CaskrEntity entity, Set<String> fields) {
      this.entity = entity;
      this.fields = fields;
    }

    Builder row(Map<String, Object> values) {
      row = new HashMap<>(values);
      return this;
    }

    Builder linkedWith(Map<String, Object> lastSynced) {
      link = new Link(ACCOUNT_ID, lastSynced, CASKR_EDIT.minusSeconds(60));
      return this;
    }

    Builder salesforceNow(Map<String, Object> values) {
      salesforce = new SalesforceState(values, SALESFORCE_EDIT);
      return this;
    }

    RowState build() {
      return new RowState(
          Edit.of(7, entity, 1042, fields, Priority.INTERACTIVE),
          row,
          CASKR_EDIT,
          link,
          salesforce);
    }
  }
}
