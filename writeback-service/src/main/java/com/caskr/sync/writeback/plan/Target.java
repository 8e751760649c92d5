package com.caskr.sync.writeback.plan;

import com.caskr.sync.schema.events.CaskrEntity;

/**
 * Where each Caskr entity goes in Salesforce. Accounts and Contacts not linked yet are upserted by
 * their external id (the Caskr id), so a retry never creates a second record; orders only update
 * the Opportunity they came from (Caskr does not create Opportunities).
 */
public enum Target {
  ACCOUNT("Account", "Caskr_Customer_Id__c", CaskrEntity.CUSTOMER),
  CONTACT("Contact", "Caskr_Contact_Id__c", CaskrEntity.PORTAL_USER),
  OPPORTUNITY("Opportunity", null, CaskrEntity.ORDER);

  private final String sobject;
  private final String externalIdField;
  private final CaskrEntity entity;

  Target(String sobject, String externalIdField, CaskrEntity entity) {
    this.sobject = sobject;
    this.externalIdField = externalIdField;
    this.entity = entity;
  }

  public String sobject() {
    return sobject;
  }

  /** The external id field new records are upserted by; null when Caskr never creates them. */
  public String externalIdField() {
    return externalIdField;
  }

  public CaskrEntity entity() {
    return entity;
  }

  public boolean createsRecords() {
    return externalIdField != null;
  }

  public static Target of(CaskrEntity entity) {
    return switch (entity) {
      case CUSTOMER -> ACCOUNT;
      case PORTAL_USER -> CONTACT;
      case ORDER -> OPPORTUNITY;
    };
  }

  /** The external id value of a Caskr row: its id, in decimal. */
  public static String externalId(long caskrId) {
    return Long.toString(caskrId);
  }
}
