package com.caskr.sync.emulator.org;

/** A user an org is created with; the first one of an org is its administrator. */
public record NewUser(String username, String firstName, String lastName, String email) {

  public NewUser {
    if (username == null || lastName == null || email == null) {
      throw new IllegalArgumentException("A user needs a username, a last name and an email");
    }
  }
}
