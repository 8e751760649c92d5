package com.caskr.sync.mapping.apply;

/**
 * An event names a company that does not exist, is inactive, is disconnected from the event's org
 * or is bound to another Salesforce org. Not retried: it goes to the dead-letter topic untouched.
 */
public final class TenantMismatch extends TenantRefusal {

  TenantMismatch(String message) {
    super(message);
  }
}
