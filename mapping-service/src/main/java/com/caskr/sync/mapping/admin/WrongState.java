package com.caskr.sync.mapping.admin;

/** The request does not fit the current state (a hold already released): 409. */
final class WrongState extends RuntimeException {

  WrongState(String message) {
    super(message);
  }
}
