package com.caskr.sync.ingest.syncstate;

import java.util.regex.Pattern;

/**
 * The name of mapping-service's schema, which ingest reads (record pairs, sync preferences) and
 * appends run rows to (sync log) under the grants of ADR 0017. Checked because it is spliced into
 * SQL.
 */
public record MappingSchema(String name) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public MappingSchema {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a schema name: " + name);
    }
  }

  public String table(String table) {
    return name + "." + table;
  }
}
