package com.caskr.sync.writeback.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rapid successive edits of one row collapse into one write. */
public final class Edits {

  private Edits() {}

  /**
   * One edit per row, in order of first appearance, interactive ones first (a stable sort, so each
   * group keeps its arrival order).
   */
  public static List<Edit> collapse(List<Edit> edits) {
    Map<String, Edit> byRow = new LinkedHashMap<>();
    for (Edit edit : edits) {
      byRow.merge(edit.companyId() + "/" + edit.entity() + "/" + edit.caskrId(), edit, Edit::merge);
    }
    List<Edit> collapsed = new ArrayList<>(byRow.values());
    collapsed.sort(Comparator.comparing(Edit::priority));
    return collapsed;
  }
}
