package com.caskr.sync.auth.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.vault.TokenVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultPropertiesTest {

  @Test
  void wantsExactlyOneKeysetSource() {
    assertThatThrownBy(() -> new VaultProperties.Keyset("", "", false))
        .hasMessageContaining("exactly one of auth.vault.keyset.json");
    assertThatThrownBy(() -> new VaultProperties.Keyset("{}", "/run/secrets/keyset.json", false))
        .hasMessageContaining("exactly one of");
    assertThatThrownBy(() -> new VaultProperties.Keyset("{}", null, true))
        .hasMessageContaining("generate needs auth.vault.keyset.file");
    assertThatThrownBy(() -> new VaultProperties(null)).hasMessageContaining("keyset");
  }

  @Test
  void neverPrintsAnInlineKeyset() {
    String json = TokenVault.newJsonKeyset();

    assertThat(new VaultProperties.Keyset(json, null, false).toString())
        .contains("[redacted]")
        .doesNotContain("primaryKeyId");
  }

  @Test
  void generatesAPrivateKeysetFileOnceAndReadsItBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vault/keyset.json");
    var keyset = new VaultProperties.Keyset(null, file.toString(), true);

    TokenVault first = KeysetFile.load(keyset);
    TokenVault second = KeysetFile.load(keyset);

    assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesAMissingKeysetFileUnlessAskedToGenerateOne(@TempDir Path dir) {
    var keyset = new VaultProperties.Keyset(null, dir.resolve("absent.json").toString(), false);

    assertThatThrownBy(() -> KeysetFile.load(keyset))
        .hasMessageContaining("cannot read the vault keyset file");
  }
}
