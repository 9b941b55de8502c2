-- Staff accounts, the desk's security policy and backup settings (PostgreSQL).
-- Roles are three 0/1 flags (a person may hold several); usernames are unique ignoring case
-- through `username_key` (the lower-cased name).

CREATE TABLE staff (
    id               TEXT    PRIMARY KEY,
    display_name     TEXT    NOT NULL,
    username         TEXT    NOT NULL,
    username_key     TEXT    NOT NULL,
    is_owner         INTEGER NOT NULL DEFAULT 0,
    is_reception     INTEGER NOT NULL DEFAULT 0,
    is_therapist     INTEGER NOT NULL DEFAULT 0,
    -- the bookable therapist this person is, when they are one
    practitioner_id  TEXT    REFERENCES practitioners (id),
    password_hash    TEXT    NOT NULL,
    pin_hash         TEXT,
    active           INTEGER NOT NULL DEFAULT 1,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until_ms  BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX staff_by_username ON staff (username_key);

CREATE TABLE security_settings (
    id                            INTEGER PRIMARY KEY CHECK (id = 1),
    idle_lock_minutes             INTEGER NOT NULL DEFAULT 5,
    calendar_visible_when_locked  INTEGER NOT NULL DEFAULT 1,
    -- set by the demo clinic only: its fixed sign-in details may be shown on the start screen
    demo_accounts                 INTEGER NOT NULL DEFAULT 0,
    backup_folder                 TEXT    NOT NULL DEFAULT '',
    backup_keep                   INTEGER NOT NULL DEFAULT 14,
    backup_daily                  INTEGER NOT NULL DEFAULT 1,
    last_backup_ms                BIGINT  NOT NULL DEFAULT 0,
    updated_at                    BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO security_settings (id) VALUES (1);

CREATE INDEX journal_by_actor ON journal (actor_id, seq);
CREATE INDEX journal_by_time ON journal (at_ms);

-- Client data requests: an erased client's contact details are gone at once; the record is
-- restricted (hidden from search, names kept for the retained records) until `purge_after`
-- (YYYY-MM-DD), when it and everything about it is purged.
ALTER TABLE clients ADD COLUMN restricted_at BIGINT;
ALTER TABLE clients ADD COLUMN purge_after TEXT;
ALTER TABLE security_settings ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 8;
