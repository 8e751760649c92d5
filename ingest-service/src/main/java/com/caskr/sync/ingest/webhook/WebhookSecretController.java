package com.caskr.sync.ingest.webhook;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/companies/{companyId}/webhook-secret}: makes a new signing secret for the
 * company's org (ADMIN of that company). The answer shows it once ({@code Cache-Control:
 * no-store}); the previous secret keeps verifying until {@code previousSecretValidUntil}.
 */
@RestController
class WebhookSecretController {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSecretController.class);

  private final AdminAccess access;
  private final ConnectedOrgs orgs;
  private final WebhookSecrets secrets;
  private final Duration grace;

  WebhookSecretController(
      AdminAccess access,
      ConnectedOrgs orgs,
      WebhookSecrets secrets,
      WebhookProperties properties) {
    this.access = access;
    this.orgs = orgs;
    this.secrets = secrets;
    this.grace = properties.rotationGrace();
  }

  @PostMapping("/api/admin/companies/{companyId}/webhook-secret")
  ResponseEntity<Map<String, Object>> rotate(@PathVariable long companyId) {
    String admin = access.require(AdminRole.ADMIN, companyId).username();
    if (!secrets.enabled()) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(
              Map.of(
                  "error",
                  "webhooks_not_configured",
                  "message",
                  "ingest.webhook.keyset-json is not set"));
    }
    ConnectedOrg org = orgs.byCompany(companyId).orElse(null);
    if (org == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "no_connection", "message", "The company has no Salesforce org"));
    }
    WebhookSecrets.Rotation rotation = secrets.rotate(org.tenant(), grace);
    LOG.info("{} rotated the webhook secret of company {} (org {})", admin, companyId, org.orgId());
    var body = new LinkedHashMap<String, Object>();
    body.put("companyId", companyId);
    body.put("organizationId", org.orgId().value());
    body.put("secret", rotation.secret());
    body.put("previousSecretValidUntil", rotation.previousValidUntil());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }
}
