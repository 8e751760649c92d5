package com.caskr.sync.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import com.caskr.sync.salesforce.errors.EntityDeleted;
import com.caskr.sync.salesforce.errors.InvalidQueryLocator;
import com.caskr.sync.salesforce.errors.MalformedQuery;
import com.caskr.sync.salesforce.errors.MultipleMatches;
import com.caskr.sync.salesforce.errors.NotFound;
import com.caskr.sync.salesforce.errors.PreconditionFailed;
import com.caskr.sync.salesforce.errors.RequestLimitExceeded;
import com.caskr.sync.salesforce.errors.ValidationFailed;
import com.caskr.sync.salesforce.limits.ApiUsage;
import com.caskr.sync.salesforce.testing.SalesforceEmulatorFixture;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceRestClientIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int ACCOUNTS = 3_000;
  private static final SalesforceEmulatorFixture EMULATOR = SalesforceEmulatorFixture.shared();

  private static Org org;
  private static SalesforceRestClient client;

  @BeforeAll
  static void orgWithThousandsOfRecords() {
    org =
        EMULATOR.newOrg(
            "REST client test",
            Schema.standard()
                .withField("Account", Field.customText("Legacy_Ref__c", 40, true, false)));
    RecordGenerator.generate(
        org, RecordGenerator.Volume.accounts(ACCOUNTS).withContactsPerAccount(1), 42);
    client = clientOf(org);
  }

  private static SalesforceRestClient clientOf(Org org) {
    var tokens = EMULATOR.jwtTokens(org, HTTP);
    return new SalesforceRestClient(SalesforceConnection.create(HTTP, tokens));
  }

  @Test
  void pagesLazilyThroughThousandsOfRecordsInSmallBatches() {
    String generated = "SELECT Id, Name FROM Account WHERE Caskr_Customer_Id__c LIKE 'GEN-%'";
    QueryPage first = client.firstPage(generated, false, 200);
    assertThat(first.totalSize()).isEqualTo(ACCOUNTS);
    assertThat(first.done()).isFalse();
    assertThat(first.records()).hasSizeLessThanOrEqualTo(200);
    assertThat(first.nextRecordsUrl()).startsWith("/services/data/v62.0/query/");

    var ids = new HashSet<Object>();
    client.query(generated, 200).forEach(row -> ids.add(row.get("Id")));
    assertThat(ids).hasSize(ACCOUNTS);
    assertThat(client.query("SELECT Id FROM Account", 2000).limit(5)).hasSize(5);
  }

  @Test
  void childRowsShrinkPagesButEveryParentStillArrives() {
    String soql =
        "SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Caskr_Customer_Id__c LIKE 'GEN-%'";
    QueryPage first = client.firstPage(soql, false, 200);
    assertThat(first.records()).hasSizeLessThanOrEqualTo(200);

    assertThat(client.query(soql, 200).map(row -> row.get("Id")).distinct().count())
        .isEqualTo(ACCOUNTS);
  }

  @Test
  void aForgedOrExpiredLocatorIsInvalidQueryLocator() {
    QueryPage first = client.firstPage("SELECT Id FROM Account", false, 200);
    var forged =
        new QueryPage(
            first.totalSize(),
            false,
            first.nextRecordsUrl().replaceAll("/query/[^-]+", "/query/01gXXXXXXXXXXXXXXX"),
            List.of());

    assertThatThrownBy(() -> client.nextPage(forged, 200)).isInstanceOf(InvalidQueryLocator.class);
  }

  @Test
  void parentRelationshipsComeBackNestedAndNullFieldsPresent() {
    Map<String, Object> contact =
        client
            .query(
                "SELECT Id, LastName, Phone, Account.Name FROM Contact ORDER BY LastName LIMIT 1")
            .findFirst()
            .orElseThrow();
    assertThat(contact).containsKey("Phone").containsEntry("Phone", null);
    assertThat(contact.get("Account")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) contact.get("Account")).get("Name")).asString().isNotBlank();
  }

  @Test
  void queryAllSeesRecycleBinRows() {
    SalesforceId id = client.create("Account", Map.of("Name", "Binned Bar"));
    client.delete("Account", id);
    String soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Binned Bar'";

    assertThat(client.query(soql)).isEmpty();
    assertThat(client.queryAll(soql, 200))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("IsDeleted", true));
  }

  @Test
  void createsReadsUpdatesWithoutABodyAndDeletes() {
    SalesforceId id =
        client.create("Account", Map.of("Name", "Copper Still Tavern", "Industry", "Hospitality"));
    assertThat(id.value()).hasSize(18).startsWith("001");

    var changes = new HashMap<String, Object>();
    changes.put("Industry", null);
    changes.put("Phone", "+353 21 000 0000");
    client.update("Account", SalesforceId.of(id.value().substring(0, 15)), changes);

    Map<String, Object> read = client.get("Account", id, List.of("Name", "Industry", "Phone"));
    assertThat(read)
        .containsEntry("Name", "Copper Still Tavern")
        .containsEntry("Industry", null)
        .containsEntry("Phone", "+353 21 000 0000");

    client.delete("Account", id);
    assertThatThrownBy(() -> client.update("Account", id, Map.of("Phone", "1")))
        .isInstanceOf(EntityDeleted.class);
    assertThatThrownBy(() -> client.delete("Account", id)).isInstanceOf(EntityDeleted.class);
  }

  @Test
  void conditionalWritesRefuseAChangedRecordWith412() {
    SalesforceId id = client.create("Account", Map.of("Name", "Versioned Vintners"));
    VersionedRecord read = client.getVersioned("Account", id, List.of("Name", "LastModifiedDate"));
    assertThat(read.etag()).isNotBlank();
    Instant lastModified = Soql.parseDateTime((String) read.fields().get("LastModifiedDate"));

    client.update("Account", id, Map.of("Phone", "1"), Precondition.ifMatch(read.etag()));
    assertThatThrownBy(
            () ->
                client.update(
                    "Account", id, Map.of("Phone", "2"), Precondition.ifMatch(read.etag())))
        .isInstanceOfSatisfying(
            PreconditionFailed.class,
            e -> {
              assertThat(e.status()).isEqualTo(412);
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(
            () ->
                client.delete(
                    "Account", id, Precondition.ifUnmodifiedSince(lastModified.minusSeconds(60))))
        .isInstanceOf(PreconditionFailed.class);
    assertThat(client.get("Account", id, List.of("Phone"))).containsEntry("Phone", "1");

    client.delete("Account", id, Precondition.ifUnmodifiedSince(Instant.now().plusSeconds(60)));
    assertThat(client.query("SELECT Id FROM Account WHERE Name = 'Versioned Vintners'")).isEmpty();
  }

  @Test
  void validationErrorsNameTheirFields() {
    assertThatThrownBy(() -> client.create("Account", Map.of("Industry", "Retail")))
        .isInstanceOfSatisfying(
            ValidationFailed.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
              assertThat(e.fields()).contains("Name");
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(() -> client.create("Account", Map.of("Name", "x".repeat(256))))
        .isInstanceOfSatisfying(
            ValidationFailed.class, e -> assertThat(e.errorCode()).isEqualTo("STRING_TOO_LONG"));
  }

  @Test
  void upsertReportsCreatedThenUpdatedAndMaps300And404() {
    UpsertResult created =
        client.upsert("Account", "Caskr_Customer_Id__c", "CASKR 7-1", Map.of("Name", "Upserted"));
    UpsertResult updated =
        client.upsert("Account", "Caskr_Customer_Id__c", "CASKR 7-1", Map.of("Name", "Renamed"));

    assertThat(created.created()).isTrue();
    assertThat(updated.created()).isFalse();
    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(client.get("Account", created.id(), List.of("Name")))
        .containsEntry("Name", "Renamed");

    client.create("Account", Map.of("Name", "Twin A", "Legacy_Ref__c", "L-1"));
    client.create("Account", Map.of("Name", "Twin B", "Legacy_Ref__c", "L-1"));
    assertThatThrownBy(() -> client.upsert("Account", "Legacy_Ref__c", "L-1", Map.of("Name", "?")))
        .isInstanceOfSatisfying(MultipleMatches.class, e -> assertThat(e.recordUrls()).hasSize(2));
    assertThatThrownBy(() -> client.upsert("Account", "Name", "Twin A", Map.of("Phone", "1")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> client.upsert("Account", "Caskr_Customer_Id__c", "A/B", Map.of("Name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upsertAll");
  }

  @Test
  void collectionsReportPerRowErrorsOnHttp200() {
    List<Map<String, Object>> rows =
        List.of(
            Map.of("Name", "Row One"), Map.of("Industry", "Retail"), Map.of("Name", "Row Three"));

    List<RowResult> results = client.createAll("Account", rows, false);

    assertThat(results).hasSize(3);
    assertThat(results.get(0).success()).isTrue();
    assertThat(results.get(2).success()).isTrue();
    RowResult failed = results.get(1);
    assertThat(failed.success()).isFalse();
    assertThat(failed.id()).isNull();
    assertThat(failed.errors().getFirst().code()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(failed.errors().getFirst().fields()).contains("Name");
    assertThat(failed.failure()).get().isInstanceOf(ValidationFailed.class);

    List<RowResult> atomic = client.createAll("Account", rows, true);
    assertThat(atomic).noneMatch(RowResult::success);
    assertThat(atomic.get(0).rolledBack()).isTrue();
    assertThat(atomic.get(1).rolledBack()).isFalse();
  }

  @Test
  void collectionsSplitLargeListsUnlessAllOrNone() {
    List<Map<String, Object>> many =
        IntStream.range(0, 450)
            .mapToObj(
                i ->
                    Map.<String, Object>of(
                        "Name", "Bulk row " + i, "Caskr_Customer_Id__c", "BR-" + i))
            .toList();
    assertThatThrownBy(() -> client.createAll("Account", many, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allOrNone");

    List<RowResult> upserted = client.upsertAll("Account", "Caskr_Customer_Id__c", many, false);
    assertThat(upserted).hasSize(450).allMatch(RowResult::success).allMatch(RowResult::created);
    List<RowResult> again = client.upsertAll("Account", "Caskr_Customer_Id__c", many, false);
    assertThat(again).allMatch(r -> r.success() && !r.created());

    var updates = new ArrayList<Map<String, Object>>();
    for (RowResult r : upserted.subList(0, 5)) {
      updates.add(Map.of("Id", r.id().value(), "Phone", "555"));
    }
    assertThat(client.updateAll("Account", updates, true)).allMatch(RowResult::success);

    List<SalesforceId> ids = upserted.stream().map(RowResult::id).toList();
    assertThat(client.deleteAll(ids, false)).hasSize(450).allMatch(RowResult::success);
    assertThat(client.deleteAll(ids.subList(0, 1), false).getFirst().errors().getFirst().code())
        .isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void writesAreTaggedWithTheCallOptionsClient() {
    var origins = new CopyOnWriteArrayList<String>();
    org.addListener(
        changes -> changes.stream().map(ChangeRecord::changeOrigin).forEach(origins::add));

    client.create("Account", Map.of("Name", "Tagged Taproom"));

    assertThat(origins)
        .anyMatch(o -> o.endsWith(";client=" + SalesforceRecordChanged.WRITEBACK_CLIENT));
  }

  @Test
  void limitInfoIsTrackedAndGrowsWithEveryCall() {
    client.limits();
    ApiUsage before = client.apiUsage().orElseThrow();
    client.query("SELECT Id FROM Account LIMIT 1").count();
    ApiUsage after = client.apiUsage().orElseThrow();

    assertThat(after.used()).isGreaterThan(before.used());
    assertThat(after.max()).isEqualTo(100_000);
    assertThat(after.observedAt()).isAfterOrEqualTo(before.observedAt());
    assertThat(client.limits().dailyApiRequests().orElseThrow().max()).isEqualTo(100_000);
  }

  @Test
  void anExhaustedAllocationIsRequestLimitExceeded() {
    Org spent = EMULATOR.newOrg("Exhausted org");
    SalesforceRestClient spender = clientOf(spent);
    spent.apiUsage().exhaust();

    assertThatThrownBy(() -> spender.query("SELECT Id FROM Account").count())
        .isInstanceOfSatisfying(
            RequestLimitExceeded.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void badSoqlIsMalformedQueryAndOverlongSoqlIsRefusedBeforeSending() {
    assertThatThrownBy(() -> client.query("SELECT Nope FROM Account").count())
        .isInstanceOf(MalformedQuery.class);
    assertThatThrownBy(() -> client.query("SELEC Id FROM Account").count())
        .isInstanceOf(MalformedQuery.class);

    String longIn =
        "SELECT Id FROM Account WHERE Name IN ("
            + String.join(",", IntStream.range(0, 2_000).mapToObj(i -> "'Name " + i + "'").toList())
            + ")";
    long usedBefore = client.apiUsage().map(ApiUsage::used).orElse(0L);
    assertThatThrownBy(() -> client.query(longIn).count())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("414");
    assertThat(client.apiUsage().map(ApiUsage::used).orElse(0L)).isEqualTo(usedBefore);
  }

  @Test
  void datetimeLiteralsFilterOnSystemModstamp() {
    Instant start = Instant.now().minusSeconds(3600);
    long recent =
        client
            .query("SELECT Id FROM Account WHERE SystemModstamp >= " + Soql.literal(start))
            .count();
    assertThat(recent).isGreaterThanOrEqualTo(ACCOUNTS);
    assertThat(
            client
                .query(
                    "SELECT Id FROM Account WHERE SystemModstamp > "
                        + Soql.literal(Instant.now().plusSeconds(3600)))
                .count())
        .isZero();
  }

  @Test
  void updatedAndDeletedAnswerForAWindow() {
    Instant now = Instant.now();
    UpdatedRecords updated = client.updated("Account", now.minusSeconds(3600), now.plusSeconds(60));
    DeletedRecords deleted = client.deleted("Account", now.minusSeconds(3600), now.plusSeconds(60));

    assertThat(updated.latestDateCovered()).isBeforeOrEqualTo(Instant.now());
    assertThat(deleted.latestDateCovered()).isBeforeOrEqualTo(Instant.now());
    assertThat(deleted.earliestDateAvailable()).isBefore(now);
  }
}
