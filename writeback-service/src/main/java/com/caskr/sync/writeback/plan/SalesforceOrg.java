package com.caskr.sync.writeback.plan;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One company's connected Salesforce org, as the pusher needs it. */
public interface SalesforceOrg {

  /** The org id (00D…, 18 characters). */
  String orgId();

  /**
   * The records as Salesforce has them now, with {@code fields} and their SystemModstamp, by id;
   * records that no longer exist are left out. One call per 2,000 ids.
   */
  Map<String, SalesforceState> retrieve(
      Target target, Collection<String> fields, Collection<String> ids);

  /** Sends one collections call; one outcome per write, in order. */
  List<RowOutcome> send(Batches.Batch batch);

  /** The latest daily API usage Salesforce reported, as used / max; empty before any call. */
  java.util.Optional<Usage> usage();

  record Usage(long used, long max) {

    public double ratio() {
      return max == 0 ? 1.0 : (double) used / max;
    }
  }
}
