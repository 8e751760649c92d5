package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.schema.SalesforceId;
import java.util.List;
import java.util.Map;

/**
 * The full current set of an opportunity's line items, read from the org: an Outbound Message
 * carries the opportunity's own fields only, but every opportunity event carries its lines.
 */
interface OpportunityLineItems {

  /**
   * @throws LineItemsUnavailable when the lines cannot be read now (the sender retries)
   */
  List<Map<String, Object>> current(ConnectedOrg org, SalesforceId opportunityId);

  /** The lines could not be read; the message is not acknowledged and comes again. */
  final class LineItemsUnavailable extends RuntimeException {

    LineItemsUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
