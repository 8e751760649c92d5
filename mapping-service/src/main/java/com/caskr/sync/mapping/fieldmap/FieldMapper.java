package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.mapping.fieldmap.FieldIssue.Code;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the fields of a Salesforce record into Caskr values by a company's {@link FieldRules}:
 * inbound directions only, transformations, defaults for null or blank values, required flags,
 * lookups, and several sources joined into one field. A value that cannot be mapped becomes a
 * {@link FieldIssue}; nothing here throws for bad data.
 */
public final class FieldMapper {

  /** Joins the texts of several sources of one Caskr field (Opportunity Name + Description). */
  static final String JOINER = "\n";

  private final Lookups lookups;

  public FieldMapper(Lookups lookups) {
    this.lookups = lookups;
  }

  /**
   * A record Caskr does not have yet: an absent required field is an error and absent fields with a
   * default get it.
   */
  public MappedRecord mapNewRecord(FieldRules rules, Map<String, Object> fields) {
    return map(rules, fields, true);
  }

  /**
   * A change to a record Caskr has: only the fields the event carries are mapped (an absent key
   * means "not read", not "empty"); a Caskr field fed by several sources is mapped only when all of
   * them are present.
   */
  public MappedRecord mapChange(FieldRules rules, Map<String, Object> fields) {
    return map(rules, fields, false);
  }

  private MappedRecord map(FieldRules rules, Map<String, Object> fields, boolean newRecord) {
    var values = new LinkedHashMap<String, Object>();
    var issues = new ArrayList<FieldIssue>();
    rules
        .inboundByCaskrField()
        .forEach(
            (caskrField, sources) -> {
              if (sources.size() == 1) {
                single(rules.companyId(), sources.getFirst(), fields, newRecord, values, issues);
              } else {
                joined(rules.companyId(), caskrField, sources, fields, newRecord, values, issues);
              }
            });
    return new MappedRecord(values, issues);
  }

  private void single(
      long companyId,
      FieldRule rule,
      Map<String, Object> fields,
      boolean newRecord,
      Map<String, Object> values,
      List<FieldIssue> issues) {
    if (!fields.containsKey(rule.salesforceField()) && !newRecord) {
      return;
    }
    if (!fields.containsKey(rule.salesforceField())
        && !rule.required()
        && !rule.hasDefault()
        && fallback(rule).isEmpty()) {
      return;
    }
    Object raw = fields.get(rule.salesforceField());
    if (blank(raw)) {
      empty(rule, rule.required(), values, issues);
      return;
    }
    try {
      Object value = transform(companyId, rule, raw, issues);
      if (blank(value)) {
        empty(rule, rule.required(), values, issues);
      } else {
        values.put(rule.caskrField(), value);
      }
    } catch (Unmappable e) {
      issues.add(new FieldIssue(rule.caskrField(), rule.salesforceField(), e.code, e.getMessage()));
    }
  }

  private void joined(
      long companyId,
      String caskrField,
      List<FieldRule> sources,
      Map<String, Object> fields,
      boolean newRecord,
      Map<String, Object> values,
      List<FieldIssue> issues) {
    if (!newRecord
        && !sources.stream().allMatch(rule -> fields.containsKey(rule.salesforceField()))) {
      return;
    }
    var parts = new ArrayList<String>();
    for (FieldRule rule : sources) {
      Object raw = fields.get(rule.salesforceField());
      if (blank(raw)) {
        continue;
      }
      try {
        Object value = transform(companyId, rule, raw, issues);
        if (!blank(value)) {
          parts.add(value instanceof String text ? text : String.valueOf(value));
        }
      } catch (Unmappable e) {
        issues.add(new FieldIssue(caskrField, rule.salesforceField(), e.code, e.getMessage()));
        return;
      }
    }
    if (parts.isEmpty()) {
      FieldRule first = sources.getFirst();
      empty(first, sources.stream().anyMatch(FieldRule::required), values, issues);
    } else {
      values.put(caskrField, String.join(JOINER, parts));
    }
  }

  private static void empty(
      FieldRule rule, boolean required, Map<String, Object> values, List<FieldIssue> issues) {
    if (rule.hasDefault()) {
      values.put(rule.caskrField(), rule.defaultValue());
    } else if (fallback(rule).isPresent()) {
      values.put(rule.caskrField(), fallback(rule).get());
    } else if (required) {
      issues.add(
          new FieldIssue(
              rule.caskrField(),
              rule.salesforceField(),
              Code.MISSING_REQUIRED_FIELD,
              "is required but empty"));
    } else {
      values.put(rule.caskrField(), null);
    }
  }

  /**
   * A VALUE_MAP's or LOOKUP's fallback also stands for an empty value when there is no default: an
   * Account without an Industry is a Direct customer, as is one with an unlisted industry.
   */
  private static Optional<Object> fallback(FieldRule rule) {
    return switch (rule.transformation()) {
      case Transformation.ValueMap map when map.hasFallback() ->
          Optional.ofNullable(map.fallback());
      case Transformation.Lookup lookup when lookup.hasFallback() ->
          Optional.ofNullable(lookup.fallback());
      default -> Optional.empty();
    };
  }

  private Object transform(long companyId, FieldRule rule, Object raw, List<FieldIssue> issues)
      throws Unmappable {
    return switch (rule.transformation()) {
      case Transformation.None none -> raw;
      case Transformation.Trim trim -> text(raw).strip();
      case Transformation.Uppercase upper -> text(raw).strip().toUpperCase(Locale.ROOT);
      case Transformation.Lowercase lower -> text(raw).strip().toLowerCase(Locale.ROOT);
      case Transformation.DateFormat date -> {
        try {
          yield date.formatter().parse(text(raw).strip(), LocalDate::from).toString();
        } catch (DateTimeException e) {
          throw new Unmappable(
              Code.INVALID_VALUE, "\"" + shorten(raw) + "\" is not a date in " + date.pattern());
        }
      }
      case Transformation.ValueMap map -> {
        String key = raw instanceof String text ? text : String.valueOf(raw);
        if (map.values().containsKey(key)) {
          yield map.values().get(key);
        }
        if (map.hasFallback()) {
          yield map.fallback();
        }
        throw new Unmappable(Code.UNMAPPED_VALUE, "\"" + shorten(raw) + "\" has no mapped value");
      }
      case Transformation.Lookup lookup -> {
        Optional<Object> found = lookups.find(companyId, lookup, raw);
        if (found.isPresent()) {
          yield found.get();
        }
        if (lookup.hasFallback()) {
          yield lookup.fallback();
        }
        if (rule.required()) {
          throw new Unmappable(
              Code.MISSING_REQUIRED_FIELD,
              "is required but " + lookup.kind().configName() + " found nothing for it");
        }
        issues.add(
            new FieldIssue(
                rule.caskrField(),
                rule.salesforceField(),
                Code.LOOKUP_NOT_FOUND,
                lookup.kind().configName() + " found nothing for \"" + shorten(raw) + "\""));
        yield null;
      }
    };
  }

  private static String text(Object raw) throws Unmappable {
    if (raw instanceof String text) {
      return text;
    }
    throw new Unmappable(Code.INVALID_VALUE, "expected text, got " + kind(raw));
  }

  private static String kind(Object value) {
    return switch (value) {
      case Boolean b -> "true/false";
      case Number n -> "a number";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "a list";
      default -> "a value";
    };
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  /** Values go into log messages: keep them short and on one line. */
  private static String shorten(Object value) {
    String text = String.valueOf(value).replaceAll("\\p{Cntrl}", " ");
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  private static final class Unmappable extends Exception {
    private final Code code;

    Unmappable(Code code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
