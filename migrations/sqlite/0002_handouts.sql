-- The self-care handout library (versioned), each client's programme, and issued documents.

CREATE TABLE handouts (
    id               TEXT    PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    -- 'library': shipped with Palma; 'clinic': written or duplicated by the clinic
    source           TEXT    NOT NULL CHECK (source IN ('library', 'clinic')),
    current_version  INTEGER NOT NULL,
    retired          INTEGER NOT NULL DEFAULT 0,
    -- folded words of the current title, category and regions, each after a space
    search_key       TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);

-- Every edit makes a new version; a printed sheet names the version it used.
CREATE TABLE handout_versions (
    handout_id        TEXT    NOT NULL REFERENCES handouts (id),
    version           INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    category          TEXT    NOT NULL,
    regions           TEXT    NOT NULL,
    for_whom          TEXT    NOT NULL,
    why               TEXT    NOT NULL,
    steps             TEXT    NOT NULL,
    cautions          TEXT    NOT NULL,
    dosage            TEXT    NOT NULL,
    illustration_svg  TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL,
    created_by        TEXT    NOT NULL,
    PRIMARY KEY (handout_id, version)
);

-- What was given to whom, at which visit, with which dosage and note.
CREATE TABLE programme_items (
    id               TEXT    PRIMARY KEY,
    client_id        TEXT    NOT NULL REFERENCES clients (id),
    appointment_id   TEXT    NOT NULL REFERENCES appointments (id),
    handout_id       TEXT    NOT NULL,
    handout_version  INTEGER NOT NULL,
    dosage           TEXT    NOT NULL,
    personal_note    TEXT    NOT NULL DEFAULT '',
    position         INTEGER NOT NULL,
    assigned_at      BIGINT  NOT NULL,
    assigned_by      TEXT    NOT NULL,
    removed_at       BIGINT,
    FOREIGN KEY (handout_id, handout_version) REFERENCES handout_versions (handout_id, version)
);
CREATE INDEX programme_by_appointment ON programme_items (appointment_id, position);
CREATE INDEX programme_by_client ON programme_items (client_id, assigned_at);

-- The plain-words part of a visit's aftercare sheet, written for the client.
CREATE TABLE aftercare_notes (
    appointment_id  TEXT   PRIMARY KEY REFERENCES appointments (id),
    worked_on       TEXT   NOT NULL,
    what_to_expect  TEXT   NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      TEXT   NOT NULL
);

-- Documents handed to a client. The snapshot is exactly what was rendered, so a reprint renders
-- the same bytes, proved by the SHA-256.
CREATE TABLE issued_documents (
    id              TEXT    PRIMARY KEY,
    client_id       TEXT    NOT NULL REFERENCES clients (id),
    appointment_id  TEXT    REFERENCES appointments (id),
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    paper           TEXT    NOT NULL,
    large_print     INTEGER NOT NULL,
    snapshot        TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    byte_size       BIGINT  NOT NULL,
    issued_at       BIGINT  NOT NULL,
    issued_by       TEXT    NOT NULL
);
CREATE INDEX issued_by_client ON issued_documents (client_id, issued_at);

CREATE TRIGGER handout_versions_immutable BEFORE UPDATE ON handout_versions
BEGIN SELECT RAISE(ABORT, 'handout versions are immutable'); END;
CREATE TRIGGER issued_documents_immutable BEFORE UPDATE ON issued_documents
BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;
