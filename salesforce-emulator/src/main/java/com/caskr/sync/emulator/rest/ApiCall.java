package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.oauth.Sessions.Session;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;

/**
 * An authenticated, counted call to /services/data/vXX.X/…, as {@link ApiGate} hands it to the
 * controllers (the REST ones here, the Bulk API 2.0 ones in {@code emulator.bulk}).
 *
 * @param apiVersion e.g. "62.0"
 * @param client the {@code client} of {@code Sforce-Call-Options}, or null
 */
public record ApiCall(Org org, Session session, String apiVersion, String client) {

  /** The request attribute that carries the call; public for the Bulk API's controllers. */
  public static final String ATTRIBUTE = "com.caskr.sync.emulator.rest.ApiCall";

  /** The writer, with changeOrigin {@code com/salesforce/api/rest/62.0;client=…}. */
  Caller caller() {
    return Caller.rest(session.userId(), apiVersion, client);
  }

  String base() {
    return "/services/data/v" + apiVersion;
  }

  String recordUrl(String type, String id) {
    return base() + "/sobjects/" + type + "/" + id;
  }

  /** The {@code client=…} option of a {@code Sforce-Call-Options} header, or null. */
  static String client(String callOptions) {
    if (callOptions == null) {
      return null;
    }
    for (String option : callOptions.split(",")) {
      String trimmed = option.trim();
      if (trimmed.regionMatches(true, 0, "client=", 0, 7)) {
        String value = trimmed.substring(7).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
