package com.caskr.sync.mapping.mappings;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/** The crm_entity_mappings store: one row per Salesforce record paired with a Caskr row. */
public final class EntityMappings {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /**
   * The select list {@link #read} reads, for a query of crm_entity_mappings written elsewhere (e.g.
   * joined to the Caskr rows in one statement).
   */
  public static final String COLUMNS =
      "id, company_id, org_id, salesforce_object, salesforce_id, caskr_id,"
          + " last_synced_fields::text AS snapshot, last_source_version, sync_status";

  private final JdbcClient jdbc;

  public EntityMappings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The mapping of a Salesforce record, locked until the transaction ends: events of one record are
   * applied one at a time, whichever instance or partition assignment delivers them.
   */
  public Optional<EntityMapping> lock(
      long companyId, SalesforceEntity object, SalesforceId salesforceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM mapping.crm_entity_mappings WHERE company_id = ? AND salesforce_object = ?"
                + " AND salesforce_id = ? FOR UPDATE")
        .params(companyId, object.apiName(), salesforceId.value())
        .query(EntityMappings::mapping)
        .optional();
  }

  /** The Caskr id paired with a Salesforce record, deleted pairs included. */
  public Optional<Long> caskrIdOf(long companyId, SalesforceEntity object, String salesforceId) {
    return jdbc.sql(
            "SELECT caskr_id FROM mapping.crm_entity_mappings WHERE company_id = ?"
                + " AND salesforce_object = ? AND salesforce_id = ?")
        .params(companyId, object.apiName(), salesforceId)
        .query(Long.class)
        .optional();
  }

  /** Whether a Caskr row is already paired with some Salesforce record. */
  public boolean isPaired(long companyId, SalesforceEntity object, long caskrId) {
    return jdbc.sql(
                "SELECT count(*) FROM mapping.crm_entity_mappings WHERE company_id = ?"
                    + " AND salesforce_object = ? AND caskr_id = ?")
            .params(companyId, object.apiName(), caskrId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Pairs a Salesforce record with a Caskr row; the snapshot starts as {@code snapshot}. */
  public long pair(
      long companyId,
      SalesforceId orgId,
      SalesforceEntity object,
      SalesforceId salesforceId,
      String caskrEntity,
      long caskrId,
      Map<String, Object> snapshot,
      Instant salesforceModifiedAt,
      Instant caskrModifiedAt,
      Instant sourceVersion) {
    return jdbc.sql(
            "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
                + " salesforce_id, caskr_entity, caskr_id, last_synced_fields,"
                + " salesforce_modified_at, caskr_modified_at, last_source_version, last_synced_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now()) RETURNING id")
        .params(
            companyId,
            orgId.value(),
            object.apiName(),
            salesforceId.value(),
            caskrEntity,
            caskrId,
            EventJson.mapper().writeValueAsString(snapshot),
            timestamp(salesforceModifiedAt),
            timestamp(caskrModifiedAt),
            timestamp(sourceVersion))
        .query(Long.class)
        .single();
  }

  /** Records a sync of the pair: the new snapshot, both modification times and the version. */
  public void synced(
      long mappingId,
      Map<String, Object> snapshot,
      Instant salesforceModifiedAt,
      Instant caskrModifiedAt,
      Instant sourceVersion,
      boolean deleted) {
    jdbc.sql(
            "UPDATE mapping.crm_entity_mappings SET last_synced_fields = ?::jsonb,"
                + " salesforce_modified_at = ?, caskr_modified_at = ?, last_source_version = ?,"
                + " sync_status = ?, deleted_at = CASE WHEN ? THEN coalesce(deleted_at, now())"
                + " END, last_synced_at = now() WHERE id = ?")
        .params(
            EventJson.mapper().writeValueAsString(snapshot),
            timestamp(salesforceModifiedAt),
            timestamp(caskrModifiedAt),
            timestamp(sourceVersion),
            deleted ? "DELETED" : "ACTIVE",
            deleted,
            mappingId)
        .update();
  }

  /**
   * Writes a Caskr row and records the sync of its pair in ONE statement (one round trip instead of
   * two): {@code caskrWrite} is an UPDATE of the row that returns its {@code updated_at} (and
   * whatever {@code mapper} reads); the pair's {@code caskr_modified_at} becomes that time, the
   * rest as {@link #synced}.
   *
   * @return the Caskr row as {@code caskrWrite} returned it
   */
  public <T> T writeAndSync(
      String caskrWrite,
      List<Object> caskrParams,
      RowMapper<T> mapper,
      long mappingId,
      Map<String, Object> snapshot,
      Instant salesforceModifiedAt,
      Instant sourceVersion,
      boolean deleted) {
    List<Object> params = new ArrayList<>(caskrParams);
    params.add(EventJson.mapper().writeValueAsString(snapshot));
    params.add(timestamp(salesforceModifiedAt));
    params.add(timestamp(sourceVersion));
    params.add(deleted ? "DELETED" : "ACTIVE");
    params.add(deleted);
    params.add(mappingId);
    return jdbc.sql(
            "WITH caskr AS ("
                + caskrWrite
                + "), pair AS (UPDATE mapping.crm_entity_mappings SET last_synced_fields = ?::jsonb,"
                + " salesforce_modified_at = ?, caskr_modified_at = (SELECT updated_at FROM caskr),"
                + " last_source_version = ?, sync_status = ?, deleted_at = CASE WHEN ?"
                + " THEN coalesce(deleted_at, now()) END, last_synced_at = now() WHERE id = ?)"
                + " SELECT * FROM caskr")
        .params(params)
        .query(mapper)
        .single();
  }

  /** Moves the applied version forward without changing the pair (an echo, a skipped stage). */
  public void advance(long mappingId, Instant sourceVersion) {
    jdbc.sql(
            "UPDATE mapping.crm_entity_mappings SET last_source_version = ?"
                + " WHERE id = ? AND (last_source_version IS NULL OR last_source_version < ?)")
        .params(timestamp(sourceVersion), mappingId, timestamp(sourceVersion))
        .update();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** The mapping in the current row of {@code rs}, selected with {@link #COLUMNS}. */
  public static EntityMapping read(ResultSet rs) throws SQLException {
    return mapping(rs, rs.getRow());
  }

  private static EntityMapping mapping(ResultSet rs, int row) throws SQLException {
    Timestamp version = rs.getTimestamp("last_source_version");
    return new EntityMapping(
        rs.getLong("id"),
        rs.getLong("company_id"),
        SalesforceId.of(rs.getString("org_id")),
        entity(rs.getString("salesforce_object")),
        SalesforceId.of(rs.getString("salesforce_id")),
        rs.getLong("caskr_id"),
        EventJson.mapper().readValue(rs.getString("snapshot"), OBJECT),
        version == null ? null : version.toInstant(),
        "DELETED".equals(rs.getString("sync_status")));
  }

  private static SalesforceEntity entity(String apiName) {
    for (SalesforceEntity entity : SalesforceEntity.values()) {
      if (entity.apiName().equals(apiName)) {
        return entity;
      }
    }
    throw new IllegalStateException("Unknown salesforce_object " + apiName);
  }
}
