package com.caskr.sync.emulator.admin;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connected apps of an org over the admin API. The consumer secret is shown once, in the answer to
 * the create.
 */
@RestController
class ConnectedAppsController {

  static final String BASE = "/emulator/orgs/{orgId}/connected-apps";

  /**
   * @param certificate an X.509 certificate (PEM) whose RSA key verifies JWT bearer assertions
   * @param sessionTimeout ISO-8601, e.g. {@code PT2H}; default the emulator's
   * @param preAuthorizedUsernames users that may use the JWT bearer flow
   * @param scopes default api, refresh_token, offline_access, id, openid, web
   */
  record CreateApp(
      String name,
      String callbackUrl,
      String certificate,
      Boolean rotateRefreshTokens,
      String sessionTimeout,
      List<String> preAuthorizedUsernames,
      Set<String> scopes) {}

  private final Orgs orgs;
  private final ConnectedApps apps;

  ConnectedAppsController(Orgs orgs, ConnectedApps apps) {
    this.orgs = orgs;
    this.apps = apps;
  }

  @PostMapping(BASE)
  ResponseEntity<Map<String, Object>> create(
      @PathVariable String orgId, @RequestBody CreateApp request) {
    Org org = org(orgId);
    if (request.name() == null || request.name().isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (request.callbackUrl() != null) {
      URI callback = URI.create(request.callbackUrl());
      if (!callback.isAbsolute()) {
        throw new IllegalArgumentException("callbackUrl must be an absolute URL");
      }
    }
    // Everything is checked before the app is saved, so a bad request leaves no app behind.
    ConnectedApp app = apps.create(org.id(), request.name(), request.callbackUrl());
    try {
      ConnectedApp refined = refine(org, app, request);
      apps.save(refined);
      var view = view(refined);
      view.put("consumerSecret", refined.clientSecret());
      return ResponseEntity.status(HttpStatus.CREATED).body(view);
    } catch (RuntimeException e) {
      apps.remove(app.clientId());
      throw e;
    }
  }

  @GetMapping(BASE)
  List<? extends Map<String, Object>> list(@PathVariable String orgId) {
    return apps.ofOrg(org(orgId).id()).stream().map(ConnectedAppsController::view).toList();
  }

  @DeleteMapping(BASE + "/{consumerKey}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String consumerKey) {
    Org org = org(orgId);
    boolean ours = apps.byClientId(consumerKey).filter(a -> a.orgId().equals(org.id())).isPresent();
    return ours && apps.remove(consumerKey)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  private static ConnectedApp refine(Org org, ConnectedApp app, CreateApp request) {
    ConnectedApp refined = app;
    if (request.certificate() != null) {
      refined = refined.withCertificate(request.certificate());
    }
    if (request.rotateRefreshTokens() != null) {
      refined = refined.withRefreshTokenRotation(request.rotateRefreshTokens());
    }
    if (request.sessionTimeout() != null) {
      try {
        refined = refined.withSessionTimeout(Duration.parse(request.sessionTimeout()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("sessionTimeout must be ISO-8601, e.g. PT2H");
      }
    }
    if (request.scopes() != null && !request.scopes().isEmpty()) {
      refined = refined.withScopes(request.scopes());
    }
    if (request.preAuthorizedUsernames() != null) {
      for (String username : request.preAuthorizedUsernames()) {
        String userId =
            org.userIdByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("No user " + username));
        refined = refined.withPreAuthorizedUser(userId);
      }
    }
    return refined;
  }

  private Org org(String orgId) {
    return orgs.byId(orgId).orElseThrow(() -> new AdminErrors.NoSuchOrg(orgId));
  }

  private static LinkedHashMap<String, Object> view(ConnectedApp app) {
    var view = new LinkedHashMap<String, Object>();
    view.put("name", app.name());
    view.put("consumerKey", app.clientId());
    view.put("callbackUrls", app.redirectUris().stream().sorted().toList());
    view.put("scopes", app.scopes().stream().sorted().toList());
    view.put("rotateRefreshTokens", app.rotateRefreshTokens());
    view.put("sessionTimeout", app.sessionTimeout().toString());
    view.put("jwtBearer", app.jwtKey() != null);
    view.put("preAuthorizedUserIds", app.preAuthorizedUsers().stream().sorted().toList());
    return view;
  }
}
