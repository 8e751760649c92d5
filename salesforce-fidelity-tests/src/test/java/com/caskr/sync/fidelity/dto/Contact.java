package com.caskr.sync.fidelity.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/** The slice of Contact these tests use, in the shape Camel's code generator gives DTOs. */
public class Contact extends AbstractDescribedSObjectBase {

  private static final SObjectDescription DESCRIPTION = new SObjectDescription();

  static {
    DESCRIPTION.setName("Contact");
  }

  private String firstName;
  private String lastName;
  private String email;

  public Contact() {
    getAttributes().setType("Contact");
  }

  @JsonProperty("FirstName")
  public String getFirstName() {
    return firstName;
  }

  @JsonProperty("FirstName")
  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  @JsonProperty("LastName")
  public String getLastName() {
    return lastName;
  }

  @JsonProperty("LastName")
  public void setLastName(String lastName) {
    this.lastName = lastName;
  }

  @JsonProperty("Email")
  public String getEmail() {
    return email;
  }

  @JsonProperty("Email")
  public void setEmail(String email) {
    this.email = email;
  }

  @Override
  public SObjectDescription description() {
    return DESCRIPTION;
  }
}
