-- V6's fillfactor 70 left room for about five new versions on a page of thirteen pairs; a batch
-- of changes in creation order (an initial load, a bulk re-sync) updates about five pairs of a
-- page in one transaction, so in the mapping benchmark 28-38 % of pair updates still found no room
-- and wrote an entry in each of the pair's four indexes (ADR 0021, seventh pass).
alter table crm_entity_mappings set (fillfactor = 50);
