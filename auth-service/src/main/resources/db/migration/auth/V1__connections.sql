-- Salesforce connections per Caskr company, their audit trail, and the pending OAuth
-- authorisations of the connect flow (issue 4).
--
-- Secrets are stored only as AEAD ciphertext (bytea) next to the id of the key that sealed them;
-- there is deliberately no text column a token could be written to. The vault should bind each
-- ciphertext to its row with associated data (e.g. company id + column name) so that a ciphertext
-- copied to another company's row does not decrypt. A *_key_id column lets the re-encrypt job
-- find the rows sealed with a key that is no longer primary.
--
-- Conventions shared with the other schemas: closed sets are text + CHECK (not enum types: plain
-- JDBC strings bind to them and they evolve in a transactional migration); company_id is a plain
-- bigint, not a foreign key into the caskr schema, because this service does not own or migrate
-- that schema; salesforce_id holds 18-character ids only; updated_at is kept by a trigger.

create domain salesforce_id as text
    check (value ~ '^[0-9A-Za-z]{18}$');

create function touch_updated_at() returns trigger
    language plpgsql as
$$
begin
    new.updated_at := old.updated_at;
    if new is distinct from old then
        new.updated_at := now();
    end if;
    return new;
end;
$$;

create table crm_integrations (
    id                        bigint generated always as identity primary key,
    company_id                bigint        not null check (company_id > 0),
    provider                  text          not null default 'SALESFORCE' check (provider in ('SALESFORCE')),
    -- WEB_SERVER: OAuth web-server flow with PKCE, an admin consents; JWT_BEARER: server-to-server
    -- with a certificate registered on the connected app, no refresh token exists.
    auth_flow                 text          not null check (auth_flow in ('WEB_SERVER', 'JWT_BEARER')),
    org_id                    salesforce_id not null check (org_id like '00D%'),
    salesforce_user_id        salesforce_id not null check (salesforce_user_id like '005%'),
    -- http is allowed for the local salesforce-emulator only; configuration validation rejects it
    -- outside the local profile.
    instance_url              text          not null check (instance_url ~ '^https?://[^/\s]+(/\S*)?$'),
    -- Host (and port) the token requests go to: login.salesforce.com, test.salesforce.com or a My
    -- Domain host; a refresh must go to the same host the connection was made on.
    login_host                text          not null check (login_host ~ '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$'),
    environment               text          not null check (environment in ('PRODUCTION', 'SANDBOX', 'CUSTOM_DOMAIN')),
    granted_scopes            text[]        not null default '{}',
    state                     text          not null default 'CONNECTED'
        check (state in ('CONNECTED', 'NEEDS_RECONNECT', 'DISCONNECTED')),
    access_token_ciphertext   bytea,
    access_token_key_id       text,
    -- Sealed separately: without refresh-token rotation only the access token is re-sealed on a
    -- refresh, so the two may be under different keys.
    refresh_token_ciphertext  bytea,
    refresh_token_key_id      text,
    -- Salesforce does not return an expiry; expiry = issued_at + the org's session timeout - skew.
    token_issued_at           timestamptz,
    last_refresh_at           timestamptz,
    -- Error code and message only (e.g. invalid_grant); never a response body that could echo a token.
    last_error                text,
    last_error_at             timestamptz,
    -- JWT bearer: the Salesforce username the assertion is issued for and references to the
    -- certificate and private key in the secret store. The key itself is never stored here.
    jwt_username              text,
    jwt_certificate_ref       text,
    jwt_private_key_ref       text,
    -- NULL = the deployment's default connected app.
    oauth_client_id           text,
    connected_by              text          not null,
    connected_at              timestamptz   not null default now(),
    disconnected_by           text,
    disconnected_at           timestamptz,
    -- Compare-and-set guard for token writes: two instances refreshing the same connection cannot
    -- both store their result.
    version                   bigint        not null default 0,
    created_at                timestamptz   not null default now(),
    updated_at                timestamptz   not null default now(),
    constraint crm_integrations_access_token_sealed
        check ((access_token_ciphertext is null) = (access_token_key_id is null)),
    constraint crm_integrations_refresh_token_sealed
        check ((refresh_token_ciphertext is null) = (refresh_token_key_id is null)),
    constraint crm_integrations_connected_has_token
        check (state <> 'CONNECTED' or access_token_ciphertext is not null),
    -- Disconnect wipes the tokens; the row stays for the audit trail.
    constraint crm_integrations_disconnected_has_no_tokens
        check (state <> 'DISCONNECTED'
            or (access_token_ciphertext is null and refresh_token_ciphertext is null
                and disconnected_at is not null)),
    constraint crm_integrations_disconnected_at_only_when_disconnected
        check (state = 'DISCONNECTED' or disconnected_at is null),
    constraint crm_integrations_jwt_bearer_configured
        check (auth_flow <> 'JWT_BEARER'
            or (jwt_username is not null and jwt_certificate_ref is not null
                and jwt_private_key_ref is not null)),
    constraint crm_integrations_company_id_id_key unique (company_id, id)
);

-- A company has at most one live connection: connecting a second org is refused until the first
-- is disconnected. NEEDS_RECONNECT is live (the org is still this company's, only the grant expired).
create unique index crm_integrations_one_live_per_company
    on crm_integrations (company_id) where state <> 'DISCONNECTED';

-- Outbound Messages and webhooks are routed by org id alone, so a live org must belong to exactly
-- one company; otherwise an event for org A could land in the wrong tenant.
create unique index crm_integrations_one_live_per_org
    on crm_integrations (org_id) where state <> 'DISCONNECTED';

-- The re-encrypt job: rows still sealed under a given key.
create index crm_integrations_access_key_idx
    on crm_integrations (access_token_key_id) where access_token_key_id is not null;
create index crm_integrations_refresh_key_idx
    on crm_integrations (refresh_token_key_id) where refresh_token_key_id is not null;

create trigger crm_integrations_touch_updated_at before update on crm_integrations
    for each row execute function touch_updated_at();

-- Who did what to a connection, kept after disconnect. details holds codes and ids, never secrets.
create table crm_integration_audit (
    id             bigint generated always as identity primary key,
    company_id     bigint        not null check (company_id > 0),
    -- NULL for a connect attempt that failed before any connection existed.
    integration_id bigint,
    event_type     text          not null check (event_type in (
        'CONNECT_STARTED', 'CONNECTED', 'RECONNECTED', 'CONNECT_FAILED', 'TOKEN_REFRESHED',
        'REFRESH_FAILED', 'NEEDS_RECONNECT', 'DISCONNECTED', 'TOKENS_RE_ENCRYPTED')),
    org_id         salesforce_id,
    -- The admin user for interactive actions, the service name for automatic ones.
    actor          text          not null,
    details        jsonb         not null default '{}' check (jsonb_typeof(details) = 'object'),
    occurred_at    timestamptz   not null default now(),
    constraint crm_integration_audit_integration_fk foreign key (company_id, integration_id)
        references crm_integrations (company_id, id)
);

create index crm_integration_audit_company_time_idx
    on crm_integration_audit (company_id, occurred_at desc);
create index crm_integration_audit_integration_idx
    on crm_integration_audit (company_id, integration_id) where integration_id is not null;

-- Pending connect flows. The state parameter is single-use: the callback consumes it with
--   UPDATE ... SET consumed_at = now()
--    WHERE state_hash = ? AND admin_session_hash = ? AND consumed_at IS NULL AND expires_at > now()
--   RETURNING ...
-- so a replayed, foreign-session or expired state matches no row. Only SHA-256 hashes of the
-- state and of the admin session id are stored (a database reader cannot forge a callback); the
-- PKCE verifier must be sent at the token exchange, so it is sealed rather than hashed.
create table oauth_authorization_requests (
    id                       bigint generated always as identity primary key,
    company_id               bigint      not null check (company_id > 0),
    state_hash               bytea       not null check (octet_length(state_hash) = 32),
    admin_session_hash       bytea       not null check (octet_length(admin_session_hash) = 32),
    requested_by             text        not null,
    environment              text        not null check (environment in ('PRODUCTION', 'SANDBOX', 'CUSTOM_DOMAIN')),
    login_host               text        not null check (login_host ~ '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$'),
    pkce_verifier_ciphertext bytea       not null,
    pkce_verifier_key_id     text        not null,
    redirect_uri             text        not null check (redirect_uri ~ '^https?://'),
    created_at               timestamptz not null default now(),
    expires_at               timestamptz not null,
    consumed_at              timestamptz,
    constraint oauth_authorization_requests_state_hash_key unique (state_hash),
    constraint oauth_authorization_requests_expiry_after_creation check (expires_at > created_at),
    constraint oauth_authorization_requests_consumed_after_creation
        check (consumed_at is null or consumed_at >= created_at)
);

-- Cleanup of expired requests.
create index oauth_authorization_requests_expires_idx on oauth_authorization_requests (expires_at);
