package com.caskr.sync.mapping.fieldmap;

/** Which way one mapped field flows (crm_field_mappings.direction). */
public enum FieldDirection {
  SF_TO_CASKR,
  CASKR_TO_SF,
  BIDIRECTIONAL;

  /** Whether Salesforce values of this field are applied to Caskr. */
  public boolean inbound() {
    return this != CASKR_TO_SF;
  }

  /** Whether Caskr values of this field are pushed to Salesforce. */
  public boolean outbound() {
    return this != SF_TO_CASKR;
  }
}
