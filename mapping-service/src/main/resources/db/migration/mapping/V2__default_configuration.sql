-- The seed design's defaults, inherited by every company (company_id NULL; see V1 for how a
-- company overrides one). Changing a default later is a new migration, never an edit of this one.

-- Account -> customer. Plain fields flow both ways (phase 2 pushes Caskr edits back per field);
-- Industry and OwnerId are lookups that cannot be inverted, so they only flow from Salesforce.
-- Opportunity -> order. Only a Closed Won opportunity becomes (or updates) an order, as status
-- Confirmed: the StageName value map is that gate, and mapping-service logs and ignores the other
-- stages. Name and Description together make the order's notes. The order status goes back to
-- Salesforce in its own field, Caskr_Order_Status__c, never into StageName.
-- Contact -> portal user. Email is the portal login: required and critical.
insert into crm_field_mappings
    (company_id, salesforce_object, salesforce_field, caskr_entity, caskr_field, direction,
     is_required, is_critical, transformation_rule, transformation_config, default_value, target_position)
values
    (null, 'Account', 'Name',              'customer', 'name',                'BIDIRECTIONAL', true,  true,  'TRIM', '{}', null, 1),
    (null, 'Account', 'BillingStreet',     'customer', 'billing_street',      'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'BillingCity',       'customer', 'billing_city',        'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'BillingState',      'customer', 'billing_state',       'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'BillingPostalCode', 'customer', 'billing_postal_code', 'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'BillingCountry',    'customer', 'billing_country',     'BIDIRECTIONAL', false, false, 'NONE', '{}', '"USA"', 1),
    (null, 'Account', 'Phone',             'customer', 'phone',               'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'Website',           'customer', 'website',             'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Account', 'Industry',          'customer', 'customer_type',       'SF_TO_CASKR',   false, false, 'LOOKUP',
        '{"lookup": "industry_customer_type", "fallback": "Direct"}', null, 1),
    (null, 'Account', 'OwnerId',           'customer', 'assigned_user_id',    'SF_TO_CASKR',   false, false, 'LOOKUP',
        '{"lookup": "user_by_email"}', null, 1),

    (null, 'Opportunity', 'AccountId',             'order', 'customer_id',  'SF_TO_CASKR', true,  false, 'LOOKUP',
        '{"lookup": "entity_mapping", "salesforce_object": "Account"}', null, 1),
    (null, 'Opportunity', 'Name',                  'order', 'notes',        'SF_TO_CASKR', false, false, 'NONE', '{}', null, 1),
    (null, 'Opportunity', 'Description',           'order', 'notes',        'SF_TO_CASKR', false, false, 'NONE', '{}', null, 2),
    (null, 'Opportunity', 'Amount',                'order', 'total_amount', 'SF_TO_CASKR', false, true,  'NONE', '{}', '0', 1),
    (null, 'Opportunity', 'CloseDate',             'order', 'order_date',   'SF_TO_CASKR', false, false, 'DATE_FORMAT',
        '{"format": "yyyy-MM-dd"}', null, 1),
    (null, 'Opportunity', 'StageName',             'order', 'status',       'SF_TO_CASKR', false, false, 'VALUE_MAP',
        '{"values": {"Closed Won": "Confirmed"}}', null, 1),
    (null, 'Opportunity', 'Caskr_Order_Status__c', 'order', 'status',       'CASKR_TO_SF', false, false, 'NONE', '{}', null, 1),

    (null, 'Contact', 'Email',            'portal-user', 'email',            'BIDIRECTIONAL', true,  true,  'TRIM', '{}', null, 1),
    (null, 'Contact', 'FirstName',        'portal-user', 'first_name',       'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Contact', 'LastName',         'portal-user', 'last_name',        'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Contact', 'Phone',            'portal-user', 'phone',            'BIDIRECTIONAL', false, false, 'NONE', '{}', null, 1),
    (null, 'Contact', 'Cask_Investor__c', 'portal-user', 'is_cask_investor', 'BIDIRECTIONAL', false, false, 'NONE', '{}', 'false', 1),
    (null, 'Contact', 'Portal_Access__c', 'portal-user', 'portal_enabled',   'BIDIRECTIONAL', false, false, 'NONE', '{}', 'false', 1),
    (null, 'Contact', 'AccountId',        'portal-user', 'customer_id',      'SF_TO_CASKR',   false, false, 'LOOKUP',
        '{"lookup": "entity_mapping", "salesforce_object": "Account"}', null, 1);

-- Industry -> customer type. Industries not listed become 'Direct' (the LOOKUP's fallback).
-- Hospitality and Retail are standard Salesforce Industry values; Restaurants and Wholesale are
-- not, so an org needs them added to its Industry picklist for those rows to match.
insert into crm_industry_customer_types (company_id, industry, customer_type)
values
    (null, 'Restaurants', 'On-Premise'),
    (null, 'Hospitality', 'On-Premise'),
    (null, 'Retail',      'Off-Premise'),
    (null, 'Wholesale',   'Distributor');

-- Accounts and opportunities are polled every 15 minutes, contacts hourly (polling is the safety
-- net behind Pub/Sub and Outbound Messages, not the main path); reconciliation daily at 03:00 UTC.
insert into crm_sync_preferences
    (company_id, entity, conflict_strategy, direction, enabled, poll_interval_seconds, reconcile_cron,
     reconcile_time_zone)
values
    (null, 'Account',     'LastWriteWins', 'BIDIRECTIONAL', true, 900,  '0 0 3 * * *', 'UTC'),
    (null, 'Opportunity', 'LastWriteWins', 'BIDIRECTIONAL', true, 900,  '0 0 3 * * *', 'UTC'),
    (null, 'Contact',     'LastWriteWins', 'BIDIRECTIONAL', true, 3600, '0 0 3 * * *', 'UTC');
