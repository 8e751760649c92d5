package com.caskr.sync.salesforce.errors;

import java.util.List;

/** A Bulk 2.0 query job ended {@code Failed} or {@code Aborted} instead of {@code JobComplete}. */
public final class BulkJobFailed extends SalesforceException {

  private final String jobId;
  private final String state;

  public BulkJobFailed(String jobId, String state, String errorMessage) {
    super(
        200,
        List.of(new ApiError(state, errorMessage, List.of())),
        "Bulk job " + jobId + " ended " + state + (errorMessage == null ? "" : ": " + errorMessage),
        null);
    this.jobId = jobId;
    this.state = state;
  }

  public String jobId() {
    return jobId;
  }

  /** {@code Failed} or {@code Aborted}. */
  public String state() {
    return state;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
