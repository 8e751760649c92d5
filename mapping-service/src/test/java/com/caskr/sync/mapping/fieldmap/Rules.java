package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test builder of field rules in the seed's language: {@code account().map("Name", "name")}. */
public final class Rules {

  private final SalesforceEntity object;
  private final List<FieldRule> rules = new ArrayList<>();

  private Rules(SalesforceEntity object) {
    this.object = object;
  }

  public static Rules account() {
    return new Rules(SalesforceEntity.ACCOUNT);
  }

  public static Rules opportunity() {
    return new Rules(SalesforceEntity.OPPORTUNITY);
  }

  public static Rules contact() {
    return new Rules(SalesforceEntity.CONTACT);
  }

  /** The seed's Account → customer rules (V2__default_configuration.sql). */
  public static FieldRules seedAccount(long companyId) {
    return account()
        .map("Name", "name", "TRIM", Map.of(), true, true)
        .map("BillingStreet", "billing_street")
        .map("BillingCity", "billing_city")
        .withDefault("BillingCountry", "billing_country", "USA")
        .map("Phone", "phone")
        .map("Website", "website")
        .add(
            "Industry",
            "customer_type",
            FieldDirection.SF_TO_CASKR,
            "LOOKUP",
            Map.of("lookup", "industry_customer_type", "fallback", "Direct"),
            false,
            false,
            1)
        .build(companyId);
  }

  public Rules map(String salesforceField, String caskrField) {
    return map(salesforceField, caskrField, "NONE", Map.of(), false, false);
  }

  public Rules map(
      String salesforceField,
      String caskrField,
      String rule,
      Map<String, Object> config,
      boolean required,
      boolean critical) {
    return add(
        salesforceField,
        caskrField,
        FieldDirection.BIDIRECTIONAL,
        rule,
        config,
        required,
        critical,
        1);
  }

  public Rules withDefault(String salesforceField, String caskrField, Object defaultValue) {
    rules.add(
        new FieldRule(
            object,
            salesforceField,
            FieldRule.pairedEntity(object),
            caskrField,
            FieldDirection.BIDIRECTIONAL,
            false,
            false,
            new Transformation.None(),
            true,
            defaultValue,
            1));
    return this;
  }

  public Rules add(
      String salesforceField,
      String caskrField,
      FieldDirection direction,
      String rule,
      Map<String, Object> config,
      boolean required,
      boolean critical,
      int position) {
    CaskrEntity entity = FieldRule.pairedEntity(object);
    rules.add(
        new FieldRule(
            object,
            salesforceField,
            entity,
            caskrField,
            direction,
            required,
            critical,
            Transformation.of(rule, config),
            false,
            null,
            position));
    return this;
  }

  public FieldRules build(long companyId) {
    return new FieldRules(companyId, object, rules);
  }
}
