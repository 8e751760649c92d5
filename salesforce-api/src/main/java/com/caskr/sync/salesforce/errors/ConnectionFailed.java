package com.caskr.sync.salesforce.errors;

import java.io.IOException;
import java.util.List;

/** No response came: connection refused, reset or timed out. Retry with backoff. */
public final class ConnectionFailed extends SalesforceException {

  public ConnectionFailed(String what, IOException cause) {
    super(0, List.of(), what + " failed: " + cause, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
