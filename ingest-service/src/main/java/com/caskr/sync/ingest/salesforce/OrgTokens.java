package com.caskr.sync.ingest.salesforce;

/**
 * Where {@link OrgClients} get each company's Salesforce token: auth-service's internal token API
 * in production ({@link AuthServiceTokens}), a real emulator session in tests.
 */
public interface OrgTokens {

  /** The company's current token. */
  OrgToken current(long companyId);

  /** A replacement for {@code rejected}, which Salesforce answered with 401. */
  OrgToken refresh(long companyId, OrgToken rejected);
}
