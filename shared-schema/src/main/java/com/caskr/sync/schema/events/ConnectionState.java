package com.caskr.sync.schema.events;

public enum ConnectionState {
  CONNECTED,
  /** The refresh token was revoked or expired; an admin must run the OAuth flow again. */
  NEEDS_RECONNECT,
  /** An admin disconnected the org on purpose. */
  DISCONNECTED
}
