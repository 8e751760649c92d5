package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;

/**
 * A Caskr customer row as it is after a sync. Only id, name and active are required; Caskr allows
 * the rest to be empty.
 *
 * @param assignedUserId the Caskr user owning the customer (matched by the Account owner's email)
 * @param salesforceAccountId the linked Account, null if the row is not linked
 */
public record Customer(
    long id,
    String name,
    CustomerType customerType,
    String email,
    String phone,
    String website,
    String billingStreet,
    String billingCity,
    String billingState,
    String billingPostalCode,
    String billingCountry,
    Long assignedUserId,
    boolean active,
    SalesforceId salesforceAccountId) {

  private static final String TYPE = "Customer";

  public Customer {
    Checks.positive(TYPE, "id", id);
    Checks.text(TYPE, "name", name);
    Checks.optionalPositive(TYPE, "assignedUserId", assignedUserId);
    Checks.keyPrefix(
        TYPE, "salesforceAccountId", salesforceAccountId, SalesforceEntity.ACCOUNT.keyPrefix());
  }
}
