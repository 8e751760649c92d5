package com.caskr.sync.auth.grants;

import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.RefreshedSession;
import com.caskr.sync.auth.connections.TokenGrants;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.oauth.ClientCredentials;
import com.caskr.sync.salesforce.oauth.OAuthClient;
import com.caskr.sync.salesforce.oauth.TokenResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link TokenGrants} at Salesforce's token endpoint through salesforce-api's {@link OAuthClient}.
 * Each connection's requests go to the login host it was made on ({@code https}, or {@code http}
 * for a loopback emulator). {@code invalid_grant} and other 4xx answers mean the grant is gone
 * ({@link GrantRevoked}, with the OAuth error code); no answer, a 5xx or a 429 is {@link
 * GrantUnavailable}. Reasons carry Salesforce's error code and description, never a token.
 */
public final class SalesforceTokenGrants implements TokenGrants {

  private final HttpClient http;
  private final SalesforceProperties app;
  private final LoginHosts hosts;
  private final Clock clock;
  private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

  public SalesforceTokenGrants(
      HttpClient http, SalesforceProperties app, LoginHosts hosts, Clock clock) {
    this.http = http;
    this.app = app;
    this.hosts = hosts;
    this.clock = clock;
  }

  @Override
  public RefreshedSession refresh(Connection connection, Secret refreshToken)
      throws GrantRevoked, GrantUnavailable {
    OAuthClient oauth = client(connection);
    return session(connection, () -> oauth.refresh(refreshToken.reveal()));
  }

  @Override
  public RefreshedSession jwtBearer(Connection connection) throws GrantRevoked, GrantUnavailable {
    if (connection.jwt() == null) {
      throw new GrantRevoked("not a JWT bearer connection");
    }
    OAuthClient oauth = client(connection);
    PrivateKey key = privateKey(connection.jwt().privateKeyRef());
    return session(connection, () -> oauth.jwtBearer(connection.jwt().username(), key));
  }

  private RefreshedSession session(Connection connection, Supplier<TokenResponse> request)
      throws GrantRevoked, GrantUnavailable {
    TokenResponse response;
    try {
      response = request.get();
    } catch (ConnectionFailed e) {
      throw new GrantUnavailable("token endpoint unreachable at " + connection.loginHost());
    } catch (TokenRequestFailed e) {
      String reason = e.error() + (e.errorDescription() == null ? "" : ": " + e.errorDescription());
      if (e.grantInvalid()) {
        throw new GrantRevoked(reason);
      }
      if (e.status() >= 500 || e.status() == 429 || e.status() < 400) {
        throw new GrantUnavailable("HTTP " + e.status() + " " + reason);
      }
      throw new GrantRevoked("HTTP " + e.status() + " " + reason);
    }
    if (!response.identity().orgId().equals(connection.orgId())) {
      // A token for another org must never be stored in this company's row.
      throw new GrantRevoked(
          "the token endpoint answered for org "
              + response.identity().orgId().value()
              + ", not the connected org "
              + connection.orgId().value());
    }
    return new RefreshedSession(
        Secret.of(response.accessToken()),
        response.newRefreshToken().map(Secret::of).orElse(null),
        response.instanceUrl(),
        response.issuedAt());
  }

  private OAuthClient client(Connection connection) throws GrantUnavailable {
    if (app.clientId() == null) {
      throw new GrantUnavailable("auth.salesforce.client-id is not configured");
    }
    String key = connection.environment() + "|" + connection.loginHost();
    return clients.computeIfAbsent(
        key,
        k ->
            new OAuthClient(
                http,
                hosts.forConnection(connection.loginHost(), connection.environment()),
                new ClientCredentials(app.clientId(), app.clientSecret()),
                clock));
  }

  /** A PKCS#8 PEM RSA key from the file the connection's {@code jwt_private_key_ref} names. */
  static PrivateKey privateKey(String reference) throws GrantUnavailable {
    Path file =
        Path.of(reference.startsWith("file:") ? URI.create(reference).getPath() : reference);
    try {
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      String body =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      // Retrying cannot help, but the grant is not revoked either: an operator must fix the key.
      throw new GrantUnavailable(
          "the JWT private key " + reference + " is not a readable PKCS#8 RSA PEM");
    }
  }
}
