package com.caskr.sync.salesforce.pubsub;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The in-process emulator as these tests use it: sessions they mint ({@code Primary} over the OAuth
 * surface's), fresh empty orgs, and REST/admin calls over real HTTP.
 */
@TestConfiguration(proxyBeanMethods = false)
class EmulatorPubSub {

  static final String PROPERTY_PORTS = "emulator.pubsub.port=0";
  static final String PROPERTY_KEEPALIVE = "emulator.pubsub.keepalive=1s";
  static final String PROPERTY_ADMIN = "emulator.admin.token=test-admin-token";
  static final String API = "/services/data/v64.0";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Bean
  @Primary
  MintedSessions pubSubClientSessions() {
    return new MintedSessions();
  }

  static Org newOrg(Orgs orgs) {
    return orgs.create(
        Orgs.Definition.named(
                "Pub/Sub client test " + UUID.randomUUID(), DemoDistillery.users().getFirst())
            .withUsers(DemoDistillery.users())
            .withSchema(DemoDistillery.schema()));
  }

  static PubSubCredentials credentials(String token, Org org, int httpPort) {
    return new PubSubCredentials(token, "http://localhost:" + httpPort, org.id());
  }

  /** One HTTP call; {@code headers} as name, value pairs. Fails the test on a transport error. */
  static HttpResponse<String> call(
      int port, String method, String path, String token, String body, String... headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sessions the tests mint; anything else is an invalid session. */
  static final class MintedSessions implements Sessions {

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    String mint(Org org) {
      String token = "00D!" + UUID.randomUUID();
      byToken.put(
          token,
          new Session(
              org.id(), org.adminUserId(), Set.of("api"), Instant.parse("2100-01-01T00:00:00Z")));
      return token;
    }

    void revoke(String token) {
      byToken.remove(token);
    }

    @Override
    public Optional<Session> authenticate(String accessToken) {
      return Optional.ofNullable(accessToken == null ? null : byToken.get(accessToken));
    }
  }
}
