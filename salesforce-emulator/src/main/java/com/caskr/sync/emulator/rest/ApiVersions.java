package com.caskr.sync.emulator.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The REST API versions the emulator answers, with Salesforce's release labels. */
final class ApiVersions {

  private static final Pattern VERSION = Pattern.compile("v(\\d{2,3})\\.0");
  private static final String[] SEASONS = {"Winter", "Spring", "Summer"};

  private final int oldest;
  private final int newest;

  ApiVersions(int oldest, int newest) {
    if (oldest > newest) {
      throw new IllegalArgumentException("No versions between " + oldest + " and " + newest);
    }
    this.oldest = oldest;
    this.newest = newest;
  }

  /** "62.0" for a supported path segment "v62.0". */
  Optional<String> supported(String segment) {
    var m = VERSION.matcher(segment);
    if (!m.matches()) {
      return Optional.empty();
    }
    int major = Integer.parseInt(m.group(1));
    return major >= oldest && major <= newest ? Optional.of(major + ".0") : Optional.empty();
  }

  /** The body of GET /services/data/: {@code [{"label","url","version"}]}, oldest first. */
  List<Map<String, Object>> listing() {
    var versions = new ArrayList<Map<String, Object>>();
    for (int major = oldest; major <= newest; major++) {
      var v = new LinkedHashMap<String, Object>();
      v.put("label", label(major));
      v.put("url", "/services/data/v" + major + ".0");
      v.put("version", major + ".0");
      versions.add(v);
    }
    return versions;
  }

  /** v50.0 was Winter '21; three releases a year since. */
  static String label(int major) {
    int k = major - 50;
    int season = Math.floorMod(k, 3);
    int year = 21 + Math.floorDiv(k, 3);
    return SEASONS[season] + " '" + String.format("%02d", year);
  }

  static boolean atLeast(String apiVersion, int major) {
    return Double.parseDouble(apiVersion) >= major;
  }
}
