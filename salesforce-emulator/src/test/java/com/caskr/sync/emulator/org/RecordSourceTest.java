package com.caskr.sync.emulator.org;

import static com.caskr.sync.emulator.org.Sales.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.soql.RecordSource;
import com.caskr.sync.emulator.soql.RecordSource.ChildRelationship;
import com.caskr.sync.emulator.soql.RecordSource.ParentRelationship;
import org.junit.jupiter.api.Test;

class RecordSourceTest {

  private final Sales sales = new Sales();
  private final RecordSource source = sales.org;

  @Test
  void describesTypesAndFieldsCaseInsensitively() {
    assertThat(source.hasType("opportunitylineitem")).isTrue();
    assertThat(source.hasType("Lead")).isFalse();
    assertThat(source.field("account", "name")).contains("Name");
    assertThat(source.field("Contact", "cask_investor__c")).contains("Cask_Investor__c");
    assertThat(source.field("Account", "Nope")).isEmpty();
  }

  @Test
  void resolvesParentAndChildRelationships() {
    assertThat(source.parent("Opportunity", "account"))
        .contains(new ParentRelationship("AccountId", "Account"));
    assertThat(source.parent("Account", "Owner"))
        .contains(new ParentRelationship("OwnerId", "User"));
    assertThat(source.parent("OpportunityLineItem", "PricebookEntry"))
        .contains(new ParentRelationship("PricebookEntryId", "PricebookEntry"));
    assertThat(source.parent("OpportunityLineItem", "Product2"))
        .contains(new ParentRelationship("Product2Id", "Product2"));
    assertThat(source.child("Opportunity", "OpportunityLineItems"))
        .contains(new ChildRelationship("OpportunityLineItem", "OpportunityId"));
    assertThat(source.child("Account", "contacts"))
        .contains(new ChildRelationship("Contact", "AccountId"));
    assertThat(source.child("Account", "Opportunities"))
        .contains(new ChildRelationship("Opportunity", "AccountId"));
  }

  @Test
  void servesImmutableRowsWithIdAndIsDeleted() {
    String id = sales.create(anAccount());

    var row = source.row(id).orElseThrow();
    assertThat(row).containsEntry("Id", id).containsEntry("IsDeleted", false);
    assertThatThrownBy(() -> row.put("Name", "changed"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(source.rows("ACCOUNT", false)).hasSize(1);
    assertThat(source.rows("Nope", true)).isEmpty();
    assertThat(source.row("junk")).isEmpty();
  }

  @Test
  void describesCaskrCustomFields() {
    SObjectType account = sales.org.schema().type("Account").orElseThrow();
    SObjectType contact = sales.org.schema().type("Contact").orElseThrow();
    SObjectType opportunity = sales.org.schema().type("Opportunity").orElseThrow();

    assertThat(account.field("Caskr_Customer_Id__c").orElseThrow())
        .extracting(Field::externalId, Field::unique)
        .containsExactly(true, true);
    assertThat(contact.field("Caskr_Contact_Id__c").orElseThrow().externalId()).isTrue();
    assertThat(contact.field("Portal_Access__c").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
    assertThat(opportunity.field("Caskr_Order_Status__c").orElseThrow().length()).isEqualTo(40);
    assertThat(account.field("Industry").orElseThrow().picklistValues()).hasSize(32);
    assertThat(opportunity.field("StageName").orElseThrow().picklistValues()).hasSize(10);
  }
}
