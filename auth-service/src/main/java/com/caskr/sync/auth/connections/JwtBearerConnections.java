package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import java.time.Instant;

/** Where a new JWT bearer connection is stored (the adapter is the JDBC connection store). */
public interface JwtBearerConnections {

  /**
   * Stores the company's new CONNECTED JWT bearer connection, audited and announced in one
   * transaction.
   *
   * @throws AlreadyConnected when the company, or the org for another company, has a live
   *     connection
   */
  Connection saveJwtBearer(
      JwtBearerSetup setup,
      JwtBearerGrants.FirstJwtSession first,
      SealedSecret accessToken,
      String actor,
      Instant at);
}
