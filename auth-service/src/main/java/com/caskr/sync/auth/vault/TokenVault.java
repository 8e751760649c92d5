package com.caskr.sync.auth.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals and opens tokens with a Tink AEAD keyset (AES-256-GCM). The keyset's primary key seals;
 * every enabled key opens, so rotating is: add a key and make it primary (configuration), restart,
 * and let {@code ReEncryption} move the rows still sealed under older keys.
 *
 * <p>Each ciphertext is bound to its {@link SecretSlot} (company and kind) as associated data, and
 * carries Tink's 5-byte prefix with the id of its key; that id is also returned as {@link
 * SealedSecret#keyId()} for the database column.
 */
public final class TokenVault {

  // Tink's output prefix for TINK-type keys: one version byte, then the key id (big-endian).
  private static final byte TINK_PREFIX_VERSION = 0x01;
  private static final int TINK_PREFIX_LENGTH = 5;

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Aead aead;
  private final String primaryKeyId;
  private final List<String> keyIds;

  private TokenVault(KeysetHandle keyset) throws GeneralSecurityException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry entry = keyset.getAt(i);
      if (!(entry.getKey().getParameters() instanceof AesGcmParameters parameters)
          || parameters.getKeySizeBytes() != 32
          || parameters.getVariant() != AesGcmParameters.Variant.TINK) {
        throw new IllegalArgumentException(
            "vault keyset key "
                + keyIdOf(entry.getId())
                + " is not AES-256-GCM with Tink's key-id prefix");
      }
      if (entry.getStatus() == KeyStatus.ENABLED) {
        ids.add(keyIdOf(entry.getId()));
      }
    }
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.primaryKeyId = keyIdOf(keyset.getPrimary().getId());
    this.keyIds = List.copyOf(ids);
  }

  /**
   * A vault over a keyset in Tink's JSON format (what {@code tinkey create-keyset --key-template
   * AES256_GCM --out-format json} writes).
   *
   * @throws IllegalArgumentException if the JSON is not a usable AES-256-GCM keyset; the message
   *     never contains key material
   */
  public static TokenVault fromJsonKeyset(String json) {
    try {
      return new TokenVault(
          TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IllegalArgumentException(
          "the vault keyset is not a valid Tink JSON keyset ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** A new keyset with one AES-256-GCM key, in Tink's JSON format. */
  public static String newJsonKeyset() {
    try {
      return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a keyset", e);
    }
  }

  /**
   * The keyset with a fresh AES-256-GCM key added as primary; the old keys stay enabled so rows
   * sealed under them still open.
   */
  public static String rotate(String json) {
    try {
      KeysetHandle keyset =
          TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
      return serialize(
          KeysetHandle.newBuilder(keyset)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot rotate the vault keyset", e);
    }
  }

  public SealedSecret seal(Secret secret, SecretSlot slot) {
    try {
      byte[] ciphertext =
          aead.encrypt(secret.reveal().getBytes(StandardCharsets.UTF_8), slot.associatedData());
      return new SealedSecret(ciphertext, keyIdIn(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret for " + slot, e);
    }
  }

  public Secret open(SealedSecret sealed, SecretSlot slot) {
    byte[] ciphertext = sealed.ciphertext();
    if (ciphertext.length <= TINK_PREFIX_LENGTH || !sealed.keyId().equals(keyIdIn(ciphertext))) {
      throw new SecretUnreadable(
          "the " + slot + " ciphertext does not match its key id " + sealed.keyId(), null);
    }
    try {
      return Secret.of(
          new String(aead.decrypt(ciphertext, slot.associatedData()), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SecretUnreadable(
          "the "
              + slot
              + " sealed under key "
              + sealed.keyId()
              + (keyIds.contains(sealed.keyId())
                  ? " does not open (tampered with or moved from another slot)"
                  : " does not open: that key is not in the configured keyset"),
          e);
    }
  }

  /** The id new secrets are sealed under. */
  public String primaryKeyId() {
    return primaryKeyId;
  }

  /** Whether {@code sealed} should be re-sealed under the primary key. */
  public boolean isStale(SealedSecret sealed) {
    return !sealed.keyId().equals(primaryKeyId);
  }

  private static String keyIdOf(int tinkId) {
    return Integer.toUnsignedString(tinkId);
  }

  private static String keyIdIn(byte[] ciphertext) {
    if (ciphertext.length < TINK_PREFIX_LENGTH || ciphertext[0] != TINK_PREFIX_VERSION) {
      return "";
    }
    return keyIdOf(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
  }

  private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
  }
}
