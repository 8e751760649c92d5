package com.caskr.sync.emulator.oauth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;

/**
 * A connected app of one org.
 *
 * @param clientId the consumer key
 * @param clientSecret the consumer secret
 * @param redirectUris callback URLs, matched exactly
 * @param scopes what the app may be granted; requested scopes are narrowed to these
 * @param rotateRefreshTokens a new refresh token on every refresh, the old one dead at once
 * @param sessionTimeout lifetime of an access token from its issue
 * @param jwtKey the public key of the registered certificate, or null (no JWT bearer)
 * @param preAuthorizedUsers user ids that may use the JWT bearer flow
 */
public record ConnectedApp(
    String orgId,
    String name,
    String clientId,
    String clientSecret,
    Set<String> redirectUris,
    Set<String> scopes,
    boolean rotateRefreshTokens,
    Duration sessionTimeout,
    RSAPublicKey jwtKey,
    Set<String> preAuthorizedUsers) {

  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofHours(2);
  public static final Set<String> DEFAULT_SCOPES =
      Set.of("api", "refresh_token", "offline_access", "id", "openid", "web");

  public ConnectedApp {
    if (orgId == null || clientId == null || clientSecret == null) {
      throw new IllegalArgumentException("A connected app needs an org, a key and a secret");
    }
    redirectUris = Set.copyOf(redirectUris);
    scopes = Set.copyOf(scopes);
    preAuthorizedUsers = Set.copyOf(preAuthorizedUsers);
    if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("A session timeout must be positive");
    }
  }

  public ConnectedApp withRedirectUri(String uri) {
    var all = new java.util.HashSet<>(redirectUris);
    all.add(uri);
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        all,
        scopes,
        rotateRefreshTokens,
        sessionTimeout,
        jwtKey,
        preAuthorizedUsers);
  }

  public ConnectedApp withScopes(Set<String> granted) {
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        redirectUris,
        granted,
        rotateRefreshTokens,
        sessionTimeout,
        jwtKey,
        preAuthorizedUsers);
  }

  public ConnectedApp withRefreshTokenRotation(boolean rotate) {
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        redirectUris,
        scopes,
        rotate,
        sessionTimeout,
        jwtKey,
        preAuthorizedUsers);
  }

  public ConnectedApp withSessionTimeout(Duration timeout) {
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        redirectUris,
        scopes,
        rotateRefreshTokens,
        timeout,
        jwtKey,
        preAuthorizedUsers);
  }

  public ConnectedApp withPublicKey(RSAPublicKey key) {
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        redirectUris,
        scopes,
        rotateRefreshTokens,
        sessionTimeout,
        key,
        preAuthorizedUsers);
  }

  /** The X.509 certificate (PEM) uploaded to the app; its RSA key verifies JWT assertions. */
  public ConnectedApp withCertificate(String pem) {
    try {
      var certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (!(certificate.getPublicKey() instanceof RSAPublicKey key)) {
        throw new IllegalArgumentException("The certificate must hold an RSA key");
      }
      return withPublicKey(key);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("Not an X.509 certificate", e);
    }
  }

  public ConnectedApp withPreAuthorizedUser(String userId) {
    var all = new java.util.HashSet<>(preAuthorizedUsers);
    all.add(userId);
    return new ConnectedApp(
        orgId,
        name,
        clientId,
        clientSecret,
        redirectUris,
        scopes,
        rotateRefreshTokens,
        sessionTimeout,
        jwtKey,
        all);
  }
}
