package com.caskr.sync.schema.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies free-form JSON values (Salesforce field values, Caskr column values) into immutable,
 * canonical Java values: {@code null}, {@link String}, {@link Boolean}, {@link Long} or {@link
 * BigInteger} for integers, {@link BigDecimal} for other numbers, unmodifiable {@link List} and
 * {@link Map} (insertion-ordered, null values kept).
 *
 * <p>Canonical numbers make events equal after a JSON round trip whichever way they were built
 * ({@code 5} vs {@code 5L}); {@code BigDecimal} keeps currency amounts exact. Null map values are
 * kept because "the field is now empty" is information.
 */
final class JsonValues {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonValues() {}

  static Map<String, Object> object(String type, String field, Map<String, ?> map) {
    Checks.required(type, field, map);
    return copyObject(type, field, map);
  }

  static Map<String, Object> optionalObject(String type, String field, Map<String, ?> map) {
    return map == null ? null : copyObject(type, field, map);
  }

  static List<Map<String, Object>> objects(
      String type, String field, List<? extends Map<String, ?>> maps) {
    Checks.required(type, field, maps);
    var copy = new ArrayList<Map<String, Object>>(maps.size());
    for (int i = 0; i < maps.size(); i++) {
      copy.add(object(type, field + "[" + i + "]", maps.get(i)));
    }
    return Collections.unmodifiableList(copy);
  }

  static Object value(String type, String field, Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i.longValue();
      case Long l -> l;
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case BigInteger big ->
          big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? big.longValue() : big;
      case BigDecimal decimal -> decimal;
      case Double d -> finite(type, field, d);
      case Float f -> finite(type, field, f.doubleValue());
      case Map<?, ?> map -> copyObject(type, field, map);
      case List<?> list -> copyArray(type, field, list);
      default ->
          throw Checks.invalid(
              type, field, "is not a JSON value: " + value.getClass().getSimpleName());
    };
  }

  private static Map<String, Object> copyObject(String type, String field, Map<?, ?> map) {
    var copy = new LinkedHashMap<String, Object>();
    for (var entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
        throw Checks.invalid(type, field, "has a key that is not a non-empty string");
      }
      Object value = entry.getValue();
      copy.put(key, canonicalScalar(value) ? value : value(type, field + "." + key, value));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static List<Object> copyArray(String type, String field, List<?> list) {
    var copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      copy.add(canonicalScalar(element) ? element : value(type, field + "[" + i + "]", element));
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * Values {@link #value} returns as they are: they need no conversion, and no path for an error
   * message (building it for every member of every event was measurable).
   */
  private static boolean canonicalScalar(Object value) {
    return value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof BigDecimal;
  }

  private static BigDecimal finite(String type, String field, double value) {
    if (!Double.isFinite(value)) {
      throw Checks.invalid(type, field, "is not a finite number: " + value);
    }
    return BigDecimal.valueOf(value);
  }
}
