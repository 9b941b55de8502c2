-- Search as you type walks the findable clients in name order and stops at the first matches
-- (clients/search.rs). This index holds everything that walk reads, in that order, so it never
-- touches the table or sorts: a query that matches many clients is answered after a few rows.
CREATE INDEX clients_search_walk ON clients (family_name, given_name, id, search_key)
    WHERE restricted_at IS NULL;
