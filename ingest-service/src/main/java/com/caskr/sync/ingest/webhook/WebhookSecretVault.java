package com.caskr.sync.ingest.webhook;

import com.caskr.sync.schema.Tenant;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals webhook secrets at rest with a Tink AEAD keyset (AES-256-GCM), the same design as
 * auth-service's token vault (ADR 0009, ADR 0015): the primary key seals, every key in the keyset
 * opens, the ciphertext carries Tink's key-id prefix (also stored as {@code secret_key_id}), and
 * each ciphertext is bound to its company and org as associated data, so a row copied to another
 * tenant does not open.
 */
final class WebhookSecretVault {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A sealed secret and the id of the key that sealed it. */
  record Sealed(byte[] ciphertext, String keyId) {}

  private final Aead aead;

  private WebhookSecretVault(KeysetHandle keyset) throws GeneralSecurityException {
    for (int i = 0; i < keyset.size(); i++) {
      if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
          || parameters.getKeySizeBytes() != 32
          || parameters.getVariant() != AesGcmParameters.Variant.TINK) {
        throw new IllegalArgumentException(
            "ingest.webhook.keyset-json: every key must be AES-256-GCM with Tink's key-id prefix");
      }
    }
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** A vault over a keyset in Tink's JSON format; the message never contains key material. */
  static WebhookSecretVault fromJsonKeyset(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("ingest.webhook.keyset-json is not set");
    }
    try {
      return new WebhookSecretVault(
          TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IllegalArgumentException(
          "ingest.webhook.keyset-json is not a valid Tink JSON keyset ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** A new keyset with one AES-256-GCM key, in Tink's JSON format (local stack, tests). */
  static String newJsonKeyset() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
          InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a keyset", e);
    }
  }

  Sealed seal(byte[] secret, Tenant tenant) {
    try {
      byte[] ciphertext = aead.encrypt(secret, associatedData(tenant));
      return new Sealed(ciphertext, keyIdIn(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a webhook secret", e);
    }
  }

  /**
   * @throws IllegalStateException naming the key id when the secret does not open (wrong keyset,
   *     tampered with, or moved to another tenant)
   */
  byte[] open(Sealed sealed, Tenant tenant) {
    try {
      return aead.decrypt(sealed.ciphertext(), associatedData(tenant));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a webhook secret of company "
              + tenant.companyId()
              + " sealed under key "
              + sealed.keyId()
              + " does not open",
          e);
    }
  }

  private static byte[] associatedData(Tenant tenant) {
    return ("ingest.webhook_secrets:" + tenant.companyId() + ":" + tenant.orgId().value())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String keyIdIn(byte[] ciphertext) {
    return Integer.toUnsignedString(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
  }
}
