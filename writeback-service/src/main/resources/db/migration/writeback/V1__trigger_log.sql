-- Capture of Caskr-side edits (issue 7): row triggers on caskr.customers, caskr.orders and
-- caskr.portal_users append to trigger_log; the relay publishes caskr.<entity>.changed.v1 from it
-- and sets sent_at. Runs after the caskr schema migration (see database/DatabaseConfiguration).
--
-- ORIGIN-TAG CONTRACT (what stops ping-pong, ARCHITECTURE.md section 5.5)
--   Every transaction that writes Caskr rows on behalf of the sync - mapping-service applying a
--   Salesforce change, writeback-service storing a new Account's id, a conflict resolution - runs
--       SET LOCAL caskr.sync_origin = 'salesforce-sync';
--   before its first write. The capture trigger then records nothing for that transaction. SET
--   LOCAL ends with the transaction (commit or rollback), so a pooled connection cannot carry the
--   tag into a Caskr user's next edit; a plain SET (session-wide) would, and must never be used.
--   Any other value, or no value, means "a Caskr edit": it is captured.
--
-- What a trigger_log row holds
--   operation INSERT / UPDATE / DELETE; changed_columns = the columns whose value differs between
--   the old and the new image, where a missing image (INSERT, DELETE) counts as all NULL - so an
--   INSERT lists its non-NULL columns and a DELETE the columns that had a value. old_values and
--   new_values hold exactly those columns (old_values is NULL for INSERT, new_values for DELETE).
--   Bookkeeping columns never count as changes: id and company_id (they have columns of their
--   own), created_at, updated_at and salesforce_last_sync_at. An UPDATE that changes nothing else
--   is not recorded at all. Column names are sorted bytewise (collate "C"). TRUNCATE is not captured.
--
-- Ordering for the relay
--   ids come from a sequence at INSERT time, not at commit. For one Caskr row the order is still
--   the commit order (the row lock serialises writers and the trigger runs after the row write).
--   Across rows a lower id may commit after a higher one; a relay that needs a strict horizon
--   reads only rows with transaction_id < pg_snapshot_xmin(pg_current_snapshot()), i.e. from
--   transactions that can no longer be in flight. That is why transaction_id is an xid8.

create table trigger_log (
    id              bigserial   primary key,
    company_id      bigint      not null check (company_id > 0),
    entity          text        not null check (entity in ('customer', 'order', 'portal-user')),
    caskr_id        bigint      not null,
    operation       text        not null check (operation in ('INSERT', 'UPDATE', 'DELETE')),
    changed_columns text[]      not null check (cardinality(changed_columns) > 0 or operation = 'DELETE'),
    old_values      jsonb,
    new_values      jsonb,
    transaction_id  xid8        not null default pg_current_xact_id(),
    captured_at     timestamptz not null default now(),
    sent_at         timestamptz,
    constraint trigger_log_images_match_operation check (
        (operation = 'INSERT' and old_values is null and new_values is not null)
        or (operation = 'UPDATE' and old_values is not null and new_values is not null)
        or (operation = 'DELETE' and old_values is not null and new_values is null))
);

comment on table trigger_log is
    'Caskr-side edits to customers, orders and portal users not made by the sync; see V1 header for the contract.';

-- The relay's only query: unsent rows in id order. Sent rows drop out of the index, so it stays
-- as small as the backlog.
create index trigger_log_unsent_idx on trigger_log (id) where sent_at is null;

-- SECURITY DEFINER: Caskr apps writing their own tables need no privileges on this schema. The
-- fixed search_path keeps a caller's search_path from redirecting anything the function uses.
create function capture_caskr_change() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as
$$
declare
    bookkeeping constant text[] := array['id', 'company_id', 'created_at', 'updated_at',
        'salesforce_last_sync_at'];
    entity_name constant text   := tg_argv[0];
    old_image   jsonb := '{}';
    new_image   jsonb := '{}';
    changed     text[];
    old_changed jsonb;
    new_changed jsonb;
begin
    if current_setting('caskr.sync_origin', true) = 'salesforce-sync' then
        return null;
    end if;

    if tg_op <> 'INSERT' then
        old_image := to_jsonb(old) - bookkeeping;
    end if;
    if tg_op <> 'DELETE' then
        new_image := to_jsonb(new) - bookkeeping;
    end if;

    select coalesce(array_agg(k order by k collate "C"), '{}'),
           jsonb_object_agg(k, coalesce(old_image -> k, 'null'::jsonb)),
           jsonb_object_agg(k, coalesce(new_image -> k, 'null'::jsonb))
      into changed, old_changed, new_changed
      from (select jsonb_object_keys(old_image) union select jsonb_object_keys(new_image)) as keys (k)
     where coalesce(old_image -> k, 'null'::jsonb) is distinct from coalesce(new_image -> k, 'null'::jsonb);

    if tg_op = 'UPDATE' and cardinality(changed) = 0 then
        return null;
    end if;

    if tg_op = 'DELETE' then
        insert into writeback.trigger_log (company_id, entity, caskr_id, operation, changed_columns,
                                           old_values, new_values)
        values (old.company_id, entity_name, old.id, tg_op, changed, coalesce(old_changed, '{}'), null);
    elsif tg_op = 'INSERT' then
        insert into writeback.trigger_log (company_id, entity, caskr_id, operation, changed_columns,
                                           old_values, new_values)
        values (new.company_id, entity_name, new.id, tg_op, changed, null, coalesce(new_changed, '{}'));
    else
        insert into writeback.trigger_log (company_id, entity, caskr_id, operation, changed_columns,
                                           old_values, new_values)
        values (new.company_id, entity_name, new.id, tg_op, changed, old_changed, new_changed);
    end if;
    return null;
end;
$$;

create trigger writeback_capture after insert or update or delete on caskr.customers
    for each row execute function capture_caskr_change('customer');
create trigger writeback_capture after insert or update or delete on caskr.orders
    for each row execute function capture_caskr_change('order');
create trigger writeback_capture after insert or update or delete on caskr.portal_users
    for each row execute function capture_caskr_change('portal-user');
