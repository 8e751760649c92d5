package com.caskr.sync.schema.events;

/** The SQL operation behind a Caskr-side change. */
public enum CaskrOperation {
  INSERT,
  UPDATE,
  DELETE
}
