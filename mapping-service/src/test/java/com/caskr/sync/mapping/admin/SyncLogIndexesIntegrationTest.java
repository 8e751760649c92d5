package com.caskr.sync.mapping.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin API's sync-log queries on a table of realistic size (many tenants, one of them about a
 * twentieth of the rows) after V8 dropped the indexes no query needed: every filter is still served
 * by an index (no sequential scan of crm_sync_logs) and returns the rows the same query returns
 * when PostgreSQL may not use any index.
 */
class SyncLogIndexesIntegrationTest {

  private static final long COMPANY = 7;
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static SyncLogs indexed;
  private static SyncLogs scanned;
  private static JdbcClient jdbc;

  @BeforeAll
  static void aLargeLog() throws IOException, SQLException {
    TestDatabase database = TestInfrastructure.freshDatabase("sync_log_indexes");
    DataSource dataSource = database.dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
    // 200,000 rows of 20 companies over 30 days; company 7 has every twentieth row.
    Sql.update(
        dataSource,
        """
        insert into mapping.crm_sync_logs (company_id, org_id, entity, direction, operation,
            source, salesforce_id, caskr_id, status, error_code, event_id, started_at,
            completed_at)
        select 1 + i % 20, '00D000000000001AAA', (array['Account', 'Contact', 'Opportunity'])[1 + i % 3],
               'INBOUND', case when i % 97 = 0 then 'DELETE' else 'UPDATE' end, 'PUBSUB_CDC',
               '001' || lpad((i % 5000)::text, 15, '0'), i % 7000,
               case when i % 41 = 0 then 'FAILED' when i % 43 = 0 then 'CONFLICT'
                    when i % 47 = 0 then 'SKIPPED' else 'SUCCESS' end,
               case when i % 41 = 0 then 'VALIDATION' end, gen_random_uuid(),
               ?::timestamptz - (i * interval '13 seconds'),
               ?::timestamptz - (i * interval '13 seconds') + interval '40 milliseconds'
          from generate_series(1, 200000) as i
        """,
        NOW.toString(),
        NOW.toString());
    Sql.update(dataSource, "vacuum analyze mapping.crm_sync_logs");
    jdbc = JdbcClient.create(dataSource);
    indexed = new SyncLogs(jdbc);
    PGSimpleDataSource noIndexes = (PGSimpleDataSource) database.dataSource();
    noIndexes.setOptions(
        "-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off");
    scanned = new SyncLogs(JdbcClient.create(noIndexes));
  }

  static Stream<SyncLogs.Filter> filters() {
    Instant from = NOW.minus(Duration.ofDays(3));
    Instant to = NOW.minus(Duration.ofDays(1));
    String record = "001" + "0".repeat(11) + "4146";
    return Stream.of(
        filter(null, null, null, null, null, null, null),
        filter("Contact", null, null, null, null, null, null),
        filter(null, "FAILED", null, null, null, null, null),
        filter("Opportunity", "CONFLICT", null, null, null, null, null),
        filter(null, null, "DELETE", null, null, null, null),
        filter(null, null, null, record, null, null, null),
        filter("Account", null, null, null, 6986L, null, null),
        filter(null, null, null, null, 6986L, null, null),
        filter(null, null, null, null, null, from, to),
        filter("Contact", "SKIPPED", null, null, null, from, null));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void everyAdminFilterReadsThroughAnIndexAndFindsWhatAFullScanFinds(SyncLogs.Filter filter) {
    Paging firstPage = Paging.of(0, 50);
    Paging laterPage = Paging.of(3, 20);

    assertThat(plan(SyncLogs.LIST, filter, firstPage)).doesNotContain("Seq Scan");
    assertThat(plan(SyncLogs.COUNT, filter, firstPage)).doesNotContain("Seq Scan");
    List<Long> ids = ids(indexed.list(filter, firstPage));
    assertThat(ids).isNotEmpty().isEqualTo(ids(scanned.list(filter, firstPage)));
    assertThat(ids(indexed.list(filter, laterPage)))
        .isEqualTo(ids(scanned.list(filter, laterPage)));
    assertThat(indexed.count(filter)).isEqualTo(scanned.count(filter)).isPositive();
  }

  @ParameterizedTest
  @MethodSource("entities")
  void theStatusOfEachEntityReadsThroughIndexesAndCountsWhatAFullScanCounts(String entity) {
    Instant since = NOW.minus(Duration.ofHours(24));

    assertThat(
            String.join(
                "\n",
                jdbc.sql("explain " + SyncLogs.STATUS)
                    .param("company", COMPANY)
                    .param("entity", entity)
                    .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                    .query(String.class)
                    .list()))
        .doesNotContain("Seq Scan on crm_sync_logs");
    SyncLogs.EntityStatus status = indexed.status(COMPANY, entity, since);
    assertThat(status).isEqualTo(scanned.status(COMPANY, entity, since));
    assertThat(status.succeeded()).isPositive();
    assertThat(status.lastSyncAt()).isNotNull();
    assertThat(status.lastFailureAt()).isNotNull();
  }

  static Stream<String> entities() {
    return Stream.of("Account", "Contact", "Opportunity");
  }

  private static String plan(String query, SyncLogs.Filter filter, Paging paging) {
    return String.join(
        "\n",
        SyncLogs.params(jdbc.sql("explain " + query), filter)
            .param("limit", paging.size())
            .param("offset", paging.offset())
            .query(String.class)
            .list());
  }

  private static SyncLogs.Filter filter(
      String entity,
      String status,
      String operation,
      String salesforceId,
      Long caskrId,
      Instant from,
      Instant to) {
    return new SyncLogs.Filter(COMPANY, entity, status, operation, salesforceId, caskrId, from, to);
  }

  private static List<Long> ids(List<SyncLogs.Entry> entries) {
    return entries.stream().map(SyncLogs.Entry::id).toList();
  }
}
