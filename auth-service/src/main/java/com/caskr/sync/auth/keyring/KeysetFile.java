package com.caskr.sync.auth.keyring;

import com.caskr.sync.auth.vault.TokenVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the vault keyset the configuration names, creating a development one if allowed. */
final class KeysetFile {

  private static final Logger log = LoggerFactory.getLogger(KeysetFile.class);

  private KeysetFile() {}

  static TokenVault load(VaultProperties.Keyset keyset) {
    if (keyset.path().isEmpty()) {
      return TokenVault.fromJsonKeyset(keyset.json());
    }
    Path file = keyset.path().get();
    if (keyset.generate() && !Files.exists(file)) {
      create(file);
    }
    try {
      return TokenVault.fromJsonKeyset(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vault keyset file " + file, e);
    }
  }

  private static void create(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Path created =
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(created, TokenVault.newJsonKeyset(), StandardCharsets.UTF_8);
      log.warn(
          "created a new token vault keyset at {} (auth.vault.keyset.generate): for local"
              + " development only; production keysets come from a secret store",
          file);
    } catch (FileAlreadyExistsException raced) {
      // Another instance created it first; read theirs.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the vault keyset file " + file, e);
    }
  }
}
