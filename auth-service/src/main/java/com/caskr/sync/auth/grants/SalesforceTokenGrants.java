package com.caskr.sync.auth.grants;

import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.JwtBearerGrants;
import com.caskr.sync.auth.connections.JwtBearerSetup;
import com.caskr.sync.auth.connections.RefreshedSession;
import com.caskr.sync.auth.connections.TokenGrants;
import com.caskr.sync.auth.connections.TokenRevocation;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.oauth.ClientCredentials;
import com.caskr.sync.salesforce.oauth.OAuthClient;
import com.caskr.sync.salesforce.oauth.TokenResponse;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
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
 *
 * <p>Also the revoke endpoint (disconnect) and the first grant of a JWT bearer connection being set
 * up, whose key and certificate must be files in the mounted key directory and belong together.
 */
public final class SalesforceTokenGrants implements TokenGrants, TokenRevocation, JwtBearerGrants {

  private final HttpClient http;
  private final SalesforceProperties app;
  private final LoginHosts hosts;
  private final Path keyDirectory;
  private final Clock clock;
  private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

  /**
   * @param keyDirectory where JWT bearer keys and certificates are mounted; null when JWT bearer
   *     connections are not set up here
   */
  public SalesforceTokenGrants(
      HttpClient http, SalesforceProperties app, LoginHosts hosts, Path keyDirectory, Clock clock) {
    this.http = http;
    this.app = app;
    this.hosts = hosts;
    this.keyDirectory = keyDirectory;
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

  @Override
  public void revoke(Connection connection, Secret token) throws RevocationFailed {
    try {
      client(connection).revoke(token.reveal());
    } catch (GrantUnavailable unconfigured) {
      throw new RevocationFailed(unconfigured.getMessage());
    } catch (ConnectionFailed e) {
      throw new RevocationFailed("revoke endpoint unreachable at " + connection.loginHost());
    } catch (TokenRequestFailed e) {
      throw new RevocationFailed(
          "HTTP "
              + e.status()
              + " "
              + e.error()
              + (e.errorDescription() == null ? "" : ": " + e.errorDescription()));
    }
  }

  private RefreshedSession session(Connection connection, Supplier<TokenResponse> request)
      throws GrantRevoked, GrantUnavailable {
    TokenResponse response = call(connection.loginHost(), request);
    if (!response.identity().orgId().equals(connection.orgId())) {
      // A token for another org must never be stored in this company's row.
      throw new GrantRevoked(
          "the token endpoint answered for org "
              + response.identity().orgId().value()
              + ", not the connected org "
              + connection.orgId().value());
    }
    return sessionOf(response);
  }

  @Override
  public FirstJwtSession firstSession(JwtBearerSetup setup) throws GrantRevoked, GrantUnavailable {
    requireAllowedLoginHost(setup);
    Path keyFile = inKeyDirectory("privateKeyRef", setup.privateKeyRef());
    Path certificateFile = inKeyDirectory("certificateRef", setup.certificateRef());
    PrivateKey key;
    try {
      key = privateKey(keyFile.toString());
    } catch (GrantUnavailable unreadable) {
      throw new IllegalArgumentException(unreadable.getMessage());
    }
    requireMatch(key, certificate(certificateFile), setup);
    String clientId = setup.clientId() != null ? setup.clientId() : app.clientId();
    if (clientId == null) {
      throw new IllegalArgumentException(
          "name the connected app's consumer key (clientId); auth.salesforce.client-id is not"
              + " configured either");
    }
    OAuthClient oauth =
        new OAuthClient(
            http,
            hosts.forConnection(setup.loginHost(), setup.environment()),
            new ClientCredentials(clientId, null),
            clock);
    TokenResponse response = call(setup.loginHost(), () -> oauth.jwtBearer(setup.username(), key));
    return new FirstJwtSession(
        sessionOf(response),
        response.identity().orgId(),
        response.identity().userId(),
        keyFile.toString(),
        certificateFile.toString());
  }

  /** The token endpoint's answer, its failures sorted into revoked (4xx) and unavailable. */
  private static TokenResponse call(String loginHost, Supplier<TokenResponse> request)
      throws GrantRevoked, GrantUnavailable {
    try {
      return request.get();
    } catch (ConnectionFailed e) {
      throw new GrantUnavailable("token endpoint unreachable at " + loginHost);
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
  }

  private static RefreshedSession sessionOf(TokenResponse response) {
    return new RefreshedSession(
        Secret.of(response.accessToken()),
        response.newRefreshToken().map(Secret::of).orElse(null),
        response.instanceUrl(),
        response.issuedAt());
  }

  /** A file named relative to the key directory, which it may not leave. */
  /**
   * The signed assertion goes only where a new connection may log in ({@link
   * LoginHosts#forNewConnection}): the configured production or sandbox host, or a validated My
   * Domain host. Any other host would receive an assertion it could replay at Salesforce.
   */
  private void requireAllowedLoginHost(JwtBearerSetup setup) {
    boolean customDomain = setup.environment() == SalesforceEnvironment.CUSTOM_DOMAIN;
    String allowed =
        hosts.forNewConnection(setup.environment(), customDomain ? setup.loginHost() : null);
    if (!allowed.equalsIgnoreCase(setup.loginHost())) {
      throw new IllegalArgumentException(
          customDomain
              ? "loginHost must be the org's My Domain host, e.g. acme.my.salesforce.com"
              : "loginHost of a "
                  + setup.environment()
                  + " connection is "
                  + allowed
                  + "; for a My Domain host use environment CUSTOM_DOMAIN");
    }
  }

  private Path inKeyDirectory(String field, String reference) {
    if (keyDirectory == null) {
      throw new IllegalArgumentException(
          "JWT bearer connections need auth.jwt.key-directory (AUTH_JWT_KEY_DIRECTORY), the"
              + " mounted directory of keys and certificates");
    }
    Path file = keyDirectory.resolve(reference).normalize();
    if (!file.startsWith(keyDirectory) || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          field + " " + reference + " is not a file in the key directory");
    }
    return file;
  }

  private static X509Certificate certificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(
          "certificateRef " + file.getFileName() + " is not a readable X.509 PEM certificate");
    }
  }

  /** Signs a probe with the key and checks it with the certificate's public key. */
  private static void requireMatch(
      PrivateKey key, X509Certificate certificate, JwtBearerSetup setup) {
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // Not an RSA certificate, or a key it cannot check: the same answer as a mismatch.
    }
    throw new IllegalArgumentException(
        "the private key "
            + setup.privateKeyRef()
            + " does not match the certificate "
            + setup.certificateRef());
  }

  private OAuthClient client(Connection connection) throws GrantUnavailable {
    // A JWT bearer connection may use its own connected app (the one holding its certificate);
    // the assertion needs no consumer secret.
    ClientCredentials credentials;
    if (connection.jwt() != null && connection.jwt().clientId() != null) {
      credentials = new ClientCredentials(connection.jwt().clientId(), null);
    } else if (app.clientId() != null) {
      credentials = new ClientCredentials(app.clientId(), app.clientSecret());
    } else {
      throw new GrantUnavailable("auth.salesforce.client-id is not configured");
    }
    String key =
        connection.environment() + "|" + connection.loginHost() + "|" + credentials.clientId();
    return clients.computeIfAbsent(
        key,
        k ->
            new OAuthClient(
                http,
                hosts.forConnection(connection.loginHost(), connection.environment()),
                credentials,
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
