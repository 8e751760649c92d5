package com.caskr.sync.schema.events;

public enum ChangeType {
  /** Created or updated; consumers cannot (and need not) tell which. */
  UPSERT,
  DELETE,
  UNDELETE
}
