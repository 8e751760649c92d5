package com.caskr.sync.salesforce.rest;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One subrequest of a {@code /composite} call. Later subrequests may use {@code @{referenceId.id}}
 * (or any field path of an earlier result) in their URL and body.
 *
 * @param url a path under {@code /services/data/vXX.X/}
 * @param body the JSON body as a map, or null
 */
public record Subrequest(String method, String url, String referenceId, Map<String, ?> body) {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  public Subrequest {
    if (method == null || !METHODS.contains(method)) {
      throw new IllegalArgumentException("A subrequest method is one of " + METHODS);
    }
    if (url == null || !url.startsWith("/services/data/v")) {
      throw new IllegalArgumentException("A subrequest URL starts /services/data/vXX.X/: " + url);
    }
    if (referenceId == null || !REFERENCE.matcher(referenceId).matches()) {
      throw new IllegalArgumentException("A referenceId is a letter then letters, digits or _");
    }
  }
}
