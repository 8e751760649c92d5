package com.caskr.sync.schema.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Caskr tables we sync. On the wire: the name used in topic names. */
public enum CaskrEntity {
  CUSTOMER("customer"),
  ORDER("order"),
  PORTAL_USER("portal-user");

  private final String wireName;

  CaskrEntity(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
