package com.caskr.sync.auth.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A key rotation with live rows: the service runs with a keyset whose primary key is new, the rows
 * were sealed under the old one, and the job moves them without losing a token.
 */
@SpringBootTest
@UsesTestInfrastructure
class ReEncryptionIntegrationTest {

  private static final String OLD_KEYSET = TokenVault.newJsonKeyset();
  private static final String ROTATED_KEYSET = TokenVault.rotate(OLD_KEYSET);
  private static final TokenVault OLD = TokenVault.fromJsonKeyset(OLD_KEYSET);

  @DynamicPropertySource
  static void rotatedKeyset(DynamicPropertyRegistry registry) {
    registry.add("auth.vault.keyset.json", () -> ROTATED_KEYSET);
  }

  @Autowired private ReEncryption reEncryption;
  @Autowired private TokenVault vault;
  @Autowired private JdbcClient jdbc;

  @BeforeEach
  void noConnections() {
    new ConnectionRows(jdbc, vault).deleteAll();
  }

  @Test
  void movesEveryLiveRowToTheNewKeyWithoutLosingAToken() {
    long first = insertConnection(11, "00D000000000011", OLD, "access-11", "refresh-11");
    long second = insertConnection(12, "00D000000000012", OLD, "access-12", null);
    long current = insertConnection(13, "00D000000000013", vault, "access-13", "refresh-13");

    ReEncryption.Summary summary = reEncryption.run();

    assertThat(summary).isEqualTo(new ReEncryption.Summary(2, 0, 0));
    assertThat(token(first, 11, "access")).isEqualTo("access-11");
    assertThat(token(first, 11, "refresh")).isEqualTo("refresh-11");
    assertThat(token(second, 12, "access")).isEqualTo("access-12");
    assertThat(
            jdbc.sql(
                    "select distinct access_token_key_id from crm_integrations"
                        + " union select refresh_token_key_id from crm_integrations"
                        + " where refresh_token_key_id is not null")
                .query(String.class)
                .list())
        .containsExactly(vault.primaryKeyId());
    assertThat(version(first)).isEqualTo(1);
    assertThat(version(current)).as("already under the primary key: untouched").isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from crm_integration_audit"
                        + " where event_type = 'TOKENS_RE_ENCRYPTED' and details->>'toKeyId' = ?")
                .param(vault.primaryKeyId())
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(reEncryption.run()).isEqualTo(new ReEncryption.Summary(0, 0, 0));
  }

  @Test
  void leavesARowItCannotOpenAsItWasAndCountsIt() {
    TokenVault foreign = TokenVault.fromJsonKeyset(TokenVault.newJsonKeyset());
    long row = insertConnection(21, "00D000000000021", foreign, "access-21", null);
    byte[] before = ciphertext(row);

    ReEncryption.Summary summary = reEncryption.run();

    assertThat(summary.unreadable()).isEqualTo(1);
    assertThat(ciphertext(row)).isEqualTo(before);
  }

  @Test
  void storesNoTokenAConnectionTableReaderCouldUse() {
    insertConnection(31, "00D000000000031", vault, "plain-access-token-31", "plain-refresh-31");

    List<byte[]> stored =
        jdbc.sql(
                "select access_token_ciphertext from crm_integrations where company_id = 31"
                    + " union all select refresh_token_ciphertext from crm_integrations"
                    + " where company_id = 31")
            .query(byte[].class)
            .list();

    assertThat(stored)
        .hasSize(2)
        .allSatisfy(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .doesNotContain("plain-"));
  }

  private long insertConnection(
      long companyId, String orgId, TokenVault sealer, String access, String refresh) {
    SealedSecret sealedAccess = sealer.seal(Secret.of(access), SecretSlot.accessToken(companyId));
    SealedSecret sealedRefresh =
        refresh == null
            ? null
            : sealer.seal(Secret.of(refresh), SecretSlot.refreshToken(companyId));
    return jdbc.sql(
            """
            insert into crm_integrations
                (company_id, auth_flow, org_id, salesforce_user_id, instance_url, login_host,
                 environment, connected_by, access_token_ciphertext, access_token_key_id,
                 refresh_token_ciphertext, refresh_token_key_id)
            values (:company, 'WEB_SERVER', :org, '005000000000001AAA',
                    'https://kinsale.my.salesforce.com', 'login.salesforce.com', 'PRODUCTION',
                    'admin@kinsale.example', :access, :accessKey, :refresh, :refreshKey)
            returning id
            """)
        .param("company", companyId)
        .param("org", com.caskr.sync.schema.SalesforceId.of(orgId).value())
        .param("access", sealedAccess.ciphertext())
        .param("accessKey", sealedAccess.keyId())
        .param("refresh", sealedRefresh == null ? null : sealedRefresh.ciphertext())
        .param("refreshKey", sealedRefresh == null ? null : sealedRefresh.keyId())
        .query(Long.class)
        .single();
  }

  private String token(long id, long companyId, String column) {
    var row =
        jdbc.sql(
                "select %1$s_token_ciphertext as c, %1$s_token_key_id as k from crm_integrations where id = ?"
                    .formatted(column))
            .param(id)
            .query((rs, n) -> new SealedSecret(rs.getBytes("c"), rs.getString("k")))
            .single();
    SecretSlot slot =
        column.equals("access")
            ? SecretSlot.accessToken(companyId)
            : SecretSlot.refreshToken(companyId);
    return vault.open(row, slot).reveal();
  }

  private long version(long id) {
    return jdbc.sql("select version from crm_integrations where id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private byte[] ciphertext(long id) {
    return jdbc.sql("select access_token_ciphertext from crm_integrations where id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }
}
