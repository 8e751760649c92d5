package com.caskr.sync.salesforce.rest;

import com.caskr.sync.salesforce.errors.ApiError;
import com.caskr.sync.salesforce.errors.SalesforceErrors;
import com.caskr.sync.salesforce.errors.SalesforceException;
import com.caskr.sync.schema.SalesforceId;
import java.util.List;
import java.util.Optional;

/**
 * One row of an sObject Collections call, in input order. The call itself answers HTTP 200 even
 * when every row failed (gotcha 4): look at {@link #success()} per row.
 *
 * @param id null when the row failed before it got one
 * @param created for upserts: whether the row was inserted; null for other operations
 * @param errors the row's errors, from {@code statusCode}/{@code message}/{@code fields}
 */
public record RowResult(SalesforceId id, boolean success, Boolean created, List<ApiError> errors) {

  public RowResult {
    errors = List.copyOf(errors);
  }

  /** The typed exception for a failed row (e.g. {@code ValidationFailed}), empty on success. */
  public Optional<SalesforceException> failure() {
    return success ? Optional.empty() : Optional.of(SalesforceErrors.ofRow(errors));
  }

  /**
   * Whether the row failed only because another row of an allOrNone call did ({@code
   * ALL_OR_NONE_OPERATION_ROLLED_BACK}).
   */
  public boolean rolledBack() {
    return !success
        && !errors.isEmpty()
        && errors.stream().allMatch(e -> e.code().equals("ALL_OR_NONE_OPERATION_ROLLED_BACK"));
  }
}
