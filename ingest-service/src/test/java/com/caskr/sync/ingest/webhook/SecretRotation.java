package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;

/** The admin API's webhook-secret rotation, as the webhook tests call it over HTTP. */
final class SecretRotation {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SecretRotation() {}

  /** {@code POST /api/admin/companies/{id}/webhook-secret}, signed in as {@code user} (or not). */
  static HttpResponse<String> rotate(int port, long companyId, String user, String password)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/api/admin/companies/"
                        + companyId
                        + "/webhook-secret"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** A new secret for the company, rotated by an admin who may. */
  static byte[] newSecret(int port, long companyId, String user, String password) throws Exception {
    var response = rotate(port, companyId, user, password);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).get("secret").asString().getBytes(StandardCharsets.UTF_8);
  }
}
