package com.caskr.sync.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-run secrets of the services that call auth-service's internal token API ({@code
 * auth.internal.callers.<service>}). The service names hold a dash, which an environment variable
 * cannot express as a map key, so auth-service gets them in {@code SPRING_APPLICATION_JSON}: not on
 * its command line, where every local user could read them.
 */
final class CallerSecrets {

  /** The services that ask auth-service for Salesforce tokens. */
  static final List<Service> CALLERS = List.of(Service.INGEST, Service.WRITEBACK);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> byService;

  private CallerSecrets(Map<String, String> byService) {
    this.byService = Map.copyOf(byService);
  }

  /** 48 random bytes per caller, base64url: 64 characters, over the 32-byte minimum. */
  static CallerSecrets generate() {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (Service caller : CALLERS) {
      byte[] secret = new byte[48];
      RANDOM.nextBytes(secret);
      secrets.put(
          caller.moduleName(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
    return new CallerSecrets(secrets);
  }

  /** auth-service's side: {@code {"auth":{"internal":{"callers":{"ingest-service":"…",…}}}}}. */
  String springApplicationJson() {
    return JSON.writeValueAsString(
        Map.of("auth", Map.of("internal", Map.of("callers", byService))));
  }

  /**
   * A caller's side: its secret and auth-service's URL, as the environment variables its
   * application.yml binds (none for a service that does not call the token API).
   */
  Map<String, String> callerEnvironment(Service caller, String authServiceUrl) {
    return switch (caller) {
      case INGEST ->
          Map.of(
              "INGEST_AUTH_SERVICE_SECRET",
              byService.get(caller.moduleName()),
              "INGEST_AUTH_SERVICE_URL",
              authServiceUrl);
      case WRITEBACK ->
          Map.of(
              "WRITEBACK_AUTH_SECRET",
              byService.get(caller.moduleName()),
              "WRITEBACK_AUTH_URL",
              authServiceUrl);
      default -> Map.of();
    };
  }

  @Override
  public String toString() {
    return "CallerSecrets" + byService.keySet();
  }
}
