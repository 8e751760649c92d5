package com.caskr.sync.ingest.records;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields ingest reads of each object: the standard fields of the reference (§6) that
 * mapping-service's default field mappings use, plus the audit fields every envelope needs, plus
 * whatever a deployment adds (custom fields of its org). Compound address fields are left out: Bulk
 * SOQL refuses them and their parts are read one by one. The owner's {@code Owner.Id, Owner.Email}
 * come back nested as {@code "Owner": {"Id", "Email"}}, the shape mapping-service assigns owners
 * by.
 */
public final class EntityFields {

  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  /** Id, deletion flag and the watermark: every SELECT starts with them. */
  static final List<String> AUDIT = List.of("Id", "IsDeleted", "SystemModstamp");

  private static final Map<SalesforceEntity, List<String>> STANDARD =
      Map.of(
          SalesforceEntity.ACCOUNT,
          List.of(
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
              "Owner.Id",
              "Owner.Email",
              "BillingStreet",
              "BillingCity",
              "BillingState",
              "BillingPostalCode",
              "BillingCountry",
              "ShippingStreet",
              "ShippingCity",
              "ShippingState",
              "ShippingPostalCode",
              "ShippingCountry",
              "CreatedDate",
              "LastModifiedDate"),
          SalesforceEntity.CONTACT,
          List.of(
              "AccountId",
              "Salutation",
              "FirstName",
              "LastName",
              "Title",
              "Department",
              "Email",
              "Phone",
              "MobilePhone",
              "Description",
              "OwnerId",
              "Owner.Id",
              "Owner.Email",
              "MailingStreet",
              "MailingCity",
              "MailingState",
              "MailingPostalCode",
              "MailingCountry",
              "CreatedDate",
              "LastModifiedDate"),
          SalesforceEntity.OPPORTUNITY,
          List.of(
              "Name",
              "AccountId",
              "StageName",
              "CloseDate",
              "Amount",
              "Probability",
              "ForecastCategoryName",
              "IsClosed",
              "IsWon",
              "Type",
              "LeadSource",
              "NextStep",
              "Description",
              "Pricebook2Id",
              "OwnerId",
              "Owner.Id",
              "Owner.Email",
              "CreatedDate",
              "LastModifiedDate"));

  /** OpportunityLineItem: read with its opportunity, never on its own. */
  static final List<String> LINE_ITEM =
      List.of(
          "Id",
          "OpportunityId",
          "PricebookEntryId",
          "Product2Id",
          "ProductCode",
          "Name",
          "Quantity",
          "UnitPrice",
          "TotalPrice",
          "ListPrice",
          "Discount",
          "ServiceDate",
          "Description",
          "SortOrder",
          "SystemModstamp");

  private final Map<SalesforceEntity, List<String>> selected;

  private EntityFields(Map<SalesforceEntity, List<String>> selected) {
    this.selected = selected;
  }

  /** The standard fields only. */
  public static EntityFields standard() {
    return withExtra(Map.of());
  }

  /**
   * The standard fields plus {@code extra} per entity (e.g. {@code Cask_Investor__c}); each name is
   * checked for shape, so configuration cannot inject SOQL.
   */
  public static EntityFields withExtra(Map<SalesforceEntity, ? extends Collection<String>> extra) {
    var selected = new EnumMap<SalesforceEntity, List<String>>(SalesforceEntity.class);
    for (SalesforceEntity entity : SalesforceEntity.values()) {
      var names = new LinkedHashSet<String>(AUDIT);
      names.addAll(STANDARD.get(entity));
      Collection<String> more = extra.get(entity);
      for (String name : more == null ? List.<String>of() : more) {
        if (name == null || !API_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "Not a Salesforce field name for " + entity.apiName() + ": " + name);
        }
        names.add(name);
      }
      selected.put(entity, List.copyOf(names));
    }
    return new EntityFields(selected);
  }

  /** The fields read of {@code entity}, Id first. */
  public List<String> of(SalesforceEntity entity) {
    return selected.get(entity);
  }

  /** {@code Id, IsDeleted, SystemModstamp, …} for a SELECT. */
  public String selectList(SalesforceEntity entity) {
    return String.join(", ", of(entity));
  }

  static String lineItemSelectList() {
    return String.join(", ", new ArrayList<>(LINE_ITEM));
  }
}
