package com.caskr.sync.mapping.fieldmap;

import java.util.Arrays;

/** The tables a LOOKUP mapping resolves a Salesforce value through. */
public enum LookupKind {
  /** Industry → customer_type through crm_industry_customer_types. */
  INDUSTRY_CUSTOMER_TYPE("industry_customer_type"),
  /** A Salesforce user id → the Caskr user with that user's email. */
  USER_BY_EMAIL("user_by_email"),
  /** A Salesforce record id → the Caskr id paired with it in crm_entity_mappings. */
  ENTITY_MAPPING("entity_mapping");

  private final String configName;

  LookupKind(String configName) {
    this.configName = configName;
  }

  /** The name in transformation_config's {@code lookup} key. */
  public String configName() {
    return configName;
  }

  static LookupKind of(Object name) {
    return Arrays.stream(values())
        .filter(kind -> kind.configName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidMappingException(
                    "LOOKUP needs \"lookup\" to be one of industry_customer_type, user_by_email,"
                        + " entity_mapping"));
  }
}
