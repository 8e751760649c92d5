package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaskrRowChangedTest {

  private static final UUID EVENT = UUID.fromString("1f0c7b2e-8a7d-4c36-b1d9-6a2e4f5d3c21");
  private static final Instant NOW = Instant.parse("2026-03-23T14:02:19.330Z");
  private static final Map<String, Object> ROW = Map.of("id", 1042, "phone", "+1 (503) 555-0142");

  private static CustomerChanged customerChange(
      Tenant tenant,
      CaskrOperation operation,
      Map<String, Object> before,
      Map<String, Object> after) {
    return new CustomerChanged(
        EVENT,
        1,
        tenant,
        1042,
        operation,
        List.of("phone"),
        before,
        after,
        884213L,
        NOW,
        "trace-1");
  }

  @Test
  void keyIsCompanyIdSlashCaskrIdAndNeedsNoOrg() {
    var change = customerChange(Tenant.withoutOrg(57), CaskrOperation.INSERT, null, ROW);

    assertThat(change.kafkaKey()).isEqualTo("57/1042");
    assertThat(change.entity()).isEqualTo(CaskrEntity.CUSTOMER);
  }

  @Test
  void insertHasOnlyAnAfterImage() {
    assertThat(customerChange(Tenant.withoutOrg(57), CaskrOperation.INSERT, null, ROW).after())
        .containsEntry("id", 1042L);
    assertThatThrownBy(() -> customerChange(Tenant.withoutOrg(57), CaskrOperation.INSERT, ROW, ROW))
        .hasMessage("CustomerChanged: before must be null on INSERT");
    assertThatThrownBy(
            () -> customerChange(Tenant.withoutOrg(57), CaskrOperation.INSERT, null, null))
        .hasMessage("CustomerChanged: after must not be null on INSERT");
  }

  @Test
  void updateHasBothImages() {
    assertThatThrownBy(
            () -> customerChange(Tenant.withoutOrg(57), CaskrOperation.UPDATE, null, ROW))
        .hasMessage("CustomerChanged: before must not be null on UPDATE");
  }

  @Test
  void deleteHasOnlyABeforeImage() {
    var tenant = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
    var delete =
        new PortalUserChanged(
            EVENT, 1, tenant, 2215, CaskrOperation.DELETE, List.of(), ROW, null, null, NOW, "t");

    assertThat(delete.after()).isNull();
    assertThat(delete.kafkaKey()).isEqualTo("42/2215");
    assertThatThrownBy(
            () ->
                new PortalUserChanged(
                    EVENT,
                    1,
                    tenant,
                    2215,
                    CaskrOperation.DELETE,
                    List.of(),
                    ROW,
                    ROW,
                    null,
                    NOW,
                    "t"))
        .hasMessage("PortalUserChanged: after must be null on DELETE");
  }

  @Test
  void rejectsMissingOperationAndBadIds() {
    assertThatThrownBy(() -> customerChange(Tenant.withoutOrg(57), null, null, ROW))
        .hasMessage("CustomerChanged: operation must not be null");
    assertThatThrownBy(
            () ->
                new OrderChanged(
                    EVENT,
                    1,
                    Tenant.withoutOrg(57),
                    0,
                    CaskrOperation.INSERT,
                    List.of(),
                    null,
                    ROW,
                    null,
                    NOW,
                    "t"))
        .hasMessage("OrderChanged: caskrId must be positive, was 0");
  }

  @Test
  void rejectsColumnNamesThatAreNotIdentifiers() {
    assertThatThrownBy(
            () ->
                new OrderChanged(
                    EVENT,
                    1,
                    Tenant.withoutOrg(57),
                    5301,
                    CaskrOperation.UPDATE,
                    List.of("status; --"),
                    ROW,
                    ROW,
                    null,
                    NOW,
                    "t"))
        .hasMessageStartingWith("OrderChanged: changedFields[0] is not a Caskr column name");
  }

  @Test
  void sharesOneShapeSoWritebackCanPlanAnyTableAlike() {
    List<CaskrRowChanged> changes =
        List.of(
            customerChange(Tenant.withoutOrg(57), CaskrOperation.INSERT, null, ROW),
            new OrderChanged(
                EVENT,
                1,
                Tenant.withoutOrg(57),
                5301,
                CaskrOperation.INSERT,
                List.of(),
                null,
                ROW,
                null,
                NOW,
                "t"));

    assertThat(changes)
        .extracting(CaskrRowChanged::entity)
        .containsExactly(CaskrEntity.CUSTOMER, CaskrEntity.ORDER);
  }
}
