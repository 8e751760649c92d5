-- Every applied change updates its record pair (snapshot, versions, sync time). None of those
-- columns is indexed, so the update can be HOT (no new entry in the pair's four indexes) when the
-- pair's page has room for the new version. At the default fillfactor (100) the first load fills
-- the pages and only about one pair update in sixteen was HOT in the mapping benchmark (ADR 0021,
-- fourth pass). Leaving 30 % of each page free keeps most updates on their page; pruning frees
-- the dead versions again. Applies to pages written from now on.
alter table crm_entity_mappings set (fillfactor = 70);
