package com.caskr.sync.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.salesforce.bulk.Backoff;
import com.caskr.sync.salesforce.bulk.BulkQueryClient;
import com.caskr.sync.salesforce.bulk.QueryJob;
import com.caskr.sync.salesforce.errors.BulkJobFailed;
import com.caskr.sync.salesforce.errors.RequestLimitExceeded;
import com.caskr.sync.salesforce.errors.RowLocked;
import com.caskr.sync.salesforce.errors.ServiceUnavailable;
import com.caskr.sync.salesforce.errors.ValidationFailed;
import com.caskr.sync.salesforce.oauth.JwtBearerTokenSource;
import com.caskr.sync.salesforce.testing.SalesforceEmulatorFixture;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client under the emulator's injected faults, and {@code /composite}. */
class FaultsAndCompositeIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final SalesforceEmulatorFixture emulator = SalesforceEmulatorFixture.shared();

  private Org org;
  private JwtBearerTokenSource tokens;
  private SalesforceRestClient client;

  @BeforeEach
  void newOrg() {
    org = emulator.newOrg("Faults test");
    tokens = emulator.jwtTokens(org, HTTP);
    client = new SalesforceRestClient(SalesforceConnection.create(HTTP, tokens));
  }

  @Test
  void a503IsServiceUnavailableAndRetryable() {
    emulator.fault(org, "unavailable", "{\"count\":1}");

    assertThatThrownBy(() -> client.query("SELECT Id FROM Account").count())
        .isInstanceOfSatisfying(
            ServiceUnavailable.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.retryable()).isTrue();
            });
    assertThat(client.query("SELECT Id FROM Account").count()).isZero();
  }

  @Test
  void aLockedRowIsRowLockedForSingleWritesAndCollectionRows() {
    emulator.fault(org, "lock-row", "{\"count\":2}");

    assertThatThrownBy(() -> client.create("Account", Map.of("Name", "Locked Lounge")))
        .isInstanceOfSatisfying(RowLocked.class, e -> assertThat(e.retryable()).isTrue());
    RowResult row =
        client.createAll("Account", List.of(Map.of("Name", "Locked Row")), false).getFirst();
    assertThat(row.success()).isFalse();
    assertThat(row.failure()).get().isInstanceOf(RowLocked.class);

    assertThat(client.create("Account", Map.of("Name", "Unlocked Lounge")).keyPrefix())
        .isEqualTo("001");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedTransparently() {
    var first = tokens.session();
    emulator.fault(
        org, "tokens", "{\"action\":\"expire\",\"token\":\"" + first.accessToken() + "\"}");

    assertThat(client.query("SELECT Id FROM User").count()).isEqualTo(1);
    assertThat(tokens.session()).isNotEqualTo(first);
  }

  @Test
  void anExhaustedAllocationIs403WithoutRetryAfter() {
    emulator.fault(org, "api-limit", "{}");

    assertThatThrownBy(() -> client.create("Account", Map.of("Name", "Too Late Tavern")))
        .isInstanceOfSatisfying(
            RequestLimitExceeded.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void aFailedBulkJobEndsTheWaitWithItsMessage() {
    var bulk = new BulkQueryClient(client.connection(), duration -> {});
    QueryJob job = bulk.create("SELECT Id FROM Account", false);
    emulator.fault(
        org,
        "bulk-job-failure",
        "{\"count\":1,\"jobId\":\"" + job.id() + "\",\"message\":\"disk on fire\"}");

    assertThatThrownBy(
            () ->
                bulk.awaitCompletion(
                    job.id(),
                    new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2),
                    Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            BulkJobFailed.class,
            e -> {
              assertThat(e.state()).isEqualTo("Failed");
              assertThat(e.getMessage()).contains("disk on fire");
            });
  }

  @Test
  void compositeChainsReferencesAndHaltsUnderAllOrNone() {
    String sobjects = client.connection().dataPath("/sobjects");
    List<SubResponse> ok =
        client.composite(
            List.of(
                new Subrequest(
                    "POST", sobjects + "/Account", "acct", Map.of("Name", "Composite Cellar")),
                new Subrequest(
                    "POST",
                    sobjects + "/Contact",
                    "person",
                    Map.of("LastName", "Walsh", "AccountId", "@{acct.id}"))),
            true);
    assertThat(ok).allMatch(SubResponse::success);
    String accountId = ok.getFirst().id().orElseThrow();
    assertThat(
            client
                .query("SELECT Id FROM Contact WHERE AccountId = " + Soql.literal(accountId))
                .count())
        .isEqualTo(1);

    List<SubResponse> halted =
        client.composite(
            List.of(
                new Subrequest("POST", sobjects + "/Account", "good", Map.of("Name", "Kept?")),
                new Subrequest("POST", sobjects + "/Account", "bad", Map.of("Industry", "Retail"))),
            true);
    assertThat(halted.get(1).failure()).get().isInstanceOf(ValidationFailed.class);
    assertThat(halted.get(0).errors().getFirst().code()).isEqualTo("PROCESSING_HALTED");
    assertThat(client.query("SELECT Id FROM Account WHERE Name = 'Kept?'").count()).isZero();

    assertThatThrownBy(() -> client.composite(List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
