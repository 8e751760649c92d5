package com.caskr.sync.auth.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The admin users of the connect tests, all with the password {@link #PASSWORD}: {@code ada} (ADMIN
 * of companies 7 and 8), {@code otto} (ADMIN of company 99 only), {@code olga} (OPERATOR of every
 * company) and {@code vic} (VIEWER of every company).
 */
public final class AdminUsers {

  public static final String PASSWORD = "test-password";
  private static final String HASH =
      "{bcrypt}$2a$10$u1CV4V/1AdoccxZnZIIt7.4qtDeNjalhT0hrAlV16voZnqafGeY2a";

  private AdminUsers() {}

  public static void register(DynamicPropertyRegistry registry) {
    user(registry, 0, "ada", "ADMIN", "7,8");
    user(registry, 1, "otto", "ADMIN", "99");
    user(registry, 2, "olga", "OPERATOR", "*");
    user(registry, 3, "vic", "VIEWER", "*");
    // The tests speak plain http to 127.0.0.1.
    registry.add("server.servlet.session.cookie.secure", () -> "false");
  }

  /** The {@code Authorization} header of {@code username} with HTTP Basic. */
  public static String basic(String username) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static void user(
      DynamicPropertyRegistry registry, int i, String username, String role, String companies) {
    String prefix = "caskr.admin.users[" + i + "].";
    registry.add(prefix + "username", () -> username);
    registry.add(prefix + "password-hash", () -> HASH);
    registry.add(prefix + "role", () -> role);
    registry.add(prefix + "companies", () -> companies);
  }
}
