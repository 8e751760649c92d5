package com.caskr.sync.adminsecurity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with an admin API shaped like auth-service's, to exercise the security rules. */
@SpringBootApplication
class AdminTestApplication {

  @RestController
  static class Endpoints {

    private final AdminAccess access;

    Endpoints(AdminAccess access) {
      this.access = access;
    }

    @GetMapping("/api/companies/{companyId}/status")
    String status(@PathVariable long companyId) {
      return "status of "
          + companyId
          + " for "
          + access.require(AdminRole.VIEWER, companyId).username();
    }

    @PostMapping("/api/companies/{companyId}/connect")
    String connect(@PathVariable long companyId) {
      return "connected "
          + companyId
          + " by "
          + access.require(AdminRole.ADMIN, companyId).username();
    }

    @GetMapping("/internal/ping")
    String internal() {
      return "internal";
    }
  }
}
