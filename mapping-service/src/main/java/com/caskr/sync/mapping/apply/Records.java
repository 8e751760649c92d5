package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.mapping.rules.RecordRules;
import com.caskr.sync.mapping.rules.RecordRules.OrderLineValues;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.Customer;
import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.CustomerType;
import com.caskr.sync.schema.events.Order;
import com.caskr.sync.schema.events.OrderLine;
import com.caskr.sync.schema.events.OrderStatus;
import com.caskr.sync.schema.events.OrderSynced;
import com.caskr.sync.schema.events.PortalUser;
import com.caskr.sync.schema.events.PortalUserSynced;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.events.SyncOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The entity-specific SQL of applying a change: matching records that have no mapping yet, order
 * lines from line items, owners' emails, the stub customer of an opportunity whose Account has not
 * been synced, and the synced events read back from the rows.
 */
final class Records {

  private static final String UNPAIRED =
      " AND NOT EXISTS (SELECT 1 FROM mapping.crm_entity_mappings m WHERE m.company_id ="
          + " t.company_id AND m.caskr_entity = ? AND m.caskr_id = t.id)";

  private final JdbcClient jdbc;
  private final CaskrRows rows;

  Records(JdbcClient jdbc, CaskrRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /**
   * The event's fields with OwnerId replaced by the owner's email, which the user_by_email lookup
   * matches against caskr.users. The email comes from the Owner relationship the event carries
   * ({@code "Owner": {"Id": ..., "Email": ...}}, remembered in crm_salesforce_users) or from what
   * was remembered earlier. Unknown owners keep their id: the lookup finds nobody, the customer
   * stays unassigned and the sync log says LOOKUP_NOT_FOUND.
   */
  Map<String, Object> withOwnerEmail(SalesforceRecordChanged event) {
    Optional<String> ownerId = RecordRules.ownerId(event.fields());
    if (ownerId.isEmpty()) {
      return event.fields();
    }
    long company = event.tenant().companyId();
    RecordRules.ownerEmail(event.fields())
        .ifPresent(
            owner ->
                jdbc.sql(
                        "INSERT INTO mapping.crm_salesforce_users (company_id, user_id, email)"
                            + " VALUES (?, ?, ?) ON CONFLICT (company_id, user_id) DO UPDATE"
                            + " SET email = excluded.email, updated_at = now()"
                            + " WHERE crm_salesforce_users.email <> excluded.email")
                    .params(company, owner.userId(), owner.email())
                    .update());
    return jdbc.sql(
            "SELECT email FROM mapping.crm_salesforce_users"
                + " WHERE company_id = ? AND user_id = ?")
        .params(company, ownerId.get())
        .query(String.class)
        .optional()
        .map(email -> RecordRules.withOwnerEmail(event.fields(), email))
        .orElse(event.fields());
  }

  /**
   * An opportunity whose Account has no customer yet gets one first: the unpaired customer already
   * linked to that Account id, or a stub named after the Account id. The stub's snapshot records
   * its own values, so the Account's own event later replaces them without conflicts.
   */
  void ensureAccount(
      SalesforceRecordChanged event, FieldRules accountRules, EntityMappings mappings) {
    if (!(event.fields().get("AccountId") instanceof String text)
        || !SalesforceId.isValid(text)
        || !text.startsWith(SalesforceEntity.ACCOUNT.keyPrefix())) {
      return;
    }
    long company = event.tenant().companyId();
    SalesforceId accountId = SalesforceId.of(text);
    if (mappings.caskrIdOf(company, SalesforceEntity.ACCOUNT, accountId.value()).isPresent()) {
      return;
    }
    long customerId =
        jdbc.sql(
                "SELECT id FROM caskr.customers t WHERE company_id = ?"
                    + " AND salesforce_account_id = ?"
                    + UNPAIRED)
            .params(company, accountId.value(), CaskrTable.CUSTOMERS.caskrEntity())
            .query(Long.class)
            .optional()
            .orElseGet(
                () ->
                    rows.insert(
                        CaskrTable.CUSTOMERS,
                        company,
                        accountId,
                        Map.of("name", "Salesforce Account " + accountId.value()),
                        Map.of()));
    CaskrRows.Row row = rows.read(CaskrTable.CUSTOMERS, company, customerId).orElseThrow();
    Map<String, Object> snapshot = new LinkedHashMap<>();
    accountRules
        .inboundByCaskrField()
        .keySet()
        .forEach(field -> snapshot.put(field, row.values().get(field)));
    mappings.pair(
        company,
        event.tenant().orgId(),
        SalesforceEntity.ACCOUNT,
        accountId,
        CaskrTable.CUSTOMERS.caskrEntity(),
        customerId,
        snapshot,
        null,
        row.updatedAt(),
        null);
  }

  /**
   * The unpaired Caskr row a record with no mapping is the same as: by Salesforce id, then a
   * contact by email, a customer by website domain or normalised name. Only an unambiguous match
   * counts; otherwise a new row is created.
   */
  Optional<Long> match(SalesforceRecordChanged event, CaskrTable table) {
    long company = event.tenant().companyId();
    Optional<Long> byId =
        unique(
            "SELECT id FROM "
                + table.table()
                + " t WHERE company_id = ? AND "
                + table.salesforceIdColumn()
                + " = ?"
                + UNPAIRED,
            company,
            event.recordId().value(),
            table.caskrEntity());
    if (byId.isPresent() || table == CaskrTable.ORDERS) {
      return byId;
    }
    if (table == CaskrTable.PORTAL_USERS) {
      return RecordRules.text(event.fields().get("Email"))
          .flatMap(
              email ->
                  unique(
                      "SELECT id FROM caskr.portal_users t WHERE company_id = ?"
                          + " AND lower(email) = lower(?) AND salesforce_contact_id IS NULL"
                          + UNPAIRED,
                      company,
                      email,
                      table.caskrEntity()));
    }
    Optional<Long> byDomain =
        RecordRules.text(event.fields().get("Website"))
            .map(RecordRules::domain)
            .filter(domain -> !domain.isEmpty())
            .flatMap(
                domain ->
                    unique(
                        "SELECT id FROM caskr.customers t WHERE company_id = ?"
                            + " AND salesforce_account_id IS NULL AND lower(split_part("
                            + "regexp_replace(regexp_replace(btrim(website),"
                            + " '^[A-Za-z][A-Za-z0-9+.-]*://', ''), '^www\\.', '', 'i'), '/', 1))"
                            + " = ?"
                            + UNPAIRED,
                        company,
                        domain,
                        table.caskrEntity()));
    if (byDomain.isPresent()) {
      return byDomain;
    }
    return RecordRules.text(event.fields().get("Name"))
        .flatMap(
            name ->
                unique(
                    "SELECT id FROM caskr.customers t WHERE company_id = ?"
                        + " AND salesforce_account_id IS NULL"
                        + " AND lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = ?"
                        + UNPAIRED,
                    company,
                    RecordRules.normalisedName(name),
                    table.caskrEntity()));
  }

  /** The product codes of line items that name no Caskr product of the company. */
  List<String> unknownSkus(long company, List<Map<String, Object>> lineItems) {
    Set<String> skus = RecordRules.productCodes(lineItems);
    Set<String> known =
        skus.isEmpty()
            ? Set.of()
            : Set.copyOf(
                jdbc.sql("SELECT sku FROM caskr.products WHERE company_id = ? AND sku = ANY(?)")
                    .params(company, skus.toArray(String[]::new))
                    .query(String.class)
                    .list());
    return RecordRules.unknownSkus(lineItems, known);
  }

  /** Another portal user of the company with this email, case-insensitively. */
  Optional<Long> portalUserWithEmail(long company, String email, Long except) {
    return jdbc.sql(
            "SELECT id FROM caskr.portal_users WHERE company_id = ? AND lower(email) = lower(?)"
                + " AND id <> coalesce(?::bigint, -1)")
        .params(company, email, except)
        .query(Long.class)
        .optional();
  }

  /**
   * Makes the order's lines the line items (the full current set, by SKU = ProductCode), unless
   * they already are; every SKU is known (checked before).
   *
   * @return whether the lines changed
   */
  boolean replaceLines(long company, long orderId, List<Map<String, Object>> lineItems) {
    List<OrderLineValues> wanted =
        RecordRules.orderLines(
            lineItems,
            sku ->
                jdbc.sql("SELECT id FROM caskr.products WHERE company_id = ? AND sku = ?")
                    .params(company, sku)
                    .query(Long.class)
                    .single());
    List<OrderLineValues> current =
        jdbc.sql(
                "SELECT product_id, line_number, quantity, unit_price, total_price, description,"
                    + " salesforce_line_item_id FROM caskr.order_lines"
                    + " WHERE company_id = ? AND order_id = ? ORDER BY line_number")
            .params(company, orderId)
            .query(
                (rs, n) ->
                    new OrderLineValues(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getString(6),
                        rs.getString(7)))
            .list();
    if (OrderLineValues.same(current, wanted)) {
      return false;
    }
    jdbc.sql("DELETE FROM caskr.order_lines WHERE company_id = ? AND order_id = ?")
        .params(company, orderId)
        .update();
    for (OrderLineValues line : wanted) {
      jdbc.sql(
              "INSERT INTO caskr.order_lines (company_id, order_id, product_id, line_number,"
                  + " quantity, unit_price, total_price, description, salesforce_line_item_id)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              company,
              orderId,
              line.productId(),
              line.number(),
              line.quantity(),
              line.unitPrice(),
              line.total(),
              line.description(),
              line.salesforceId())
          .update();
    }
    return true;
  }

  /** The {@code caskr.<entity>.synced.v1} event of a row as it is now ({@code current}). */
  SyncEvent synced(
      SalesforceRecordChanged event,
      CaskrTable table,
      CaskrRows.Row current,
      SyncOutcome outcome,
      Instant now) {
    long company = event.tenant().companyId();
    long caskrId = current.id();
    Map<String, Object> row = current.values();
    UUID eventId = UUID.randomUUID();
    return switch (table) {
      case CUSTOMERS ->
          new CustomerSynced(
              eventId,
              CustomerSynced.SCHEMA_VERSION,
              event.tenant(),
              new Customer(
                  caskrId,
                  (String) row.get("name"),
                  customerType((String) row.get("customer_type")),
                  (String) row.get("email"),
                  (String) row.get("phone"),
                  (String) row.get("website"),
                  (String) row.get("billing_street"),
                  (String) row.get("billing_city"),
                  (String) row.get("billing_state"),
                  (String) row.get("billing_postal_code"),
                  (String) row.get("billing_country"),
                  number(row.get("assigned_user_id")),
                  Boolean.TRUE.equals(row.get("is_active")),
                  event.recordId()),
              event.recordId(),
              outcome,
              event.eventId(),
              now,
              event.traceId());
      case ORDERS ->
          new OrderSynced(
              eventId,
              OrderSynced.SCHEMA_VERSION,
              event.tenant(),
              new Order(
                  caskrId,
                  number(row.get("customer_id")),
                  (String) row.get("order_number"),
                  orderStatus((String) row.get("status")),
                  row.get("order_date") == null
                      ? null
                      : LocalDate.parse((String) row.get("order_date")),
                  RecordRules.decimal(row.get("total_amount"), BigDecimal.ZERO),
                  (String) row.get("notes"),
                  event.recordId(),
                  lines(company, caskrId)),
              event.recordId(),
              outcome,
              event.eventId(),
              now,
              event.traceId());
      case PORTAL_USERS ->
          new PortalUserSynced(
              eventId,
              PortalUserSynced.SCHEMA_VERSION,
              event.tenant(),
              new PortalUser(
                  caskrId,
                  number(row.get("customer_id")),
                  (String) row.get("email"),
                  (String) row.get("first_name"),
                  (String) row.get("last_name"),
                  (String) row.get("phone"),
                  Boolean.TRUE.equals(row.get("is_cask_investor")),
                  Boolean.TRUE.equals(row.get("portal_enabled")),
                  Boolean.TRUE.equals(row.get("is_active")),
                  event.recordId()),
              event.recordId(),
              outcome,
              event.eventId(),
              now,
              event.traceId());
    };
  }

  private List<OrderLine> lines(long company, long orderId) {
    return jdbc.sql(
            "SELECT l.id, l.product_id, p.sku, l.quantity, l.unit_price, l.total_price,"
                + " l.salesforce_line_item_id FROM caskr.order_lines l JOIN caskr.products p"
                + " ON p.company_id = l.company_id AND p.id = l.product_id"
                + " WHERE l.company_id = ? AND l.order_id = ? ORDER BY l.line_number")
        .params(company, orderId)
        .query(
            (rs, n) ->
                new OrderLine(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getBigDecimal(4),
                    rs.getBigDecimal(5),
                    rs.getBigDecimal(6),
                    rs.getString(7) == null ? null : SalesforceId.of(rs.getString(7))))
        .list();
  }

  private Optional<Long> unique(String sql, Object... params) {
    List<Long> ids = jdbc.sql(sql + " LIMIT 2").params(params).query(Long.class).list();
    return ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static CustomerType customerType(String value) {
    return Arrays.stream(CustomerType.values())
        .filter(type -> type.caskrValue().equals(value))
        .findFirst()
        .orElse(null);
  }

  private static OrderStatus orderStatus(String value) {
    return Arrays.stream(OrderStatus.values())
        .filter(status -> status.caskrValue().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown order status " + value));
  }
}
