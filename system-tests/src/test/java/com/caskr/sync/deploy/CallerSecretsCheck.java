package com.caskr.sync.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service's token API callers in docker-compose.yml (ADR 0010): every secret auth-service
 * holds ({@code auth.internal.callers.<service>} in its {@code SPRING_APPLICATION_JSON}) is the one
 * that service presents, and every caller points at auth-service. A mismatch starts fine and fails
 * only at the first token request, with a 401.
 */
final class CallerSecretsCheck {

  static final String AUTH_SERVICE = "auth-service";
  static final String APPLICATION_JSON = "SPRING_APPLICATION_JSON";

  /** Each caller's own settings: its secret and auth-service's URL, as environment variables. */
  static final Map<String, List<String>> CALLER_VARIABLES =
      Map.of(
          "ingest-service",
          List.of("INGEST_AUTH_SERVICE_SECRET", "INGEST_AUTH_SERVICE_URL"),
          "writeback-service",
          List.of("WRITEBACK_AUTH_SECRET", "WRITEBACK_AUTH_URL"));

  /** auth-service's minimum secret length (auth-client's ServiceCredentials). */
  static final int MINIMUM_SECRET_BYTES = 32;

  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CallerSecretsCheck() {}

  static List<String> findings(ComposeFile compose) {
    List<String> findings = new ArrayList<>();
    Optional<ComposeService> auth = compose.service(AUTH_SERVICE);
    if (auth.isEmpty()) {
      return List.of("no service '" + AUTH_SERVICE + "' holds the token API's caller secrets");
    }
    Map<String, String> callers = new LinkedHashMap<>();
    String json = auth.get().environment().getOrDefault(APPLICATION_JSON, "");
    if (json.isEmpty()) {
      findings.add(
          "service '%s' sets no %s with auth.internal.callers"
              .formatted(AUTH_SERVICE, APPLICATION_JSON));
    } else {
      try {
        JSON.readTree(withDefaults(json))
            .path("auth")
            .path("internal")
            .path("callers")
            .properties()
            .forEach(entry -> callers.put(entry.getKey(), textOf(entry.getValue())));
      } catch (JacksonException e) {
        findings.add(
            "service '%s': %s is not JSON once its defaults are filled in: %s"
                .formatted(AUTH_SERVICE, APPLICATION_JSON, e.getOriginalMessage()));
        return findings;
      }
    }
    for (Map.Entry<String, List<String>> caller : CALLER_VARIABLES.entrySet()) {
      String name = caller.getKey();
      Optional<ComposeService> service = compose.service(name);
      if (service.isEmpty()) {
        continue;
      }
      String secretVariable = caller.getValue().get(0);
      String urlVariable = caller.getValue().get(1);
      String own = service.get().environment().get(secretVariable);
      String held = callers.get(name);
      if (own == null) {
        findings.add("service '%s' does not set %s".formatted(name, secretVariable));
      } else if (held == null) {
        findings.add(
            "service '%s' sets %s, but auth-service holds no auth.internal.callers.%s"
                .formatted(name, secretVariable, name));
      } else if (!withDefaults(own).equals(held)) {
        findings.add(
            "service '%s': %s differs from auth-service's auth.internal.callers.%s (by default)"
                .formatted(name, secretVariable, name));
      } else if (!variablesOf(own).equals(variablesOf(json, name))) {
        findings.add(
            "service '%s': %s and auth-service's auth.internal.callers.%s read other variables"
                .formatted(name, secretVariable, name));
      } else if (held.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
        findings.add(
            "service '%s': its default secret is shorter than %d bytes"
                .formatted(name, MINIMUM_SECRET_BYTES));
      }
      String url = service.get().environment().get(urlVariable);
      String expected = "http://" + AUTH_SERVICE + ":";
      if (url == null || !url.startsWith(expected)) {
        findings.add(
            "service '%s': %s=%s does not point at %s…"
                .formatted(name, urlVariable, url, expected));
      }
    }
    return findings;
  }

  /** {@code ${VAR:-default}} → default, as compose does when VAR is unset. */
  static String withDefaults(String value) {
    Matcher matcher = INTERPOLATION.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String fallback = matcher.group(2) == null ? "" : matcher.group(2);
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(fallback));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  /** The variables a value reads; for auth-service's JSON, those in the caller's entry. */
  private static List<String> variablesOf(String value) {
    List<String> variables = new ArrayList<>();
    Matcher matcher = INTERPOLATION.matcher(value);
    while (matcher.find()) {
      variables.add(matcher.group(1));
    }
    return variables;
  }

  private static List<String> variablesOf(String rawJson, String caller) {
    Matcher entry =
        Pattern.compile("\"" + Pattern.quote(caller) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(rawJson);
    return entry.find() ? variablesOf(entry.group(1)) : List.of();
  }

  private static String textOf(JsonNode node) {
    return node.isString() ? node.asString() : node.toString();
  }
}
