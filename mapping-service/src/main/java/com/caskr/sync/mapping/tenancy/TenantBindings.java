package com.caskr.sync.mapping.tenancy;

import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps {@code mapping.crm_company_orgs} equal to auth-service's connection state: which org each
 * company is connected to and whether the connection still holds. Intake only reads these rows
 * (ARCHITECTURE.md §5.7); nothing else writes them.
 *
 * <p>A connection change older than the one applied last (by {@code occurredAt}) changes nothing,
 * so a redelivered or late event never undoes a newer state. A disconnect retires the binding and
 * leaves every mapped row alone; a reconnect of the same org, or a connect of another org after a
 * disconnect, binds the company again.
 */
public final class TenantBindings {

  private final JdbcClient jdbc;

  public TenantBindings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Applies one connection change.
   *
   * @return whether the binding changed (false for an event older than the one applied last)
   */
  public boolean apply(ConnectionChanged change) {
    return jdbc.sql(
                "INSERT INTO mapping.crm_company_orgs"
                    + " (company_id, org_id, state, changed_at, bound_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, now(), now())"
                    + " ON CONFLICT (company_id) DO UPDATE SET org_id = excluded.org_id,"
                    + " state = excluded.state, changed_at = excluded.changed_at,"
                    + " bound_at = CASE WHEN crm_company_orgs.org_id = excluded.org_id"
                    + " THEN crm_company_orgs.bound_at ELSE now() END, updated_at = now()"
                    + " WHERE crm_company_orgs.changed_at <= excluded.changed_at")
            .params(
                change.tenant().companyId(),
                change.tenant().orgId().value(),
                change.state().name(),
                Timestamp.from(change.occurredAt()))
            .update()
        == 1;
  }

  /**
   * A tombstone for {@code companyId} on the compacted topic: auth-service forgot the company, so
   * its binding is retired like a disconnect (mapped rows stay).
   *
   * @return whether a binding was retired
   */
  public boolean forget(long companyId) {
    return jdbc.sql(
                "UPDATE mapping.crm_company_orgs SET state = ?, updated_at = now()"
                    + " WHERE company_id = ? AND state <> ?")
            .params(
                ConnectionState.DISCONNECTED.name(), companyId, ConnectionState.DISCONNECTED.name())
            .update()
        == 1;
  }
}
