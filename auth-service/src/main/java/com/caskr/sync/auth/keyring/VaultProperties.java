package com.caskr.sync.auth.keyring;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the token vault's keyset comes from ({@code auth.vault.keyset.*}; in the environment {@code
 * AUTH_VAULT_KEYSET_JSON}, {@code AUTH_VAULT_KEYSET_FILE}, {@code AUTH_VAULT_KEYSET_GENERATE}).
 */
@ConfigurationProperties("auth.vault")
public record VaultProperties(Keyset keyset) {

  /**
   * @param json the Tink JSON keyset itself, e.g. a secret injected into the environment
   * @param file a file holding the Tink JSON keyset (a mounted secret)
   * @param generate create {@code file} with a new key when it does not exist: for the local stack
   *     and docker-compose only, where no secret store exists
   */
  public record Keyset(String json, String file, boolean generate) {

    public Keyset {
      boolean inline = json != null && !json.isBlank();
      boolean fromFile = file != null && !file.isBlank();
      if (inline == fromFile) {
        throw new IllegalArgumentException(
            "configure the token vault with exactly one of auth.vault.keyset.json"
                + " (AUTH_VAULT_KEYSET_JSON) or auth.vault.keyset.file (AUTH_VAULT_KEYSET_FILE)");
      }
      if (generate && !fromFile) {
        throw new IllegalArgumentException(
            "auth.vault.keyset.generate needs auth.vault.keyset.file");
      }
    }

    Optional<Path> path() {
      return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    @Override
    public String toString() {
      return "Keyset[json="
          + (json == null || json.isBlank() ? "none" : "[redacted]")
          + ", file="
          + file
          + ", generate="
          + generate
          + "]";
    }
  }

  public VaultProperties {
    if (keyset == null) {
      throw new IllegalArgumentException(
          "configure the token vault's keyset: auth.vault.keyset.json or auth.vault.keyset.file");
    }
  }
}
