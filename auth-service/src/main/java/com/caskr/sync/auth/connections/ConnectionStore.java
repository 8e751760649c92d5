package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.events.ConnectionState;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Where connections are kept (the adapter is JDBC on {@code auth.crm_integrations}). */
public interface ConnectionStore {

  /** The company's live connection (CONNECTED or NEEDS_RECONNECT), if any. */
  Optional<Connection> live(long companyId);

  /**
   * Runs {@code work} while no other instance of the service refreshes this company's connection
   * (with refresh-token rotation, two refreshes with one token would revoke each other).
   */
  <T> T exclusively(long companyId, Supplier<T> work);

  /**
   * Stores a refreshed session if the row is still at {@code before.version()}; false otherwise.
   *
   * @param refreshToken the rotated refresh token, or null to keep the stored one
   */
  boolean saveRefreshed(
      Connection before,
      SealedSecret accessToken,
      SealedSecret refreshToken,
      URI instanceUrl,
      Instant issuedAt,
      Instant refreshedAt);

  /** Moves the connection to {@code state} with a reason, if still at {@code before.version()}. */
  boolean changeState(Connection before, ConnectionState state, String reason, Instant at);

  /** Records a failed refresh that left the connection as it was. */
  void recordRefreshFailure(Connection connection, String reason, Instant at);

  /**
   * Disconnects, if the row is still at {@code before.version()}: wipes both tokens, marks it
   * DISCONNECTED by {@code actor}, audits and announces it (the row stays for the audit trail, and
   * the company may connect again).
   *
   * @param revoked whether Salesforce confirmed the revocation of the stored grant
   */
  boolean disconnect(Connection before, String actor, boolean revoked, Instant at);

  /**
   * Stores a connection an admin consented to, under the company's lock: a first connection, or a
   * reconnect of the company's live org that replaces its tokens (state back to CONNECTED, audited
   * CONNECTED or RECONNECTED). Another live org of the company, or the org live for another
   * company, stores nothing (audited CONNECT_FAILED).
   */
  ConnectResult connect(NewConnection connection);
}
