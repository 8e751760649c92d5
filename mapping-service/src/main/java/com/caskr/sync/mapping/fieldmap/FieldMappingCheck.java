package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.mapping.fieldmap.FieldCatalogue.CaskrColumn;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue.ColumnType;
import com.caskr.sync.schema.events.SalesforceEntity;

/**
 * Whether a field mapping may be saved: both field names exist ({@link FieldCatalogue}), a field
 * pushed to Salesforce is writable there, and the transformation, default and position fit the
 * Caskr column. Applied by the admin API before anything is stored.
 */
public final class FieldMappingCheck {

  private FieldMappingCheck() {}

  /**
   * Checks {@code rule}.
   *
   * @throws InvalidMappingException saying what does not fit
   */
  public static void check(FieldRule rule) {
    String object = rule.salesforceObject().apiName();
    if (!FieldCatalogue.salesforceFieldExists(rule.salesforceObject(), rule.salesforceField())) {
      throw new InvalidMappingException(
          rule.salesforceField()
              + " is not a field of "
              + object
              + "; known fields: "
              + String.join(", ", FieldCatalogue.salesforceFields(rule.salesforceObject())));
    }
    if (rule.direction().outbound()
        && !FieldCatalogue.salesforceFieldWritable(
            rule.salesforceObject(), rule.salesforceField())) {
      throw new InvalidMappingException(
          object + "." + rule.salesforceField() + " is read-only in Salesforce: use SF_TO_CASKR");
    }
    if (rule.direction().outbound()
        && rule.salesforceObject() == SalesforceEntity.OPPORTUNITY
        && rule.salesforceField().equals("Amount")) {
      // Salesforce ignores writes to Amount once the opportunity has line items (it becomes their
      // sum), without an error: a push would look successful and change nothing.
      throw new InvalidMappingException(
          "Opportunity.Amount is read-only once the opportunity has line items: use SF_TO_CASKR");
    }
    CaskrColumn column =
        FieldCatalogue.caskrColumn(rule.caskrEntity(), rule.caskrField())
            .orElseThrow(
                () ->
                    new InvalidMappingException(
                        rule.caskrField()
                            + " is not a "
                            + rule.caskrEntity().wireName()
                            + " column the sync writes; known columns: "
                            + String.join(", ", FieldCatalogue.caskrColumns(rule.caskrEntity()))));
    if (rule.targetPosition() > 1
        && (rule.direction() != FieldDirection.SF_TO_CASKR || column.type() != ColumnType.TEXT)) {
      throw new InvalidMappingException(
          "several sources (targetPosition > 1) can only feed a text column, SF_TO_CASKR");
    }
    if (rule.hasDefault()) {
      column
          .problemWith(rule.defaultValue())
          .ifPresent(problem -> fail("defaultValue does not fit: " + problem));
    }
    switch (rule.transformation()) {
      case Transformation.None none -> {}
      case Transformation.Trim trim -> text(column, trim);
      case Transformation.Uppercase upper -> text(column, upper);
      case Transformation.Lowercase lower -> text(column, lower);
      case Transformation.DateFormat date -> {
        if (column.type() != ColumnType.DATE) {
          fail("DATE_FORMAT needs a date column; " + column.name() + " is " + column.type());
        }
        if (rule.direction().outbound()) {
          fail("DATE_FORMAT only reads Salesforce values: use SF_TO_CASKR");
        }
      }
      case Transformation.ValueMap map -> {
        map.values()
            .forEach(
                (key, value) ->
                    column
                        .problemWith(value)
                        .ifPresent(problem -> fail("VALUE_MAP value of " + key + ": " + problem)));
        if (map.hasFallback()) {
          column
              .problemWith(map.fallback())
              .ifPresent(problem -> fail("VALUE_MAP fallback: " + problem));
        }
        if (rule.direction().outbound()) {
          fail("VALUE_MAP cannot be inverted: use SF_TO_CASKR");
        }
      }
      case Transformation.Lookup lookup -> {
        ColumnType needed =
            lookup.kind() == LookupKind.INDUSTRY_CUSTOMER_TYPE ? ColumnType.TEXT : ColumnType.ID;
        if (column.type() != needed
            || (lookup.kind() == LookupKind.INDUSTRY_CUSTOMER_TYPE
                && !column.name().equals("customer_type"))) {
          fail(lookup.kind().configName() + " cannot fill " + column.name());
        }
        if (lookup.hasFallback()) {
          column
              .problemWith(lookup.fallback())
              .ifPresent(problem -> fail("LOOKUP fallback: " + problem));
        }
        if (rule.direction().outbound()) {
          fail("LOOKUP cannot be inverted: use SF_TO_CASKR");
        }
      }
    }
  }

  private static void text(CaskrColumn column, Transformation transformation) {
    if (column.type() != ColumnType.TEXT) {
      fail(
          transformation.rule()
              + " needs a text column; "
              + column.name()
              + " is "
              + column.type());
    }
  }

  private static void fail(String message) {
    throw new InvalidMappingException(message);
  }
}
