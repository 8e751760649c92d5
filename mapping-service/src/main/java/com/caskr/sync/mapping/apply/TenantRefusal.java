package com.caskr.sync.mapping.apply;

/**
 * An event or command refused on tenancy grounds (ARCHITECTURE.md §5.7): nothing is read or written
 * on the company's behalf.
 */
public abstract sealed class TenantRefusal extends RuntimeException
    permits TenantMismatch, TenantNotConnected {

  TenantRefusal(String message) {
    super(message);
  }
}
