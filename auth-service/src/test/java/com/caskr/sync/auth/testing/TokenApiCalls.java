package com.caskr.sync.auth.testing;

import com.caskr.sync.authclient.ServiceCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/** The internal token API as ingest-service calls it, for tests that check what it hands out. */
public final class TokenApiCalls {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TokenApiCalls() {}

  /** The access token handed to ingest-service for {@code companyId}; fails unless 200. */
  public static String accessToken(int port, String callerSecret, long companyId) {
    String credential =
        new ServiceCredentials("ingest-service", callerSecret, Clock.systemUTC()).mint(companyId);
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/internal/connections/"
                              + companyId
                              + "/token"))
                  .header("Authorization", "Bearer " + credential)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("token API answered " + response.statusCode());
      }
      return JSON.readTree(response.body()).get("accessToken").asString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
