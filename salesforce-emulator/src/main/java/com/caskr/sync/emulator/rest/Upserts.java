package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.RequestRejected;
import com.caskr.sync.emulator.org.SObjectType;

/** What {@code ?updateOnly=true} needs before an upsert: does any live record match the key? */
final class Upserts {

  private Upserts() {}

  static boolean anyMatch(Org org, SObjectType type, Field key, String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (key.name().equals("Id")) {
      try {
        org.read(type.name(), value);
        return true;
      } catch (RequestRejected e) {
        return false;
      }
    }
    return org.rows(type.name(), false)
        .anyMatch(
            r ->
                r.get(key.name()) != null
                    && String.valueOf(r.get(key.name())).equalsIgnoreCase(value));
  }
}
