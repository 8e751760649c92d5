package com.caskr.sync.emulator.org;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Salesforce derives and enforces beyond field types: names, the sales process (stage →
 * IsClosed/IsWon/Probability/forecast), line-item pricing and the opportunity roll-up, price book
 * consistency.
 */
final class SalesRules {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Org org;

  SalesRules(Org org) {
    this.org = org;
  }

  static String fullName(String first, String last) {
    if (first == null || first.isEmpty()) {
      return last;
    }
    return last == null ? first : first + " " + last;
  }

  void beforeWrite(
      Org.Tx tx,
      SObjectType type,
      Map<String, Object> old,
      Map<String, Object> row,
      Map<Field, Object> input) {
    switch (type.name()) {
      case "Contact", "User" -> {
        String name = fullName((String) row.get("FirstName"), (String) row.get("LastName"));
        putOrRemove(row, "Name", name);
        if (type.name().equals("User") && old == null && !given(input, "IsActive")) {
          row.put("IsActive", true);
        }
      }
      case "Opportunity" -> opportunity(old, row, input);
      case "OpportunityLineItem" -> lineItem(old, row, input);
      case "PricebookEntry" -> pricebookEntry(old, row);
      default -> {}
    }
  }

  void afterWrite(Org.Tx tx, SObjectType type, Map<String, Object> old, Map<String, Object> row) {
    if (type.name().equals("OpportunityLineItem")) {
      Map<String, Object> entry = org.stored((String) row.get("PricebookEntryId"));
      rollUp(tx, (String) row.get("OpportunityId"), (String) entry.get("Pricebook2Id"));
    }
  }

  /** After a delete or hard delete whose root was this record. */
  void afterRemoval(Org.Tx tx, SObjectType type, Map<String, Object> root) {
    if (type.name().equals("OpportunityLineItem")) {
      rollUp(tx, (String) root.get("OpportunityId"), null);
    }
  }

  void afterRestore(Org.Tx tx, SObjectType type, Map<String, Object> root) {
    afterRemoval(tx, type, root);
  }

  // ---- Opportunity ----

  private void opportunity(
      Map<String, Object> old, Map<String, Object> row, Map<Field, Object> input) {
    String stageName = (String) row.get("StageName");
    Stage stage =
        org.schema()
            .stage(stageName)
            .orElseGet(() -> new Stage(stageName, 0, "Pipeline", false, false));
    boolean stageChanged = old == null || !stageName.equals(old.get("StageName"));
    row.put("IsClosed", stage.closed());
    row.put("IsWon", stage.won());
    if (stageChanged && !given(input, "Probability")) {
      row.put("Probability", BigDecimal.valueOf(stage.defaultProbability()));
    }
    // A closed stage fixes the forecast category; open stages suggest one the user may override.
    if (stage.closed()
        || (stageChanged && !given(input, "ForecastCategoryName"))
        || row.get("ForecastCategoryName") == null) {
      row.put("ForecastCategoryName", stage.forecastCategoryName());
    }
    row.put("ForecastCategory", apiForecastCategory((String) row.get("ForecastCategoryName")));
    if (old != null && Boolean.TRUE.equals(old.get("HasOpportunityLineItem"))) {
      // With line items the amount is their sum; Salesforce drops writes to it without a word.
      putOrRemove(row, "Amount", old.get("Amount"));
      putOrRemove(row, "TotalOpportunityQuantity", old.get("TotalOpportunityQuantity"));
      if (!Objects.equals(old.get("Pricebook2Id"), row.get("Pricebook2Id"))) {
        throw new RequestRejected(
            ErrorCode.FIELD_INTEGRITY_EXCEPTION,
            "field integrity exception: Pricebook2Id (cannot change the price book of an"
                + " opportunity with line items)",
            "Pricebook2Id");
      }
    }
    expectedRevenue(row);
    LocalDate closeDate = (LocalDate) row.get("CloseDate");
    row.put("FiscalYear", BigDecimal.valueOf(closeDate.getYear()));
    row.put("FiscalQuarter", BigDecimal.valueOf((closeDate.getMonthValue() - 1) / 3 + 1));
  }

  private static String apiForecastCategory(String name) {
    return switch (name) {
      case "Best Case" -> "BestCase";
      case "Commit" -> "Forecast";
      case "Closed" -> "Closed";
      case "Omitted" -> "Omitted";
      default -> "Pipeline";
    };
  }

  private static void expectedRevenue(Map<String, Object> row) {
    BigDecimal amount = (BigDecimal) row.get("Amount");
    BigDecimal probability = (BigDecimal) row.get("Probability");
    if (amount == null || probability == null) {
      row.remove("ExpectedRevenue");
    } else {
      row.put(
          "ExpectedRevenue", amount.multiply(probability).divide(HUNDRED, 2, RoundingMode.HALF_UP));
    }
  }

  /** Recomputes the opportunity's line-item roll-up as a system change of its own. */
  private void rollUp(Org.Tx tx, String opportunityId, String pricebookId) {
    Map<String, Object> old = org.stored(opportunityId);
    if (old == null || old.get("IsDeleted") == Boolean.TRUE) {
      return;
    }
    List<Map<String, Object>> lines = org.children(opportunityId, "OpportunityLineItem", false);
    var row = new HashMap<>(old);
    if (!lines.isEmpty()) {
      BigDecimal amount = BigDecimal.ZERO;
      BigDecimal quantity = BigDecimal.ZERO;
      for (Map<String, Object> line : lines) {
        amount = amount.add((BigDecimal) line.get("TotalPrice"));
        quantity = quantity.add((BigDecimal) line.get("Quantity"));
      }
      row.put("Amount", amount.setScale(2, RoundingMode.HALF_UP));
      row.put("TotalOpportunityQuantity", quantity.setScale(2, RoundingMode.HALF_UP));
      row.put("HasOpportunityLineItem", true);
    } else if (Boolean.TRUE.equals(old.get("HasOpportunityLineItem"))) {
      // [U] the last line removed leaves the sum of no lines; the amount is editable again.
      row.put("Amount", BigDecimal.ZERO.setScale(2));
      row.remove("TotalOpportunityQuantity");
      row.put("HasOpportunityLineItem", false);
    }
    if (pricebookId != null && row.get("Pricebook2Id") == null) {
      row.put("Pricebook2Id", pricebookId);
    }
    expectedRevenue(row);
    org.recalculate(tx, opportunityId, row);
  }

  // ---- OpportunityLineItem ----

  private void lineItem(
      Map<String, Object> old, Map<String, Object> row, Map<Field, Object> input) {
    if (old == null) {
      priceBookEntryOf(row);
    }
    boolean unitGiven = given(input, "UnitPrice") && row.get("UnitPrice") != null;
    boolean totalGiven = given(input, "TotalPrice") && row.get("TotalPrice") != null;
    if (unitGiven && totalGiven) {
      throw integrity("TotalPrice (cannot specify both unit price and total price)", "TotalPrice");
    }
    BigDecimal quantity = (BigDecimal) row.get("Quantity");
    if (quantity.signum() == 0) {
      throw integrity("Quantity (quantity must be nonzero)", "Quantity");
    }
    BigDecimal discount = (BigDecimal) row.get("Discount");
    BigDecimal factor =
        discount == null
            ? BigDecimal.ONE
            : BigDecimal.ONE.subtract(discount.divide(HUNDRED, 6, RoundingMode.HALF_UP));
    if (totalGiven) {
      BigDecimal divisor = quantity.multiply(factor);
      if (divisor.signum() == 0) {
        throw integrity("Discount (a 100% discount needs a unit price)", "Discount");
      }
      row.put(
          "UnitPrice",
          ((BigDecimal) row.get("TotalPrice")).divide(divisor, 2, RoundingMode.HALF_UP));
      return;
    }
    BigDecimal unitPrice = (BigDecimal) row.get("UnitPrice");
    if (unitPrice == null) {
      if (old == null) {
        throw integrity("unknown (must specify either UnitPrice or TotalPrice)", "UnitPrice");
      }
      throw new RequestRejected(
          ErrorCode.REQUIRED_FIELD_MISSING,
          "Required fields are missing: [UnitPrice]",
          "UnitPrice");
    }
    row.put(
        "TotalPrice",
        quantity.multiply(unitPrice).multiply(factor).setScale(2, RoundingMode.HALF_UP));
  }

  private void priceBookEntryOf(Map<String, Object> row) {
    Map<String, Object> opportunity = org.stored((String) row.get("OpportunityId"));
    String opportunityBook = (String) opportunity.get("Pricebook2Id");
    String productId = (String) row.get("Product2Id");
    Map<String, Object> entry;
    if (row.get("PricebookEntryId") != null) {
      entry = org.stored((String) row.get("PricebookEntryId"));
    } else if (productId != null) {
      String book = opportunityBook != null ? opportunityBook : org.standardPricebookId();
      entry =
          org.children(productId, "PricebookEntry", false).stream()
              .filter(e -> book.equals(e.get("Pricebook2Id")))
              .findFirst()
              .orElseThrow(
                  () ->
                      integrity(
                          "Product2Id (no price book entry for this product in the"
                              + " opportunity's price book)",
                          "Product2Id"));
      row.put("PricebookEntryId", entry.get("Id"));
    } else {
      throw new RequestRejected(
          ErrorCode.REQUIRED_FIELD_MISSING,
          "Required fields are missing: [PricebookEntryId]",
          "PricebookEntryId");
    }
    if (productId != null && !productId.equals(entry.get("Product2Id"))) {
      throw integrity("Product2Id (does not match the price book entry's product)", "Product2Id");
    }
    if (!Boolean.TRUE.equals(entry.get("IsActive"))) {
      throw integrity("PricebookEntryId (pricebook entry is inactive)", "PricebookEntryId");
    }
    if (opportunityBook != null && !opportunityBook.equals(entry.get("Pricebook2Id"))) {
      throw integrity(
          "PricebookEntryId (pricebook entry is in a different pricebook than the one assigned"
              + " to the opportunity)",
          "PricebookEntryId");
    }
    Map<String, Object> product = org.stored((String) entry.get("Product2Id"));
    row.put("Product2Id", product.get("Id"));
    putOrRemove(row, "ProductCode", product.get("ProductCode"));
    String name = opportunity.get("Name") + " " + product.get("Name");
    row.put("Name", name.length() > 376 ? name.substring(0, 376) : name);
    row.put("ListPrice", entry.get("UnitPrice"));
  }

  // ---- PricebookEntry ----

  private void pricebookEntry(Map<String, Object> old, Map<String, Object> row) {
    if (old != null) {
      return;
    }
    String productId = (String) row.get("Product2Id");
    String bookId = (String) row.get("Pricebook2Id");
    List<Map<String, Object>> entries = org.children(productId, "PricebookEntry", false);
    if (entries.stream().anyMatch(e -> bookId.equals(e.get("Pricebook2Id")))) {
      throw new RequestRejected(
          ErrorCode.DUPLICATE_VALUE, "This price definition already exists in this price book");
    }
    Map<String, Object> book = org.stored(bookId);
    if (!Boolean.TRUE.equals(book.get("IsStandard"))
        && entries.stream()
            .noneMatch(e -> org.standardPricebookId().equals(e.get("Pricebook2Id")))) {
      throw new RequestRejected(
          ErrorCode.STANDARD_PRICE_NOT_DEFINED, "No standard price defined for this product");
    }
    Map<String, Object> product = org.stored(productId);
    row.put("Name", product.get("Name"));
    putOrRemove(row, "ProductCode", product.get("ProductCode"));
  }

  // ---- shared ----

  private static boolean given(Map<Field, Object> input, String fieldName) {
    for (Field field : input.keySet()) {
      if (field.name().equals(fieldName)) {
        return true;
      }
    }
    return false;
  }

  private static void putOrRemove(Map<String, Object> row, String field, Object value) {
    if (value == null) {
      row.remove(field);
    } else {
      row.put(field, value);
    }
  }

  private static RequestRejected integrity(String detail, String field) {
    return new RequestRejected(
        ErrorCode.FIELD_INTEGRITY_EXCEPTION, "field integrity exception: " + detail, field);
  }
}
