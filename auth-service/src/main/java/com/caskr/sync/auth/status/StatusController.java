package com.caskr.sync.auth.status;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/integrations/salesforce/status?companyId=}: the company's connection for anyone
 * who may view that company (viewer, operator, admin); other companies get 403. Read straight from
 * the connection table, without its token columns.
 */
@RestController
class StatusController {

  private final JdbcClient jdbc;
  private final AdminAccess access;

  StatusController(JdbcClient jdbc, AdminAccess access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  @GetMapping("/api/integrations/salesforce/status")
  ResponseEntity<ConnectionStatus> status(@RequestParam long companyId) {
    if (companyId <= 0) {
      throw new IllegalArgumentException("companyId must be positive");
    }
    access.require(AdminRole.VIEWER, companyId);
    ConnectionStatus status =
        jdbc.sql(
                """
                select company_id, auth_flow, org_id, instance_url, environment, state,
                       connected_by, connected_at, last_refresh_at, last_error, last_error_at,
                       disconnected_by, disconnected_at
                  from crm_integrations
                 where company_id = :company
                 order by (state <> 'DISCONNECTED') desc, id desc
                 limit 1
                """)
            .param("company", companyId)
            .query((rs, n) -> status(rs))
            .optional()
            .orElseGet(() -> ConnectionStatus.neverConnected(companyId));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status);
  }

  private static ConnectionStatus status(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    return new ConnectionStatus(
        rs.getLong("company_id"),
        "CONNECTED".equals(state),
        state,
        rs.getString("auth_flow"),
        rs.getString("org_id"),
        rs.getString("instance_url"),
        rs.getString("environment"),
        rs.getString("connected_by"),
        instant(rs, "connected_at"),
        instant(rs, "last_refresh_at"),
        rs.getString("last_error"),
        instant(rs, "last_error_at"),
        rs.getString("disconnected_by"),
        instant(rs, "disconnected_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException invalid) {
    return ResponseEntity.badRequest().body(Map.of("error", invalid.getMessage()));
  }
}
