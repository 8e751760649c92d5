package com.caskr.sync.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Caskr's customer_type values; on the wire exactly as Caskr stores them. */
public enum CustomerType {
  ON_PREMISE("On-Premise"),
  OFF_PREMISE("Off-Premise"),
  DISTRIBUTOR("Distributor"),
  DIRECT("Direct");

  private final String caskrValue;

  CustomerType(String caskrValue) {
    this.caskrValue = caskrValue;
  }

  @JsonValue
  public String caskrValue() {
    return caskrValue;
  }
}
