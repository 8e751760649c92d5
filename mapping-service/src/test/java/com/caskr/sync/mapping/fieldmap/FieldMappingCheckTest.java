package com.caskr.sync.mapping.fieldmap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingCheckTest {

  @Test
  void acceptsTheSeedShapes() {
    var rules =
        Rules.opportunity()
            .add("Name", "notes", FieldDirection.SF_TO_CASKR, "NONE", Map.of(), false, false, 1)
            .add(
                "Description",
                "notes",
                FieldDirection.SF_TO_CASKR,
                "NONE",
                Map.of(),
                false,
                false,
                2)
            .add(
                "StageName",
                "status",
                FieldDirection.SF_TO_CASKR,
                "VALUE_MAP",
                Map.of("values", Map.of("Closed Won", "Confirmed")),
                false,
                false,
                1)
            .add(
                "AccountId",
                "customer_id",
                FieldDirection.SF_TO_CASKR,
                "LOOKUP",
                Map.of("lookup", "entity_mapping", "salesforce_object", "Account"),
                true,
                false,
                1)
            .add(
                "Caskr_Order_Status__c",
                "status",
                FieldDirection.CASKR_TO_SF,
                "NONE",
                Map.of(),
                false,
                false,
                1)
            .build(1);

    rules
        .rules()
        .forEach(
            rule -> assertThatCode(() -> FieldMappingCheck.check(rule)).doesNotThrowAnyException());
  }

  @Test
  void refusesUnknownNamesReadOnlyTargetsAndMisfitTransformations() {
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.ACCOUNT,
                    "Revenue",
                    "name",
                    FieldDirection.SF_TO_CASKR,
                    "NONE",
                    Map.of()))
        .hasMessageContaining("Revenue is not a field of Account");
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.ACCOUNT,
                    "Name",
                    "created_at",
                    FieldDirection.SF_TO_CASKR,
                    "NONE",
                    Map.of()))
        .hasMessageContaining("is not a customer column the sync writes");
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.CONTACT,
                    "Name",
                    "first_name",
                    FieldDirection.BIDIRECTIONAL,
                    "NONE",
                    Map.of()))
        .hasMessageContaining("read-only in Salesforce");
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.OPPORTUNITY,
                    "Amount",
                    "total_amount",
                    FieldDirection.SF_TO_CASKR,
                    "TRIM",
                    Map.of()))
        .hasMessageContaining("TRIM needs a text column");
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.ACCOUNT,
                    "Industry",
                    "customer_type",
                    FieldDirection.BIDIRECTIONAL,
                    "LOOKUP",
                    Map.of("lookup", "industry_customer_type")))
        .hasMessageContaining("cannot be inverted");
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.ACCOUNT,
                    "OwnerId",
                    "name",
                    FieldDirection.SF_TO_CASKR,
                    "LOOKUP",
                    Map.of("lookup", "user_by_email")))
        .hasMessageContaining("user_by_email cannot fill name");
  }

  @Test
  void refusesPushingOpportunityAmountWhichSalesforceIgnoresOnceLineItemsExist() {
    assertThatThrownBy(
            () ->
                check(
                    SalesforceEntity.OPPORTUNITY,
                    "Amount",
                    "total_amount",
                    FieldDirection.BIDIRECTIONAL,
                    "NONE",
                    Map.of()))
        .hasMessageContaining("read-only once the opportunity has line items");
    assertThatCode(
            () ->
                check(
                    SalesforceEntity.OPPORTUNITY,
                    "Amount",
                    "total_amount",
                    FieldDirection.SF_TO_CASKR,
                    "NONE",
                    Map.of()))
        .doesNotThrowAnyException();
  }

  private static void check(
      SalesforceEntity object,
      String field,
      String column,
      FieldDirection direction,
      String rule,
      Map<String, Object> config) {
    FieldMappingCheck.check(
        new FieldRule(
            object,
            field,
            FieldRule.pairedEntity(object),
            column,
            direction,
            false,
            false,
            Transformation.of(rule, config),
            false,
            null,
            1));
  }
}
