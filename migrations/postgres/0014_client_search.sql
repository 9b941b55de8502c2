-- Client search on PostgreSQL: a trigram index over each client's folded search key, which
-- serves the word-prefix LIKE patterns of search as you type without a scan. pg_trgm is a
-- trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX clients_search_trgm ON clients USING gin (search_key gin_trgm_ops);
