package com.caskr.sync.auth.jwtsetup;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.auth.connections.AlreadyConnected;
import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.JwtBearerConnect;
import com.caskr.sync.auth.connections.JwtBearerSetup;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/integrations/salesforce/jwt}: an admin of the company connects it
 * server-to-server with the JWT bearer flow. The body names the key and certificate files in the
 * mounted key directory (the key itself is never sent or stored); the grant is tried at Salesforce
 * at once and the connection is stored only if it works: 201 with the connection, 400 for an
 * unusable key or a grant Salesforce refused, 409 when the company (or the org) is already
 * connected, 502 when Salesforce does not answer.
 */
@RestController
class JwtSetupController {

  private static final Logger log = LoggerFactory.getLogger(JwtSetupController.class);

  private final JwtBearerConnect connect;
  private final AdminAccess access;

  JwtSetupController(JwtBearerConnect connect, AdminAccess access) {
    this.connect = connect;
    this.access = access;
  }

  /** The request body; {@code environment} is PRODUCTION, SANDBOX or CUSTOM_DOMAIN. */
  record JwtSetupRequest(
      Long companyId,
      String environment,
      String loginHost,
      String username,
      String clientId,
      String privateKeyRef,
      String certificateRef) {}

  @PostMapping("/api/integrations/salesforce/jwt")
  ResponseEntity<Map<String, Object>> setUp(@RequestBody JwtSetupRequest request) {
    if (request.companyId() == null || request.companyId() <= 0) {
      throw new IllegalArgumentException("companyId must be positive");
    }
    AdminUser admin = access.require(AdminRole.ADMIN, request.companyId());
    JwtBearerSetup setup =
        new JwtBearerSetup(
            request.companyId(),
            environment(request.environment()),
            request.loginHost(),
            request.username(),
            request.clientId(),
            request.privateKeyRef(),
            request.certificateRef());
    Connection connection = connect.connect(setup, admin.username());
    log.info(
        "company {} connected to Salesforce org {} with the JWT bearer flow by {}",
        connection.companyId(),
        connection.orgId().value(),
        admin.username());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            Map.of(
                "companyId", connection.companyId(),
                "orgId", connection.orgId().value(),
                "state", connection.state().name(),
                "authFlow", connection.flow().name(),
                "environment", connection.environment().name(),
                "instanceUrl", connection.instanceUrl().toString(),
                "username", setup.username()));
  }

  private static SalesforceEnvironment environment(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "environment is required: PRODUCTION, SANDBOX or CUSTOM_DOMAIN");
    }
    try {
      return SalesforceEnvironment.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "environment must be PRODUCTION, SANDBOX or CUSTOM_DOMAIN");
    }
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> refused(JwtBearerConnect.GrantRefused refused) {
    log.warn("a JWT bearer set-up was refused: {}", refused.getMessage());
    return ResponseEntity.badRequest().body(Map.of("error", refused.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> unavailable(
      JwtBearerConnect.SalesforceUnavailable unavailable) {
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .body(Map.of("error", unavailable.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> conflict(AlreadyConnected already) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", already.getMessage()));
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> badRequest(Exception e) {
    String message =
        e instanceof IllegalArgumentException ? e.getMessage() : "the body is not valid JSON";
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }
}
