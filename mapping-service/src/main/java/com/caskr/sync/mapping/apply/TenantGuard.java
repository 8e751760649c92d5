package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.Tenant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Optional<TenantRefusal> refusal = decide(List.of(tenant)).get(tenant);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  /**
   * Decides several tenants with one query (a batch's): for each, empty when it is accepted,
   * otherwise the refusal {@link #check} would throw.
   */
  public Map<Tenant, Optional<TenantRefusal>> decide(Collection<Tenant> tenants) {
    List<Tenant> distinct = new ArrayList<>(new LinkedHashSet<>(tenants));
    Map<Tenant, Optional<TenantRefusal>> decisions = new HashMap<>();
    if (distinct.isEmpty()) {
      return decisions;
    }
    jdbc.sql(
            "SELECT t.n, c.id IS NOT NULL, coalesce(c.is_active, false),"
                + " o.org_id, o.state, (SELECT count(*) FROM mapping.crm_company_orgs x"
                + " WHERE x.org_id = t.org_id AND x.state <> 'DISCONNECTED')"
                + " FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS t(company_id, org_id, n)"
                + " LEFT JOIN caskr.company c ON c.id = t.company_id"
                + " LEFT JOIN mapping.crm_company_orgs o ON o.company_id = t.company_id")
        .params(
            distinct.stream().map(Tenant::companyId).toArray(Long[]::new),
            distinct.stream().map(tenant -> tenant.orgId().value()).toArray(String[]::new))
        .query(
            rs -> {
              Tenant tenant = distinct.get(rs.getInt(1) - 1);
              decisions.put(
                  tenant,
                  refusal(
                      tenant,
                      new Binding(
                          rs.getBoolean(2),
                          rs.getBoolean(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getLong(6))));
            });
    return decisions;
  }

  private static Optional<TenantRefusal> refusal(Tenant tenant, Binding binding) {
    if (!binding.companyExists()) {
      return Optional.of(refused(tenant, "the company does not exist"));
    }
    if (!binding.companyActive()) {
      return Optional.of(refused(tenant, "the company is not active"));
    }
    if (binding.org() == null) {
      return Optional.of(
          new TenantNotConnected(
              message(tenant, "auth-service has not connected the company to a Salesforce org")));
    }
    if (!binding.org().equals(tenant.orgId().value())) {
      return Optional.of(refused(tenant, "the company is connected to org " + binding.org()));
    }
    if ("DISCONNECTED".equals(binding.state())) {
      return Optional.of(refused(tenant, "the company's connection to this org is disconnected"));
    }
    if (binding.holders() > 1) {
      return Optional.of(
          refused(tenant, "the org is connected to " + binding.holders() + " companies"));
    }
    return Optional.empty();
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

  private record Binding(
      boolean companyExists, boolean companyActive, String org, String state, long holders) {}
}
