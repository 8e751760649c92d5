package com.caskr.sync.fidelity.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * The slice of Account these tests use, written the way camel-salesforce-maven-plugin generates
 * DTOs: Jackson 2 annotations, a described sObject base, and accessors named after the API field
 * (Camel finds an external id's value by calling {@code get<FieldName>}).
 */
public class Account extends AbstractDescribedSObjectBase {

  private static final SObjectDescription DESCRIPTION = new SObjectDescription();

  static {
    DESCRIPTION.setName("Account");
  }

  private String industry;
  private String caskrCustomerId;

  public Account() {
    getAttributes().setType("Account");
  }

  @JsonProperty("Industry")
  public String getIndustry() {
    return industry;
  }

  @JsonProperty("Industry")
  public void setIndustry(String industry) {
    this.industry = industry;
  }

  @JsonProperty("Caskr_Customer_Id__c")
  public String getCaskr_Customer_Id__c() {
    return caskrCustomerId;
  }

  @JsonProperty("Caskr_Customer_Id__c")
  public void setCaskr_Customer_Id__c(String caskrCustomerId) {
    this.caskrCustomerId = caskrCustomerId;
  }

  @Override
  public SObjectDescription description() {
    return DESCRIPTION;
  }
}
