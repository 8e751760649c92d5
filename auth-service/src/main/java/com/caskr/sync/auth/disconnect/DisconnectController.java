package com.caskr.sync.auth.disconnect;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.auth.connections.Disconnection;
import com.caskr.sync.auth.connections.TokenUnavailable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/integrations/salesforce/connection?companyId=}: an admin of the company
 * disconnects its Salesforce org. The grant is revoked at Salesforce; whether or not Salesforce
 * confirms, the tokens are wiped, the disconnect is audited and {@code auth.connection.changed.v1}
 * announces it. The company may connect again afterwards.
 */
@RestController
class DisconnectController {

  private static final Logger log = LoggerFactory.getLogger(DisconnectController.class);

  private final Disconnection disconnection;
  private final AdminAccess access;

  DisconnectController(Disconnection disconnection, AdminAccess access) {
    this.disconnection = disconnection;
    this.access = access;
  }

  @DeleteMapping("/api/integrations/salesforce/connection")
  Map<String, Object> disconnect(@RequestParam long companyId) {
    if (companyId <= 0) {
      throw new IllegalArgumentException("companyId must be positive");
    }
    AdminUser admin = access.require(AdminRole.ADMIN, companyId);
    Disconnection.Disconnected done = disconnection.disconnect(companyId, admin.username());
    if (done.revocationFailure() != null) {
      log.warn(
          "company {}: Salesforce did not confirm revoking the grant of org {} ({}); the tokens"
              + " are wiped all the same",
          companyId,
          done.orgId().value(),
          done.revocationFailure());
    }
    log.info(
        "company {} disconnected from Salesforce org {} by {}",
        companyId,
        done.orgId().value(),
        admin.username());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyId", companyId);
    body.put("orgId", done.orgId().value());
    body.put("state", "DISCONNECTED");
    body.put("revokedAtSalesforce", done.revocationFailure() == null);
    if (done.revocationFailure() != null) {
      body.put("revocationError", done.revocationFailure());
    }
    return body;
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> notConnected(TokenUnavailable.NotConnected notConnected) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Map.of("error", notConnected.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException invalid) {
    return ResponseEntity.badRequest().body(Map.of("error", invalid.getMessage()));
  }
}
