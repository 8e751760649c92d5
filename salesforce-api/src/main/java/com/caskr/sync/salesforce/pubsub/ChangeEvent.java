package com.caskr.sync.salesforce.pubsub;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded CDC event. {@link #values()} holds only what the change carried, keyed by the names the
 * header uses ({@code BillingAddress.City} for parts of compound fields): on CREATE and UNDELETE
 * every non-null field; on UPDATE the changed fields, nulled ones as explicit {@code null} values
 * (so "set to null" differs from "unchanged", which is absent); nothing on DELETE and gap events.
 * The record id is not a value: see {@link #recordIds()} (gotcha 13).
 */
public record ChangeEvent(ReplayId replayId, ChangeEventHeader header, Map<String, Object> values)
    implements PubSubEvent {

  public ChangeEvent {
    Objects.requireNonNull(replayId, "replayId");
    Objects.requireNonNull(header, "header");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public String entity() {
    return header.entityName();
  }

  public List<String> recordIds() {
    return header.recordIds();
  }

  public ChangeType changeType() {
    return header.changeType();
  }

  public String changeOrigin() {
    return header.changeOrigin();
  }

  public String transactionKey() {
    return header.transactionKey();
  }

  public int sequenceNumber() {
    return header.sequenceNumber();
  }

  public Instant commitTimestamp() {
    return header.commitTimestamp();
  }

  public long commitNumber() {
    return header.commitNumber();
  }

  public String commitUser() {
    return header.commitUser();
  }

  public List<String> changedFields() {
    return header.changedFields();
  }

  public List<String> nulledFields() {
    return header.nulledFields();
  }

  /** See {@link ChangeEventHeader#isEcho(String)}. */
  public boolean isEcho(String client) {
    return header.isEcho(client);
  }
}
