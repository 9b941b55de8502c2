-- Search as you type walks the findable clients in name order and stops at the first matches
-- (clients/search.rs). This index holds everything that walk reads, in that order, so the walk
-- can be an index-only scan without a sort; selective queries still use the trigram index.
CREATE INDEX clients_search_walk ON clients (family_name, given_name, id) INCLUDE (search_key)
    WHERE restricted_at IS NULL;
