package com.caskr.sync.emulator.org;

/**
 * Who writes, and through what: the commit user and the CDC {@code changeOrigin}.
 *
 * @param userId the id (15 or 18 characters, held as 18) of the acting user (CreatedById,
 *     LastModifiedById)
 * @param changeOrigin e.g. {@code com/salesforce/api/rest/62.0;client=caskr-sync}; empty for
 *     changes made in the UI or by the emulator itself
 */
public record Caller(String userId, String changeOrigin) {

  public Caller {
    if (userId == null) {
      throw new IllegalArgumentException("A write needs a user");
    }
    String normalised = FieldValues.normalisedId(userId);
    userId = normalised == null ? userId : normalised;
    changeOrigin = changeOrigin == null ? "" : changeOrigin;
  }

  /**
   * A REST API call; {@code client} is the value of {@code Sforce-Call-Options: client=…}, or null
   * when the header was absent.
   */
  public static Caller rest(String userId, String apiVersion, String client) {
    String origin = "com/salesforce/api/rest/" + apiVersion;
    return new Caller(
        userId, client == null || client.isBlank() ? origin : origin + ";client=" + client);
  }

  /** The emulator's own writes (seeding, admin API): no API origin, like a UI change. */
  public static Caller user(String userId) {
    return new Caller(userId, "");
  }
}
