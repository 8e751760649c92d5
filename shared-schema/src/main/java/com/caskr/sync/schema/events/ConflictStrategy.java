package com.caskr.sync.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a company resolves conflicts; on the wire as stored in Caskr's CRM settings. */
public enum ConflictStrategy {
  LAST_WRITE_WINS("LastWriteWins"),
  SALESFORCE_WINS("SalesforceWins"),
  CASKR_WINS("CaskrWins"),
  MANUAL("Manual");

  private final String settingValue;

  ConflictStrategy(String settingValue) {
    this.settingValue = settingValue;
  }

  @JsonValue
  public String settingValue() {
    return settingValue;
  }
}
