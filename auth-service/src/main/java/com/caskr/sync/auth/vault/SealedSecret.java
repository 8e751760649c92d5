package com.caskr.sync.auth.vault;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret as it rests in the database: AEAD ciphertext and the id of the key that sealed it (the
 * {@code *_key_id} column, which lets the re-encrypt job find rows under a retired key).
 */
public record SealedSecret(byte[] ciphertext, String keyId) {

  public SealedSecret {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(keyId, "keyId");
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SealedSecret sealed
        && keyId.equals(sealed.keyId)
        && Arrays.equals(ciphertext, sealed.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
  }
}
