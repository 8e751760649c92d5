package com.caskr.sync.auth.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenVaultTest {

  private static final Secret TOKEN = Secret.of("00Dxx0000001gPL!AR8AQJXg5oqTjbQ.access.token");
  private final String keyset = TokenVault.newJsonKeyset();
  private final TokenVault vault = TokenVault.fromJsonKeyset(keyset);

  @Test
  void opensWhatItSealedAndTheCiphertextHidesThePlaintext() {
    SealedSecret sealed = vault.seal(TOKEN, SecretSlot.accessToken(7));

    assertThat(vault.open(sealed, SecretSlot.accessToken(7)).reveal()).isEqualTo(TOKEN.reveal());
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("access.token");
    assertThat(sealed.keyId()).isEqualTo(vault.primaryKeyId());
    assertThat(vault.seal(TOKEN, SecretSlot.accessToken(7)))
        .as("a fresh nonce every time")
        .isNotEqualTo(sealed);
  }

  @Test
  void refusesToOpenACiphertextMovedToAnotherCompanyOrColumn() {
    SealedSecret sealed = vault.seal(TOKEN, SecretSlot.refreshToken(7));

    assertThatThrownBy(() -> vault.open(sealed, SecretSlot.refreshToken(8)))
        .isInstanceOf(SecretUnreadable.class)
        .hasMessageContaining("refresh token of company 8")
        .hasMessageNotContaining(TOKEN.reveal());
    assertThatThrownBy(() -> vault.open(sealed, SecretSlot.accessToken(7)))
        .isInstanceOf(SecretUnreadable.class);
  }

  @Test
  void refusesATamperedCiphertextOrAWrongKeyId() {
    SealedSecret sealed = vault.seal(TOKEN, SecretSlot.accessToken(7));
    byte[] bytes = sealed.ciphertext();
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(
            () -> vault.open(new SealedSecret(bytes, sealed.keyId()), SecretSlot.accessToken(7)))
        .isInstanceOf(SecretUnreadable.class)
        .hasMessageContaining("tampered");
    assertThatThrownBy(
            () -> vault.open(new SealedSecret(sealed.ciphertext(), "1"), SecretSlot.accessToken(7)))
        .isInstanceOf(SecretUnreadable.class)
        .hasMessageContaining("does not match its key id");
  }

  @Test
  void afterRotationSealsUnderTheNewKeyAndStillOpensTheOld() {
    SealedSecret old = vault.seal(TOKEN, SecretSlot.accessToken(7));
    TokenVault rotated = TokenVault.fromJsonKeyset(TokenVault.rotate(keyset));

    SealedSecret fresh = rotated.seal(TOKEN, SecretSlot.accessToken(7));

    assertThat(rotated.primaryKeyId()).isNotEqualTo(vault.primaryKeyId());
    assertThat(fresh.keyId()).isEqualTo(rotated.primaryKeyId());
    assertThat(rotated.open(old, SecretSlot.accessToken(7)).reveal()).isEqualTo(TOKEN.reveal());
    assertThat(rotated.isStale(old)).isTrue();
    assertThat(rotated.isStale(fresh)).isFalse();
  }

  @Test
  void saysWhenTheKeyOfARowIsNoLongerConfigured() {
    SealedSecret sealed = vault.seal(TOKEN, SecretSlot.accessToken(7));
    TokenVault other = TokenVault.fromJsonKeyset(TokenVault.newJsonKeyset());

    assertThatThrownBy(() -> other.open(sealed, SecretSlot.accessToken(7)))
        .isInstanceOf(SecretUnreadable.class)
        .hasMessageContaining("not in the configured keyset");
  }

  @Test
  void acceptsOnlyAes256GcmKeysetsAndNeverEchoesKeyMaterial() throws Exception {
    String aes128 =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM),
            InsecureSecretKeyAccess.get());

    assertThatThrownBy(() -> TokenVault.fromJsonKeyset(aes128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not AES-256-GCM");
    assertThatThrownBy(() -> TokenVault.fromJsonKeyset("{\"key\": \"c2VjcmV0LWtleS1ieXRlcw==\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void neverPrintsASecret() {
    assertThat(TOKEN.toString()).isEqualTo("Secret[redacted]").doesNotContain("access");
    assertThat(vault.seal(TOKEN, SecretSlot.accessToken(7)).toString())
        .startsWith("SealedSecret[keyId=");
    assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
