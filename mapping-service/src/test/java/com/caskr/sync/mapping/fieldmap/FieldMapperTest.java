package com.caskr.sync.mapping.fieldmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.caskr.sync.mapping.fieldmap.FieldIssue.Code;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldMapperTest {

  private static final long COMPANY = 42;

  /** An in-memory industry table and entity mappings, as the JDBC lookups would answer. */
  private final Lookups lookups =
      (companyId, lookup, value) ->
          switch (lookup.kind()) {
            case INDUSTRY_CUSTOMER_TYPE ->
                Optional.ofNullable(
                    Map.<Object, Object>of("restaurants", "On-Premise", "retail", "Off-Premise")
                        .get(String.valueOf(value).toLowerCase()));
            case ENTITY_MAPPING ->
                companyId == COMPANY && "0015e00000Kx7QzAAJ".equals(value)
                    ? Optional.of(1042L)
                    : Optional.empty();
            case USER_BY_EMAIL -> Optional.empty();
          };

  private final FieldMapper mapper = new FieldMapper(lookups);

  @Test
  void mapsTheSeedAccountFieldsWithTrimDefaultAndIndustryLookup() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("Name", "  Copper Still Tavern ");
    fields.put("BillingCountry", null);
    fields.put("Industry", "Restaurants");
    fields.put("Phone", "+1 502 555 0142");

    MappedRecord mapped = mapper.mapChange(Rules.seedAccount(COMPANY), fields);

    assertThat(mapped.valid()).isTrue();
    assertThat(mapped.values())
        .containsExactly(
            entry("name", "Copper Still Tavern"),
            entry("billing_country", "USA"),
            entry("phone", "+1 502 555 0142"),
            entry("customer_type", "On-Premise"));
  }

  @Test
  void anUnknownIndustryAndAMissingOneBecomeTheFallback() {
    var rules = Rules.seedAccount(COMPANY);

    assertThat(mapper.mapChange(rules, Map.of("Industry", "Aerospace")).values())
        .containsExactly(entry("customer_type", "Direct"));
    Map<String, Object> empty = new HashMap<>();
    empty.put("Industry", null);
    assertThat(mapper.mapChange(rules, empty).values())
        .containsExactly(entry("customer_type", "Direct"));
  }

  @Test
  void aChangeLeavesFieldsTheEventDidNotCarryAlone() {
    MappedRecord mapped = mapper.mapChange(Rules.seedAccount(COMPANY), Map.of("Phone", "1"));

    assertThat(mapped.values()).containsExactly(entry("phone", "1"));
  }

  @Test
  void aNewRecordWithoutItsRequiredNameIsAValidationErrorNotAnException() {
    MappedRecord mapped = mapper.mapNewRecord(Rules.seedAccount(COMPANY), Map.of("Phone", "1"));

    assertThat(mapped.valid()).isFalse();
    assertThat(mapped.errors())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.code()).isEqualTo(Code.MISSING_REQUIRED_FIELD);
              assertThat(issue.salesforceField()).isEqualTo("Name");
            });
    assertThat(mapped.values())
        .contains(entry("billing_country", "USA"), entry("customer_type", "Direct"));
    assertThat(mapped.describeIssues()).contains("Name → name: MISSING_REQUIRED_FIELD");
  }

  @Test
  void aNewContactNeedsItsEmailTheSeedMakesItRequired() {
    FieldRules rules =
        Rules.contact()
            .map("Email", "email", "TRIM", Map.of(), true, true)
            .map("LastName", "last_name")
            .build(COMPANY);

    MappedRecord without = mapper.mapNewRecord(rules, Map.of("LastName", "Okafor"));
    MappedRecord with =
        mapper.mapNewRecord(rules, Map.of("LastName", "Okafor", "Email", " m.okafor@example.com "));

    assertThat(without.valid()).isFalse();
    assertThat(without.errors())
        .singleElement()
        .satisfies(issue -> assertThat(issue.salesforceField()).isEqualTo("Email"));
    assertThat(with.valid()).isTrue();
    assertThat(with.values()).containsEntry("email", "m.okafor@example.com");
  }

  @Test
  void aBlankRequiredValueIsAnError() {
    assertThat(mapper.mapChange(Rules.seedAccount(COMPANY), Map.of("Name", "   ")).valid())
        .isFalse();
  }

  @Test
  void upperAndLowerCaseTransformations() {
    var rules =
        Rules.contact()
            .map("Email", "email", "LOWERCASE", Map.of(), true, true)
            .map("LastName", "last_name", "UPPERCASE", Map.of(), false, false)
            .build(COMPANY);

    assertThat(
            mapper
                .mapChange(rules, Map.of("Email", " Dana@Copper.Example ", "LastName", "Whitfield"))
                .values())
        .containsExactly(entry("email", "dana@copper.example"), entry("last_name", "WHITFIELD"));
  }

  @Test
  void aTextTransformationOfANumberIsAnInvalidValue() {
    var rules = Rules.contact().map("Phone", "phone", "TRIM", Map.of(), false, false).build(1);

    MappedRecord mapped = mapper.mapChange(rules, Map.of("Phone", 5035550142L));

    assertThat(mapped.errors()).extracting(FieldIssue::code).containsExactly(Code.INVALID_VALUE);
    assertThat(mapped.values()).doesNotContainKey("phone");
  }

  @Test
  void datesAreParsedByTheConfiguredPatternIntoIsoDates() {
    var rules =
        Rules.opportunity()
            .add(
                "CloseDate",
                "order_date",
                FieldDirection.SF_TO_CASKR,
                "DATE_FORMAT",
                Map.of("format", "MM/dd/yyyy"),
                false,
                false,
                1)
            .build(COMPANY);

    assertThat(mapper.mapChange(rules, Map.of("CloseDate", "03/18/2026")).values())
        .containsExactly(entry("order_date", "2026-03-18"));
    MappedRecord bad = mapper.mapChange(rules, Map.of("CloseDate", "2026-03-18"));
    assertThat(bad.errors()).extracting(FieldIssue::code).containsExactly(Code.INVALID_VALUE);
    assertThat(bad.errors().getFirst().message()).contains("is not a date in MM/dd/yyyy");
  }

  @Test
  void valueMapsTranslateAndRejectUnlistedValuesWithoutAFallback() {
    var rules =
        Rules.opportunity()
            .add(
                "StageName",
                "status",
                FieldDirection.SF_TO_CASKR,
                "VALUE_MAP",
                Map.of("values", Map.of("Closed Won", "Confirmed")),
                false,
                false,
                1)
            .build(COMPANY);

    assertThat(mapper.mapChange(rules, Map.of("StageName", "Closed Won")).values())
        .containsExactly(entry("status", "Confirmed"));
    assertThat(mapper.mapChange(rules, Map.of("StageName", "Prospecting")).errors())
        .extracting(FieldIssue::code)
        .containsExactly(Code.UNMAPPED_VALUE);
  }

  @Test
  void severalSourcesAreJoinedInPositionOrderSkippingBlanks() {
    var rules =
        Rules.opportunity()
            .add(
                "Description",
                "notes",
                FieldDirection.SF_TO_CASKR,
                "NONE",
                Map.of(),
                false,
                false,
                2)
            .add("Name", "notes", FieldDirection.SF_TO_CASKR, "NONE", Map.of(), false, false, 1)
            .build(COMPANY);

    assertThat(
            mapper
                .mapChange(rules, Map.of("Name", "Spring Barrels", "Description", "Two picks."))
                .values())
        .containsExactly(entry("notes", "Spring Barrels\nTwo picks."));
    assertThat(
            mapper.mapChange(rules, Map.of("Name", "Spring Barrels", "Description", " ")).values())
        .containsExactly(entry("notes", "Spring Barrels"));
    assertThat(mapper.mapChange(rules, Map.of("Name", "Spring Barrels")).values())
        .as("a partial change cannot rebuild a joined field")
        .isEmpty();
  }

  @Test
  void onlyInboundDirectionsAreApplied() {
    var rules =
        Rules.opportunity()
            .add(
                "Caskr_Order_Status__c",
                "status",
                FieldDirection.CASKR_TO_SF,
                "NONE",
                Map.of(),
                false,
                false,
                1)
            .add(
                "Amount",
                "total_amount",
                FieldDirection.SF_TO_CASKR,
                "NONE",
                Map.of(),
                false,
                true,
                1)
            .build(COMPANY);

    assertThat(
            mapper
                .mapChange(
                    rules,
                    Map.of(
                        "Caskr_Order_Status__c", "Shipped", "Amount", new BigDecimal("18450.00")))
                .values())
        .containsExactly(entry("total_amount", new BigDecimal("18450.00")));
  }

  @Test
  void lookupsResolveThroughThePortAndAMissOnAnOptionalFieldIsAWarning() {
    var rules =
        Rules.contact()
            .add(
                "AccountId",
                "customer_id",
                FieldDirection.SF_TO_CASKR,
                "LOOKUP",
                Map.of("lookup", "entity_mapping", "salesforce_object", "Account"),
                false,
                false,
                1)
            .build(COMPANY);

    assertThat(mapper.mapChange(rules, Map.of("AccountId", "0015e00000Kx7QzAAJ")).values())
        .containsExactly(entry("customer_id", 1042L));
    MappedRecord miss = mapper.mapChange(rules, Map.of("AccountId", "0015e00000ZZZZZAAA"));
    assertThat(miss.valid()).isTrue();
    assertThat(miss.values()).containsExactly(entry("customer_id", null));
    assertThat(miss.issues()).extracting(FieldIssue::code).containsExactly(Code.LOOKUP_NOT_FOUND);
  }

  @Test
  void aMissOnARequiredLookupStopsTheRecord() {
    var rules =
        Rules.opportunity()
            .add(
                "AccountId",
                "customer_id",
                FieldDirection.SF_TO_CASKR,
                "LOOKUP",
                Map.of("lookup", "entity_mapping", "salesforce_object", "Account"),
                true,
                false,
                1)
            .build(COMPANY);

    assertThat(mapper.mapChange(rules, Map.of("AccountId", "0015e00000ZZZZZAAA")).errors())
        .extracting(FieldIssue::code)
        .containsExactly(Code.MISSING_REQUIRED_FIELD);
  }
}
