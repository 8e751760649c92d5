package com.caskr.sync.local;

/** The stack cannot start; the message tells the developer what to do about it. */
final class StartFailure extends RuntimeException {

  StartFailure(String message) {
    super(message);
  }
}
