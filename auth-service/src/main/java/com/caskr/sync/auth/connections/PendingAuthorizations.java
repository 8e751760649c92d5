package com.caskr.sync.auth.connections;

import java.time.Duration;
import java.util.Optional;

/**
 * Connect flows waiting for their callback (the adapter is JDBC on {@code
 * auth.oauth_authorization_requests}). Only SHA-256 hashes of the state and of the admin's session
 * id are kept.
 */
public interface PendingAuthorizations {

  /** Keeps a started flow for {@code ttl}. */
  void save(PendingAuthorization pending, byte[] stateHash, byte[] sessionHash, Duration ttl);

  /**
   * Takes the flow with this state for this session, once: a used, expired or other session's state
   * finds nothing.
   */
  Optional<PendingAuthorization> consume(byte[] stateHash, byte[] sessionHash);
}
