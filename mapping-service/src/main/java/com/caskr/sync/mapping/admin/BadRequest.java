package com.caskr.sync.mapping.admin;

/** A request the admin API refuses with 400; the message tells the caller what to fix. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message);
  }
}
