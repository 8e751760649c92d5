package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md §5.7: an event applies only when its company exists, is active and is connected
 * (crm_company_orgs, kept by the tenancy consumer from auth.connection.changed.v1) to the event's
 * org, and no other company holds that org. Anything else is refused before anything is read or
 * written on the company's behalf. This class only reads the binding; intake also checks sync
 * commands with it.
 */
public final class TenantGuard {

  private final JdbcClient jdbc;

  public TenantGuard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Refuses {@code tenant} unless its company is active and connected to its org alone.
   *
   * @throws TenantMismatch saying why
   * @throws TenantNotConnected when the company has no connection (yet)
   */
  public void check(Tenant tenant) {
    String org = tenant.orgId().value();
    Binding binding =
        jdbc.sql(
                "SELECT c.is_active, o.org_id, o.state, (SELECT count(*) FROM"
                    + " mapping.crm_company_orgs x WHERE x.org_id = ? AND x.state <> 'DISCONNECTED')"
                    + " FROM caskr.company c LEFT JOIN mapping.crm_company_orgs o"
                    + " ON o.company_id = c.id WHERE c.id = ?")
            .params(org, tenant.companyId())
            .query(
                (rs, row) ->
                    new Binding(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            .optional()
            .orElseThrow(() -> refused(tenant, "the company does not exist"));
    if (!binding.companyActive()) {
      throw refused(tenant, "the company is not active");
    }
    if (binding.org() == null) {
      throw new TenantNotConnected(
          message(tenant, "auth-service has not connected the company to a Salesforce org"));
    }
    if (!binding.org().equals(org)) {
      throw refused(tenant, "the company is connected to org " + binding.org());
    }
    if ("DISCONNECTED".equals(binding.state())) {
      throw refused(tenant, "the company's connection to this org is disconnected");
    }
    if (binding.holders() > 1) {
      throw refused(tenant, "the org is connected to " + binding.holders() + " companies");
    }
  }

  private static TenantMismatch refused(Tenant tenant, String why) {
    return new TenantMismatch(message(tenant, why));
  }

  private static String message(Tenant tenant, String why) {
    return "Event for company "
        + tenant.companyId()
        + " and org "
        + tenant.orgId().value()
        + " refused: "
        + why;
  }

  private record Binding(boolean companyActive, String org, String state, long holders) {}
}
