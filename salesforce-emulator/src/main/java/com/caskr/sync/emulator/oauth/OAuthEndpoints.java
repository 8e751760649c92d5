package com.caskr.sync.emulator.oauth;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * token, revoke, userinfo, introspect, the identity URL and the id token keys, under both login
 * hosts' path prefixes.
 */
@RestController
class OAuthEndpoints {

  private final OAuthServer server;
  private final IdTokens idTokens;

  OAuthEndpoints(OAuthServer server, IdTokens idTokens) {
    this.server = server;
    this.idTokens = idTokens;
  }

  @PostMapping({"/services/oauth2/token", "/sandbox/services/oauth2/token"})
  Map<String, Object> token(
      HttpServletRequest http,
      @RequestParam MultiValueMap<String, String> form,
      @RequestHeader(value = "Authorization", required = false) String authorization) {
    return server.token(environment(http), request(form, authorization), instanceUrl());
  }

  @PostMapping({"/services/oauth2/revoke", "/sandbox/services/oauth2/revoke"})
  ResponseEntity<Void> revoke(@RequestParam(value = "token", required = false) String token) {
    server.revoke(token);
    return ResponseEntity.ok().build();
  }

  @GetMapping({"/services/oauth2/revoke", "/sandbox/services/oauth2/revoke"})
  ResponseEntity<Void> revokeByGet(@RequestParam(value = "token", required = false) String token) {
    return revoke(token);
  }

  /** Salesforce answers a bad bearer here with 403 {@code Bad_OAuth_Token}, not the REST 401. */
  @GetMapping({"/services/oauth2/userinfo", "/sandbox/services/oauth2/userinfo"})
  ResponseEntity<?> userinfo(
      HttpServletRequest http,
      @RequestHeader(value = "Authorization", required = false) String authorization) {
    return server
        .userinfo(environment(http), bearer(authorization), instanceUrl())
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(OAuthEndpoints::badToken);
  }

  private static String bearer(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : null;
  }

  private static ResponseEntity<?> badToken() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.TEXT_PLAIN)
        .body("Bad_OAuth_Token");
  }

  @PostMapping({"/services/oauth2/userinfo", "/sandbox/services/oauth2/userinfo"})
  ResponseEntity<?> userinfoByPost(
      HttpServletRequest http,
      @RequestHeader(value = "Authorization", required = false) String authorization) {
    return userinfo(http, authorization);
  }

  /** The identity URL of a token response, resolvable here; a bad bearer is 403 as for userinfo. */
  @GetMapping({"/id/{orgId}/{userId}", "/sandbox/id/{orgId}/{userId}"})
  ResponseEntity<?> identity(
      HttpServletRequest http,
      @PathVariable String orgId,
      @PathVariable String userId,
      @RequestHeader(value = "Authorization", required = false) String authorization) {
    return server
        .identity(environment(http), bearer(authorization), orgId, userId, instanceUrl())
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(OAuthEndpoints::badToken);
  }

  /** The public keys id tokens are signed with (JWKS). */
  @GetMapping({"/id/keys", "/sandbox/id/keys"})
  Map<String, Object> keys() {
    return idTokens.jwks();
  }

  @PostMapping({"/services/oauth2/introspect", "/sandbox/services/oauth2/introspect"})
  Map<String, Object> introspect(
      HttpServletRequest http,
      @RequestParam MultiValueMap<String, String> form,
      @RequestHeader(value = "Authorization", required = false) String authorization) {
    return server.introspect(environment(http), request(form, authorization));
  }

  @ExceptionHandler(OAuthError.class)
  ResponseEntity<Map<String, Object>> refused(OAuthError error) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", error.error());
    body.put("error_description", error.description());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static LoginEnvironment environment(HttpServletRequest http) {
    String path = http.getRequestURI().substring(http.getContextPath().length());
    return path.startsWith(LoginEnvironment.SANDBOX.pathPrefix() + "/")
        ? LoginEnvironment.SANDBOX
        : LoginEnvironment.PRODUCTION;
  }

  static String instanceUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  private static OAuthServer.TokenRequest request(
      MultiValueMap<String, String> form, String authorization) {
    var fields = new LinkedHashMap<String, String>();
    form.forEach((name, values) -> fields.put(name, values.isEmpty() ? null : values.getFirst()));
    String basicId = null;
    String basicSecret = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          basicId = decoded.substring(0, colon);
          basicSecret = decoded.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        throw OAuthError.invalidClient();
      }
    }
    return new OAuthServer.TokenRequest(fields, basicId, basicSecret);
  }
}
