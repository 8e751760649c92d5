package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.schema.events.ConflictStrategy;
import java.util.Arrays;
import java.util.Optional;

/** Conflict strategies by their stored names (LastWriteWins, SalesforceWins, CaskrWins, Manual). */
public final class StrategyNames {

  private StrategyNames() {}

  /** The strategy stored as {@code settingValue}. */
  public static Optional<ConflictStrategy> of(String settingValue) {
    return Arrays.stream(ConflictStrategy.values())
        .filter(strategy -> strategy.settingValue().equals(settingValue))
        .findFirst();
  }
}
