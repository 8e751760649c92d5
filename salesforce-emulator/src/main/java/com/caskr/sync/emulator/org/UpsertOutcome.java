package com.caskr.sync.emulator.org;

import java.util.List;

/** What an upsert by external id did; the REST layer maps these to 201 / 200 / 300 / 404. */
public sealed interface UpsertOutcome {

  /** No live record matched: one was created (201, {@code "created":true}). */
  record Created(String id) implements UpsertOutcome {}

  /** Exactly one matched and was updated (200 with {@code "created":false}, or 204). */
  record Updated(String id) implements UpsertOutcome {}

  /** Several matched; nothing was written (300 with the records' URLs). */
  record MultipleMatches(List<String> ids) implements UpsertOutcome {
    public MultipleMatches {
      ids = List.copyOf(ids);
    }
  }

  /** The field does not exist or is not an external id; nothing was written (404 NOT_FOUND). */
  record NotAnExternalIdField(String field) implements UpsertOutcome {}
}
