package com.caskr.sync.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private static final ReplayId REPLAY = ReplayId.of(new byte[] {7, 1});
  private static final String ORIGIN = "com/salesforce/api/rest/64.0;client=caskr-sync";

  private final EventDecoder decoder =
      new EventDecoder(new WriterSchemas(id -> CdcSchemas.ACCOUNT.toString()));

  @Test
  void keepsOnlyChangedValuesOnUpdateWithNulledFieldsAsExplicitNulls() {
    var body = new GenericData.Record(CdcSchemas.ACCOUNT);
    body.put(
        "ChangeEventHeader",
        CdcSchemas.header(
            "UPDATE",
            List.of("001000000000001AAA"),
            ORIGIN,
            List.of("0x0108", "4-0x02"),
            List.of("0x08")));
    body.put("BillingAddress", CdcSchemas.address(Map.of("City", "Cork")));
    body.put("LastModifiedDate", 1_772_442_000_000L);

    var event =
        (ChangeEvent) decoder.decode("/data/AccountChangeEvent", "", "s1", encode(body), REPLAY);

    assertThat(event.changeType()).isEqualTo(ChangeType.UPDATE);
    assertThat(event.entity()).isEqualTo("Account");
    assertThat(event.recordIds()).containsExactly("001000000000001AAA");
    assertThat(event.changedFields())
        .containsExactly("Phone", "LastModifiedDate", "BillingAddress.City");
    assertThat(event.nulledFields()).containsExactly("Phone");
    assertThat(event.values())
        .containsOnly(
            entry("Phone", null),
            entry("LastModifiedDate", Instant.parse("2026-03-02T09:00:00Z")),
            entry("BillingAddress.City", "Cork"));
    assertThat(event.commitTimestamp()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(event.commitNumber()).isEqualTo(42L);
    assertThat(event.transactionKey()).isEqualTo("tx-1");
    assertThat(event.replayId()).isEqualTo(REPLAY);
  }

  @Test
  void carriesEveryNonNullValueOnCreate() {
    var body = new GenericData.Record(CdcSchemas.ACCOUNT);
    body.put(
        "ChangeEventHeader",
        CdcSchemas.header("CREATE", List.of("001000000000001AAA"), ORIGIN, List.of(), List.of()));
    body.put("Name", "Kinsale Craft");
    body.put("BillingAddress", CdcSchemas.address(Map.of("City", "Kinsale", "Country", "IE")));

    var event =
        (ChangeEvent) decoder.decode("/data/AccountChangeEvent", "", "s1", encode(body), REPLAY);

    assertThat(event.values())
        .containsOnly(
            entry("Name", "Kinsale Craft"),
            entry("BillingAddress.City", "Kinsale"),
            entry("BillingAddress.Country", "IE"));
  }

  @Test
  void carriesNoValuesOnDeleteOrGapEvents() {
    for (String type : List.of("DELETE", "GAP_UPDATE", "GAP_OVERFLOW")) {
      var body = new GenericData.Record(CdcSchemas.ACCOUNT);
      body.put(
          "ChangeEventHeader", CdcSchemas.header(type, List.of(), ORIGIN, List.of(), List.of()));
      var event =
          (ChangeEvent) decoder.decode("/data/AccountChangeEvent", "", "s1", encode(body), REPLAY);
      assertThat(event.values()).isEmpty();
      assertThat(event.changeType().isGap()).isEqualTo(type.startsWith("GAP_"));
    }
  }

  @Test
  void recognisesOurOwnWritesByTheClientInChangeOrigin() {
    var ours = CdcSchemas.header("UPDATE", List.of(), ORIGIN, List.of(), List.of());
    var theirs =
        CdcSchemas.header(
            "UPDATE",
            List.of(),
            "com/salesforce/api/rest/64.0;client=caskr-sync-2",
            List.of(),
            List.of());
    var ui = CdcSchemas.header("UPDATE", List.of(), null, List.of(), List.of());

    assertThat(ChangeEventHeader.from(ours, CdcSchemas.ACCOUNT).isEcho("caskr-sync")).isTrue();
    assertThat(ChangeEventHeader.from(theirs, CdcSchemas.ACCOUNT).isEcho("caskr-sync")).isFalse();
    assertThat(ChangeEventHeader.from(ui, CdcSchemas.ACCOUNT).isEcho("caskr-sync")).isFalse();
  }

  @Test
  void decodesPlatformEventsWithDateTimesAsInstants() {
    Schema schema =
        SchemaBuilder.record("Caskr_Sync__e")
            .namespace("com.sforce.eventbus")
            .fields()
            .name("CreatedDate")
            .doc("CreatedDate:DateTime")
            .type()
            .longType()
            .noDefault()
            .optionalString("Record_Id__c")
            .optionalString("Payload__c")
            .endRecord();
    var body = new GenericData.Record(schema);
    body.put("CreatedDate", 1_772_442_000_000L);
    body.put("Record_Id__c", "001000000000001AAA");
    var platform = new EventDecoder(new WriterSchemas(id -> schema.toString()));

    var event =
        (PlatformEvent) platform.decode("/event/Caskr_Sync__e", "e-1", "s2", encode(body), REPLAY);

    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.values())
        .containsExactly(
            entry("CreatedDate", Instant.parse("2026-03-02T09:00:00Z")),
            entry("Record_Id__c", "001000000000001AAA"),
            entry("Payload__c", null));
  }

  @Test
  void fetchesEachWriterSchemaOnceUnderConcurrency() {
    var fetches = new AtomicInteger();
    var schemas =
        new WriterSchemas(
            id -> {
              fetches.incrementAndGet();
              return CdcSchemas.ACCOUNT.toString();
            });
    List<CompletableFuture<Schema>> lookups = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      lookups.add(CompletableFuture.supplyAsync(() -> schemas.schema("s1")));
    }

    lookups.forEach(lookup -> assertThat(lookup.join()).isEqualTo(CdcSchemas.ACCOUNT));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void comparesReplayIdsByContent() {
    assertThat(ReplayId.of(new byte[] {1, 2})).isEqualTo(ReplayId.of(new byte[] {1, 2}));
    assertThat(ReplayId.of(new byte[] {1, 2})).isNotEqualTo(ReplayId.of(new byte[] {2, 1}));
    byte[] stored = {9};
    var id = ReplayId.of(stored);
    stored[0] = 0;
    assertThat(id.bytes()).containsExactly(9);
  }

  private static byte[] encode(GenericData.Record body) {
    return CdcSchemas.encode(body);
  }
}
