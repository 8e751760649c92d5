package com.caskr.sync.mapping.fieldmap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salesforce fields turned into Caskr values by {@link FieldMapper}.
 *
 * @param values Caskr column → value in Caskr's JSON representation (null allowed), only for the
 *     fields the event carried; a field with an error issue is left out
 * @param issues what could not be mapped; {@link #valid()} is false when one of them is an error
 */
public record MappedRecord(Map<String, Object> values, List<FieldIssue> issues) {

  public MappedRecord {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    issues = List.copyOf(issues);
  }

  /** Whether the record may be applied (no issue is an error). */
  public boolean valid() {
    return issues.stream().noneMatch(FieldIssue::error);
  }

  /** The issues that stop the record. */
  public List<FieldIssue> errors() {
    return issues.stream().filter(FieldIssue::error).toList();
  }

  /** One line per issue for the sync log's error_message. */
  public String describeIssues() {
    return String.join(
        "; ",
        issues.stream()
            .map(
                issue ->
                    issue.salesforceField()
                        + " → "
                        + issue.caskrField()
                        + ": "
                        + issue.code()
                        + " "
                        + issue.message())
            .toList());
  }
}
