package com.caskr.sync.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import com.caskr.sync.salesforce.errors.BulkJobFailed;
import com.caskr.sync.salesforce.errors.NotFound;
import com.caskr.sync.salesforce.errors.SalesforceApiError;
import com.caskr.sync.salesforce.oauth.TokenSource;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.testing.SalesforceEmulatorFixture;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BulkQueryClientIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int ACCOUNTS = 2_500;
  private static final SalesforceEmulatorFixture EMULATOR = SalesforceEmulatorFixture.shared();
  private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 2);

  private static TokenSource tokens;
  private static SalesforceConnection connection;
  private static final List<Duration> waits = new CopyOnWriteArrayList<>();
  private static BulkQueryClient bulk;

  @BeforeAll
  static void orgWithThousandsOfContacts() {
    Org org = EMULATOR.newOrg("Bulk client test");
    RecordGenerator.generate(
        org, RecordGenerator.Volume.accounts(ACCOUNTS).withContactsPerAccount(1), 7);
    tokens = EMULATOR.jwtTokens(org, HTTP);
    connection = SalesforceConnection.create(HTTP, tokens);
    // The emulator moves a job one state per status read: no real waiting is needed.
    bulk = new BulkQueryClient(connection, waits::add);
  }

  @Test
  void streamsEveryRowAcrossLocatorPagesWithRelationshipColumns() {
    QueryJob job = bulk.create("SELECT Id, LastName, Email, Account.Name FROM Contact", false);
    assertThat(job.state()).isEqualTo(QueryJob.State.UploadComplete);
    assertThat(job.apiVersion()).isEqualTo("62.0");

    QueryJob done = bulk.awaitCompletion(job.id(), FAST, Duration.ofMinutes(1));
    assertThat(done.state()).isEqualTo(QueryJob.State.JobComplete);
    assertThat(done.numberRecordsProcessed()).isEqualTo(ACCOUNTS);
    assertThat(waits).isNotEmpty();

    var ids = new HashSet<String>();
    try (Stream<Map<String, String>> rows = bulk.results(done, 1_000)) {
      rows.forEach(
          row -> {
            assertThat(row.keySet()).containsExactly("Id", "LastName", "Email", "Account.Name");
            assertThat(row.get("Account.Name")).isNotBlank();
            ids.add(row.get("Id"));
          });
    }
    assertThat(ids).hasSize(ACCOUNTS);
  }

  @Test
  void blankCellsAreNull() {
    var rest = new SalesforceRestClient(connection);
    rest.create("Account", Map.of("Name", "Phoneless Pub \"The, Quote\""));

    QueryJob job =
        bulk.create(
            "SELECT Id, Name, Phone FROM Account WHERE Name LIKE 'Phoneless Pub%'",
            false, QueryJob.ColumnDelimiter.PIPE);
    QueryJob done = bulk.awaitCompletion(job.id(), FAST, Duration.ofMinutes(1));

    assertThat(bulk.results(done, 0).toList())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row).containsEntry("Phone", null);
              assertThat(row).containsEntry("Name", "Phoneless Pub \"The, Quote\"");
            });
  }

  @Test
  void resultsAreReadWithTheJobsApiVersionWhateverTheClientUses() {
    QueryJob job = bulk.create("SELECT Id FROM Account", false);
    bulk.awaitCompletion(job.id(), FAST, Duration.ofMinutes(1));
    var olderClient =
        new BulkQueryClient(
            new SalesforceConnection(HTTP, tokens, "58.0", "caskr-sync", Clock.systemUTC()),
            waits::add);

    assertThat(olderClient.results(bulk.status(job.id()), 2_000).count()).isEqualTo(ACCOUNTS);
  }

  @Test
  void resultsBeforeCompletionAreRefused() {
    QueryJob job = bulk.create("SELECT Id FROM Account", false);

    assertThatThrownBy(() -> bulk.results(job, 0).count())
        .isInstanceOfSatisfying(
            SalesforceApiError.class, e -> assertThat(e.errorCode()).isEqualTo("JOB_NOT_COMPLETE"));
  }

  @Test
  void anAbortedJobFailsTheWaitAndCanBeDeleted() {
    QueryJob job = bulk.create("SELECT Id FROM Contact", true);

    assertThat(bulk.abort(job.id()).state()).isEqualTo(QueryJob.State.Aborted);
    assertThatThrownBy(() -> bulk.awaitCompletion(job.id(), FAST, Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            BulkJobFailed.class, e -> assertThat(e.state()).isEqualTo("Aborted"));

    bulk.delete(job.id());
    assertThatThrownBy(() -> bulk.status(job.id())).isInstanceOf(NotFound.class);
  }
}
