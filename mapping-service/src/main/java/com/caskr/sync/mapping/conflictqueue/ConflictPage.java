package com.caskr.sync.mapping.conflictqueue;

import java.util.List;

/** One page of a conflict listing; {@code total} counts every match. */
public record ConflictPage(List<StoredConflict> items, long total, int page, int size) {

  public ConflictPage {
    items = List.copyOf(items);
  }
}
