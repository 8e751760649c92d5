package com.caskr.sync.schema;

/**
 * Whose data an event is about: a Caskr company and the Salesforce org connected to it.
 *
 * <p>{@code orgId} is null only on the Caskr-side change topics ({@code caskr.*.changed.v1}): Caskr
 * apps publish those whether or not the company has connected an org yet. Every other event comes
 * from or goes to a connected org, and its constructor insists on {@link #requireOrgId}.
 */
public record Tenant(long companyId, SalesforceId orgId) {

  /** Key prefix of Organization ids. */
  public static final String ORG_KEY_PREFIX = "00D";

  public Tenant {
    if (companyId <= 0) {
      throw new IllegalArgumentException("tenant.companyId must be positive, was " + companyId);
    }
    if (orgId != null && !orgId.hasKeyPrefix(ORG_KEY_PREFIX)) {
      throw new IllegalArgumentException(
          "tenant.orgId must be an Organization id (00D...), was " + orgId);
    }
  }

  /** A tenant whose Salesforce org is not known (Caskr-side change events only). */
  public static Tenant withoutOrg(long companyId) {
    return new Tenant(companyId, null);
  }

  /** The org id; throws naming {@code eventType} if this tenant has none. */
  public SalesforceId requireOrgId(String eventType) {
    if (orgId == null) {
      throw new IllegalArgumentException(eventType + ": tenant.orgId must not be null");
    }
    return orgId;
  }
}
