package com.caskr.sync.adminsecurity;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Spring Security's view of a configured admin user. */
record AdminUserDetails(AdminUser adminUser, String passwordHash) implements UserDetails {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(adminUser.role().authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return adminUser.username();
  }

  @Override
  public String toString() {
    return "AdminUserDetails[" + adminUser + "]";
  }
}
