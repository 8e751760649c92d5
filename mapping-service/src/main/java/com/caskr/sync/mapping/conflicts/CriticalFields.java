package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.schema.events.CaskrEntity;

/**
 * Fields that always go to manual review when both sides changed them, whatever the strategy and
 * whatever a company's mapping says: a customer's name, an order's total, a portal user's email
 * (the portal login).
 */
public final class CriticalFields {

  private CriticalFields() {}

  /** Whether {@code caskrField} of {@code entity} is critical by design. */
  public static boolean alwaysCritical(CaskrEntity entity, String caskrField) {
    return switch (entity) {
      case CUSTOMER -> caskrField.equals("name");
      case ORDER -> caskrField.equals("total_amount");
      case PORTAL_USER -> caskrField.equals("email");
    };
  }
}
