package com.caskr.sync.ingest.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ingest-service's migrations on a real PostgreSQL, run with the Flyway settings of the service's
 * own application.yml. Tests share one database and use company ids of their own.
 */
class IngestMigrationsIntegrationTest {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CHECK_VIOLATION = "23514";
  private static final String ORG = "00D000000000001AAA";
  private static final String OTHER_ORG = "00D000000000002AAA";
  private static final AtomicLong COMPANIES = new AtomicLong(2000);

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() throws IOException {
    dataSource = TestInfrastructure.freshDatabase("ingest_migrations").dataSource();
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
  }

  @Test
  void historyTableLivesInTheIngestSchema() throws SQLException, IOException {
    assertThat(ServiceFlyway.settings())
        .containsEntry("schemas", "ingest")
        .containsEntry("default-schema", "ingest")
        .containsEntry("create-schemas", true)
        .containsEntry("locations", "classpath:db/migration/ingest");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'flyway_schema_history'"))
        .containsExactly("ingest");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT version || ':' || success FROM ingest.flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .startsWith("1:true")
        .contains("4:true")
        .allMatch(applied -> applied.endsWith(":true"));
    assertThat(ServiceFlyway.configuredAsTheService(dataSource).migrate().migrationsExecuted)
        .isZero();
  }

  @Test
  void checkpointsAreKeyedByTenantAndStream() throws SQLException {
    assertThat(primaryKey("polling_cursors")).isEqualTo("company_id,org_id,entity");
    assertThat(primaryKey("pubsub_replay_ids")).isEqualTo("company_id,org_id,topic_name");
    assertThat(primaryKey("processed_notifications"))
        .isEqualTo("company_id,org_id,source,notification_id");
  }

  @Test
  void onePollingCursorPerCompanyOrgAndEntity() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    cursor(company, ORG, "Account");
    cursor(company, ORG, "Contact");
    cursor(company, OTHER_ORG, "Account");
    cursor(COMPANIES.incrementAndGet(), ORG, "Account");

    assertThat(Sql.rejection(() -> cursor(company, ORG, "Account"))).isEqualTo(UNIQUE_VIOLATION);
    assertThat(Sql.rejection(() -> cursor(company, ORG, "Lead"))).isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO ingest.polling_cursors (company_id, org_id, entity,"
                            + " last_system_modstamp) VALUES (?, ?, 'Opportunity', now())",
                        company,
                        ORG)))
        .as("a SystemModstamp without its Id is half a position")
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void replayIdsAreKeptAsTheExactBytesSalesforceSent() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    byte[] replayId = {0, 0, 0, 0, 0, 1, (byte) 0xe2, (byte) 0x40, 0};
    Sql.update(
        dataSource,
        "INSERT INTO ingest.pubsub_replay_ids (company_id, org_id, topic_name, replay_id)"
            + " VALUES (?, ?, '/data/AccountChangeEvent', ?)",
        company,
        ORG,
        replayId);

    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            Sql.prepare(
                connection,
                "SELECT replay_id FROM ingest.pubsub_replay_ids WHERE company_id = ?",
                company);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      assertThat(row.getBytes(1)).containsExactly(replayId);
    }
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO ingest.pubsub_replay_ids (company_id, org_id, topic_name,"
                            + " replay_id) VALUES (?, ?, '/data/AccountChangeEvent', '\\x01')",
                        company,
                        ORG)))
        .isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void aNotificationIdIsSeenOncePerOrgAndChannel() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    notification(company, ORG, "OUTBOUND_MESSAGE", "04l000000000001AAA");
    notification(company, ORG, "WEBHOOK", "04l000000000001AAA");
    notification(company, OTHER_ORG, "OUTBOUND_MESSAGE", "04l000000000001AAA");

    assertThat(
            Sql.rejection(
                () -> notification(company, ORG, "OUTBOUND_MESSAGE", "04l000000000001AAA")))
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(Sql.rejection(() -> notification(company, ORG, "PUBSUB_CDC", "x")))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void oneReconciliationRunsPerEntityAtATime() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    long running = reconciliation(company, "Account");
    reconciliation(company, "Contact");

    assertThat(Sql.rejection(() -> reconciliation(company, "Account"))).isEqualTo(UNIQUE_VIOLATION);
    Sql.update(
        dataSource,
        "UPDATE ingest.reconciliation_runs SET status = 'SUCCEEDED', completed_at = now(),"
            + " salesforce_count = 100, missing_count = 3, drift_ratio = 0.03 WHERE id = ?",
        running);
    reconciliation(company, "Account");
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE ingest.reconciliation_runs SET status = 'FAILED' WHERE id = ?",
                        reconciliation(company, "Opportunity"))))
        .as("a finished run has a completion time")
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void anOrgHasOneCurrentWebhookSecret() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    String insert =
        "INSERT INTO ingest.webhook_secrets (company_id, org_id, secret_ciphertext, secret_key_id)"
            + " VALUES (?, ?, '\\x0a0b', 'k1')";
    Sql.update(dataSource, insert, company, ORG);
    assertThat(Sql.rejection(() -> Sql.update(dataSource, insert, company, ORG)))
        .isEqualTo(UNIQUE_VIOLATION);

    Sql.update(
        dataSource,
        "UPDATE ingest.webhook_secrets SET valid_until = now() + interval '1 hour'"
            + " WHERE company_id = ?",
        company);
    Sql.update(dataSource, insert, company, ORG);
  }

  private static void cursor(long company, String org, String entity) throws SQLException {
    Sql.update(
        dataSource,
        "INSERT INTO ingest.polling_cursors (company_id, org_id, entity, last_system_modstamp,"
            + " last_record_id) VALUES (?, ?, ?, now(), '001000000000001AAA')",
        company,
        org,
        entity);
  }

  private static void notification(long company, String org, String source, String id)
      throws SQLException {
    Sql.update(
        dataSource,
        "INSERT INTO ingest.processed_notifications (company_id, org_id, source, notification_id)"
            + " VALUES (?, ?, ?, ?)",
        company,
        org,
        source,
        id);
  }

  private static long reconciliation(long company, String entity) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO ingest.reconciliation_runs (company_id, org_id, entity, reason)"
            + " VALUES (?, ?, ?, 'MANUAL') RETURNING id",
        company,
        ORG,
        entity);
  }

  private static String primaryKey(String table) throws SQLException {
    return Sql.strings(
            dataSource,
            "SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indisprimary AND i.indrelid = 'ingest."
                + table
                + "'::regclass")
        .getFirst();
  }
}
