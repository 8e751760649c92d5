package com.caskr.sync.adminsecurity;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin users of a service ({@code caskr.admin.users[i].*}), configured from a secret:
 * username, a BCrypt password hash, one role and the companies ({@code "*"} for all).
 */
@ConfigurationProperties("caskr.admin")
public record AdminUsersProperties(List<User> users) {

  private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$2[aby]\\$\\d{2}\\$.{53}$");

  /**
   * @param username login name
   * @param passwordHash {@code {bcrypt}$2a$10$...}; plaintext passwords are refused at start-up
   * @param role ADMIN, OPERATOR or VIEWER
   * @param companies company ids, or the single entry {@code *} for every company
   */
  public record User(String username, String passwordHash, AdminRole role, List<String> companies) {

    public User {
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException("caskr.admin.users[].username is required");
      }
      if (passwordHash == null || !BCRYPT.matcher(passwordHash).matches()) {
        throw new IllegalArgumentException(
            "caskr.admin.users[] '"
                + username
                + "': password-hash must be a {bcrypt} hash, never a plaintext password");
      }
      if (role == null) {
        throw new IllegalArgumentException(
            "caskr.admin.users[] '" + username + "': role is required");
      }
      companies = companies == null ? List.of() : List.copyOf(companies);
      if (companies.isEmpty()) {
        throw new IllegalArgumentException(
            "caskr.admin.users[] '" + username + "': companies is required (ids, or *)");
      }
      if (companies.contains("*") && companies.size() > 1) {
        throw new IllegalArgumentException(
            "caskr.admin.users[] '" + username + "': * stands alone in companies");
      }
      for (String company : companies) {
        if (!company.equals("*") && !company.matches("[1-9][0-9]{0,18}")) {
          throw new IllegalArgumentException(
              "caskr.admin.users[] '" + username + "': not a company id: " + company);
        }
      }
    }

    AdminUser toAdminUser() {
      boolean all = companies.equals(List.of("*"));
      return new AdminUser(
          username,
          role,
          all
              ? java.util.Set.of()
              : companies.stream()
                  .map(Long::parseLong)
                  .collect(java.util.stream.Collectors.toSet()),
          all);
    }

    @Override
    public String toString() {
      return "User[username=" + username + ", role=" + role + ", companies=" + companies + "]";
    }
  }

  public AdminUsersProperties {
    users = users == null ? List.of() : List.copyOf(users);
    long distinct = users.stream().map(User::username).distinct().count();
    if (distinct != users.size()) {
      throw new IllegalArgumentException("caskr.admin.users[] has a username twice");
    }
  }
}
