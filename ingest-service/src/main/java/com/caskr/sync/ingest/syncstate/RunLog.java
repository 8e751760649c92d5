package com.caskr.sync.ingest.syncstate;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.Instant;

/**
 * One finished run for the sync log.
 *
 * @param errorCode a stable code (REQUEST_LIMIT_EXCEEDED, KAFKA_UNAVAILABLE, …); required when
 *     FAILED
 * @param driftRatio reconciliation only, else null
 */
public record RunLog(
    Tenant tenant,
    SalesforceEntity entity,
    Operation operation,
    ChangeSource source,
    Status status,
    int processed,
    int created,
    int updated,
    int failed,
    Double driftRatio,
    String errorCode,
    String errorMessage,
    Instant startedAt,
    Duration duration,
    String traceId) {

  /** The run kinds ingest logs. */
  public enum Operation {
    POLL,
    RECONCILE
  }

  /** How a run ended. */
  public enum Status {
    SUCCESS,
    PARTIAL,
    FAILED
  }

  public RunLog {
    if (status == Status.FAILED && (errorCode == null || errorCode.isBlank())) {
      throw new IllegalArgumentException("A failed run needs an error code");
    }
    if (errorMessage != null && errorMessage.length() > 2000) {
      errorMessage = errorMessage.substring(0, 2000);
    }
  }
}
