package com.caskr.sync.schema.events;

import java.util.List;
import java.util.Map;

/**
 * A Caskr-side edit of one row ({@code caskr.*.changed.v1}), from the trigger-log relay or
 * published directly by a Caskr app. The three records share this shape so writeback-service can
 * plan them with one piece of code.
 *
 * <p>Values are column name to JSON value. {@code before} is null on INSERT, {@code after} is null
 * on DELETE, both are present on UPDATE. The tenant's orgId may be null: Caskr does not know
 * whether an org is connected.
 */
public sealed interface CaskrRowChanged extends SyncEvent
    permits CustomerChanged, OrderChanged, PortalUserChanged {

  CaskrEntity entity();

  /** The row's primary key. */
  long caskrId();

  CaskrOperation operation();

  /** Caskr column names that changed; empty when the producer does not know. */
  List<String> changedFields();

  Map<String, Object> before();

  Map<String, Object> after();

  /** The database transaction id, when the producer knows it; groups changes made together. */
  Long transactionId();

  /** {@code <companyId>/<caskrId>}. */
  @Override
  default String kafkaKey() {
    return tenant().companyId() + "/" + caskrId();
  }
}
