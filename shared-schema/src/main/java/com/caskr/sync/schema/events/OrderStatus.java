package com.caskr.sync.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Caskr's order status values; on the wire exactly as Caskr stores them. */
public enum OrderStatus {
  DRAFT("Draft"),
  PENDING("Pending"),
  CONFIRMED("Confirmed"),
  IN_PRODUCTION("InProduction"),
  SHIPPED("Shipped"),
  DELIVERED("Delivered"),
  CANCELLED("Cancelled");

  private final String caskrValue;

  OrderStatus(String caskrValue) {
    this.caskrValue = caskrValue;
  }

  @JsonValue
  public String caskrValue() {
    return caskrValue;
  }
}
