package com.caskr.sync.auth.connections;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;

/** How a connect flow ended, as the callback page tells the admin. */
public sealed interface ConnectOutcome {

  /** The company is connected to {@code orgId}; {@code reconnected} when tokens were replaced. */
  record Connected(
      long companyId,
      SalesforceId orgId,
      SalesforceId userId,
      SalesforceEnvironment environment,
      URI instanceUrl,
      boolean reconnected)
      implements ConnectOutcome {}

  /** Nothing was stored; {@code message} says why and what to do, and never holds a token. */
  record Refused(long companyId, String message) implements ConnectOutcome {}
}
