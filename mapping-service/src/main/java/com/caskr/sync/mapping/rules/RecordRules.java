package com.caskr.sync.mapping.rules;

import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The appliers' decisions that need no database (issue 6, seed design): which opportunity stage
 * makes an order, which line items name a product and what order lines they become, which owner
 * email an event teaches, and how an unmapped record's website and name are normalised for
 * matching. The field-level rules (Industry → customer_type, BillingCountry default, notes,
 * required email) are field mappings applied by {@code fieldmap.FieldMapper}.
 */
public final class RecordRules {

  /** The only opportunity stage that makes (or keeps) an order. */
  public static final String CLOSED_WON = "Closed Won";

  private RecordRules() {}

  /** Whether a new opportunity's fields make an order: only at Closed Won. */
  public static boolean makesOrder(Map<String, Object> fields) {
    return CLOSED_WON.equals(fields.get("StageName"));
  }

  /**
   * Whether a change of an opportunity whose order exists takes it out of Closed Won: the change
   * carries a StageName and it is another stage (a change without StageName keeps the stage).
   */
  public static boolean leavesClosedWon(Map<String, Object> fields) {
    return fields.containsKey("StageName") && !CLOSED_WON.equals(fields.get("StageName"));
  }

  /**
   * The owner's user id and email an event teaches: its {@code OwnerId} and the {@code Owner}
   * relationship's {@code Email}, when the relationship names no other user and the email has a
   * local part and an {@code @}.
   */
  public static Optional<OwnerEmail> ownerEmail(Map<String, Object> fields) {
    Optional<String> ownerId = ownerId(fields);
    if (ownerId.isEmpty()
        || !(fields.get("Owner") instanceof Map<?, ?> owner)
        || !(owner.get("Email") instanceof String email)
        || email.strip().indexOf('@') <= 0) {
      return Optional.empty();
    }
    if (owner.get("Id") != null && !ownerId.get().equals(salesforceId(owner.get("Id")))) {
      return Optional.empty();
    }
    return Optional.of(new OwnerEmail(ownerId.get(), email.strip()));
  }

  /** The event's OwnerId as an 18-character id, when it is a well-formed one. */
  public static Optional<String> ownerId(Map<String, Object> fields) {
    return Optional.ofNullable(salesforceId(fields.get("OwnerId")));
  }

  /** The fields with OwnerId replaced by the owner's email (what user_by_email looks up). */
  public static Map<String, Object> withOwnerEmail(Map<String, Object> fields, String email) {
    Map<String, Object> replaced = new LinkedHashMap<>(fields);
    replaced.put("OwnerId", email);
    return replaced;
  }

  /** An owner's Salesforce user id and email. */
  public record OwnerEmail(String userId, String email) {}

  /** The host of a website without scheme, {@code www.} and path, lower case. */
  public static String domain(String website) {
    String host = website.strip().replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
    host = host.replaceFirst("(?i)^www\\.", "");
    int slash = host.indexOf('/');
    return (slash < 0 ? host : host.substring(0, slash)).toLowerCase(Locale.ROOT);
  }

  /** A name stripped, with runs of white space as one space, lower case. */
  public static String normalisedName(String name) {
    return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The product codes the line items name, in order, each once. */
  public static Set<String> productCodes(List<Map<String, Object>> lineItems) {
    Set<String> codes = new LinkedHashSet<>();
    lineItems.forEach(item -> text(item.get("ProductCode")).ifPresent(codes::add));
    return codes;
  }

  /**
   * Why line items cannot become order lines: a line item without ProductCode, then each product
   * code that is not among {@code knownSkus}. Empty when every line has a product.
   */
  public static List<String> unknownSkus(
      List<Map<String, Object>> lineItems, Set<String> knownSkus) {
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> item : lineItems) {
      if (text(item.get("ProductCode")).isEmpty()) {
        unknown.add("(no ProductCode on " + item.get("Id") + ")");
      }
    }
    productCodes(lineItems).stream().filter(sku -> !knownSkus.contains(sku)).forEach(unknown::add);
    return unknown;
  }

  /**
   * The order lines the line items become, numbered from 1 in their order: the product by SKU =
   * ProductCode, Quantity (default 1), UnitPrice (default 0), TotalPrice (default quantity × unit
   * price), Description, and the line item's id when it is a well-formed one. Every ProductCode
   * must be known ({@link #unknownSkus} is checked first).
   */
  public static List<OrderLineValues> orderLines(
      List<Map<String, Object>> lineItems, ToLongFunction<String> productIdBySku) {
    List<OrderLineValues> lines = new ArrayList<>();
    for (int i = 0; i < lineItems.size(); i++) {
      Map<String, Object> item = lineItems.get(i);
      String sku =
          text(item.get("ProductCode"))
              .orElseThrow(() -> new IllegalStateException("a line item has no ProductCode"));
      BigDecimal quantity = decimal(item.get("Quantity"), BigDecimal.ONE);
      BigDecimal unitPrice = decimal(item.get("UnitPrice"), BigDecimal.ZERO);
      BigDecimal total = decimal(item.get("TotalPrice"), quantity.multiply(unitPrice));
      lines.add(
          new OrderLineValues(
              productIdBySku.applyAsLong(sku),
              i + 1,
              quantity,
              unitPrice,
              total,
              text(item.get("Description")).orElse(null),
              salesforceId(item.get("Id"))));
    }
    return lines;
  }

  /**
   * One order line's values.
   *
   * @param salesforceId the line item's 18-character id, or null
   */
  public record OrderLineValues(
      long productId,
      int number,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal total,
      String description,
      String salesforceId) {

    public OrderLineValues {
      Objects.requireNonNull(quantity, "quantity");
      Objects.requireNonNull(unitPrice, "unitPrice");
      Objects.requireNonNull(total, "total");
    }

    /** Whether two line lists are the same lines (amounts compared by value, not scale). */
    public static boolean same(List<OrderLineValues> a, List<OrderLineValues> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        OrderLineValues x = a.get(i);
        OrderLineValues y = b.get(i);
        if (x.productId != y.productId
            || x.number != y.number
            || x.quantity.compareTo(y.quantity) != 0
            || x.unitPrice.compareTo(y.unitPrice) != 0
            || x.total.compareTo(y.total) != 0
            || !Objects.equals(x.description, y.description)
            || !Objects.equals(x.salesforceId, y.salesforceId)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A non-blank text, stripped. */
  public static Optional<String> text(Object value) {
    return value instanceof String text && !text.isBlank()
        ? Optional.of(text.strip())
        : Optional.empty();
  }

  /** A number in its canonical form, or {@code otherwise} for null. */
  public static BigDecimal decimal(Object value, BigDecimal otherwise) {
    return value == null ? otherwise : new BigDecimal(value.toString());
  }

  private static String salesforceId(Object value) {
    return value instanceof String text && SalesforceId.isValid(text)
        ? SalesforceId.of(text).value()
        : null;
  }
}
