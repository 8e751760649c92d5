package com.caskr.sync.emulator.rest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /services/data/: the versions list, public and not counted against the allocation. */
@RestController
class VersionsController {

  private final ApiVersions versions;

  VersionsController(ApiVersions versions) {
    this.versions = versions;
  }

  @GetMapping({"/services/data", "/services/data/"})
  ResponseEntity<String> versions() {
    return Replies.json(200, versions.listing());
  }

  /** Anything else under a version: Salesforce's 404 for a resource that does not exist. */
  @RequestMapping("/services/data/{version}/**")
  ResponseEntity<String> unknown() {
    throw RestFailure.notFound();
  }
}
