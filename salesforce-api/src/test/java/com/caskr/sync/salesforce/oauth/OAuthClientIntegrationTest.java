package com.caskr.sync.salesforce.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.salesforce.errors.SessionExpired;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.testing.LoginForms;
import com.caskr.sync.salesforce.testing.SalesforceEmulatorFixture;
import com.caskr.sync.salesforce.testing.SalesforceEmulatorFixture.JwtApp;
import com.caskr.sync.schema.SalesforceId;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthClientIntegrationTest {

  private static final String CALLBACK = "http://127.0.0.1/callback";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final SalesforceEmulatorFixture emulator = SalesforceEmulatorFixture.shared();
  private Org org;
  private JwtApp app;
  private OAuthClient oauth;

  @BeforeEach
  void newOrgAndApp() {
    org = emulator.newOrg("OAuth client test");
    app = emulator.jwtApp(org, CALLBACK);
    oauth = client(app, LoginHost.of(emulator.baseUrl(), LoginHost.PRODUCTION_AUDIENCE));
  }

  private static OAuthClient client(JwtApp app, LoginHost host) {
    return new OAuthClient(HTTP, host, new ClientCredentials(app.clientId(), app.clientSecret()));
  }

  private TokenResponse webServerFlow(Set<String> scopes) throws Exception {
    AuthorizationRequest request = oauth.authorizationRequest(CALLBACK, scopes);
    assertThat(request.url().getQuery()).contains("code_challenge=" + request.pkce().challenge());
    URI callback =
        new LoginForms(emulator.baseUrl())
            .authorize(request.url(), app.username(), SalesforceEmulatorFixture.PASSWORD, true);
    return oauth.exchangeCode(request.codeFrom(callback), request);
  }

  @Test
  void jwtBearerGivesASignedSessionWithIdentityAndNoRefreshToken() {
    Instant before = Instant.now().minusSeconds(1);
    TokenResponse token = oauth.jwtBearer(app.username(), app.keys().getPrivate());

    assertThat(token.instanceUrl()).isEqualTo(URI.create(emulator.baseUrl()));
    assertThat(token.identity().orgId()).isEqualTo(SalesforceId.of(org.id()));
    assertThat(token.identity().userId()).isEqualTo(SalesforceId.of(org.adminUserId()));
    assertThat(token.identity().url().getHost()).isEqualTo("login.salesforce.com");
    assertThat(token.issuedAt()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(token.signatureMatches(app.clientSecret())).isTrue();
    assertThat(token.signatureMatches("another secret")).isFalse();
    assertThat(token.newRefreshToken()).isEmpty();

    UserInfo me = oauth.userInfo(token.accessToken());
    assertThat(me.organizationId()).isEqualTo(token.identity().orgId());
    assertThat(me.preferredUsername()).isEqualTo(app.username());

    Introspection introspection = oauth.introspect(token.accessToken());
    assertThat(introspection.active()).isTrue();
    assertThat(introspection.expiresAt()).isAfter(Instant.now());
    assertThat(oauth.introspect("not-a-token").active()).isFalse();
  }

  @Test
  void webServerFlowWithPkceGivesARefreshToken() throws Exception {
    TokenResponse token = webServerFlow(Set.of("api", "refresh_token", "id"));

    assertThat(token.newRefreshToken()).isPresent();
    assertThat(token.scopes()).contains("api", "refresh_token");
    assertThat(token.identity().userId()).isEqualTo(SalesforceId.of(org.adminUserId()));

    TokenResponse refreshed = oauth.refresh(token.newRefreshToken().orElseThrow());
    assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
    assertThat(refreshed.newRefreshToken()).as("no rotation: no new refresh token").isEmpty();
  }

  @Test
  void aCodeExchangedWithAnotherRequestsVerifierIsRefused() throws Exception {
    AuthorizationRequest request = oauth.authorizationRequest(CALLBACK, Set.of("api"));
    URI callback =
        new LoginForms(emulator.baseUrl())
            .authorize(request.url(), app.username(), SalesforceEmulatorFixture.PASSWORD, true);
    AuthorizationRequest other = oauth.authorizationRequest(CALLBACK, Set.of("api"));

    assertThatThrownBy(() -> oauth.exchangeCode(request.codeFrom(callback), other))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class,
            e -> assertThat(e.error()).isIn("invalid_request", "invalid_grant"));
  }

  @Test
  void deniedConsentSurfacesAccessDenied() throws Exception {
    AuthorizationRequest request = oauth.authorizationRequest(CALLBACK, Set.of("api"));
    URI callback =
        new LoginForms(emulator.baseUrl())
            .authorize(request.url(), app.username(), SalesforceEmulatorFixture.PASSWORD, false);

    assertThatThrownBy(() -> request.codeFrom(callback))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
  }

  @Test
  void rotatedRefreshTokenIsSavedBeforeUseAndTheOldOneDies() throws Exception {
    emulator.save(app.app().withRefreshTokenRotation(true));
    TokenResponse first = webServerFlow(Set.of("api", "refresh_token"));
    String original = first.newRefreshToken().orElseThrow();
    List<String> saved = new CopyOnWriteArrayList<>();
    var source = RefreshTokenSource.from(oauth, first, saved::add);

    Session renewed = source.refresh(first.session());

    assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(saved).singleElement().isNotEqualTo(original);
    assertThatThrownBy(() -> oauth.refresh(original))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class, e -> assertThat(e.grantInvalid()).isTrue());
    assertThat(oauth.refresh(saved.getFirst()).newRefreshToken()).isPresent();
  }

  @Test
  void concurrentRejectionsShareOneRotatedRefresh() throws Exception {
    emulator.save(app.app().withRefreshTokenRotation(true));
    TokenResponse first = webServerFlow(Set.of("api", "refresh_token"));
    List<String> saved = new CopyOnWriteArrayList<>();
    var source = RefreshTokenSource.from(oauth, first, saved::add);
    var rest = new SalesforceRestClient(SalesforceConnection.create(HTTP, source));
    oauth.revoke(first.accessToken());

    int threads = 8;
    var start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      var results = new ArrayList<Future<Long>>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return rest.query("SELECT Id FROM User").count();
                }));
      }
      start.countDown();
      for (Future<Long> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(1);
      }
    }
    assertThat(saved).as("one refresh, so one rotated token").hasSize(1);
  }

  @Test
  void aRevokedAccessTokenIsRefreshedOnceAndTheCallSucceeds() {
    var source = new JwtBearerTokenSource(oauth, app.username(), app.keys().getPrivate());
    var rest = new SalesforceRestClient(SalesforceConnection.create(HTTP, source));
    Session first = source.session();
    oauth.revoke(first.accessToken());

    assertThat(rest.query("SELECT Id FROM User").count()).isEqualTo(1);
    assertThat(source.session()).isNotEqualTo(first);
  }

  @Test
  void aRevokedGrantEndsInSessionExpiredAfterOneFailedRefresh() throws Exception {
    TokenResponse first = webServerFlow(Set.of("api", "refresh_token"));
    var source = RefreshTokenSource.from(oauth, first, token -> {});
    var rest = new SalesforceRestClient(SalesforceConnection.create(HTTP, source));
    assertThat(rest.query("SELECT Id FROM User").count()).isEqualTo(1);

    oauth.revoke(first.newRefreshToken().orElseThrow());

    assertThatThrownBy(() -> rest.query("SELECT Id FROM User").count())
        .isInstanceOfSatisfying(
            SessionExpired.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.errorCode()).isEqualTo("INVALID_SESSION_ID");
              assertThat(e.getSuppressed())
                  .singleElement()
                  .isInstanceOfSatisfying(
                      TokenRequestFailed.class, f -> assertThat(f.grantInvalid()).isTrue());
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void refreshesOnlyOnceThenFailsTyped() {
    String dead = oauth.jwtBearer(app.username(), app.keys().getPrivate()).accessToken();
    oauth.revoke(dead);
    var refreshes = new AtomicInteger();
    var stale = new Session(dead, URI.create(emulator.baseUrl()));
    TokenSource alwaysDead =
        new TokenSource() {
          @Override
          public Session session() {
            return stale;
          }

          @Override
          public Session refresh(Session rejected) {
            refreshes.incrementAndGet();
            return stale;
          }
        };
    var rest = new SalesforceRestClient(SalesforceConnection.create(HTTP, alwaysDead));

    assertThatThrownBy(() -> rest.limits()).isInstanceOf(SessionExpired.class);
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void tokenEndpointErrorsAreTyped() {
    var stranger =
        new OAuthClient(
            HTTP,
            LoginHost.of(emulator.baseUrl(), LoginHost.PRODUCTION_AUDIENCE),
            new ClientCredentials("3MVG9unknown", "secret"));
    assertThatThrownBy(() -> stranger.refresh("whatever"))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("invalid_client_id");
            });
    assertThatThrownBy(() -> oauth.jwtBearer("nobody@example.com", app.keys().getPrivate()))
        .isInstanceOfSatisfying(
            TokenRequestFailed.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
    assertThatThrownBy(() -> oauth.revoke("not-a-token")).isInstanceOf(TokenRequestFailed.class);
  }

  @Test
  void sandboxOrgsLogInAtTheSandboxHostWithTheSandboxAudience() {
    Org sandbox = emulator.newSandboxOrg("OAuth sandbox test");
    JwtApp sandboxApp = emulator.jwtApp(sandbox, CALLBACK);

    TokenResponse token =
        client(sandboxApp, LoginHost.of(emulator.sandboxLoginUrl(), LoginHost.SANDBOX_AUDIENCE))
            .jwtBearer(sandboxApp.username(), sandboxApp.keys().getPrivate());
    assertThat(token.identity().url().getHost()).isEqualTo("test.salesforce.com");

    assertThatThrownBy(
            () ->
                client(sandboxApp, LoginHost.of(emulator.baseUrl(), LoginHost.PRODUCTION_AUDIENCE))
                    .jwtBearer(sandboxApp.username(), sandboxApp.keys().getPrivate()))
        .isInstanceOf(TokenRequestFailed.class);
  }

  @Test
  void assertionsExpireWithinThreeMinutes() {
    assertThat(OAuthClient.ASSERTION_LIFETIME).isLessThanOrEqualTo(Duration.ofMinutes(3));
  }
}
