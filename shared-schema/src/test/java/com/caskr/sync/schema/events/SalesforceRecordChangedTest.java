package com.caskr.sync.schema.events;

import static com.caskr.sync.schema.events.SalesforceRecordChangedBuilder.INVESTOR;
import static com.caskr.sync.schema.events.SalesforceRecordChangedBuilder.anAccountChange;
import static com.caskr.sync.schema.events.SalesforceRecordChangedBuilder.anOpportunityChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.Tenant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SalesforceRecordChangedTest {

  @Test
  void keyIsOrgIdSlashRecordIdInEighteenCharacterForm() {
    assertThat(anAccountChange().build().kafkaKey())
        .isEqualTo("00D5e000000CsKqEAK/0015e00000Kx7QzAAJ");
  }

  @Test
  void keepsNullFieldValuesBecauseTheyMeanTheFieldWasCleared() {
    var fields = new HashMap<String, Object>();
    fields.put("Website", null);

    var event = anAccountChange().withFields(fields).build();

    assertThat(event.fields()).containsEntry("Website", null).hasSize(1);
  }

  @Test
  void copiesCollectionsSoTheEventCannotChangeAfterConstruction() {
    var changed = new ArrayList<>(List.of("Industry"));
    var fields = new LinkedHashMap<String, Object>(Map.of("Industry", "Restaurants"));

    var event = anAccountChange().withChangedFields(changed).withFields(fields).build();
    changed.add("Phone");
    fields.put("Phone", "+1 (503) 555-0142");

    assertThat(event.changedFields()).containsExactly("Industry");
    assertThat(event.fields()).containsOnlyKeys("Industry");
    assertThatThrownBy(() -> event.fields().put("Name", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void storesNumbersCanonicallySoEqualityDoesNotDependOnHowTheEventWasBuilt() {
    var fromInts =
        anAccountChange().withFields(Map.of("NumberOfEmployees", 38, "Rating", 4.5)).build();
    var fromLongs =
        anAccountChange()
            .withFields(Map.of("NumberOfEmployees", 38L, "Rating", new BigDecimal("4.5")))
            .build();

    assertThat(fromInts).isEqualTo(fromLongs);
    assertThat(fromInts.fields().get("NumberOfEmployees")).isEqualTo(38L);
  }

  @Test
  void opportunitiesCarryTheirLineItemsPossiblyNone() {
    assertThat(anOpportunityChange().build().lineItems())
        .singleElement()
        .satisfies(line -> assertThat(line).containsEntry("ProductCode", "CASK-BOURBON-53GAL"));
    assertThat(anOpportunityChange().withLineItems(List.of()).build().lineItems()).isEmpty();
  }

  @Test
  void rejectsAnOpportunityWithoutItsLineItems() {
    assertThatThrownBy(() -> anOpportunityChange().withLineItems(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SalesforceRecordChanged: lineItems must not be null");
  }

  @Test
  void rejectsLineItemsOnAnythingButAnOpportunity() {
    assertThatThrownBy(() -> anAccountChange().withLineItems(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SalesforceRecordChanged: lineItems must be null for Account");
  }

  @Test
  void rejectsARecordIdOfAnotherObjectType() {
    assertThatThrownBy(() -> anAccountChange().withRecordId(INVESTOR).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "SalesforceRecordChanged: recordId must start with key prefix 001, was 0035e00000Dv2LmAAJ");
  }

  @Test
  void rejectsATenantWithoutOrg() {
    assertThatThrownBy(() -> anAccountChange().withTenant(Tenant.withoutOrg(42)).build())
        .hasMessage("SalesforceRecordChanged: tenant.orgId must not be null");
  }

  @Test
  void rejectsSchemaVersionZero() {
    assertThatThrownBy(() -> anAccountChange().withSchemaVersion(0).build())
        .hasMessage("SalesforceRecordChanged: schemaVersion must be at least 1, was 0");
  }

  @Test
  void namesTheMissingField() {
    assertThatThrownBy(() -> anAccountChange().withEventId(null).build())
        .hasMessage("SalesforceRecordChanged: eventId must not be null");
    assertThatThrownBy(() -> anAccountChange().withSourceVersion(null).build())
        .hasMessage("SalesforceRecordChanged: sourceVersion must not be null");
    assertThatThrownBy(() -> anAccountChange().withReceivedAt(null).build())
        .hasMessage("SalesforceRecordChanged: receivedAt must not be null");
    assertThatThrownBy(() -> anAccountChange().withChangedFields(null).build())
        .hasMessage("SalesforceRecordChanged: changedFields must not be null");
    assertThatThrownBy(() -> anAccountChange().withFields(null).build())
        .hasMessage("SalesforceRecordChanged: fields must not be null");
    assertThatThrownBy(() -> anAccountChange().withTraceId(" ").build())
        .hasMessage("SalesforceRecordChanged: traceId must not be blank");
    assertThatThrownBy(() -> anAccountChange().withEntity(null).build())
        .hasMessage("SalesforceRecordChanged: entity must not be null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Name; DROP TABLE", "1Name", "Name__c)", ""})
  void rejectsFieldNamesThatAreNotSalesforceApiNames(String name) {
    assertThatThrownBy(() -> anAccountChange().withChangedFields(List.of(name)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SalesforceRecordChanged: changedFields[0] ");
  }

  @Test
  void acceptsCompoundFieldPathsAsCdcReportsThem() {
    assertThat(
            anAccountChange()
                .withChangedFields(List.of("BillingAddress.City"))
                .build()
                .changedFields())
        .containsExactly("BillingAddress.City");
  }

  @Test
  void rejectsValuesThatAreNotJson() {
    assertThatThrownBy(
            () -> anAccountChange().withFields(Map.of("CreatedDate", new Object())).build())
        .hasMessage("SalesforceRecordChanged: fields.CreatedDate is not a JSON value: Object");
    assertThatThrownBy(() -> anAccountChange().withFields(Map.of("Rating", Double.NaN)).build())
        .hasMessage("SalesforceRecordChanged: fields.Rating is not a finite number: NaN");
  }

  @Test
  void recognisesOurOwnWritebackInTheChangeOrigin() {
    assertThat(
            SalesforceRecordChanged.isOwnWriteback(
                "com/salesforce/api/rest/64.0;client=caskr-sync"))
        .isTrue();
    assertThat(
            SalesforceRecordChanged.isOwnWriteback(
                "com/salesforce/api/soap/64.0;client=caskr-sync/"))
        .isTrue();
    assertThat(
            SalesforceRecordChanged.isOwnWriteback(
                "com/salesforce/api/soap/64.0;client=SfdcInternalAPI/"))
        .isFalse();
    assertThat(
            SalesforceRecordChanged.isOwnWriteback(
                "com/salesforce/api/rest/64.0;client=caskr-sync-test"))
        .isFalse();
    assertThat(SalesforceRecordChanged.isOwnWriteback(null)).isFalse();
  }

  @Test
  void anEchoOfOurWritebackMustBeMarkedAsSuch() {
    var origin = "com/salesforce/api/rest/64.0;client=caskr-sync";

    assertThat(anAccountChange().withChangeOrigin(origin).withEcho(true).build().echo()).isTrue();
    assertThatThrownBy(() -> anAccountChange().withChangeOrigin(origin).withEcho(false).build())
        .hasMessage(
            "SalesforceRecordChanged: echo must be true when changeOrigin carries client=caskr-sync");
  }

  @Test
  void mayBeAnEchoWithoutChangeOriginWhenTheChannelHasNone() {
    assertThat(anAccountChange().withSource(ChangeSource.POLL).withEcho(true).build().echo())
        .isTrue();
  }
}
