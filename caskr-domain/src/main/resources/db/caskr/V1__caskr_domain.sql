-- The Caskr stand-in domain: the tables Caskr itself owns in production (company, users, customers,
-- products, orders, order lines, portal users). mapping-service writes them on the Salesforce side,
-- Caskr apps on the other; writeback-service puts capture triggers on three of them.
--
-- Conventions used in this schema (and in every service schema):
--
-- * Closed value sets are text columns with CHECK constraints, not PostgreSQL enum types. The
--   services bind plain strings over JDBC / Spring Data JDBC; an enum column rejects a varchar
--   parameter unless every statement casts or the driver runs with stringtype=unspecified. CHECK
--   constraints also evolve inside one transactional migration (drop + add), while an enum value
--   can never be removed or renamed and ALTER TYPE ... ADD VALUE cannot be used in the transaction
--   that adds it. The stored values are exactly the names the seed design uses ('On-Premise',
--   'InProduction', ...), so the jsonb images captured by the writeback trigger carry them as is.
-- * Tenancy: every row carries company_id and every unique key starts with it; each table also
--   has a UNIQUE (company_id, id) so that child tables reference (company_id, <parent>_id). A row
--   therefore cannot point at another company's parent, whatever the application does.
-- * Salesforce ids are stored in their 18-character form only (see shared-schema SalesforceId);
--   the salesforce_id domain rejects anything else. They are unique per company where present,
--   through partial unique indexes (rows not linked to Salesforce stay NULL, as many as needed).
-- * updated_at is owned by a trigger; see touch_updated_at().

create domain salesforce_id as text
    check (value ~ '^[0-9A-Za-z]{18}$');

comment on domain salesforce_id is
    'An 18-character Salesforce record id; 15-character ids are normalised by the application first.';

-- Moves updated_at only when some other column really changed, so that a no-op UPDATE (an
-- idempotent re-delivery, an ORM saving an unchanged entity) does not make the row look like a
-- fresh Caskr edit to conflict detection, which compares updated_at with the last sync.
-- The trigger owns the column: a value the caller sets explicitly is ignored on UPDATE.
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

create table company (
    id         bigint generated always as identity primary key,
    name       text        not null check (btrim(name) <> ''),
    is_active  boolean     not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table users (
    id         bigint generated always as identity primary key,
    company_id bigint      not null references company (id),
    email      text        not null check (position('@' in email) > 1 and email = btrim(email)),
    name       text        not null check (btrim(name) <> ''),
    -- Caskr's application roles; OwnerId matching only needs the email, not the role.
    role       text        not null default 'Staff'
        check (role in ('Admin', 'Manager', 'Sales', 'Staff')),
    is_active  boolean     not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint users_company_id_id_key unique (company_id, id)
);

-- OwnerId -> assigned user is resolved through the Salesforce user's email, case-insensitively.
create unique index users_company_email_key on users (company_id, lower(email));

create table customers (
    id                      bigint generated always as identity primary key,
    company_id              bigint        not null references company (id),
    name                    text          not null check (btrim(name) <> ''),
    -- Industry -> customer_type goes through mapping.crm_industry_customer_types; an industry the
    -- table does not know becomes 'Direct', hence the default.
    customer_type           text          not null default 'Direct'
        check (customer_type in ('On-Premise', 'Off-Premise', 'Distributor', 'Direct')),
    email                   text,
    phone                   text,
    website                 text,
    billing_street          text,
    billing_city            text,
    billing_state           text,
    billing_postal_code     text,
    -- The seed design's rule "BillingCountry defaults to USA" lives here, NOT NULL so that a writer
    -- that sends NULL explicitly fails loudly instead of storing an address without a country.
    billing_country         text          not null default 'USA',
    assigned_user_id        bigint,
    is_active               boolean       not null default true,
    salesforce_account_id   salesforce_id,
    salesforce_last_sync_at timestamptz,
    created_at              timestamptz   not null default now(),
    updated_at              timestamptz   not null default now(),
    constraint customers_company_id_id_key unique (company_id, id),
    -- Removing a user unassigns the customer; SET NULL names the column so company_id survives.
    constraint customers_assigned_user_fk foreign key (company_id, assigned_user_id)
        references users (company_id, id) on delete set null (assigned_user_id)
);

create unique index customers_company_salesforce_account_key
    on customers (company_id, salesforce_account_id) where salesforce_account_id is not null;
-- Matching an Account that has no mapping yet falls back to the normalised customer name.
create index customers_company_lower_name_idx on customers (company_id, lower(name));
create index customers_company_assigned_user_idx
    on customers (company_id, assigned_user_id) where assigned_user_id is not null;

create table products (
    id         bigint generated always as identity primary key,
    company_id bigint        not null references company (id),
    -- Opportunity line items find their product by SKU = ProductCode, compared exactly.
    sku        text          not null check (btrim(sku) <> '' and sku = btrim(sku)),
    name       text          not null check (btrim(name) <> ''),
    unit_price numeric(18, 2) not null default 0 check (unit_price >= 0),
    is_active  boolean       not null default true,
    created_at timestamptz   not null default now(),
    updated_at timestamptz   not null default now(),
    constraint products_company_id_id_key unique (company_id, id),
    constraint products_company_sku_key unique (company_id, sku)
);

create table orders (
    id                        bigint generated always as identity primary key,
    company_id                bigint        not null references company (id),
    customer_id               bigint        not null,
    order_number              text          not null check (btrim(order_number) <> ''),
    -- Holding an order for review (unknown SKU, ...) is not an order status: holds live in
    -- mapping.crm_review_holds, so Caskr's own order workflow is not polluted by sync concerns.
    status                    text          not null default 'Draft'
        check (status in ('Draft', 'Pending', 'Confirmed', 'InProduction', 'Shipped', 'Delivered',
                          'Cancelled')),
    order_date                date,
    total_amount              numeric(18, 2) not null default 0 check (total_amount >= 0),
    notes                     text,
    -- Deleting an Opportunity deactivates its order and undeleting restores it (issue 6); a status
    -- change could not be undone without remembering the previous status.
    is_active                 boolean       not null default true,
    salesforce_opportunity_id salesforce_id,
    salesforce_last_sync_at   timestamptz,
    created_at                timestamptz   not null default now(),
    updated_at                timestamptz   not null default now(),
    constraint orders_company_id_id_key unique (company_id, id),
    constraint orders_company_order_number_key unique (company_id, order_number),
    constraint orders_customer_fk foreign key (company_id, customer_id)
        references customers (company_id, id)
);

create unique index orders_company_salesforce_opportunity_key
    on orders (company_id, salesforce_opportunity_id) where salesforce_opportunity_id is not null;
create index orders_company_customer_idx on orders (company_id, customer_id);

create table order_lines (
    id                      bigint generated always as identity primary key,
    company_id              bigint        not null references company (id),
    order_id                bigint        not null,
    -- Every line has a product: a line item whose SKU is unknown holds the whole order for review
    -- instead of arriving as a line without a product.
    product_id              bigint        not null,
    line_number             integer       not null check (line_number > 0),
    quantity                numeric(18, 2) not null check (quantity > 0),
    unit_price              numeric(18, 2) not null check (unit_price >= 0),
    -- Not checked against quantity * unit_price: Salesforce applies discounts to TotalPrice.
    total_price             numeric(18, 2) not null check (total_price >= 0),
    description             text,
    salesforce_line_item_id salesforce_id,
    created_at              timestamptz   not null default now(),
    updated_at              timestamptz   not null default now(),
    constraint order_lines_order_fk foreign key (company_id, order_id)
        references orders (company_id, id) on delete cascade,
    constraint order_lines_product_fk foreign key (company_id, product_id)
        references products (company_id, id),
    -- Deferred: line items arrive as a full snapshot and replacing it may renumber lines in place,
    -- which would collide row by row under an immediate check.
    constraint order_lines_order_line_number_key unique (company_id, order_id, line_number)
        deferrable initially deferred
);

create unique index order_lines_company_salesforce_line_item_key
    on order_lines (company_id, salesforce_line_item_id) where salesforce_line_item_id is not null;
create index order_lines_company_product_idx on order_lines (company_id, product_id);

create table portal_users (
    id                      bigint generated always as identity primary key,
    company_id              bigint      not null references company (id),
    -- NULL for a Contact without an Account (a private contact in Salesforce).
    customer_id             bigint,
    email                   text        not null check (position('@' in email) > 1 and email = btrim(email)),
    first_name              text,
    last_name               text,
    phone                   text,
    is_cask_investor        boolean     not null default false,
    portal_enabled          boolean     not null default false,
    is_active               boolean     not null default true,
    salesforce_contact_id   salesforce_id,
    salesforce_last_sync_at timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint portal_users_company_id_id_key unique (company_id, id),
    constraint portal_users_customer_fk foreign key (company_id, customer_id)
        references customers (company_id, id) on delete set null (customer_id)
);

-- Email is the portal login: unique per company whatever its case, inactive users included
-- (a second Contact with a known email goes to review rather than taking over the login).
create unique index portal_users_company_email_key on portal_users (company_id, lower(email));
create unique index portal_users_company_salesforce_contact_key
    on portal_users (company_id, salesforce_contact_id) where salesforce_contact_id is not null;
create index portal_users_company_customer_idx
    on portal_users (company_id, customer_id) where customer_id is not null;

create trigger company_touch_updated_at before update on company
    for each row execute function touch_updated_at();
create trigger users_touch_updated_at before update on users
    for each row execute function touch_updated_at();
create trigger customers_touch_updated_at before update on customers
    for each row execute function touch_updated_at();
create trigger products_touch_updated_at before update on products
    for each row execute function touch_updated_at();
create trigger orders_touch_updated_at before update on orders
    for each row execute function touch_updated_at();
create trigger order_lines_touch_updated_at before update on order_lines
    for each row execute function touch_updated_at();
create trigger portal_users_touch_updated_at before update on portal_users
    for each row execute function touch_updated_at();
