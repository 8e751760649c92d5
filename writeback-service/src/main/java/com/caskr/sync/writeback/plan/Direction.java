package com.caskr.sync.writeback.plan;

/** Which way a mapped field flows ({@code mapping.crm_field_mappings.direction}). */
public enum Direction {
  SF_TO_CASKR,
  CASKR_TO_SF,
  BIDIRECTIONAL;

  /** Whether Caskr edits of the field go to Salesforce. */
  public boolean pushes() {
    return this != SF_TO_CASKR;
  }
}
