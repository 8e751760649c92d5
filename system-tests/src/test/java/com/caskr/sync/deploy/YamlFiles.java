package com.caskr.sync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML the way the deployment files use it: maps of maps, anchors and merge keys allowed. */
final class YamlFiles {

  private YamlFiles() {}

  /** The first document of {@code file} as a map; an empty file is an empty map. */
  static Map<String, Object> read(Path file) {
    List<Map<String, Object>> documents = readAll(file);
    return documents.isEmpty() ? new LinkedHashMap<>() : documents.getFirst();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> readAll(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
      if (document instanceof Map<?, ?> map) {
        documents.add((Map<String, Object>) map);
      } else if (document != null) {
        throw new IllegalArgumentException(file + ": a YAML document is not a map");
      }
    }
    return documents;
  }

  /**
   * Property names as Spring sees them: nested keys joined with dots, list items as {@code [i]}.
   * Later documents override earlier ones, as in one application.yml with several documents.
   */
  static Map<String, Object> flatten(List<Map<String, Object>> documents) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map<String, Object> document : documents) {
      flatten("", document, properties);
    }
    return properties;
  }

  private static void flatten(String prefix, Object value, Map<String, Object> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, child) ->
              flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, into));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), into);
      }
    } else {
      into.put(prefix, value);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
