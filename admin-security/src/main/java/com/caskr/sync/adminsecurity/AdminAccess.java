package com.caskr.sync.adminsecurity;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The checks an admin endpoint makes about the signed-in user: {@code
 * access.require(AdminRole.ADMIN, companyId)} before connecting, {@code VIEWER} before showing a
 * status. A refusal becomes 403 (or 401 when nobody is signed in).
 */
public final class AdminAccess {

  /** The signed-in admin user. */
  public AdminUser current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !(authentication.getPrincipal() instanceof AdminUserDetails details)) {
      throw new InsufficientAuthenticationException("sign in first");
    }
    return details.adminUser();
  }

  /** The signed-in user, if they may act for {@code companyId} with at least {@code role}. */
  public AdminUser require(AdminRole role, long companyId) {
    AdminUser user = current();
    if (!user.may(role, companyId)) {
      throw new AccessDeniedException(
          user.username() + " may not act as " + role + " for company " + companyId);
    }
    return user;
  }
}
