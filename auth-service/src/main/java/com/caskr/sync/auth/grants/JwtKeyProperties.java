package com.caskr.sync.auth.grants;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where JWT bearer keys and certificates are mounted ({@code auth.jwt.key-directory}, in the
 * environment {@code AUTH_JWT_KEY_DIRECTORY}): a secret volume, one PKCS#8 PEM key and one X.509
 * PEM certificate per connected company. Connections name files in it; without it, JWT bearer
 * connections cannot be set up.
 */
@ConfigurationProperties("auth.jwt")
public record JwtKeyProperties(String keyDirectory) {

  /** The directory, absolute and normalised; null when not configured. */
  Path directory() {
    return keyDirectory == null || keyDirectory.isBlank()
        ? null
        : Path.of(keyDirectory.strip()).toAbsolutePath().normalize();
  }
}
