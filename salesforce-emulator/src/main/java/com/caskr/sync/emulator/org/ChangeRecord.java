package com.caskr.sync.emulator.org;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One committed change of one record, what a CDC ChangeEventHeader and body are built from.
 *
 * @param changedFields on UPDATE the fields whose value changed, LastModifiedDate included and
 *     SystemModstamp left out (as CDC does); empty on CREATE, DELETE and UNDELETE
 * @param nulledFields on UPDATE the changed fields that are now null
 * @param values on CREATE and UNDELETE every non-null field; on UPDATE the new values of the
 *     changed fields (nulled ones absent); empty on DELETE. Id and SystemModstamp excluded.
 * @param sequenceNumber position within the transaction, from 1
 * @param commitNumber org-wide, increasing with every commit
 */
public record ChangeRecord(
    String entityName,
    List<String> recordIds,
    ChangeType changeType,
    List<String> changedFields,
    List<String> nulledFields,
    Map<String, Object> values,
    Instant commitTimestamp,
    String transactionKey,
    int sequenceNumber,
    long commitNumber,
    String changeOrigin,
    String commitUser) {

  public ChangeRecord {
    recordIds = List.copyOf(recordIds);
    changedFields = List.copyOf(changedFields);
    nulledFields = List.copyOf(nulledFields);
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
