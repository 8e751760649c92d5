package com.caskr.sync.schema;

import com.caskr.sync.schema.events.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The event records, discovered from the sealed hierarchy rather than listed by hand. */
public final class Contracts {

  private Contracts() {}

  /** Every concrete SyncEvent record. */
  public static List<Class<? extends SyncEvent>> eventTypes() {
    var types = new ArrayList<Class<? extends SyncEvent>>();
    collect(SyncEvent.class, types);
    return List.copyOf(types);
  }

  /** Event record by its file-name form, e.g. salesforce-record-changed. */
  public static Map<String, Class<? extends SyncEvent>> eventTypesByFileName() {
    var byName = new TreeMap<String, Class<? extends SyncEvent>>();
    eventTypes().forEach(type -> byName.put(fileName(type), type));
    return byName;
  }

  /** SalesforceRecordChanged becomes salesforce-record-changed. */
  public static String fileName(Class<?> type) {
    return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  @SuppressWarnings("unchecked")
  private static void collect(Class<?> type, List<Class<? extends SyncEvent>> into) {
    if (type.isRecord()) {
      into.add((Class<? extends SyncEvent>) type);
      return;
    }
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      throw new IllegalStateException(type + " is neither a record nor sealed");
    }
    for (Class<?> subtype : permitted) {
      collect(subtype, into);
    }
  }
}
