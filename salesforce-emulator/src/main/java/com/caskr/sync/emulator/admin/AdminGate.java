package com.caskr.sync.emulator.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the emulator's own admin and fault API, everything under {@code /emulator/}: a request
 * needs {@code Authorization: Bearer <emulator.admin.token>} (else 401 with a JSON error). A blank
 * token turns the admin API off: every such path is a 404, as if it did not exist.
 */
public final class AdminGate extends OncePerRequestFilter {

  /** The path prefix of every admin endpoint. */
  public static final String PREFIX = "/emulator/";

  private final byte[] expectedDigest;

  public AdminGate(String token) {
    this.expectedDigest = token == null || token.isBlank() ? null : digest(token.trim());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.startsWith(PREFIX) && !path.equals("/emulator");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (expectedDigest == null) {
      refuse(response, 404, "not_found", "The admin API is disabled (emulator.admin.token)");
      return;
    }
    String given = bearer(request.getHeader("Authorization"));
    // Comparing digests keeps the time independent of where, and whether, the tokens differ.
    if (given == null || !MessageDigest.isEqual(digest(given), expectedDigest)) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"emulator-admin\"");
      refuse(response, 401, "unauthorized", "Send Authorization: Bearer <emulator.admin.token>");
      return;
    }
    chain.doFilter(request, response);
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String trimmed = header.trim();
    return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : null;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void refuse(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    String body = "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
