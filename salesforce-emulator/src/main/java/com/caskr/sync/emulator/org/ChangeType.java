package com.caskr.sync.emulator.org;

/** CDC change types; the GAP_* kinds are raised by fault injection, never by ordinary writes. */
public enum ChangeType {
  CREATE,
  UPDATE,
  DELETE,
  UNDELETE,
  GAP_CREATE,
  GAP_UPDATE,
  GAP_DELETE,
  GAP_UNDELETE,
  GAP_OVERFLOW
}
