package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import java.util.regex.Pattern;

/**
 * A Caskr portal user (a customer's contact, possibly a cask investor) after a sync.
 *
 * @param customerId the customer the user belongs to; null for an individual investor whose Contact
 *     has no Account
 * @param email required: it is the portal login, unique per company
 * @param salesforceContactId the linked Contact, null if the user is not linked
 */
public record PortalUser(
    long id,
    Long customerId,
    String email,
    String firstName,
    String lastName,
    String phone,
    boolean caskInvestor,
    boolean portalEnabled,
    boolean active,
    SalesforceId salesforceContactId) {

  private static final String TYPE = "PortalUser";

  // Deliberately loose: Caskr checks addresses properly; this only stops obvious garbage.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@\\S+");

  public PortalUser {
    Checks.positive(TYPE, "id", id);
    Checks.optionalPositive(TYPE, "customerId", customerId);
    Checks.text(TYPE, "email", email);
    if (!EMAIL.matcher(email).matches()) {
      throw Checks.invalid(TYPE, "email", "is not an email address");
    }
    Checks.keyPrefix(
        TYPE, "salesforceContactId", salesforceContactId, SalesforceEntity.CONTACT.keyPrefix());
  }
}
