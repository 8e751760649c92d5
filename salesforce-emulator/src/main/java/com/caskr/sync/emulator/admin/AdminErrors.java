package com.caskr.sync.emulator.admin;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the admin API answers bad input (400) and unknown orgs (404): {"error": "…"}. */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

  /** An org id that names no org. */
  static final class NoSuchOrg extends RuntimeException {
    NoSuchOrg(String orgId) {
      super("No org " + orgId);
    }
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }

  @ExceptionHandler(NoSuchOrg.class)
  ResponseEntity<Map<String, String>> notFound(NoSuchOrg e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }
}
