package com.caskr.sync.mapping.apply;

/**
 * An event names a company that auth-service has not (yet) connected to any Salesforce org. The
 * change topics and {@code auth.connection.changed.v1} are read independently, so a company's first
 * changes can arrive just before its connection: retried with backoff like a transient failure, and
 * dead-lettered untouched (re-drivable) only when the connection still has not arrived.
 */
public final class TenantNotConnected extends TenantRefusal {

  TenantNotConnected(String message) {
    super(message);
  }
}
