package com.caskr.sync.auth.testing;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connection rows as the connect flow leaves them, sealed with the service's vault. */
public final class ConnectionRows {

  private final JdbcClient jdbc;
  private final TokenVault vault;

  public ConnectionRows(JdbcClient jdbc, TokenVault vault) {
    this.jdbc = jdbc;
    this.vault = vault;
  }

  public void deleteAll() {
    jdbc.sql("delete from crm_integration_audit").update();
    jdbc.sql("delete from crm_integrations").update();
  }

  /** A CONNECTED web-server connection made at {@code loginHost}. */
  public long insert(
      long companyId,
      String orgId,
      String loginHost,
      String state,
      String access,
      String refresh,
      Instant issuedAt) {
    SealedSecret sealedAccess = vault.seal(Secret.of(access), SecretSlot.accessToken(companyId));
    SealedSecret sealedRefresh = vault.seal(Secret.of(refresh), SecretSlot.refreshToken(companyId));
    return jdbc.sql(
            """
            insert into crm_integrations
                (company_id, auth_flow, org_id, salesforce_user_id, instance_url, login_host,
                 environment, state, connected_by, access_token_ciphertext, access_token_key_id,
                 refresh_token_ciphertext, refresh_token_key_id, token_issued_at)
            values (:company, 'WEB_SERVER', :org, '005000000000001AAA', :instance, :loginHost,
                    'PRODUCTION', :state, 'admin@kinsale.example', :access, :accessKey, :refresh,
                    :refreshKey, :issued)
            returning id
            """)
        .param("company", companyId)
        .param("org", com.caskr.sync.schema.SalesforceId.of(orgId).value())
        .param("instance", "http://" + loginHost)
        .param("loginHost", loginHost)
        .param("state", state)
        .param("access", sealedAccess.ciphertext())
        .param("accessKey", sealedAccess.keyId())
        .param("refresh", sealedRefresh.ciphertext())
        .param("refreshKey", sealedRefresh.keyId())
        .param("issued", OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  /** The refresh token stored now (after a rotation, the rotated one). */
  public String refreshToken(long companyId) {
    SealedSecret sealed =
        jdbc.sql(
                "select refresh_token_ciphertext, refresh_token_key_id from crm_integrations"
                    + " where company_id = ? and state <> 'DISCONNECTED'")
            .param(companyId)
            .query((rs, n) -> new SealedSecret(rs.getBytes(1), rs.getString(2)))
            .single();
    return vault.open(sealed, SecretSlot.refreshToken(companyId)).reveal();
  }

  /** The access token stored now for the company's live connection. */
  public String accessToken(long companyId) {
    SealedSecret sealed =
        jdbc.sql(
                "select access_token_ciphertext, access_token_key_id from crm_integrations"
                    + " where company_id = ? and state <> 'DISCONNECTED'")
            .param(companyId)
            .query((rs, n) -> new SealedSecret(rs.getBytes(1), rs.getString(2)))
            .single();
    return vault.open(sealed, SecretSlot.accessToken(companyId)).reveal();
  }

  public long auditCount(long companyId, String event) {
    return jdbc.sql(
            "select count(*) from crm_integration_audit where company_id = ? and event_type = ?")
        .param(companyId)
        .param(event)
        .query(Long.class)
        .single();
  }

  public String state(long companyId) {
    return jdbc.sql(
            "select state from crm_integrations where company_id = ? and state <> 'DISCONNECTED'")
        .param(companyId)
        .query(String.class)
        .single();
  }
}
