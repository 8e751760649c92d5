package com.caskr.sync.auth.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Admin users of the tests (admin-security's {@code caskr.admin.users}), all with one password:
 * alice is ADMIN of companies 7 and 9, olly OPERATOR of 7, vera VIEWER of 7, bob ADMIN of 8 and
 * root ADMIN of every company.
 */
public final class AdminUsers {

  private static final String PASSWORD = "correct horse battery staple";

  private AdminUsers() {}

  public static void configure(DynamicPropertyRegistry registry) {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    String[][] users = {
      {"alice", "ADMIN", "7,9"},
      {"olly", "OPERATOR", "7"},
      {"vera", "VIEWER", "7"},
      {"bob", "ADMIN", "8"},
      {"root", "ADMIN", "*"}
    };
    for (int i = 0; i < users.length; i++) {
      String prefix = "caskr.admin.users[" + i + "].";
      String[] user = users[i];
      registry.add(prefix + "username", () -> user[0]);
      registry.add(prefix + "password-hash", () -> hash);
      registry.add(prefix + "role", () -> user[1]);
      String[] companies = user[2].split(",");
      for (int c = 0; c < companies.length; c++) {
        String company = companies[c];
        registry.add(prefix + "companies[" + c + "]", () -> company);
      }
    }
  }

  /** A request to the service at {@code port} as {@code user}, with HTTP Basic. */
  public static HttpRequest.Builder as(String user, int port, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .header("Authorization", basicAuthorization(user));
  }

  /** The {@code Authorization} header value of {@code user}. */
  public static String basicAuthorization(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
