package com.caskr.sync.mapping.admin;

import java.util.List;

/** One page of a listing; {@code total} counts every match. */
record Page<T>(List<T> items, long total, int page, int size) {

  Page {
    items = List.copyOf(items);
  }
}
