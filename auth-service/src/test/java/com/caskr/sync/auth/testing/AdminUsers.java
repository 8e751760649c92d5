package com.caskr.sync.auth.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The admin users of the tests (admin-security's {@code caskr.admin.users}), all with the password
 * {@link #PASSWORD}: {@code ada} (ADMIN of companies 7 and 8), {@code otto} (ADMIN of company 99
 * only), {@code olga} (OPERATOR of every company), {@code vic} (VIEWER of every company), {@code
 * alice} (ADMIN of 7 and 9), {@code olly} (OPERATOR of 7), {@code vera} (VIEWER of 7), {@code bob}
 * (ADMIN of 8) and {@code root} (ADMIN of every company).
 */
public final class AdminUsers {

  public static final String PASSWORD = "test-password";
  private static final String HASH =
      "{bcrypt}$2a$10$u1CV4V/1AdoccxZnZIIt7.4qtDeNjalhT0hrAlV16voZnqafGeY2a";

  private static final String[][] USERS = {
    {"ada", "ADMIN", "7,8"},
    {"otto", "ADMIN", "99"},
    {"olga", "OPERATOR", "*"},
    {"vic", "VIEWER", "*"},
    {"alice", "ADMIN", "7,9"},
    {"olly", "OPERATOR", "7"},
    {"vera", "VIEWER", "7"},
    {"bob", "ADMIN", "8"},
    {"root", "ADMIN", "*"}
  };

  private AdminUsers() {}

  public static void register(DynamicPropertyRegistry registry) {
    for (int i = 0; i < USERS.length; i++) {
      String prefix = "caskr.admin.users[" + i + "].";
      String[] user = USERS[i];
      registry.add(prefix + "username", () -> user[0]);
      registry.add(prefix + "password-hash", () -> HASH);
      registry.add(prefix + "role", () -> user[1]);
      registry.add(prefix + "companies", () -> user[2]);
    }
    // The tests speak plain http to 127.0.0.1.
    registry.add("server.servlet.session.cookie.secure", () -> "false");
  }

  /** A request to the service at {@code port} as {@code user}, with HTTP Basic. */
  public static HttpRequest.Builder as(String user, int port, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .header("Authorization", basic(user));
  }

  /** The {@code Authorization} header of {@code username} with HTTP Basic. */
  public static String basic(String username) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
