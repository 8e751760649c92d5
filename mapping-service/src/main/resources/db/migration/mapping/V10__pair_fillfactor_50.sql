-- V6's fillfactor 70 left room for about five new versions on a page of thirteen pairs; a batch
-- of changes in creation order (an initial load, a bulk re-sync) updates about five pairs of a
-- page in one transaction, so in the mapping benchmark 28-38 % of pair updates still found no room
-- and wrote an entry in each of the pair's four indexes (ADR 0021, seventh pass). The price: new
-- pages of pairs are filled to half, so the table takes about 1.4 times the space it took at 70.
-- Pages written before this keep their layout until the table is rewritten (VACUUM FULL).
alter table crm_entity_mappings set (fillfactor = 50);
