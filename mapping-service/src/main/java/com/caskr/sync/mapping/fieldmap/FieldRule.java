package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.regex.Pattern;

/**
 * One mapped field of a company (a row of crm_field_mappings, company override or default).
 *
 * @param defaultValue the Caskr value used when Salesforce sends null or blank text; only used when
 *     {@code hasDefault}
 * @param targetPosition where this source goes when several Salesforce fields feed one Caskr field
 *     (their texts are joined by position, blank ones skipped)
 */
public record FieldRule(
    SalesforceEntity salesforceObject,
    String salesforceField,
    CaskrEntity caskrEntity,
    String caskrField,
    FieldDirection direction,
    boolean required,
    boolean critical,
    Transformation transformation,
    boolean hasDefault,
    Object defaultValue,
    int targetPosition) {

  private static final Pattern SALESFORCE_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
  private static final Pattern CASKR_FIELD = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public FieldRule {
    if (salesforceObject == null || caskrEntity == null || direction == null) {
      throw new InvalidMappingException("salesforceObject, caskrEntity and direction are required");
    }
    if (pairedEntity(salesforceObject) != caskrEntity) {
      throw new InvalidMappingException(
          salesforceObject.apiName() + " maps to " + pairedEntity(salesforceObject).wireName());
    }
    if (salesforceField == null || !SALESFORCE_FIELD.matcher(salesforceField).matches()) {
      throw new InvalidMappingException("salesforceField is not a Salesforce field name");
    }
    if (caskrField == null || !CASKR_FIELD.matcher(caskrField).matches()) {
      throw new InvalidMappingException("caskrField is not a Caskr column name");
    }
    if (transformation == null) {
      throw new InvalidMappingException("transformation is required");
    }
    if (targetPosition < 1 || targetPosition > 20) {
      throw new InvalidMappingException("targetPosition must be between 1 and 20");
    }
    defaultValue = hasDefault ? defaultValue : null;
  }

  /** The Caskr entity each Salesforce object syncs with. */
  public static CaskrEntity pairedEntity(SalesforceEntity salesforceObject) {
    return switch (salesforceObject) {
      case ACCOUNT -> CaskrEntity.CUSTOMER;
      case CONTACT -> CaskrEntity.PORTAL_USER;
      case OPPORTUNITY -> CaskrEntity.ORDER;
    };
  }
}
