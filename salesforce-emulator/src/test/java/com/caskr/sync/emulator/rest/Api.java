package com.caskr.sync.emulator.rest;

/**
 * The shared {@link com.caskr.sync.emulator.Api} under its old name in this package, for the REST
 * tests that still call it unqualified.
 */
final class Api extends com.caskr.sync.emulator.Api {

  Api(int port, String token, String... headers) {
    super(port, token, headers);
  }
}
