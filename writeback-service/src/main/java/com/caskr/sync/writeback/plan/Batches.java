package com.caskr.sync.writeback.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups writes into sObject Collections calls: one object and one kind (update by Id, or upsert by
 * external id) per call, at most {@code size} records, interactive writes first.
 */
public final class Batches {

  /** Salesforce's limit on records per sObject Collections call. */
  public static final int COLLECTION_LIMIT = 200;

  /** Salesforce's limit on ids per sObject Collections retrieve (the POST form). */
  public static final int RETRIEVE_LIMIT = 2_000;

  private Batches() {}

  /** One call's worth of writes of one company (hence one org). */
  public record Batch(Target target, boolean upsert, Priority priority, List<Write> writes) {

    public Batch {
      writes = List.copyOf(writes);
    }
  }

  public static List<Batch> of(List<Write> writes, int size) {
    if (size < 1 || size > COLLECTION_LIMIT) {
      throw new IllegalArgumentException("A batch holds 1 to " + COLLECTION_LIMIT + " records");
    }
    List<Write> ordered = new ArrayList<>(writes);
    ordered.sort(Comparator.comparing(Write::priority));
    Map<String, List<Write>> groups = new LinkedHashMap<>();
    for (Write write : ordered) {
      groups
          .computeIfAbsent(
              write.companyId() + "/" + write.target() + "/" + write.isNew(),
              key -> new ArrayList<>())
          .add(write);
    }
    List<Batch> batches = new ArrayList<>();
    for (List<Write> group : groups.values()) {
      Write first = group.getFirst();
      for (int from = 0; from < group.size(); from += size) {
        List<Write> chunk = group.subList(from, Math.min(group.size(), from + size));
        batches.add(new Batch(first.target(), first.isNew(), chunk.getFirst().priority(), chunk));
      }
    }
    batches.sort(Comparator.comparing(Batch::priority));
    return batches;
  }
}
