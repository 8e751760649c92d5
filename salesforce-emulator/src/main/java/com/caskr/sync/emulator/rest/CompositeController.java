package com.caskr.sync.emulator.rest;

import com.caskr.sync.emulator.org.Org;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * POST /composite: up to 25 subrequests (sObject rows, upsert, query, collections) run in order
 * through the same controllers as direct calls, with {@code @{referenceId.path}} references to
 * earlier results. allOrNone runs them in one org transaction: on the first failure everything
 * rolls back, the failing subrequest reports its error and every other one 400 PROCESSING_HALTED.
 * collateSubrequests is accepted; subrequests always run in order, which collation may also do.
 * Subrequests cost no API calls of their own.
 */
@RestController
class CompositeController {

  static final int MAX_SUBREQUESTS = 25;
  static final int MAX_QUERIES_AND_COLLECTIONS = 5;

  private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern REFERENCE =
      Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+])+)}");
  private static final Pattern PATH_STEP = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)]");
  private static final Pattern SUBREQUEST_URL =
      Pattern.compile(
          "/services/data/(v[0-9.]+)/(sobjects/.+|query/?|queryAll/?|query/.+|composite/sobjects.*)");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
  private static final Set<String> HIDDEN_HEADERS =
      Set.of("content-type", "content-length", "sforce-limit-info", "vary");
  private static final String ROLLED_BACK =
      "The transaction was rolled back since another operation in the same transaction failed.";

  private record Sub(
      String method,
      String url,
      String referenceId,
      Object body,
      Map<String, String> httpHeaders) {}

  private record Result(int status, Map<String, String> headers, Object body) {
    boolean failed() {
      return status >= 400;
    }
  }

  private final ObjectProvider<DispatcherServlet> dispatcher;
  private final ApiVersions versions;

  CompositeController(ObjectProvider<DispatcherServlet> dispatcher, ApiVersions versions) {
    this.dispatcher = dispatcher;
    this.versions = versions;
  }

  @PostMapping({"/services/data/{version}/composite", "/services/data/{version}/composite/"})
  ResponseEntity<String> composite(
      @RequestAttribute(ApiCall.ATTRIBUTE) ApiCall call,
      HttpServletRequest http,
      HttpServletResponse httpResponse,
      @RequestBody(required = false) String body) {
    Map<String, Object> request = Json.parseObject(body);
    List<Sub> subs = subrequests(request);
    boolean allOrNone = flag(request.get("allOrNone"));
    var results = new LinkedHashMap<String, Result>();
    if (allOrNone) {
      Org org = call.org();
      org.transaction(
          call.caller(),
          tx -> {
            for (Sub sub : subs) {
              Result result = run(call, http, httpResponse, sub, results);
              results.put(sub.referenceId(), result);
              if (result.failed()) {
                tx.rollBack();
                break;
              }
            }
            return null;
          });
    } else {
      for (Sub sub : subs) {
        results.put(sub.referenceId(), run(call, http, httpResponse, sub, results));
      }
    }
    String failed =
        allOrNone
            ? results.entrySet().stream()
                .filter(e -> e.getValue().failed())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null)
            : null;
    var responses = new ArrayList<Map<String, Object>>();
    for (Sub sub : subs) {
      Result result = results.get(sub.referenceId());
      if (failed != null && !failed.equals(sub.referenceId())) {
        result = halted(ROLLED_BACK);
      }
      var response = new LinkedHashMap<String, Object>();
      response.put("body", result.body());
      response.put("httpHeaders", result.headers());
      response.put("httpStatusCode", result.status());
      response.put("referenceId", sub.referenceId());
      responses.add(response);
    }
    return Replies.json(200, Map.of("compositeResponse", responses));
  }

  private Result run(
      ApiCall call,
      HttpServletRequest http,
      HttpServletResponse httpResponse,
      Sub sub,
      Map<String, Result> earlier) {
    String url;
    Object body;
    try {
      url = resolve(sub.url(), earlier);
      body = sub.body() == null ? null : resolveTree(sub.body(), earlier);
    } catch (UnresolvedReference e) {
      return halted(
          "Invalid reference specified. No value for "
              + e.getMessage()
              + " found. Provided referenceId ids: "
              + String.join(", ", earlier.keySet()));
    }
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Matcher matcher = SUBREQUEST_URL.matcher(path);
    Optional<String> version =
        matcher.matches() ? versions.supported(matcher.group(1)) : Optional.empty();
    if (version.isEmpty()) {
      return error(404, "NOT_FOUND", RestFailure.NOT_FOUND_MESSAGE);
    }
    var subCall = new ApiCall(call.org(), call.session(), version.get(), call.client());
    var subRequest =
        new Subrequest.Request(
            http,
            sub.method(),
            path,
            q < 0 ? null : url.substring(q + 1),
            body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8),
            sub.httpHeaders(),
            Map.of(ApiCall.ATTRIBUTE, subCall));
    var subResponse = new Subrequest.Response(httpResponse);
    try {
      dispatcher.getObject().service(subRequest, subResponse);
    } catch (ServletException | IOException e) {
      return error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e.getMessage());
    }
    var headers = new LinkedHashMap<String, String>();
    subResponse
        .headerMap()
        .forEach(
            (name, values) -> {
              if (!HIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                headers.put(name, values.getFirst());
              }
            });
    byte[] bytes = subResponse.body();
    Object parsed =
        bytes.length == 0 ? null : Json.parse(new String(bytes, StandardCharsets.UTF_8));
    if (subResponse.getStatus() == 201
        && parsed instanceof Map<?, ?> saved
        && saved.get("id") instanceof String id
        && path.contains("/sobjects/")) {
      String type = path.substring(path.indexOf("/sobjects/") + 10).split("/")[0];
      headers.put("Location", subCall.recordUrl(type, id));
    }
    return new Result(subResponse.getStatus(), headers, parsed);
  }

  private static Result halted(String message) {
    return error(400, "PROCESSING_HALTED", message);
  }

  private static Result error(int status, String code, String message) {
    var error = new LinkedHashMap<String, Object>();
    error.put("errorCode", code);
    error.put("message", message);
    return new Result(status, Map.of(), List.of(error));
  }

  // ---- references ----

  private static String resolve(String text, Map<String, Result> earlier) {
    Matcher m = REFERENCE.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf(value(m.group(1), m.group(2), earlier))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object resolveTree(Object node, Map<String, Result> earlier) {
    return switch (node) {
      case String s -> {
        Matcher whole = REFERENCE.matcher(s);
        yield whole.matches()
            ? value(whole.group(1), whole.group(2), earlier)
            : resolve(s, earlier);
      }
      case Map<?, ?> map -> {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), resolveTree(v, earlier)));
        yield copy;
      }
      case List<?> list -> {
        var copy = new ArrayList<Object>();
        list.forEach(v -> copy.add(resolveTree(v, earlier)));
        yield copy;
      }
      case null, default -> node;
    };
  }

  private static Object value(String referenceId, String path, Map<String, Result> earlier) {
    Result result = earlier.get(referenceId);
    if (result == null || result.failed()) {
      throw new UnresolvedReference(referenceId + path);
    }
    Object current = result.body();
    Matcher step = PATH_STEP.matcher(path);
    while (step.find()) {
      if (step.group(1) != null && current instanceof Map<?, ?> map) {
        current = map.get(step.group(1));
      } else if (step.group(2) != null
          && current instanceof List<?> list
          && Integer.parseInt(step.group(2)) < list.size()) {
        current = list.get(Integer.parseInt(step.group(2)));
      } else {
        current = null;
      }
      if (current == null) {
        throw new UnresolvedReference(referenceId + path);
      }
    }
    if (current instanceof Map<?, ?> || current instanceof List<?>) {
      throw new UnresolvedReference(referenceId + path);
    }
    return current;
  }

  private static final class UnresolvedReference extends RuntimeException {
    UnresolvedReference(String reference) {
      super(reference, null, false, false);
    }
  }

  // ---- the request ----

  @SuppressWarnings("unchecked")
  private static List<Sub> subrequests(Map<String, Object> request) {
    if (!(request.get("compositeRequest") instanceof List<?> list) || list.isEmpty()) {
      throw RestFailure.badRequest("JSON_PARSER_ERROR", "compositeRequest is required");
    }
    if (list.size() > MAX_SUBREQUESTS) {
      // Guess: the limit is documented, the refusal's code is not.
      throw RestFailure.badRequest(
          "INVALID_INPUT", "A composite request can have at most 25 subrequests: " + list.size());
    }
    var subs = new ArrayList<Sub>();
    var ids = new HashSet<String>();
    int heavy = 0;
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> raw)) {
        throw RestFailure.badRequest("JSON_PARSER_ERROR", "Each subrequest must be an object");
      }
      var map = (Map<String, Object>) raw;
      String method = text(map, "method").toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        throw RestFailure.badRequest("INVALID_INPUT", "Unsupported method: " + method);
      }
      String url = text(map, "url");
      if (!url.startsWith("/services/data/")) {
        throw RestFailure.badRequest(
            "INVALID_INPUT", "The url of a subrequest must start with /services/data/: " + url);
      }
      if (url.contains("/query") || url.contains("/composite/sobjects")) {
        heavy++;
      }
      String referenceId = text(map, "referenceId");
      if (!REFERENCE_ID.matcher(referenceId).matches()) {
        throw RestFailure.badRequest(
            "INVALID_INPUT",
            "referenceId must contain only letters, numbers and underscores: " + referenceId);
      }
      if (!ids.add(referenceId)) {
        throw RestFailure.badRequest("INVALID_INPUT", "Duplicate referenceId: " + referenceId);
      }
      Object body = map.get("body");
      if (body != null && !(body instanceof Map<?, ?>) && !(body instanceof List<?>)) {
        throw RestFailure.badRequest("JSON_PARSER_ERROR", "body must be a JSON object or array");
      }
      var headers = new LinkedHashMap<String, String>();
      if (map.get("httpHeaders") instanceof Map<?, ?> given) {
        given.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
      } else if (map.get("httpHeaders") != null) {
        throw RestFailure.badRequest("JSON_PARSER_ERROR", "httpHeaders must be an object");
      }
      subs.add(new Sub(method, url, referenceId, body, headers));
    }
    if (heavy > MAX_QUERIES_AND_COLLECTIONS) {
      // Guess: as above.
      throw RestFailure.badRequest(
          "INVALID_INPUT",
          "A composite request can have at most 5 query and sObject Collections subrequests");
    }
    return subs;
  }

  private static String text(Map<String, Object> map, String key) {
    if (map.get(key) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw RestFailure.badRequest("JSON_PARSER_ERROR", "Each subrequest needs " + key);
  }

  private static boolean flag(Object value) {
    return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
  }
}
