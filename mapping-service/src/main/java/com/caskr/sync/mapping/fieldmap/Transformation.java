package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a Salesforce value becomes a Caskr value (crm_field_mappings.transformation_rule and its
 * transformation_config). {@link #of} checks a stored or submitted rule and refuses anything it
 * does not fully understand, so a bad configuration is found when it is saved, not when an event
 * arrives.
 */
public sealed interface Transformation
    permits Transformation.None,
        Transformation.Trim,
        Transformation.Uppercase,
        Transformation.Lowercase,
        Transformation.DateFormat,
        Transformation.ValueMap,
        Transformation.Lookup {

  /** The stored rule name (NONE, TRIM, ...). */
  String rule();

  /** The stored configuration, as a JSON object. */
  Map<String, Object> config();

  /** The value unchanged. */
  record None() implements Transformation {
    @Override
    public String rule() {
      return "NONE";
    }

    @Override
    public Map<String, Object> config() {
      return Map.of();
    }
  }

  /** Text without leading and trailing white space. */
  record Trim() implements Transformation {
    @Override
    public String rule() {
      return "TRIM";
    }

    @Override
    public Map<String, Object> config() {
      return Map.of();
    }
  }

  /** Text in upper case (root locale). */
  record Uppercase() implements Transformation {
    @Override
    public String rule() {
      return "UPPERCASE";
    }

    @Override
    public Map<String, Object> config() {
      return Map.of();
    }
  }

  /** Text in lower case (root locale). */
  record Lowercase() implements Transformation {
    @Override
    public String rule() {
      return "LOWERCASE";
    }

    @Override
    public Map<String, Object> config() {
      return Map.of();
    }
  }

  /**
   * A Salesforce text in {@code pattern} (java.time syntax) becomes a date, ISO-8601 {@code
   * yyyy-MM-dd} in Caskr's representation.
   */
  record DateFormat(String pattern) implements Transformation {
    public DateFormat {
      if (pattern == null || pattern.isBlank() || pattern.length() > 64) {
        throw new InvalidMappingException(
            "DATE_FORMAT needs \"format\": a java.time pattern of at most 64 characters");
      }
      try {
        DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new InvalidMappingException(
            "DATE_FORMAT \"format\" is not a valid java.time pattern: " + e.getMessage());
      }
      if (!(pattern.contains("d") && pattern.contains("M") && pattern.matches(".*[yu].*"))) {
        throw new InvalidMappingException(
            "DATE_FORMAT \"format\" must contain a year, a month and a day of month");
      }
    }

    DateTimeFormatter formatter() {
      return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }

    @Override
    public String rule() {
      return "DATE_FORMAT";
    }

    @Override
    public Map<String, Object> config() {
      return Map.of("format", pattern);
    }
  }

  /**
   * A Salesforce value (compared as text) becomes the Caskr value it maps to; a value not in the
   * map becomes {@code fallback} when there is one, otherwise a validation error.
   *
   * @param fallback the Caskr value for unlisted Salesforce values; only used when {@code
   *     hasFallback}
   */
  record ValueMap(Map<String, Object> values, boolean hasFallback, Object fallback)
      implements Transformation {
    public ValueMap {
      if (values == null || values.isEmpty()) {
        throw new InvalidMappingException("VALUE_MAP needs \"values\": a non-empty JSON object");
      }
      if (values.size() > 500) {
        throw new InvalidMappingException("VALUE_MAP \"values\" may hold at most 500 entries");
      }
      var copy = new LinkedHashMap<String, Object>();
      values.forEach(
          (key, value) -> {
            if (key == null || key.isEmpty()) {
              throw new InvalidMappingException("VALUE_MAP keys must be non-empty text");
            }
            copy.put(key, scalar("VALUE_MAP value of \"" + key + "\"", value));
          });
      values = Collections.unmodifiableMap(copy);
      fallback = hasFallback ? scalar("VALUE_MAP \"fallback\"", fallback) : null;
    }

    @Override
    public String rule() {
      return "VALUE_MAP";
    }

    @Override
    public Map<String, Object> config() {
      var config = new LinkedHashMap<String, Object>();
      config.put("values", values);
      if (hasFallback) {
        config.put("fallback", fallback);
      }
      return Collections.unmodifiableMap(config);
    }
  }

  /**
   * The value is resolved through a table (see {@link LookupKind}) rather than transformed.
   *
   * @param fallback the Caskr value when the table has no match; only used when {@code hasFallback}
   * @param salesforceObject ENTITY_MAPPING only: the object whose mapping is looked up
   */
  record Lookup(LookupKind kind, boolean hasFallback, Object fallback, String salesforceObject)
      implements Transformation {
    public Lookup {
      if (kind == null) {
        throw new InvalidMappingException("LOOKUP needs \"lookup\"");
      }
      fallback = hasFallback ? scalar("LOOKUP \"fallback\"", fallback) : null;
      if (kind == LookupKind.ENTITY_MAPPING) {
        if (Arrays.stream(SalesforceEntity.values())
            .noneMatch(entity -> entity.apiName().equals(salesforceObject))) {
          throw new InvalidMappingException(
              "LOOKUP entity_mapping needs \"salesforce_object\": Account, Contact or"
                  + " Opportunity");
        }
      } else if (salesforceObject != null) {
        throw new InvalidMappingException(
            "LOOKUP \"salesforce_object\" only applies to entity_mapping");
      }
    }

    @Override
    public String rule() {
      return "LOOKUP";
    }

    @Override
    public Map<String, Object> config() {
      var config = new LinkedHashMap<String, Object>();
      config.put("lookup", kind.configName());
      if (salesforceObject != null) {
        config.put("salesforce_object", salesforceObject);
      }
      if (hasFallback) {
        config.put("fallback", fallback);
      }
      return Collections.unmodifiableMap(config);
    }
  }

  /**
   * The transformation named {@code rule} with {@code config} (a JSON object, null for none).
   *
   * @throws InvalidMappingException naming what is wrong
   */
  public static Transformation of(String rule, Map<String, Object> config) {
    Map<String, Object> settings = config == null ? Map.of() : config;
    if (rule == null) {
      throw new InvalidMappingException("transformation rule is required");
    }
    return switch (rule) {
      case "NONE" -> noSettings(new None(), settings);
      case "TRIM" -> noSettings(new Trim(), settings);
      case "UPPERCASE" -> noSettings(new Uppercase(), settings);
      case "LOWERCASE" -> noSettings(new Lowercase(), settings);
      case "DATE_FORMAT" -> {
        onlyKeys(rule, settings, Set.of("format"));
        if (!(settings.get("format") instanceof String format)) {
          throw new InvalidMappingException("DATE_FORMAT needs \"format\" as text");
        }
        yield new DateFormat(format);
      }
      case "VALUE_MAP" -> {
        onlyKeys(rule, settings, Set.of("values", "fallback"));
        if (!(settings.get("values") instanceof Map<?, ?> values)) {
          throw new InvalidMappingException("VALUE_MAP needs \"values\": a JSON object");
        }
        var typed = new LinkedHashMap<String, Object>();
        values.forEach((key, value) -> typed.put(String.valueOf(key), value));
        yield new ValueMap(typed, settings.containsKey("fallback"), settings.get("fallback"));
      }
      case "LOOKUP" -> {
        onlyKeys(rule, settings, Set.of("lookup", "fallback", "salesforce_object"));
        Object object = settings.get("salesforce_object");
        if (object != null && !(object instanceof String)) {
          throw new InvalidMappingException("LOOKUP \"salesforce_object\" must be text");
        }
        yield new Lookup(
            LookupKind.of(settings.get("lookup")),
            settings.containsKey("fallback"),
            settings.get("fallback"),
            (String) object);
      }
      default ->
          throw new InvalidMappingException(
              "unknown transformation rule \""
                  + rule
                  + "\"; use one of "
                  + String.join(", ", rules()));
    };
  }

  /** The rule names {@link #of} accepts. */
  static List<String> rules() {
    return List.of("NONE", "TRIM", "UPPERCASE", "LOWERCASE", "DATE_FORMAT", "VALUE_MAP", "LOOKUP");
  }

  private static Transformation noSettings(Transformation transformation, Map<String, ?> config) {
    if (!config.isEmpty()) {
      throw new InvalidMappingException(transformation.rule() + " takes no configuration");
    }
    return transformation;
  }

  private static void onlyKeys(String rule, Map<String, ?> config, Set<String> allowed) {
    for (String key : config.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidMappingException(
            rule + " does not understand \"" + key + "\"; it takes " + String.join(", ", allowed));
      }
    }
  }

  private static Object scalar(String what, Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Number n -> n;
      default ->
          throw new InvalidMappingException(what + " must be text, a number, true/false or null");
    };
  }
}
