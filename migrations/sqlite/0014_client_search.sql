-- Client search on SQLite: an FTS5 index over each client's folded search key, so search as you
-- type is a prefix lookup instead of a scan. Kept in step with `clients` by triggers; keyed by
-- the client id (not rowid, which VACUUM may renumber for a table with a text primary key).
CREATE VIRTUAL TABLE clients_fts USING fts5(
    client_id UNINDEXED,
    search_key,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO clients_fts (client_id, search_key) SELECT id, search_key FROM clients;
CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients BEGIN
    INSERT INTO clients_fts (client_id, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER clients_fts_update AFTER UPDATE OF search_key ON clients BEGIN
    DELETE FROM clients_fts WHERE client_id = old.id;
    INSERT INTO clients_fts (client_id, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients BEGIN
    DELETE FROM clients_fts WHERE client_id = old.id;
END;
