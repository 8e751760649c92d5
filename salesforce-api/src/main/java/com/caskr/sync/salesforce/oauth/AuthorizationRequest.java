package com.caskr.sync.salesforce.oauth;

import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A web-server flow in progress: send the user to {@link #url()}, keep {@link #state()} and the
 * {@link #pkce()} verifier (server side), then turn the callback into a code with {@link
 * #codeFrom(URI)} and exchange it with {@link OAuthClient#exchangeCode}.
 */
public record AuthorizationRequest(URI url, String redirectUri, String state, Pkce pkce) {

  /**
   * The {@code code} of a callback {@code redirect_uri?code=…&state=…}, after checking that the
   * state is ours (CSRF).
   *
   * @throws TokenRequestFailed when Salesforce redirected with {@code error} (e.g. access_denied)
   * @throws IllegalArgumentException when the state is missing or another one
   */
  public String codeFrom(URI callback) {
    Map<String, String> query = query(callback.getRawQuery());
    if (!state.equals(query.get("state"))) {
      throw new IllegalArgumentException("The callback's state is not this request's");
    }
    if (query.containsKey("error")) {
      throw new TokenRequestFailed(
          302, query.get("error"), query.getOrDefault("error_description", ""));
    }
    String code = query.get("code");
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("The callback carries no code");
    }
    return code;
  }

  static Map<String, String> query(String raw) {
    var values = new HashMap<String, String>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
