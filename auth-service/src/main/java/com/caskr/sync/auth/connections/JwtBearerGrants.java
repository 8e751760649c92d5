package com.caskr.sync.auth.connections;

import com.caskr.sync.schema.SalesforceId;

/** The first JWT bearer grant of a connection being set up (the adapter uses salesforce-api). */
public interface JwtBearerGrants {

  /**
   * Checks the key and certificate and asks Salesforce for a session with them.
   *
   * @throws IllegalArgumentException when the key or certificate is missing, unreadable or the two
   *     do not belong together; the message names the file, never its content
   */
  FirstJwtSession firstSession(JwtBearerSetup setup)
      throws TokenGrants.GrantRevoked, TokenGrants.GrantUnavailable;

  /**
   * The session and who it belongs to.
   *
   * @param privateKeyRef the key file as it is to be stored (resolved in the key directory)
   * @param certificateRef the certificate file as it is to be stored
   */
  record FirstJwtSession(
      RefreshedSession session,
      SalesforceId orgId,
      SalesforceId userId,
      String privateKeyRef,
      String certificateRef) {}
}
