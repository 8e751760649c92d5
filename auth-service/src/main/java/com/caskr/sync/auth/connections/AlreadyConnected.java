package com.caskr.sync.auth.connections;

/**
 * A connect that would give a company a second live connection, or an org a second company: the
 * first must be disconnected before. The message names no other company.
 */
public final class AlreadyConnected extends RuntimeException {

  public AlreadyConnected(String message) {
    super(message);
  }
}
