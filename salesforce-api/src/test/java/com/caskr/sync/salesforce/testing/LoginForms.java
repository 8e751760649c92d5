package com.caskr.sync.salesforce.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clicks through the emulator's login and consent pages with plain HTTP, as a browser would: GET
 * the authorize URL, post the login form (its hidden fields plus username and password), post the
 * consent form with Allow or Deny, and return the redirect to the callback.
 */
public final class LoginForms {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String baseUrl;

  public LoginForms(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The callback URL the user's browser is sent to after login and Allow (or Deny). */
  public URI authorize(URI authorizeUrl, String username, String password, boolean allow)
      throws Exception {
    String loginPage = get(authorizeUrl);
    var login = hiddenFields(loginPage);
    login.put("username", username);
    login.put("pw", password);
    login.put("Login", "Log In");
    HttpResponse<String> consent = post(action(loginPage), login);
    if (consent.statusCode() != 200 || !consent.body().contains("oaapprove")) {
      throw new IllegalStateException("Login refused: " + consent.statusCode());
    }
    var decision = hiddenFields(consent.body());
    decision.put(allow ? "oaapprove" : "oadeny", allow ? "Allow" : "Deny");
    HttpResponse<String> redirect = post(action(consent.body()), decision);
    if (redirect.statusCode() != 302) {
      throw new IllegalStateException("Consent gave " + redirect.statusCode());
    }
    return URI.create(redirect.headers().firstValue("Location").orElseThrow());
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200) {
      throw new IllegalStateException("Authorize page gave " + page.statusCode());
    }
    return page.body();
  }

  private HttpResponse<String> post(String action, Map<String, String> form) throws Exception {
    var body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String action(String page) {
    Matcher m = FORM_ACTION.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("No form on the page");
    }
    return unescape(m.group(1));
  }

  private static Map<String, String> hiddenFields(String page) {
    var fields = new LinkedHashMap<String, String>();
    Matcher m = HIDDEN.matcher(page);
    while (m.find()) {
      fields.put(m.group(1), unescape(m.group(2)));
    }
    return fields;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
