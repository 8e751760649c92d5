package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md §5.7: a company is bound to the org of its first event (crm_company_orgs); an
 * event naming an unknown or inactive company, or the company with another org, is refused before
 * anything is read or written on its behalf.
 */
final class TenantGuard {

  private final JdbcClient jdbc;

  TenantGuard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void check(Tenant tenant) {
    jdbc.sql(
            "INSERT INTO mapping.crm_company_orgs (company_id, org_id)"
                + " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM caskr.company WHERE id = ? AND is_active)"
                + " ON CONFLICT (company_id) DO NOTHING")
        .params(tenant.companyId(), tenant.orgId().value(), tenant.companyId())
        .update();
    String bound =
        jdbc.sql("SELECT org_id FROM mapping.crm_company_orgs WHERE company_id = ?")
            .param(tenant.companyId())
            .query(String.class)
            .optional()
            .orElseThrow(
                () ->
                    new TenantMismatch(
                        "Company " + tenant.companyId() + " does not exist or is not active"));
    if (!bound.equals(tenant.orgId().value())) {
      throw new TenantMismatch(
          "Company "
              + tenant.companyId()
              + " is bound to org "
              + bound
              + ", not "
              + tenant.orgId().value());
    }
  }
}
