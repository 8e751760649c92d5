package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SnapshotsTest {

  private static final Tenant TENANT = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
  private static final SalesforceId TAVERN = SalesforceId.of("0015e00000Kx7Qz");
  private static final SalesforceId OTHER_ACCOUNT = SalesforceId.of("0015e00000Kx7R4");
  private static final SalesforceId DEAL = SalesforceId.of("0065e00000GhT8x");
  private static final UUID EVENT = UUID.fromString("5a0e3c1d-7b2f-4e8a-9c6d-1f3b5a7c9e02");
  private static final UUID SOURCE = UUID.fromString("7c1e0a52-9d4b-4f0e-8a61-2f5b3c9d8e10");
  private static final Instant NOW = Instant.parse("2026-03-18T16:30:13.902Z");

  private static Customer tavern(SalesforceId link) {
    return new Customer(
        1042,
        "Copper Still Tavern",
        CustomerType.ON_PREMISE,
        null,
        "+1 (503) 555-0199",
        null,
        "1180 NW Glisan St",
        "Portland",
        "OR",
        "97209",
        "United States",
        7L,
        true,
        link);
  }

  private static OrderLine bourbonCasks() {
    return new OrderLine(
        9101,
        311,
        "CASK-BOURBON-53GAL",
        new BigDecimal("2"),
        new BigDecimal("7950.00"),
        new BigDecimal("15900.00"),
        SalesforceId.of("00k5e00000Ab1Cd"));
  }

  @Test
  void customerSyncedIsKeyedByCompanyAndCustomer() {
    var synced =
        new CustomerSynced(
            EVENT, 1, TENANT, tavern(TAVERN), TAVERN, SyncOutcome.CREATED, SOURCE, NOW, "t");

    assertThat(synced.kafkaKey()).isEqualTo("42/1042");
  }

  @Test
  void customerSyncedRejectsASnapshotLinkedToAnotherAccount() {
    assertThatThrownBy(
            () ->
                new CustomerSynced(
                    EVENT,
                    1,
                    TENANT,
                    tavern(OTHER_ACCOUNT),
                    TAVERN,
                    SyncOutcome.UPDATED,
                    SOURCE,
                    NOW,
                    "t"))
        .hasMessage(
            "CustomerSynced: customer.salesforceAccountId must equal salesforceId when set, was 0015e00000Kx7R4AAJ");
  }

  @Test
  void customerSyncedRejectsAnIdOfTheWrongObjectAndAMissingSourceEvent() {
    assertThatThrownBy(
            () ->
                new CustomerSynced(
                    EVENT, 1, TENANT, tavern(null), DEAL, SyncOutcome.CREATED, SOURCE, NOW, "t"))
        .hasMessage(
            "CustomerSynced: salesforceId must start with key prefix 001, was 0065e00000GhT8xAAF");
    assertThatThrownBy(
            () ->
                new CustomerSynced(
                    EVENT, 1, TENANT, tavern(null), TAVERN, SyncOutcome.CREATED, null, NOW, "t"))
        .hasMessage("CustomerSynced: sourceEventId must not be null");
  }

  @Test
  void customerNeedsANameAndAnAccountIdAsItsLink() {
    assertThatThrownBy(
            () ->
                new Customer(
                    1042, " ", null, null, null, null, null, null, null, null, null, null, true,
                    null))
        .hasMessage("Customer: name must not be blank");
    assertThatThrownBy(
            () ->
                new Customer(
                    1042,
                    "Copper Still Tavern",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    true,
                    DEAL))
        .hasMessageStartingWith("Customer: salesforceAccountId must start with key prefix 001");
  }

  @Test
  void orderCopiesItsLinesAndKeysByOrderId() {
    var lines = new ArrayList<>(List.of(bourbonCasks()));
    var order =
        new Order(
            5301,
            1042,
            "SO-2026-0318",
            OrderStatus.CONFIRMED,
            LocalDate.of(2026, 3, 18),
            new BigDecimal("15900.00"),
            null,
            DEAL,
            lines);
    lines.clear();

    var synced =
        new OrderSynced(EVENT, 1, TENANT, order, DEAL, SyncOutcome.CREATED, SOURCE, NOW, "t");

    assertThat(synced.order().lines()).containsExactly(bourbonCasks());
    assertThat(synced.kafkaKey()).isEqualTo("42/5301");
  }

  @Test
  void orderLinesLinkToOpportunityLineItems() {
    assertThatThrownBy(
            () ->
                new OrderLine(
                    9101,
                    311,
                    "CASK-BOURBON-53GAL",
                    BigDecimal.ONE,
                    BigDecimal.TEN,
                    BigDecimal.TEN,
                    DEAL))
        .hasMessageStartingWith("OrderLine: salesforceLineItemId must start with key prefix 00k");
    assertThatThrownBy(
            () ->
                new OrderLine(
                    9101, 311, "CASK-BOURBON-53GAL", null, BigDecimal.TEN, BigDecimal.TEN, null))
        .hasMessage("OrderLine: quantity must not be null");
  }

  @Test
  void orderNeedsStatusTotalAndLines() {
    assertThatThrownBy(
            () -> new Order(5301, 1042, null, null, null, BigDecimal.ZERO, null, null, List.of()))
        .hasMessage("Order: status must not be null");
    assertThatThrownBy(
            () -> new Order(5301, 1042, null, OrderStatus.DRAFT, null, null, null, null, List.of()))
        .hasMessage("Order: totalAmount must not be null");
    assertThatThrownBy(
            () ->
                new Order(
                    5301, 1042, null, OrderStatus.DRAFT, null, BigDecimal.ZERO, null, null, null))
        .hasMessage("Order: lines must not be null");
  }

  @Test
  void portalUserNeedsAnEmailLogin() {
    var contact = SalesforceId.of("0035e00000Dv2Lm");
    var investor =
        new PortalUser(
            2207,
            1042L,
            "m.okafor@example.com",
            "Marguerite",
            "Okafor",
            null,
            true,
            true,
            true,
            contact);

    assertThat(
            new PortalUserSynced(
                    EVENT, 1, TENANT, investor, contact, SyncOutcome.CREATED, SOURCE, NOW, "t")
                .kafkaKey())
        .isEqualTo("42/2207");
    assertThatThrownBy(
            () -> new PortalUser(2207, null, "m.okafor", null, null, null, true, true, true, null))
        .hasMessage("PortalUser: email is not an email address");
    assertThatThrownBy(
            () -> new PortalUser(2207, null, null, null, null, null, true, true, true, null))
        .hasMessage("PortalUser: email must not be null");
  }
}
