-- Unsaved work on a clinical form (the intake, the plan), kept as its author types so that
-- leaving the screen loses nothing. One draft per author, client and form; saving the form
-- for real removes it. Health data: it lives here, never in the window's storage.
CREATE TABLE care_form_drafts (
    author_id   TEXT    NOT NULL REFERENCES staff (id),
    client_id   TEXT    NOT NULL REFERENCES clients (id),
    form        TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (author_id, client_id, form)
);
