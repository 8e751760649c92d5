package com.caskr.sync.ingest.change;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Locale;
import java.util.Optional;

/** The entity names the HTTP channels accept in their paths. */
public final class SalesforceEntities {

  private SalesforceEntities() {}

  /**
   * {@code account}, {@code contact} or {@code opportunity} (any case); empty for anything else.
   */
  public static Optional<SalesforceEntity> fromPathSegment(String segment) {
    if (segment == null) {
      return Optional.empty();
    }
    for (SalesforceEntity entity : SalesforceEntity.values()) {
      if (entity.apiName().toLowerCase(Locale.ROOT).equals(segment.toLowerCase(Locale.ROOT))) {
        return Optional.of(entity);
      }
    }
    return Optional.empty();
  }

  /** The sObject API name ({@code Account}) of a record type; empty for one we do not sync. */
  public static Optional<SalesforceEntity> fromApiName(String apiName) {
    for (SalesforceEntity entity : SalesforceEntity.values()) {
      if (entity.apiName().equals(apiName)) {
        return Optional.of(entity);
      }
    }
    return Optional.empty();
  }
}
