package com.caskr.sync.auth.tokenapi;

import com.caskr.sync.auth.connections.AccessGrant;
import com.caskr.sync.auth.connections.ConnectionTokens;
import com.caskr.sync.auth.connections.TokenUnavailable;
import com.caskr.sync.authclient.ServiceCredentialVerifier;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal token API ingest-service and writeback-service call (ADR 0010): a company's current
 * Salesforce access token, and a replacement after Salesforce rejected one. Each request carries a
 * fresh service credential for exactly that company; nothing else authenticates here.
 */
@RestController
class TokenController {

  private static final Logger log = LoggerFactory.getLogger(TokenController.class);
  private static final String BEARER = "Bearer ";

  private final ConnectionTokens tokens;
  private final ServiceCredentialVerifier verifier;

  TokenController(ConnectionTokens tokens, ServiceCredentialVerifier verifier) {
    this.tokens = tokens;
    this.verifier = verifier;
  }

  /** The token as the caller receives it. */
  record TokenBody(String accessToken, String instanceUrl, String orgId, Instant issuedAt) {

    static TokenBody of(AccessGrant grant) {
      return new TokenBody(
          grant.accessToken().reveal(),
          grant.instanceUrl().toString(),
          grant.orgId().value(),
          grant.issuedAt());
    }

    @Override
    public String toString() {
      return "TokenBody[instanceUrl=" + instanceUrl + ", orgId=" + orgId + ", token=[redacted]]";
    }
  }

  /** {@code issuedAt} of the token Salesforce answered 401 to. */
  record RefreshRequest(Instant rejectedIssuedAt) {}

  /** A caller the verifier refused. */
  static final class Refused extends RuntimeException {
    final boolean forbidden;

    Refused(boolean forbidden) {
      super(forbidden ? "forbidden" : "unauthorized", null, false, false);
      this.forbidden = forbidden;
    }
  }

  @GetMapping("/internal/connections/{companyId}/token")
  ResponseEntity<TokenBody> token(
      @PathVariable long companyId,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    authorise(authorization, companyId, "token");
    return noStore(HttpStatus.OK).body(TokenBody.of(tokens.current(companyId)));
  }

  @PostMapping("/internal/connections/{companyId}/token/refresh")
  ResponseEntity<TokenBody> refresh(
      @PathVariable long companyId,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody RefreshRequest request) {
    authorise(authorization, companyId, "refresh");
    if (request.rejectedIssuedAt() == null) {
      throw new IllegalArgumentException("rejectedIssuedAt is required");
    }
    return noStore(HttpStatus.OK)
        .body(TokenBody.of(tokens.afterRejection(companyId, request.rejectedIssuedAt())));
  }

  private void authorise(String authorization, long companyId, String operation) {
    if (companyId <= 0) {
      throw new IllegalArgumentException("company id must be positive");
    }
    if (authorization == null || !authorization.startsWith(BEARER)) {
      log.warn("refused {} request for company {}: no bearer credential", operation, companyId);
      throw new Refused(false);
    }
    try {
      ServiceCredentialVerifier.Caller caller =
          verifier.verify(authorization.substring(BEARER.length()).strip(), companyId);
      log.debug("{} asked for company {}'s {}", caller.service(), companyId, operation);
    } catch (ServiceCredentialVerifier.Refused refused) {
      // The reason may quote an unverified claim: control characters stay out of the log.
      log.warn(
          "refused {} request for company {}: {}",
          operation,
          companyId,
          refused.getMessage().replaceAll("\\p{Cntrl}", "?"));
      throw new Refused(refused.forbidden());
    }
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> refused(Refused refused) {
    if (refused.forbidden) {
      return noStore(HttpStatus.FORBIDDEN)
          .body(Map.of("error", "this credential is not for this company"));
    }
    return noStore(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(Map.of("error", "a valid service credential is required"));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, String>> unavailable(TokenUnavailable unavailable) {
    HttpStatus status =
        switch (unavailable) {
          case TokenUnavailable.NotConnected notConnected -> HttpStatus.NOT_FOUND;
          case TokenUnavailable.NeedsReconnect needsReconnect -> HttpStatus.CONFLICT;
          case TokenUnavailable.RefreshFailed refreshFailed -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    return noStore(status).body(Map.of("error", unavailable.getMessage()));
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> badRequest(Exception e) {
    String message =
        e instanceof IllegalArgumentException ? e.getMessage() : "the body is not valid JSON";
    return noStore(HttpStatus.BAD_REQUEST).body(Map.of("error", message));
  }

  private static ResponseEntity.BodyBuilder noStore(HttpStatus status) {
    return ResponseEntity.status(status)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.PRAGMA, "no-cache");
  }
}
