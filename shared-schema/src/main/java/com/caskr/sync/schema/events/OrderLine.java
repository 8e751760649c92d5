package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;

/**
 * A Caskr order line. Quantities are decimal because OpportunityLineItem.Quantity is.
 *
 * @param sku the product's SKU, matched against the line item's ProductCode
 * @param salesforceLineItemId the linked OpportunityLineItem (key prefix 00k), null if unlinked
 */
public record OrderLine(
    long id,
    long productId,
    String sku,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal totalPrice,
    SalesforceId salesforceLineItemId) {

  /** OpportunityLineItem ids start with this. */
  public static final String LINE_ITEM_KEY_PREFIX = "00k";

  private static final String TYPE = "OrderLine";

  public OrderLine {
    Checks.positive(TYPE, "id", id);
    Checks.positive(TYPE, "productId", productId);
    Checks.optionalText(TYPE, "sku", sku);
    Checks.required(TYPE, "quantity", quantity);
    Checks.required(TYPE, "unitPrice", unitPrice);
    Checks.required(TYPE, "totalPrice", totalPrice);
    Checks.keyPrefix(TYPE, "salesforceLineItemId", salesforceLineItemId, LINE_ITEM_KEY_PREFIX);
  }
}
