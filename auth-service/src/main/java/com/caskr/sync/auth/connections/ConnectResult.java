package com.caskr.sync.auth.connections;

import com.caskr.sync.schema.SalesforceId;

/** What {@link ConnectionStore#connect} did with a new connection. */
public sealed interface ConnectResult {

  /** Stored: a first connection, or a reconnect of the same org that replaced its tokens. */
  record Connected(long connectionId, boolean reconnected) implements ConnectResult {}

  /** Nothing stored: the company is connected to another org, which must be disconnected first. */
  record AnotherOrgConnected(SalesforceId connectedOrg) implements ConnectResult {}

  /** Nothing stored: the org is connected to another Caskr company. */
  record OrgConnectedElsewhere() implements ConnectResult {}
}
