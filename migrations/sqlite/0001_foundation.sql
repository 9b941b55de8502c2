-- Palma foundation schema (SQLite). Instants are UTC epoch milliseconds; dates are YYYY-MM-DD;
-- flags are INTEGER 0/1 on both engines so one row mapping reads both through sqlx's Any driver.

CREATE TABLE clinic_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,
    address     TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    email       TEXT    NOT NULL DEFAULT '',
    website     TEXT    NOT NULL DEFAULT '',
    time_zone   TEXT    NOT NULL,
    currency    TEXT    NOT NULL DEFAULT 'GBP',
    late_cancel_hours INTEGER NOT NULL DEFAULT 24,
    updated_at  BIGINT  NOT NULL
);

-- The tail of the journal's hash chain. Every write transaction updates this row first, which
-- serialises writers on both engines: it is the booking lock as well as the chain's head.
CREATE TABLE journal_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq   BIGINT  NOT NULL,
    last_hash  TEXT    NOT NULL,
    locked_at  BIGINT  NOT NULL
);
INSERT INTO journal_head (id, last_seq, last_hash, locked_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

CREATE TABLE journal (
    seq         BIGINT  PRIMARY KEY,
    at_ms       BIGINT  NOT NULL,
    actor_id    TEXT    NOT NULL,
    workstation TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    client_id   TEXT,
    detail      TEXT    NOT NULL DEFAULT '',
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX journal_by_client ON journal (client_id, seq);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE practitioners (
    id           TEXT    PRIMARY KEY,
    display_name TEXT    NOT NULL,
    colour       TEXT    NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    sort_order   INTEGER NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);

CREATE TABLE rooms (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE services (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    duration_min  INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 480),
    buffer_min    INTEGER NOT NULL DEFAULT 0 CHECK (buffer_min BETWEEN 0 AND 120),
    price_minor   BIGINT  NOT NULL CHECK (price_minor >= 0),
    currency      TEXT    NOT NULL,
    colour        TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE clients (
    id                  TEXT   PRIMARY KEY,
    given_name          TEXT   NOT NULL,
    family_name         TEXT   NOT NULL,
    preferred_name      TEXT   NOT NULL DEFAULT '',
    date_of_birth       TEXT,
    phone               TEXT   NOT NULL DEFAULT '',
    email               TEXT   NOT NULL DEFAULT '',
    notes_for_reception TEXT   NOT NULL DEFAULT '',
    -- lower-case, accent-free words of the names, email and phone digits, each after a space
    search_key          TEXT   NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX clients_by_name ON clients (family_name, given_name);

CREATE TABLE appointments (
    id               TEXT    PRIMARY KEY,
    client_id        TEXT    NOT NULL REFERENCES clients (id),
    service_id       TEXT    NOT NULL REFERENCES services (id),
    practitioner_id  TEXT    NOT NULL REFERENCES practitioners (id),
    room_id          TEXT    NOT NULL REFERENCES rooms (id),
    start_ms         BIGINT  NOT NULL,
    end_ms           BIGINT  NOT NULL,
    -- end plus the service's turnover buffer: what the room and therapist are held for
    block_end_ms     BIGINT  NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN
                        ('booked','confirmed','arrived','in_treatment','completed','cancelled','no_show')),
    cancel_reason    TEXT,
    cancelled_at     BIGINT,
    late_cancel      INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    CHECK (end_ms > start_ms AND block_end_ms >= end_ms)
);
CREATE INDEX appointments_by_practitioner ON appointments (practitioner_id, start_ms);
CREATE INDEX appointments_by_room ON appointments (room_id, start_ms);
CREATE INDEX appointments_by_client ON appointments (client_id, start_ms);
CREATE INDEX appointments_by_start ON appointments (start_ms);
