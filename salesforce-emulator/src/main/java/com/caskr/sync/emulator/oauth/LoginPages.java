package com.caskr.sync.emulator.oauth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authorize endpoint's login and consent pages: plain HTML forms with Salesforce's element ids
 * ({@code username}, {@code password}, {@code Login}, {@code oaapprove}, {@code oadeny}).
 */
@RestController
class LoginPages {

  private record Pending(
      LoginEnvironment environment,
      ConnectedApp app,
      String userId,
      String redirectUri,
      String scope,
      String state,
      String codeChallenge) {}

  private final OAuthServer server;
  private final Map<String, Pending> consents = new ConcurrentHashMap<>();

  LoginPages(OAuthServer server) {
    this.server = server;
  }

  @GetMapping({"/services/oauth2/authorize", "/sandbox/services/oauth2/authorize"})
  ResponseEntity<String> authorize(
      HttpServletRequest http,
      @RequestParam(value = "response_type", required = false) String responseType,
      @RequestParam(value = "client_id", required = false) String clientId,
      @RequestParam(value = "redirect_uri", required = false) String redirectUri,
      @RequestParam(value = "scope", required = false) String scope,
      @RequestParam(value = "state", required = false) String state,
      @RequestParam(value = "code_challenge", required = false) String codeChallenge,
      @RequestParam(value = "login_hint", required = false) String loginHint) {
    ConnectedApp app;
    try {
      app = server.appForAuthorize(clientId, redirectUri);
    } catch (OAuthError e) {
      return errorPage(e);
    }
    if (!"code".equals(responseType)) {
      return redirect(
          redirectUri,
          "error=unsupported_response_type&error_description=response+type+not+supported",
          state);
    }
    return loginPage(
        OAuthEndpoints.environment(http),
        clientId,
        redirectUri,
        scope,
        state,
        codeChallenge,
        loginHint,
        null);
  }

  @PostMapping({"/services/oauth2/authorize/login", "/sandbox/services/oauth2/authorize/login"})
  ResponseEntity<String> login(
      HttpServletRequest http,
      @RequestParam(value = "client_id", required = false) String clientId,
      @RequestParam(value = "redirect_uri", required = false) String redirectUri,
      @RequestParam(value = "scope", required = false) String scope,
      @RequestParam(value = "state", required = false) String state,
      @RequestParam(value = "code_challenge", required = false) String codeChallenge,
      @RequestParam(value = "username", required = false) String username,
      @RequestParam(value = "pw", required = false) String password) {
    LoginEnvironment environment = OAuthEndpoints.environment(http);
    ConnectedApp app;
    try {
      app = server.appForAuthorize(clientId, redirectUri);
    } catch (OAuthError e) {
      return errorPage(e);
    }
    var userId = server.login(environment, app, username, password);
    if (userId.isEmpty()) {
      return loginPage(
          environment,
          clientId,
          redirectUri,
          scope,
          state,
          codeChallenge,
          username,
          "Please check your username and password. If you still can't log in, contact your"
              + " Salesforce administrator.");
    }
    String ticket = ConnectedApps.token(32);
    consents.put(
        ticket,
        new Pending(environment, app, userId.get(), redirectUri, scope, state, codeChallenge));
    String body =
        page(
            "Allow Access?",
            "<h1>Allow Access?</h1><p>"
                + escape(app.name())
                + " is asking to access your Salesforce data.</p>"
                + "<form id=\"frm\" method=\"post\" action=\""
                + environment.pathPrefix()
                + "/services/oauth2/authorize/consent\">"
                + hidden("ticket", ticket)
                + "<input type=\"submit\" id=\"oadeny\" name=\"oadeny\" value=\"Deny\">"
                + "<input type=\"submit\" id=\"oaapprove\" name=\"oaapprove\" value=\"Allow\">"
                + "</form>");
    return html(HttpStatus.OK, body);
  }

  @PostMapping({"/services/oauth2/authorize/consent", "/sandbox/services/oauth2/authorize/consent"})
  ResponseEntity<String> consent(
      @RequestParam(value = "ticket", required = false) String ticket,
      @RequestParam(value = "oaapprove", required = false) String approve) {
    Pending pending = ticket == null ? null : consents.remove(ticket);
    if (pending == null) {
      return errorPage(new OAuthError("invalid_request", "invalid or expired consent"));
    }
    if (approve == null) {
      return redirect(
          pending.redirectUri(),
          "error=access_denied&error_description=end-user+denied+authorization",
          pending.state());
    }
    String code =
        server.issueCode(
            pending.environment(),
            pending.app(),
            pending.userId(),
            pending.redirectUri(),
            pending.scope(),
            pending.codeChallenge());
    return redirect(pending.redirectUri(), "code=" + encode(code), pending.state());
  }

  private static ResponseEntity<String> loginPage(
      LoginEnvironment environment,
      String clientId,
      String redirectUri,
      String scope,
      String state,
      String codeChallenge,
      String username,
      String error) {
    String body =
        page(
            "Login | Salesforce",
            (error == null
                    ? ""
                    : "<div id=\"error\" class=\"loginError\">" + escape(error) + "</div>")
                + "<form id=\"login_form\" name=\"login\" method=\"post\" action=\""
                + environment.pathPrefix()
                + "/services/oauth2/authorize/login\">"
                + hidden("client_id", clientId)
                + hidden("redirect_uri", redirectUri)
                + hidden("scope", scope)
                + hidden("state", state)
                + hidden("code_challenge", codeChallenge)
                + "<label for=\"username\">Username</label>"
                + "<input type=\"email\" id=\"username\" name=\"username\" value=\""
                + escape(username)
                + "\">"
                + "<label for=\"password\">Password</label>"
                + "<input type=\"password\" id=\"password\" name=\"pw\">"
                + "<input type=\"submit\" id=\"Login\" name=\"Login\" value=\"Log In\">"
                + "</form>");
    return html(HttpStatus.OK, body);
  }

  private static ResponseEntity<String> errorPage(OAuthError error) {
    return html(
        HttpStatus.BAD_REQUEST,
        page(
            "Error",
            "<h1>Error</h1><p id=\"error\">error="
                + escape(error.error())
                + "<br>error_description="
                + escape(error.description())
                + "</p>"));
  }

  private static ResponseEntity<String> redirect(String redirectUri, String query, String state) {
    String location =
        redirectUri
            + (redirectUri.contains("?") ? "&" : "?")
            + query
            + (state == null ? "" : "&state=" + encode(state));
    return ResponseEntity.status(HttpStatus.FOUND).header("Location", location).build();
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
  }

  private static String page(String title, String content) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head><body>"
        + content
        + "</body></html>";
  }

  private static String hidden(String name, String value) {
    return value == null
        ? ""
        : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String escape(String value) {
    if (value == null) {
      return "";
    }
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
