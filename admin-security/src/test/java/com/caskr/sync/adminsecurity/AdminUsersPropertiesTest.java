package com.caskr.sync.adminsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminUsersPropertiesTest {

  private static final String HASH =
      "{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

  @Test
  void refusesAPlaintextPassword() {
    assertThatThrownBy(
            () -> new AdminUsersProperties.User("alice", "hunter2", AdminRole.ADMIN, List.of("7")))
        .hasMessageContaining("never a plaintext password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesMissingOrOddCompanies() {
    assertThatThrownBy(() -> new AdminUsersProperties.User("a", HASH, AdminRole.ADMIN, List.of()))
        .hasMessageContaining("companies is required");
    assertThatThrownBy(
            () -> new AdminUsersProperties.User("a", HASH, AdminRole.ADMIN, List.of("*", "7")))
        .hasMessageContaining("* stands alone");
    assertThatThrownBy(
            () -> new AdminUsersProperties.User("a", HASH, AdminRole.ADMIN, List.of("seven")))
        .hasMessageContaining("not a company id: seven");
  }

  @Test
  void refusesTheSameUsernameTwice() {
    var user = new AdminUsersProperties.User("a", HASH, AdminRole.VIEWER, List.of("7"));

    assertThatThrownBy(() -> new AdminUsersProperties(List.of(user, user)))
        .hasMessageContaining("username twice");
  }

  @Test
  void rolesIncludeTheOnesBelowThemWithinTheirCompanies() {
    var operator =
        new AdminUsersProperties.User("olly", HASH, AdminRole.OPERATOR, List.of("7", "9"))
            .toAdminUser();
    var platform =
        new AdminUsersProperties.User("root", HASH, AdminRole.VIEWER, List.of("*")).toAdminUser();

    assertThat(operator.companies()).isEqualTo(Set.of(7L, 9L));
    assertThat(operator.may(AdminRole.VIEWER, 9)).isTrue();
    assertThat(operator.may(AdminRole.OPERATOR, 7)).isTrue();
    assertThat(operator.may(AdminRole.ADMIN, 7)).isFalse();
    assertThat(operator.may(AdminRole.VIEWER, 8)).isFalse();
    assertThat(platform.may(AdminRole.VIEWER, 12345)).isTrue();
    assertThat(platform.may(AdminRole.OPERATOR, 1)).isFalse();
  }
}
