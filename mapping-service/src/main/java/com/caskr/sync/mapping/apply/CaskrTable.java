package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Caskr tables the sync writes, with the columns a field mapping may write and their SQL types.
 * Column names from crm_field_mappings are checked against this list before they reach SQL.
 */
enum CaskrTable {
  CUSTOMERS(
      SalesforceEntity.ACCOUNT,
      "customer",
      "caskr.customers",
      "salesforce_account_id",
      Map.ofEntries(
          Map.entry("name", "text"),
          Map.entry("customer_type", "text"),
          Map.entry("email", "text"),
          Map.entry("phone", "text"),
          Map.entry("website", "text"),
          Map.entry("billing_street", "text"),
          Map.entry("billing_city", "text"),
          Map.entry("billing_state", "text"),
          Map.entry("billing_postal_code", "text"),
          Map.entry("billing_country", "text"),
          Map.entry("assigned_user_id", "bigint"))),
  ORDERS(
      SalesforceEntity.OPPORTUNITY,
      "order",
      "caskr.orders",
      "salesforce_opportunity_id",
      Map.of(
          "customer_id", "bigint",
          "status", "text",
          "order_date", "date",
          "total_amount", "numeric",
          "notes", "text")),
  PORTAL_USERS(
      SalesforceEntity.CONTACT,
      "portal-user",
      "caskr.portal_users",
      "salesforce_contact_id",
      Map.of(
          "customer_id", "bigint",
          "email", "text",
          "first_name", "text",
          "last_name", "text",
          "phone", "text",
          "is_cask_investor", "boolean",
          "portal_enabled", "boolean"));

  private final SalesforceEntity salesforceObject;
  private final String caskrEntity;
  private final String table;
  private final String salesforceIdColumn;
  private final Map<String, String> columns;
  private final Map<String, String> readColumns;

  CaskrTable(
      SalesforceEntity salesforceObject,
      String caskrEntity,
      String table,
      String salesforceIdColumn,
      Map<String, String> columns) {
    this.salesforceObject = salesforceObject;
    this.caskrEntity = caskrEntity;
    this.table = table;
    this.salesforceIdColumn = salesforceIdColumn;
    this.columns = columns;
    Map<String, String> read = new TreeMap<>(columns);
    read.put(salesforceIdColumn, "text");
    read.put("is_active", "boolean");
    if (caskrEntity.equals("order")) {
      read.put("order_number", "text");
    }
    this.readColumns = Collections.unmodifiableMap(read);
  }

  static CaskrTable of(SalesforceEntity object) {
    return switch (object) {
      case ACCOUNT -> CUSTOMERS;
      case OPPORTUNITY -> ORDERS;
      case CONTACT -> PORTAL_USERS;
    };
  }

  SalesforceEntity salesforceObject() {
    return salesforceObject;
  }

  /** The caskr_entity name of crm_entity_mappings (customer, order, portal-user). */
  String caskrEntity() {
    return caskrEntity;
  }

  String table() {
    return table;
  }

  String salesforceIdColumn() {
    return salesforceIdColumn;
  }

  /** The columns a field mapping may write. */
  java.util.Set<String> columns() {
    return columns.keySet();
  }

  /**
   * The columns a read of a row returns, by SQL type: the writable ones, the Salesforce id, {@code
   * is_active} and an order's number (what the appliers and the synced events read).
   */
  Map<String, String> readColumns() {
    return readColumns;
  }

  /** The SQL type of a writable column. */
  String typeOf(String column) {
    String type = columns.get(column);
    if (type == null) {
      throw new IllegalStateException(
          "A field mapping writes " + caskrEntity + "." + column + ", which the sync cannot write");
    }
    return type;
  }
}
