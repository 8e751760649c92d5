package com.caskr.sync.e2e;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user logging in at the emulator's authorize pages and pressing Allow, over plain HTTP: the
 * login form (username, password) and then the consent form, as a browser submits them.
 */
final class EmulatorLogin {

  private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");

  private EmulatorLogin() {}

  /**
   * Follows {@code authorizeUrl} (at the emulator) through login and consent.
   *
   * @return where the emulator sends the browser: the app's callback with {@code code} and {@code
   *     state}
   */
  static URI approve(URI authorizeUrl, String username, String password) {
    Map<String, String> query = Http.query(authorizeUrl);
    String base =
        authorizeUrl.getScheme() + "://" + authorizeUrl.getRawAuthority() + authorizeUrl.getPath();
    Map<String, String> login = new LinkedHashMap<>();
    for (String field :
        new String[] {"client_id", "redirect_uri", "scope", "state", "code_challenge"}) {
      login.put(field, query.get(field));
    }
    login.put("username", username);
    login.put("pw", password);
    HttpResponse<String> consent =
        Http.send(
            Http.request(base + "/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form(login)));
    Matcher ticket = TICKET.matcher(consent.body());
    if (consent.statusCode() != 200 || !ticket.find()) {
      throw new AssertionError(
          "the emulator's login answered " + consent.statusCode() + ": " + consent.body());
    }
    HttpResponse<String> allowed =
        Http.send(
            Http.request(base + "/consent")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    Http.form(
                        Map.of(
                            "ticket",
                            ticket.group(1).replace("&amp;", "&"),
                            "oaapprove",
                            "Allow"))));
    String location = allowed.headers().firstValue("Location").orElse("");
    if (allowed.statusCode() / 100 != 3 || !location.contains("code=")) {
      throw new AssertionError(
          "the emulator's consent answered " + allowed.statusCode() + " to " + location);
    }
    return URI.create(location);
  }
}
