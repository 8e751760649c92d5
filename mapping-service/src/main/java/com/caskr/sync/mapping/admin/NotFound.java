package com.caskr.sync.mapping.admin;

/** Nothing of that id for the company: 404. */
final class NotFound extends RuntimeException {

  NotFound(String message) {
    super(message);
  }
}
