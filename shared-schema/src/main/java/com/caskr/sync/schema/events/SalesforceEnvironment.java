package com.caskr.sync.schema.events;

/** Which login host the org authenticates against. */
public enum SalesforceEnvironment {
  /** login.salesforce.com */
  PRODUCTION,
  /** test.salesforce.com */
  SANDBOX,
  /** A My Domain login URL. */
  CUSTOM_DOMAIN
}
