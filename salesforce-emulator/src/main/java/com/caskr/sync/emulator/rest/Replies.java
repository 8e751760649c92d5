package com.caskr.sync.emulator.rest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Response entities with bodies already written by {@link Json}. */
final class Replies {

  private Replies() {}

  static ResponseEntity<String> json(int status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static ResponseEntity<String> json(int status, Object body) {
    return json(status, Json.write(body));
  }

  static ResponseEntity<String> noContent() {
    return ResponseEntity.noContent().build();
  }
}
