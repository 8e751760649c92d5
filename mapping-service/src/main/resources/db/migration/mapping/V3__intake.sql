-- mapping-service intake (issue 6): which Salesforce org each company is bound to, and the
-- Salesforce users whose email the sync has seen (OwnerId -> Caskr user by email).

-- Tenant isolation: the first event of a company binds it to the event's org; an event that
-- names the company with another org is refused (dead-lettered), so org A can never write into
-- company B. Reconnecting a company to another org is an operator's UPDATE of this row.
create table crm_company_orgs (
    company_id bigint        primary key check (company_id > 0),
    org_id     salesforce_id not null,
    bound_at   timestamptz   not null default now()
);

-- Salesforce user id -> email, learnt from the Owner relationship an event carries
-- (fields.Owner = {"Id": ..., "Email": ...}) or seeded by an operator. The OwnerId lookup
-- (crm_field_mappings LOOKUP user_by_email) resolves the email here, then the Caskr user with
-- that email in caskr.users.
create table crm_salesforce_users (
    company_id bigint        not null check (company_id > 0),
    user_id    salesforce_id not null,
    email      text          not null check (position('@' in email) > 1 and email = btrim(email)),
    updated_at timestamptz   not null default now(),
    primary key (company_id, user_id)
);
