package com.caskr.sync.mapping.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mapping-service's migrations on a real PostgreSQL, in the service's order: the caskr schema
 * first, then its own with the Flyway settings of its application.yml. Tests share one database and
 * use company ids of their own.
 */
class MappingMigrationsIntegrationTest {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CHECK_VIOLATION = "23514";
  private static final String ORG = "00D000000000001AAA";
  private static final AtomicLong COMPANIES = new AtomicLong(3000);

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() throws IOException {
    dataSource = TestInfrastructure.freshDatabase("mapping_migrations").dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
  }

  @Test
  void historyTableLivesInTheMappingSchema() throws SQLException, IOException {
    assertThat(ServiceFlyway.settings())
        .containsEntry("schemas", "mapping")
        .containsEntry("default-schema", "mapping")
        .containsEntry("create-schemas", true)
        .containsEntry("locations", "classpath:db/migration/mapping");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'flyway_schema_history' ORDER BY 1"))
        .containsExactly("caskr", "mapping");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT version || ':' || success FROM mapping.flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .containsExactly(
            "1:true", "2:true", "3:true", "4:true", "5:true", "6:true", "7:true", "8:true",
            "9:true", "10:true");
    assertThat(ServiceFlyway.configuredAsTheService(dataSource).migrate().migrationsExecuted)
        .isZero();
  }

  @Test
  void defaultFieldMappingsAreTheSeedDesigns() throws SQLException {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String row :
        Sql.strings(
            dataSource,
            "SELECT salesforce_object || '.' || salesforce_field || ' -> ' || caskr_entity || '.'"
                + " || caskr_field || '#' || target_position || ' ' || direction"
                + " || CASE WHEN is_required THEN ' required' ELSE '' END"
                + " || CASE WHEN is_critical THEN ' critical' ELSE '' END"
                + " || ' ' || transformation_rule || ' ' || transformation_config::text"
                + " || coalesce(' default ' || default_value::text, '')"
                + " FROM mapping.crm_field_mappings WHERE company_id IS NULL AND is_active")) {
      defaults.put(row.substring(0, row.indexOf(' ')), row);
    }

    assertThat(defaults)
        .containsOnlyKeys(
            "Account.Name",
            "Account.BillingStreet",
            "Account.BillingCity",
            "Account.BillingState",
            "Account.BillingPostalCode",
            "Account.BillingCountry",
            "Account.Phone",
            "Account.Website",
            "Account.Industry",
            "Account.OwnerId",
            "Opportunity.AccountId",
            "Opportunity.Name",
            "Opportunity.Description",
            "Opportunity.Amount",
            "Opportunity.CloseDate",
            "Opportunity.StageName",
            "Opportunity.Caskr_Order_Status__c",
            "Contact.Email",
            "Contact.FirstName",
            "Contact.LastName",
            "Contact.Phone",
            "Contact.Cask_Investor__c",
            "Contact.Portal_Access__c",
            "Contact.AccountId");
    assertThat(defaults)
        .containsEntry(
            "Account.Name",
            "Account.Name -> customer.name#1 BIDIRECTIONAL required critical TRIM {}")
        .containsEntry(
            "Account.BillingCountry",
            "Account.BillingCountry -> customer.billing_country#1 BIDIRECTIONAL NONE {}"
                + " default \"USA\"")
        .containsEntry(
            "Account.Industry",
            "Account.Industry -> customer.customer_type#1 SF_TO_CASKR LOOKUP"
                + " {\"lookup\": \"industry_customer_type\", \"fallback\": \"Direct\"}")
        .containsEntry(
            "Account.OwnerId",
            "Account.OwnerId -> customer.assigned_user_id#1 SF_TO_CASKR LOOKUP"
                + " {\"lookup\": \"user_by_email\"}")
        .containsEntry("Opportunity.Name", "Opportunity.Name -> order.notes#1 SF_TO_CASKR NONE {}")
        .containsEntry(
            "Opportunity.Description",
            "Opportunity.Description -> order.notes#2 SF_TO_CASKR NONE {}")
        .containsEntry(
            "Opportunity.Amount",
            "Opportunity.Amount -> order.total_amount#1 SF_TO_CASKR critical NONE {} default 0")
        .containsEntry(
            "Opportunity.CloseDate",
            "Opportunity.CloseDate -> order.order_date#1 SF_TO_CASKR DATE_FORMAT"
                + " {\"format\": \"yyyy-MM-dd\"}")
        .containsEntry(
            "Opportunity.StageName",
            "Opportunity.StageName -> order.status#1 SF_TO_CASKR VALUE_MAP"
                + " {\"values\": {\"Closed Won\": \"Confirmed\"}}")
        .containsEntry(
            "Opportunity.Caskr_Order_Status__c",
            "Opportunity.Caskr_Order_Status__c -> order.status#1 CASKR_TO_SF NONE {}")
        .containsEntry(
            "Contact.Email",
            "Contact.Email -> portal-user.email#1 BIDIRECTIONAL required critical TRIM {}")
        .containsEntry(
            "Contact.Cask_Investor__c",
            "Contact.Cask_Investor__c -> portal-user.is_cask_investor#1 BIDIRECTIONAL NONE {}"
                + " default false")
        .containsEntry(
            "Contact.Portal_Access__c",
            "Contact.Portal_Access__c -> portal-user.portal_enabled#1 BIDIRECTIONAL NONE {}"
                + " default false")
        .containsEntry(
            "Contact.AccountId",
            "Contact.AccountId -> portal-user.customer_id#1 SF_TO_CASKR LOOKUP"
                + " {\"lookup\": \"entity_mapping\", \"salesforce_object\": \"Account\"}");
    assertThat(defaults.values().stream().filter(row -> row.contains(" critical ")))
        .as("the critical fields of ARCHITECTURE.md: customer name, order total, portal-user email")
        .extracting(row -> row.substring(0, row.indexOf(' ')))
        .containsExactlyInAnyOrder("Account.Name", "Opportunity.Amount", "Contact.Email");
  }

  @Test
  void everyDefaultMappingNamesAnExistingCaskrColumn() throws SQLException {
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT m.caskr_entity || '.' || m.caskr_field FROM mapping.crm_field_mappings m"
                    + " WHERE m.company_id IS NULL AND NOT EXISTS (SELECT 1 FROM"
                    + " information_schema.columns c WHERE c.table_schema = 'caskr'"
                    + " AND c.table_name = CASE m.caskr_entity WHEN 'customer' THEN 'customers'"
                    + " WHEN 'order' THEN 'orders' WHEN 'portal-user' THEN 'portal_users' END"
                    + " AND c.column_name = m.caskr_field)"))
        .isEmpty();
  }

  @Test
  void aCompanyOverridesOneFieldMappingAndInheritsTheRest() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    String override =
        "INSERT INTO mapping.crm_field_mappings (company_id, salesforce_object, salesforce_field,"
            + " caskr_entity, caskr_field, direction, is_active)"
            + " VALUES (?, 'Account', 'Phone', 'customer', 'phone', 'SF_TO_CASKR', false)";
    Sql.update(dataSource, override, company);

    assertThat(Sql.rejection(() -> Sql.update(dataSource, override, company)))
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO mapping.crm_field_mappings (company_id, salesforce_object,"
                            + " salesforce_field, caskr_entity, caskr_field, direction)"
                            + " VALUES (NULL, 'Account', 'Phone', 'customer', 'phone',"
                            + " 'SF_TO_CASKR')")))
        .as("one default per Salesforce field: NULLS NOT DISTINCT")
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT DISTINCT ON (salesforce_object, salesforce_field)"
                    + " salesforce_field || ':' || is_active || ':' || coalesce(company_id::text,"
                    + " 'default') FROM mapping.crm_field_mappings"
                    + " WHERE (company_id = "
                    + company
                    + " OR company_id IS NULL) AND salesforce_object = 'Account'"
                    + " AND salesforce_field IN ('Phone', 'Website')"
                    + " ORDER BY salesforce_object, salesforce_field, company_id NULLS LAST"))
        .containsExactly("Phone:false:" + company, "Website:true:default");
  }

  @Test
  void fieldMappingsRejectFieldNamesThatCouldInjectSoqlAndIncompleteRules() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    String insert =
        "INSERT INTO mapping.crm_field_mappings (company_id, salesforce_object, salesforce_field,"
            + " caskr_entity, caskr_field, direction, transformation_rule, transformation_config)"
            + " VALUES (?, 'Account', ?, 'customer', ?, 'SF_TO_CASKR', ?, ?::jsonb)";

    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource, insert, company, "Name FROM User--", "name", "NONE", "{}")))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () -> Sql.update(dataSource, insert, company, "Fax", "phone; drop", "NONE", "{}")))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () -> Sql.update(dataSource, insert, company, "Fax", "phone", "LOOKUP", "{}")))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () -> Sql.update(dataSource, insert, company, "Fax", "phone", "VALUE_MAP", "{}")))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO mapping.crm_field_mappings (company_id, salesforce_object,"
                            + " salesforce_field, caskr_entity, caskr_field, direction)"
                            + " VALUES (?, 'Account', 'Fax', 'order', 'phone', 'SF_TO_CASKR')",
                        company)))
        .as("Accounts map to customers only")
        .isEqualTo(CHECK_VIOLATION);
    Sql.update(dataSource, insert, company, "Fax", "phone", "TRIM", "{}");
  }

  @Test
  void industriesMapToCustomerTypesAsTheSeedSays() throws SQLException {
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT industry || ' -> ' || customer_type FROM mapping.crm_industry_customer_types"
                    + " WHERE company_id IS NULL ORDER BY industry"))
        .containsExactly(
            "Hospitality -> On-Premise",
            "Restaurants -> On-Premise",
            "Retail -> Off-Premise",
            "Wholesale -> Distributor");
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO mapping.crm_industry_customer_types (company_id, industry,"
                            + " customer_type) VALUES (NULL, 'RETAIL', 'Direct')")))
        .as("matched case-insensitively, so 'RETAIL' is the same industry")
        .isEqualTo(UNIQUE_VIOLATION);
    Sql.update(
        dataSource,
        "INSERT INTO mapping.crm_industry_customer_types (company_id, industry, customer_type)"
            + " VALUES (?, 'Retail', 'Direct')",
        COMPANIES.incrementAndGet());
  }

  @Test
  void syncPreferenceDefaultsAreTheSeedDesigns() throws SQLException {
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT entity || ' ' || conflict_strategy || ' ' || direction || ' ' || enabled"
                    + " || ' ' || poll_interval_seconds || ' ' || reconcile_cron"
                    + " FROM mapping.crm_sync_preferences WHERE company_id IS NULL ORDER BY entity"))
        .containsExactly(
            "Account LastWriteWins BIDIRECTIONAL true 900 0 0 3 * * *",
            "Contact LastWriteWins BIDIRECTIONAL true 3600 0 0 3 * * *",
            "Opportunity LastWriteWins BIDIRECTIONAL true 900 0 0 3 * * *");
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "INSERT INTO mapping.crm_sync_preferences (company_id, entity,"
                            + " conflict_strategy, poll_interval_seconds)"
                            + " VALUES (?, 'Account', 'NewestWins', 900)",
                        COMPANIES.incrementAndGet())))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void aFieldOfARecordWaitsInTheConflictQueueOnce() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    long pending = conflict(company, 42, "name");
    conflict(company, 42, "phone");
    conflict(company, 43, "name");
    conflict(COMPANIES.incrementAndGet(), 42, "name");

    assertThat(Sql.rejection(() -> conflict(company, 42, "name"))).isEqualTo(UNIQUE_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE mapping.crm_sync_conflicts SET status = 'RESOLVED' WHERE id = ?",
                        pending)))
        .as("a resolution says what won, who decided and when")
        .isEqualTo(CHECK_VIOLATION);

    Sql.update(
        dataSource,
        "UPDATE mapping.crm_sync_conflicts SET status = 'RESOLVED', resolution = 'KEEP_CASKR',"
            + " resolved_by = 'admin@caskr.example', resolved_at = now() WHERE id = ?",
        pending);
    long next = conflict(company, 42, "name");

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT id || ':' || status FROM mapping.crm_sync_conflicts WHERE company_id = "
                    + company
                    + " AND caskr_id = 42 AND field = 'name' ORDER BY id"))
        .containsExactly(pending + ":RESOLVED", next + ":PENDING");
  }

  @Test
  void aRecordIsMappedOncePerCompanyOnEachSide() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    entityMapping(company, "001000000000001AAA", 1);
    entityMapping(COMPANIES.incrementAndGet(), "001000000000001AAA", 1);

    assertThat(Sql.rejection(() -> entityMapping(company, "001000000000001AAA", 2)))
        .isEqualTo(UNIQUE_VIOLATION);
    assertThat(Sql.rejection(() -> entityMapping(company, "001000000000002AAA", 1)))
        .isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void anEventIsProcessedOnceAndTheOutboxHasNoPublishedMark() throws SQLException {
    UUID event = UUID.randomUUID();
    String processed =
        "INSERT INTO mapping.processed_events (event_id, company_id, topic)"
            + " VALUES (?, 1, 'salesforce.account.changed.v1')";
    Sql.update(dataSource, processed, event);
    assertThat(Sql.rejection(() -> Sql.update(dataSource, processed, event)))
        .isEqualTo(UNIQUE_VIOLATION);

    // The relay deletes what Kafka acknowledged (V7): every row is unpublished, read by its key.
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'mapping'"
                    + " AND tablename = 'outbox_events'"))
        .containsExactly("outbox_events_pkey");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'mapping'"
                    + " AND table_name = 'outbox_events' ORDER BY ordinal_position"))
        .containsExactly(
            "id", "company_id", "topic", "message_key", "payload", "headers", "created_at");
  }

  @Test
  void theUpgradeDropsPublishedOutboxRowsAndKeepsTheRest() throws SQLException {
    DataSource upgraded = migratedUpTo("mapping_outbox_upgrade", "6");
    String row =
        "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload, published_at)"
            + " VALUES (1, 'caskr.customer.synced.v1', '1/1', '{}', ?::timestamptz) RETURNING id";
    Sql.insert(upgraded, row, "2026-11-22T20:00:00Z");
    long waiting = Sql.insert(upgraded, row, (Object) null);
    Sql.insert(upgraded, row, "2026-11-22T20:00:01Z");

    ServiceFlyway.configuredAsTheService(upgraded).migrate();

    assertThat(Sql.strings(upgraded, "SELECT id::text FROM mapping.outbox_events"))
        .as("published rows would be sent again without their mark; the unpublished one stays")
        .containsExactly(String.valueOf(waiting));
  }

  @Test
  void pairPagesKeepHalfTheirSpaceForUpdatedVersions() throws SQLException {
    // Every applied change updates its pair; with room on the page the update is HOT and writes
    // none of the pair's four indexes (ADR 0021, seventh pass: 62-72 % HOT at 70, 100 % at 50).
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT unnest(reloptions) FROM pg_class"
                    + " WHERE oid = 'mapping.crm_entity_mappings'::regclass"))
        .containsExactly("fillfactor=50");
  }

  @Test
  void theUpgradeKeepsWaitingOutboxPayloadsAsTheirJsonText() throws SQLException {
    DataSource upgraded = migratedUpTo("mapping_outbox_text", "8");
    Sql.insert(
        upgraded,
        "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload)"
            + " VALUES (1, 'caskr.customer.synced.v1', '1/1', '{\"b\":1,\"a\":[true,null]}')"
            + " RETURNING id");

    ServiceFlyway.configuredAsTheService(upgraded).migrate();

    assertThat(
            Sql.strings(
                upgraded,
                "SELECT data_type FROM information_schema.columns WHERE table_schema = 'mapping'"
                    + " AND table_name = 'outbox_events' AND column_name = 'payload'"))
        .containsExactly("text");
    assertThat(Sql.strings(upgraded, "SELECT payload FROM mapping.outbox_events"))
        .as("the row waiting to be sent keeps its JSON (jsonb's rendering of it)")
        .containsExactly("{\"a\": [true, null], \"b\": 1}");
  }

  /** A fresh database with Caskr's schema and this service's migrations up to {@code version}. */
  private static DataSource migratedUpTo(String database, String version) {
    DataSource upgraded = TestInfrastructure.freshDatabase(database).dataSource();
    CaskrDomainSchema.migrate(upgraded);
    Flyway.configure()
        .configuration(ServiceFlyway.configuredAsTheService(upgraded).getConfiguration())
        .target(version)
        .load()
        .migrate();
    return upgraded;
  }

  private static long conflict(long company, long caskrId, String field) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO mapping.crm_sync_conflicts (company_id, org_id, entity, caskr_id,"
            + " salesforce_id, field, salesforce_field, base_value, salesforce_value, caskr_value,"
            + " detected_direction, strategy, is_critical)"
            + " VALUES (?, ?, 'Account', ?, '001000000000001AAA', ?, 'Name', '\"Old\"',"
            + " '\"From Salesforce\"', '\"From Caskr\"', 'INBOUND', 'LastWriteWins', true)"
            + " RETURNING id",
        company,
        ORG,
        caskrId,
        field);
  }

  private static void entityMapping(long company, String accountId, long customerId)
      throws SQLException {
    Sql.update(
        dataSource,
        "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
            + " salesforce_id, caskr_entity, caskr_id, last_synced_fields)"
            + " VALUES (?, ?, 'Account', ?, 'customer', ?, '{\"name\": \"Highland Bar\"}')",
        company,
        ORG,
        accountId,
        customerId);
  }
}
