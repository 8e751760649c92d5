package com.caskr.sync.adminsecurity;

/**
 * What an admin user may do. Each role includes the ones below it: an admin may also operate and
 * view.
 */
public enum AdminRole {
  /** Reads status, connections, conflicts and metrics. */
  VIEWER,
  /** Also acts on the sync: resync, redrive, resolve conflicts. */
  OPERATOR,
  /** Also connects and disconnects Salesforce orgs and changes settings. */
  ADMIN;

  /** The Spring Security authority, {@code ROLE_ADMIN} and so on. */
  String authority() {
    return "ROLE_" + name();
  }
}
