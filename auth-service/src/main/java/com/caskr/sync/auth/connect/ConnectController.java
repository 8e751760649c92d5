package com.caskr.sync.auth.connect;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.auth.connections.ConnectOutcome;
import com.caskr.sync.auth.connections.Connecting;
import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.PendingAuthorization;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connect flow over HTTP. An admin of the company (ADMIN role) starts it from {@code
 * /integrations/salesforce?companyId=…}: {@code GET /api/integrations/salesforce/connect} redirects
 * to Salesforce's authorize page, {@code POST} answers {@code {"authorizeUrl": …}} for a page that
 * navigates itself. Salesforce sends the browser back to {@code
 * /api/integrations/salesforce/callback}, which only the session that started the flow can
 * complete. Answers are never cached; pages and logs never show a token.
 */
@RestController
class ConnectController {

  static final String CALLBACK = "/api/integrations/salesforce/callback";
  private static final Logger LOG = LoggerFactory.getLogger(ConnectController.class);
  private static final String STATE_REFUSED =
      "This connection attempt is no longer valid: it was already used, it expired, or it was"
          + " started in another browser session. Start again from the connection page.";

  private final Connecting connecting;
  private final ConnectionStore connections;
  private final AdminAccess access;

  ConnectController(Connecting connecting, ConnectionStore connections, AdminAccess access) {
    this.connecting = connecting;
    this.connections = connections;
    this.access = access;
  }

  @GetMapping("/integrations/salesforce")
  ResponseEntity<String> page(@RequestParam long companyId) {
    access.require(AdminRole.ADMIN, companyId);
    return html(HttpStatus.OK, Pages.connect(companyId, connections.live(companyId)));
  }

  @GetMapping("/api/integrations/salesforce/connect")
  ResponseEntity<Void> redirectToSalesforce(
      HttpServletRequest request,
      @RequestParam long companyId,
      @RequestParam SalesforceEnvironment environment,
      @RequestParam(required = false) String myDomain) {
    URI authorize = start(request, companyId, environment, myDomain);
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(authorize)
        .cacheControl(CacheControl.noStore())
        .build();
  }

  @PostMapping("/api/integrations/salesforce/connect")
  ResponseEntity<Map<String, String>> authorizeUrl(
      HttpServletRequest request,
      @RequestParam long companyId,
      @RequestParam SalesforceEnvironment environment,
      @RequestParam(required = false) String myDomain) {
    URI authorize = start(request, companyId, environment, myDomain);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(Map.of("authorizeUrl", authorize.toString()));
  }

  @GetMapping(CALLBACK)
  ResponseEntity<String> callback(
      HttpServletRequest request,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      @RequestParam(name = "error_description", required = false) String errorDescription) {
    HttpSession session = request.getSession(false);
    Optional<PendingAuthorization> flow =
        connecting.consume(state, session == null ? null : session.getId());
    if (flow.isEmpty()) {
      LOG.warn("Salesforce callback refused: its state is unknown, used, expired or foreign");
      return html(HttpStatus.BAD_REQUEST, Pages.failed(STATE_REFUSED, null));
    }
    long company = flow.get().companyId();
    AdminUser admin = access.require(AdminRole.ADMIN, company);
    if (error != null) {
      String reason =
          "Salesforce did not grant access ("
              + bounded(error)
              + (errorDescription == null ? "" : ": " + bounded(errorDescription))
              + ").";
      LOG.info(
          "Salesforce connect of company {} ended at Salesforce: {}", company, loggable(reason));
      return html(HttpStatus.BAD_REQUEST, Pages.failed(reason, company));
    }
    ConnectOutcome outcome = connecting.complete(flow.get(), code, admin.username());
    return switch (outcome) {
      case ConnectOutcome.Connected connected -> {
        LOG.info(
            "Company {} {} to Salesforce org {} ({}) by {}",
            company,
            connected.reconnected() ? "reconnected" : "connected",
            connected.orgId().value(),
            connected.environment(),
            loggable(admin.username()));
        yield html(HttpStatus.OK, Pages.connected(connected));
      }
      case ConnectOutcome.Refused refused -> {
        LOG.warn(
            "Salesforce connect of company {} refused: {}", company, loggable(refused.message()));
        yield html(HttpStatus.BAD_REQUEST, Pages.failed(refused.message(), company));
      }
    };
  }

  private URI start(
      HttpServletRequest request,
      long companyId,
      SalesforceEnvironment environment,
      String myDomain) {
    AdminUser admin = access.require(AdminRole.ADMIN, companyId);
    URI authorize =
        connecting.start(
            companyId, environment, myDomain, admin.username(), request.getSession(true).getId());
    LOG.info(
        "Salesforce connect of company {} ({}) started by {}",
        companyId,
        environment,
        loggable(admin.username()));
    return authorize;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> badInput(IllegalArgumentException e) {
    return html(HttpStatus.BAD_REQUEST, Pages.failed(e.getMessage(), null));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<String> unavailable(IllegalStateException e) {
    // E.g. no connected app configured; the message names settings, never a secret.
    LOG.error("Salesforce connect is not possible: {}", loggable(e.getMessage()));
    return html(
        HttpStatus.SERVICE_UNAVAILABLE,
        Pages.failed(
            "Salesforce connections cannot be made on this server right now; its log names the"
                + " cause.",
            null));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header(
            "Content-Security-Policy",
            "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        .body(body);
  }

  private static String bounded(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** What Salesforce or a person typed may hold line breaks that would forge log lines. */
  private static String loggable(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
  }
}
