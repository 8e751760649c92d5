package com.caskr.sync.mapping.apply;

/**
 * An event names a company that does not exist or that is bound to another Salesforce org. Not
 * retried: it goes to the dead-letter topic untouched.
 */
public final class TenantMismatch extends RuntimeException {

  TenantMismatch(String message) {
    super(message);
  }
}
