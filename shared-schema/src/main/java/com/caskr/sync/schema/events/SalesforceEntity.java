package com.caskr.sync.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Salesforce objects we sync. On the wire: the sObject API name. */
public enum SalesforceEntity {
  ACCOUNT("Account", "001"),
  CONTACT("Contact", "003"),
  OPPORTUNITY("Opportunity", "006");

  private final String apiName;
  private final String keyPrefix;

  SalesforceEntity(String apiName, String keyPrefix) {
    this.apiName = apiName;
    this.keyPrefix = keyPrefix;
  }

  @JsonValue
  public String apiName() {
    return apiName;
  }

  /** Standard objects have fixed key prefixes in every org, so ids can be checked against them. */
  public String keyPrefix() {
    return keyPrefix;
  }
}
