package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.oauth.Sessions.Session;
import com.caskr.sync.emulator.org.Faults;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every /services/data/vXX.X/… call passes before a controller sees it, in Salesforce's order:
 * the bearer token (401 INVALID_SESSION_ID), the api scope, the org's daily allocation (403
 * REQUEST_LIMIT_EXCEEDED, not counted), then the version (404 NOT_FOUND). Injected faults of the
 * org come first: 503 (not counted) and added latency. From the allocation on, every response
 * carries {@code Sforce-Limit-Info}; a 401 cannot, as the org is unknown.
 */
final class ApiGate extends OncePerRequestFilter {

  static final String LIMIT_INFO = "Sforce-Limit-Info";
  static final String PREFIX = "/services/data/";

  private final Sessions sessions;
  private final Orgs orgs;
  private final ApiVersions versions;

  ApiGate(Sessions sessions, Orgs orgs, ApiVersions versions) {
    this.sessions = sessions;
    this.orgs = orgs;
    this.versions = versions;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    // The version list is public and free, as on Salesforce.
    return !path.startsWith(PREFIX) || path.length() == PREFIX.length();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Session> session = sessions.authenticate(bearer(request));
    if (session.isEmpty()) {
      refuse(response, RestFailure.invalidSession("Session expired or invalid"));
      return;
    }
    if (!session.get().mayCallApi()) {
      refuse(
          response,
          RestFailure.invalidSession("This session is not valid for use with the REST API"));
      return;
    }
    Optional<Org> org = orgs.byId(session.get().orgId());
    if (org.isEmpty()) {
      refuse(response, RestFailure.invalidSession("Session expired or invalid"));
      return;
    }
    Faults faults = org.get().faults();
    if (faults.take(Faults.Kind.UNAVAILABLE).isPresent()) {
      // Guess: Salesforce's maintenance 503 has no documented body; this mirrors its error array.
      refuse(
          response,
          RestFailure.of(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, try again"));
      return;
    }
    Optional<Faults.Fault> latency = faults.take(Faults.Kind.LATENCY);
    if (latency.isPresent()) {
      pause(latency.get().latency());
    }
    var usage = org.get().apiUsage();
    boolean counted = usage.tryRecord();
    response.setHeader(LIMIT_INFO, usage.limitInfo());
    if (!counted) {
      refuse(response, RestFailure.requestLimitExceeded());
      return;
    }
    String path = path(request);
    int slash = path.indexOf('/', PREFIX.length());
    String segment = path.substring(PREFIX.length(), slash < 0 ? path.length() : slash);
    Optional<String> version = versions.supported(segment);
    if (version.isEmpty()) {
      refuse(response, RestFailure.notFound());
      return;
    }
    request.setAttribute(
        ApiCall.ATTRIBUTE,
        new ApiCall(
            org.get(),
            session.get(),
            version.get(),
            ApiCall.client(request.getHeader("Sforce-Call-Options"))));
    chain.doFilter(request, response);
  }

  private static void pause(Duration latency) throws IOException {
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while injecting latency", e);
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return "";
    }
    String trimmed = header.trim();
    // Salesforce also takes the SOAP-era "OAuth <token>" form.
    for (String scheme : new String[] {"Bearer ", "OAuth "}) {
      if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return trimmed.substring(scheme.length()).trim();
      }
    }
    return "";
  }

  static void refuse(HttpServletResponse response, RestFailure failure) throws IOException {
    response.setStatus(failure.status());
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(failure.body().getBytes(StandardCharsets.UTF_8));
  }
}
