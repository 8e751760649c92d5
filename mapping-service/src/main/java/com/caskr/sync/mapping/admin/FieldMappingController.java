package com.caskr.sync.mapping.admin;

import com.caskr.sync.adminsecurity.AdminAccess;
import com.caskr.sync.adminsecurity.AdminRole;
import com.caskr.sync.adminsecurity.AdminUser;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue;
import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.mapping.fieldmap.FieldMappingCheck;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.mapping.settings.CompanySettings;
import com.caskr.sync.mapping.settings.FieldMapping;
import com.caskr.sync.mapping.settings.SettingsStore;
import com.caskr.sync.mapping.settings.SyncPreference;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A company's field mappings and sync preferences: viewers read them, admins change them. Every
 * change is checked against the fields Salesforce and Caskr really have ({@link FieldCatalogue})
 * and against the company's other mappings, then the company's cached settings are dropped so the
 * next event uses it.
 */
@RestController
@RequestMapping("/api/companies/{companyId}")
class FieldMappingController {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  private final AdminAccess access;
  private final SettingsStore store;
  private final CompanySettings settings;
  private final TransactionTemplate transactions;

  FieldMappingController(
      AdminAccess access,
      SettingsStore store,
      CompanySettings settings,
      TransactionTemplate transactions) {
    this.access = access;
    this.store = store;
    this.settings = settings;
    this.transactions = transactions;
  }

  @GetMapping("/field-catalogue/{object}")
  Map<String, Object> catalogue(@PathVariable long companyId, @PathVariable String object) {
    access.require(AdminRole.VIEWER, companyId);
    SalesforceEntity entity = object(object);
    return Map.of(
        "salesforceObject", entity.apiName(),
        "salesforceFields", FieldCatalogue.salesforceFields(entity),
        "caskrEntity", FieldRule.pairedEntity(entity).wireName(),
        "caskrColumns", FieldCatalogue.caskrColumns(FieldRule.pairedEntity(entity)),
        "transformations", Transformation.rules());
  }

  @GetMapping("/field-mappings/{object}")
  List<MappingView> mappings(@PathVariable long companyId, @PathVariable String object) {
    access.require(AdminRole.VIEWER, companyId);
    return store.mappings(companyId, object(object)).stream().map(MappingView::of).toList();
  }

  @GetMapping("/field-mappings/{object}/{field}")
  MappingView mapping(
      @PathVariable long companyId, @PathVariable String object, @PathVariable String field) {
    access.require(AdminRole.VIEWER, companyId);
    return store
        .mapping(companyId, object(object), name(field))
        .map(MappingView::of)
        .orElseThrow(() -> new NotFound("no mapping of " + field));
  }

  @PutMapping("/field-mappings/{object}/{field}")
  MappingView save(
      @PathVariable long companyId,
      @PathVariable String object,
      @PathVariable String field,
      @RequestBody MappingRequest request) {
    AdminUser user = access.require(AdminRole.ADMIN, companyId);
    SalesforceEntity entity = object(object);
    FieldRule rule = request.toRule(entity, name(field));
    FieldMappingCheck.check(rule);
    boolean active = request.active() == null || request.active();
    transactions.executeWithoutResult(
        status -> {
          List<FieldRule> others = new ArrayList<>();
          for (FieldMapping mapping : store.mappings(companyId, entity)) {
            if (mapping.active()
                && !mapping.rule().salesforceField().equals(rule.salesforceField())) {
              others.add(mapping.rule());
            }
          }
          if (active) {
            others.add(rule);
          }
          new FieldRules(companyId, entity, others);
          store.saveMapping(companyId, rule, active, user.username());
        });
    settings.invalidate(companyId);
    return store
        .mapping(companyId, entity, rule.salesforceField())
        .map(MappingView::of)
        .orElseThrow();
  }

  @DeleteMapping("/field-mappings/{object}/{field}")
  ResponseEntity<Void> delete(
      @PathVariable long companyId, @PathVariable String object, @PathVariable String field) {
    access.require(AdminRole.ADMIN, companyId);
    SalesforceEntity entity = object(object);
    String name = name(field);
    boolean deleted =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  boolean removed = store.deleteMapping(companyId, entity, name);
                  // The default comes back: it must still fit the company's other mappings.
                  new FieldRules(
                      companyId,
                      entity,
                      store.mappings(companyId, entity).stream()
                          .filter(FieldMapping::active)
                          .map(FieldMapping::rule)
                          .toList());
                  return removed;
                }));
    if (!deleted) {
      throw new NotFound("the company has no mapping of its own for " + name);
    }
    settings.invalidate(companyId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/sync-preferences")
  List<SyncPreference> preferences(@PathVariable long companyId) {
    access.require(AdminRole.VIEWER, companyId);
    return Arrays.stream(SalesforceEntity.values())
        .map(entity -> store.preference(companyId, entity))
        .toList();
  }

  @PutMapping("/sync-preferences/{object}")
  SyncPreference savePreference(
      @PathVariable long companyId,
      @PathVariable String object,
      @RequestBody PreferenceRequest request) {
    AdminUser user = access.require(AdminRole.ADMIN, companyId);
    SalesforceEntity entity = object(object);
    SyncPreference current = store.preference(companyId, entity);
    SyncPreference preference;
    try {
      preference =
          new SyncPreference(
              companyId,
              entity,
              request.conflictStrategy() == null
                  ? current.conflictStrategy()
                  : strategy(request.conflictStrategy()),
              request.direction() == null ? current.direction() : direction(request.direction()),
              request.enabled() == null ? current.enabled() : request.enabled(),
              request.pollIntervalSeconds() == null
                  ? current.pollIntervalSeconds()
                  : request.pollIntervalSeconds(),
              request.reconcileCron() == null ? current.reconcileCron() : request.reconcileCron(),
              request.reconcileTimeZone() == null
                  ? current.reconcileTimeZone()
                  : request.reconcileTimeZone(),
              false);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    store.savePreference(preference, user.username());
    settings.invalidate(companyId);
    return store.preference(companyId, entity);
  }

  static SalesforceEntity object(String object) {
    return FieldCatalogue.salesforceObject(object)
        .orElseThrow(() -> new BadRequest("object must be Account, Contact or Opportunity"));
  }

  private static String name(String field) {
    if (!NAME.matcher(field).matches()) {
      throw new BadRequest("a field name is a letter followed by letters, digits or _");
    }
    return field;
  }

  private static ConflictStrategy strategy(String name) {
    return Arrays.stream(ConflictStrategy.values())
        .filter(strategy -> strategy.settingValue().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new BadRequest(
                    "conflictStrategy must be LastWriteWins, SalesforceWins, CaskrWins or Manual"));
  }

  static FieldDirection direction(String name) {
    return Arrays.stream(FieldDirection.values())
        .filter(direction -> direction.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new BadRequest("direction must be SF_TO_CASKR, CASKR_TO_SF or BIDIRECTIONAL"));
  }

  /**
   * A mapping to save. Absent booleans are false, an absent transformation is NONE, an absent
   * position is 1; {@code defaultValue} absent means no default (JSON null is a default of null).
   */
  record MappingRequest(
      String caskrField,
      String direction,
      Boolean required,
      Boolean critical,
      String transformation,
      JsonNode transformationConfig,
      JsonNode defaultValue,
      Integer targetPosition,
      Boolean active) {

    FieldRule toRule(SalesforceEntity entity, String field) {
      if (caskrField == null || direction == null) {
        throw new BadRequest("caskrField and direction are required");
      }
      Map<String, Object> config =
          transformationConfig == null || transformationConfig.isNull()
              ? Map.of()
              : object(transformationConfig);
      return new FieldRule(
          entity,
          field,
          FieldRule.pairedEntity(entity),
          caskrField,
          FieldMappingController.direction(direction),
          Boolean.TRUE.equals(required),
          Boolean.TRUE.equals(critical),
          Transformation.of(transformation == null ? "NONE" : transformation, config),
          defaultValue != null,
          defaultValue == null ? null : EventJson.mapper().treeToValue(defaultValue, Object.class),
          targetPosition == null ? 1 : targetPosition);
    }

    private static Map<String, Object> object(JsonNode node) {
      if (!node.isObject()) {
        throw new BadRequest("transformationConfig must be a JSON object");
      }
      return EventJson.mapper().convertValue(node, new TypeReference<Map<String, Object>>() {});
    }
  }

  /** A preference change; absent fields keep their current value. */
  record PreferenceRequest(
      String conflictStrategy,
      String direction,
      Boolean enabled,
      Integer pollIntervalSeconds,
      String reconcileCron,
      String reconcileTimeZone) {}

  /** A mapping as the API shows it. */
  record MappingView(
      String salesforceObject,
      String salesforceField,
      String caskrEntity,
      String caskrField,
      FieldDirection direction,
      boolean required,
      boolean critical,
      String transformation,
      Map<String, Object> transformationConfig,
      boolean hasDefault,
      Object defaultValue,
      int targetPosition,
      boolean active,
      boolean inherited,
      String updatedBy,
      Instant updatedAt) {

    static MappingView of(FieldMapping mapping) {
      FieldRule rule = mapping.rule();
      return new MappingView(
          rule.salesforceObject().apiName(),
          rule.salesforceField(),
          rule.caskrEntity().wireName(),
          rule.caskrField(),
          rule.direction(),
          rule.required(),
          rule.critical(),
          rule.transformation().rule(),
          rule.transformation().config(),
          rule.hasDefault(),
          rule.defaultValue(),
          rule.targetPosition(),
          mapping.active(),
          mapping.inherited(),
          mapping.updatedBy(),
          mapping.updatedAt());
    }
  }
}
