package com.caskr.sync.auth.config;

import com.caskr.sync.testing.LocalAdminProfile;
import org.junit.jupiter.api.Test;

/** The dev admin lives in the {@code local} profile only, with the password its comment names. */
class LocalProfileTest {

  @Test
  void theLocalAdminsDocumentedPasswordMatchesItsHash() {
    LocalAdminProfile.assertTheLocalAdminHasTheDocumentedPassword();
  }

  @Test
  void theMainConfigurationShipsNoAdminUser() {
    LocalAdminProfile.assertTheMainConfigurationShipsNoAdmin();
  }
}
