package com.caskr.sync.mapping.fieldmap;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a mapping may name: the Salesforce fields of Account, Contact and Opportunity (the
 * standard fields of the salesforce-emulator's schema, as described by Salesforce, plus the org's
 * Caskr custom fields) and the Caskr columns the sync may write. Anything else is refused when a
 * mapping is saved, so only known names ever reach a SOQL query or an SQL statement.
 */
public final class FieldCatalogue {

  private static final Set<String> ADDRESS_PARTS =
      Set.of("Street", "City", "State", "PostalCode", "Country");

  private static final Map<SalesforceEntity, Set<String>> WRITABLE =
      Map.of(
          SalesforceEntity.ACCOUNT,
          union(
              Set.of(
                  "Name",
                  "AccountNumber",
                  "Type",
                  "Industry",
                  "AnnualRevenue",
                  "NumberOfEmployees",
                  "Phone",
                  "Fax",
                  "Website",
                  "Description",
                  "AccountSource",
                  "ParentId",
                  "OwnerId",
                  "Caskr_Customer_Id__c"),
              address("Billing"),
              address("Shipping")),
          SalesforceEntity.CONTACT,
          union(
              Set.of(
                  "AccountId",
                  "LastName",
                  "FirstName",
                  "Salutation",
                  "Title",
                  "Department",
                  "Email",
                  "Phone",
                  "MobilePhone",
                  "HomePhone",
                  "OtherPhone",
                  "Fax",
                  "Birthdate",
                  "LeadSource",
                  "Description",
                  "HasOptedOutOfEmail",
                  "DoNotCall",
                  "ReportsToId",
                  "OwnerId",
                  "Caskr_Contact_Id__c",
                  "Cask_Investor__c",
                  "Portal_Access__c"),
              address("Mailing"),
              address("Other")),
          SalesforceEntity.OPPORTUNITY,
          Set.of(
              "Name",
              "AccountId",
              "StageName",
              "CloseDate",
              "Amount",
              "Probability",
              "TotalOpportunityQuantity",
              "ForecastCategoryName",
              "Type",
              "LeadSource",
              "NextStep",
              "Description",
              "Pricebook2Id",
              "OwnerId",
              "Caskr_Order_Status__c"));

  private static final Set<String> READ_ONLY_COMMON =
      Set.of("Id", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById");

  private static final Map<SalesforceEntity, Set<String>> READ_ONLY =
      Map.of(
          SalesforceEntity.ACCOUNT,
          union(READ_ONLY_COMMON, Set.of("MasterRecordId")),
          SalesforceEntity.CONTACT,
          union(READ_ONLY_COMMON, Set.of("MasterRecordId", "Name")),
          SalesforceEntity.OPPORTUNITY,
          union(
              READ_ONLY_COMMON,
              Set.of(
                  "ExpectedRevenue",
                  "ForecastCategory",
                  "IsClosed",
                  "IsWon",
                  "HasOpportunityLineItem",
                  "FiscalYear",
                  "FiscalQuarter")));

  private static final Map<CaskrEntity, Map<String, CaskrColumn>> CASKR =
      Map.of(
          CaskrEntity.CUSTOMER,
          columns(
              CaskrColumn.text("name", true),
              CaskrColumn.choice(
                  "customer_type", "On-Premise", "Off-Premise", "Distributor", "Direct"),
              CaskrColumn.text("email", false),
              CaskrColumn.text("phone", false),
              CaskrColumn.text("website", false),
              CaskrColumn.text("billing_street", false),
              CaskrColumn.text("billing_city", false),
              CaskrColumn.text("billing_state", false),
              CaskrColumn.text("billing_postal_code", false),
              CaskrColumn.text("billing_country", true),
              new CaskrColumn("assigned_user_id", ColumnType.ID, false, List.of())),
          CaskrEntity.ORDER,
          columns(
              new CaskrColumn("customer_id", ColumnType.ID, true, List.of()),
              CaskrColumn.choice(
                  "status",
                  "Draft",
                  "Pending",
                  "Confirmed",
                  "InProduction",
                  "Shipped",
                  "Delivered",
                  "Cancelled"),
              new CaskrColumn("order_date", ColumnType.DATE, false, List.of()),
              new CaskrColumn("total_amount", ColumnType.AMOUNT, true, List.of()),
              CaskrColumn.text("notes", false)),
          CaskrEntity.PORTAL_USER,
          columns(
              new CaskrColumn("customer_id", ColumnType.ID, false, List.of()),
              CaskrColumn.text("email", true),
              CaskrColumn.text("first_name", false),
              CaskrColumn.text("last_name", false),
              CaskrColumn.text("phone", false),
              new CaskrColumn("is_cask_investor", ColumnType.BOOLEAN, true, List.of()),
              new CaskrColumn("portal_enabled", ColumnType.BOOLEAN, true, List.of())));

  private FieldCatalogue() {}

  /** The Salesforce object with API name {@code apiName} (Account, Contact, Opportunity). */
  public static Optional<SalesforceEntity> salesforceObject(String apiName) {
    return java.util.Arrays.stream(SalesforceEntity.values())
        .filter(entity -> entity.apiName().equals(apiName))
        .findFirst();
  }

  /** Whether {@code field} is a field of {@code object} (any, readable). */
  public static boolean salesforceFieldExists(SalesforceEntity object, String field) {
    return WRITABLE.get(object).contains(field) || READ_ONLY.get(object).contains(field);
  }

  /** Whether the sync may write {@code field} of {@code object} in Salesforce. */
  public static boolean salesforceFieldWritable(SalesforceEntity object, String field) {
    return WRITABLE.get(object).contains(field);
  }

  /** The Salesforce fields of {@code object}, for error messages and the admin API. */
  public static List<String> salesforceFields(SalesforceEntity object) {
    return union(WRITABLE.get(object), READ_ONLY.get(object)).stream().sorted().toList();
  }

  /** The Caskr column the sync may write, if {@code column} is one. */
  public static Optional<CaskrColumn> caskrColumn(CaskrEntity entity, String column) {
    return Optional.ofNullable(CASKR.get(entity).get(column));
  }

  /** The Caskr columns of {@code entity} the sync may write. */
  public static List<String> caskrColumns(CaskrEntity entity) {
    return CASKR.get(entity).keySet().stream().sorted().toList();
  }

  /** How a Caskr column's values look in Caskr's JSON representation. */
  public enum ColumnType {
    TEXT,
    /** numeric(18,2), ≥ 0. */
    AMOUNT,
    /** ISO-8601 date text. */
    DATE,
    BOOLEAN,
    /** A positive bigint id of another Caskr row. */
    ID
  }

  /**
   * A Caskr column the sync writes.
   *
   * @param notNull the column refuses null
   * @param choices the allowed values of a text column with a CHECK list; empty for free text
   */
  public record CaskrColumn(String name, ColumnType type, boolean notNull, List<String> choices) {

    public CaskrColumn {
      choices = List.copyOf(choices);
    }

    static CaskrColumn text(String name, boolean notNull) {
      return new CaskrColumn(name, ColumnType.TEXT, notNull, List.of());
    }

    static CaskrColumn choice(String name, String... choices) {
      return new CaskrColumn(name, ColumnType.TEXT, true, List.of(choices));
    }

    /** Why {@code value} cannot be stored in this column, or empty when it can. */
    public Optional<String> problemWith(Object value) {
      if (value == null) {
        return notNull ? Optional.of(name + " must not be empty") : Optional.empty();
      }
      return switch (type) {
        case TEXT -> {
          if (!(value instanceof String text)) {
            yield Optional.of(name + " must be text");
          }
          if (notNull && text.isBlank()) {
            yield Optional.of(name + " must not be blank");
          }
          yield choices.isEmpty() || choices.contains(text)
              ? Optional.empty()
              : Optional.of(name + " must be one of " + String.join(", ", choices));
        }
        case AMOUNT ->
            value instanceof Number number && amount(new BigDecimal(number.toString()))
                ? Optional.empty()
                : Optional.of(name + " must be a non-negative amount with at most 2 decimals");
        case DATE -> {
          try {
            LocalDate.parse(String.valueOf(value));
            yield value instanceof String
                ? Optional.empty()
                : Optional.of(name + " must be a date");
          } catch (DateTimeParseException e) {
            yield Optional.of(name + " must be a date (yyyy-MM-dd)");
          }
        }
        case BOOLEAN ->
            value instanceof Boolean
                ? Optional.empty()
                : Optional.of(name + " must be true or false");
        case ID ->
            (value instanceof Long || value instanceof Integer) && ((Number) value).longValue() > 0
                ? Optional.empty()
                : Optional.of(name + " must be a positive id");
      };
    }
  }

  /** Fits numeric(18,2) and the CHECK (>= 0) of Caskr's amount columns. */
  private static boolean amount(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return value.signum() >= 0
        && stripped.scale() <= 2
        && stripped.precision() - stripped.scale() <= 16;
  }

  private static Set<String> address(String prefix) {
    return ADDRESS_PARTS.stream()
        .map(part -> prefix + part)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    return java.util.Arrays.stream(sets)
        .flatMap(Set::stream)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static Map<String, CaskrColumn> columns(CaskrColumn... columns) {
    return java.util.Arrays.stream(columns)
        .collect(
            java.util.stream.Collectors.toUnmodifiableMap(CaskrColumn::name, column -> column));
  }
}
