package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A Caskr order with all its lines, as it is after a sync.
 *
 * @param orderDate a calendar date (Opportunity.CloseDate), no time zone
 * @param salesforceOpportunityId the linked Opportunity, null if the order is not linked
 * @param lines every line of the order, possibly none
 */
public record Order(
    long id,
    long customerId,
    String orderNumber,
    OrderStatus status,
    LocalDate orderDate,
    BigDecimal totalAmount,
    String notes,
    SalesforceId salesforceOpportunityId,
    List<OrderLine> lines) {

  private static final String TYPE = "Order";

  public Order {
    Checks.positive(TYPE, "id", id);
    Checks.positive(TYPE, "customerId", customerId);
    Checks.optionalText(TYPE, "orderNumber", orderNumber);
    Checks.required(TYPE, "status", status);
    Checks.required(TYPE, "totalAmount", totalAmount);
    Checks.keyPrefix(
        TYPE,
        "salesforceOpportunityId",
        salesforceOpportunityId,
        SalesforceEntity.OPPORTUNITY.keyPrefix());
    Checks.required(TYPE, "lines", lines);
    for (int i = 0; i < lines.size(); i++) {
      Checks.required(TYPE, "lines[" + i + "]", lines.get(i));
    }
    lines = List.copyOf(lines);
  }
}
