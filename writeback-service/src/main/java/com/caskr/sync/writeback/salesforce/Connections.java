package com.caskr.sync.writeback.salesforce;

import com.caskr.sync.salesforce.oauth.TokenSource;

/**
 * Where a company's Salesforce sessions come from: auth-service's internal token API in production
 * ({@link AuthServiceConnections}).
 */
public interface Connections {

  /**
   * The company's org and a token source for it.
   *
   * @throws com.caskr.sync.writeback.plan.CallFailed when the company is not connected or the token
   *     API refuses
   */
  Connection connect(long companyId);

  /** A connected org. */
  record Connection(String orgId, TokenSource tokens) {}
}
