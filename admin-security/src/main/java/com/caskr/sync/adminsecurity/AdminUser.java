package com.caskr.sync.adminsecurity;

import java.util.Set;

/**
 * A signed-in admin user and the companies they may act for.
 *
 * @param username the login name
 * @param role their role in every company they may act for
 * @param companies the Caskr companies they may act for; empty when {@code allCompanies}
 * @param allCompanies a platform operator, allowed every company
 */
public record AdminUser(
    String username, AdminRole role, Set<Long> companies, boolean allCompanies) {

  public AdminUser {
    companies = Set.copyOf(companies);
  }

  /** Whether this user may act for {@code companyId} with at least {@code needed}. */
  public boolean may(AdminRole needed, long companyId) {
    return role.compareTo(needed) >= 0 && (allCompanies || companies.contains(companyId));
  }
}
