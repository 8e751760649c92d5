package com.caskr.sync.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The test's own Salesforce user at the emulator's REST API: a connected app of its own (admin
 * API), the OAuth web-server flow, then plain REST calls. Its writes carry no {@code
 * Sforce-Call-Options}, so they are edits made in Salesforce, not echoes.
 */
final class SalesforceSession {

  private static final String API = "/services/data/v64.0";
  private static final String CALLBACK = "http://localhost/system-tests/callback";

  private final String instanceUrl;
  private final String accessToken;

  private SalesforceSession(String instanceUrl, String accessToken) {
    this.instanceUrl = instanceUrl;
    this.accessToken = accessToken;
  }

  static SalesforceSession login(
      String emulator, String adminToken, String orgId, String username, String password) {
    JsonNode app =
        Http.json(
            Http.request(emulator + "/emulator/orgs/" + orgId + "/connected-apps")
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(Http.jsonBody(Map.of("name", "system-tests", "callbackUrl", CALLBACK))));
    String clientId = app.path("consumerKey").asString();
    URI authorize =
        URI.create(
            emulator
                + "/services/oauth2/authorize?response_type=code&client_id="
                + Http.encode(clientId)
                + "&redirect_uri="
                + Http.encode(CALLBACK)
                + "&scope="
                + Http.encode("api refresh_token")
                + "&state=system-tests");
    URI callback = EmulatorLogin.approve(authorize, username, password);
    Map<String, String> token = new LinkedHashMap<>();
    token.put("grant_type", "authorization_code");
    token.put("code", Http.query(callback).get("code"));
    token.put("client_id", clientId);
    token.put("client_secret", app.path("consumerSecret").asString());
    token.put("redirect_uri", CALLBACK);
    JsonNode session =
        Http.json(
            Http.request(emulator + "/services/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form(token)));
    return new SalesforceSession(
        session.path("instance_url").asString(), session.path("access_token").asString());
  }

  /** Creates an Account; its id. */
  String createAccount(Map<String, Object> fields) {
    return Http.json(call("/sobjects/Account").POST(Http.jsonBody(fields))).path("id").asString();
  }

  /** Creates Accounts with sObject Collections (200 per call); their ids, in order. */
  List<String> createAccounts(List<Map<String, Object>> records) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < records.size(); from += 200) {
      List<Map<String, Object>> chunk = new ArrayList<>();
      for (Map<String, Object> fields :
          records.subList(from, Math.min(records.size(), from + 200))) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("attributes", Map.of("type", "Account"));
        chunk.add(record);
      }
      JsonNode results =
          Http.json(
              call("/composite/sobjects")
                  .POST(Http.jsonBody(Map.of("allOrNone", true, "records", chunk))));
      for (JsonNode result : results) {
        if (!result.path("success").asBoolean(false)) {
          throw new AssertionError("create failed: " + result);
        }
        ids.add(result.path("id").asString());
      }
    }
    return ids;
  }

  /** Updates Accounts by Id with sObject Collections (200 per call). */
  void updateAccounts(Map<String, Map<String, Object>> byId) {
    List<Map<String, Object>> records = new ArrayList<>();
    byId.forEach(
        (id, fields) -> {
          Map<String, Object> record = new LinkedHashMap<>(fields);
          record.put("attributes", Map.of("type", "Account"));
          record.put("Id", id);
          records.add(record);
        });
    for (int from = 0; from < records.size(); from += 200) {
      JsonNode results =
          Http.json(
              call("/composite/sobjects")
                  .method(
                      "PATCH",
                      Http.jsonBody(
                          Map.of(
                              "allOrNone",
                              true,
                              "records",
                              records.subList(from, Math.min(records.size(), from + 200))))));
      for (JsonNode result : results) {
        if (!result.path("success").asBoolean(false)) {
          throw new AssertionError("update failed: " + result);
        }
      }
    }
  }

  void updateAccount(String id, Map<String, Object> fields) {
    Http.json(call("/sobjects/Account/" + id).method("PATCH", Http.jsonBody(fields)));
  }

  JsonNode account(String id) {
    return Http.json(call("/sobjects/Account/" + id).GET());
  }

  /** Every row of a SOQL query, following {@code nextRecordsUrl}. */
  List<JsonNode> query(String soql) {
    List<JsonNode> rows = new ArrayList<>();
    JsonNode page = Http.json(call("/query?q=" + Http.encode(soql)).GET());
    while (true) {
      page.path("records").forEach(rows::add);
      if (page.path("done").asBoolean(true) || page.path("nextRecordsUrl").isMissingNode()) {
        return rows;
      }
      page =
          Http.json(
              Http.request(instanceUrl + page.path("nextRecordsUrl").asString())
                  .header("Authorization", "Bearer " + accessToken)
                  .GET());
    }
  }

  private HttpRequest.Builder call(String path) {
    return Http.request(instanceUrl + API + path)
        .header("Authorization", "Bearer " + accessToken)
        .header("Content-Type", "application/json");
  }
}
