-- Scheduling set-up and reception: who offers what, room types, working hours, breaks, time off,
-- one-off day changes, clinic opening hours and closures; recurring series; the waiting list;
-- the fuller client record. Times of day are minutes after local midnight (clinic wall clock);
-- weekdays are 1 (Monday) to 7 (Sunday); dates are YYYY-MM-DD.

-- Empty room_type on a service means "any room"; on a room, "no particular type".
ALTER TABLE services ADD COLUMN room_type TEXT NOT NULL DEFAULT '';
ALTER TABLE rooms ADD COLUMN room_type TEXT NOT NULL DEFAULT '';

-- A service with no rows here is offered by every therapist.
CREATE TABLE service_practitioners (
    service_id      TEXT NOT NULL REFERENCES services (id),
    practitioner_id TEXT NOT NULL REFERENCES practitioners (id),
    PRIMARY KEY (service_id, practitioner_id)
);

-- A therapist's weekly pattern: several working blocks a day, and breaks inside them.
-- A therapist with no 'work' rows has no hours set up, and bookings are not checked against them.
CREATE TABLE practitioner_hours (
    practitioner_id TEXT    NOT NULL REFERENCES practitioners (id),
    weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    kind            TEXT    NOT NULL CHECK (kind IN ('work', 'break')),
    start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
    CHECK (end_min > start_min)
);
CREATE INDEX practitioner_hours_by_practitioner ON practitioner_hours (practitioner_id, weekday);

CREATE TABLE practitioner_time_off (
    id              TEXT PRIMARY KEY,
    practitioner_id TEXT NOT NULL REFERENCES practitioners (id),
    first_day       TEXT NOT NULL,
    last_day        TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    CHECK (last_day >= first_day)
);
CREATE INDEX practitioner_time_off_by_practitioner ON practitioner_time_off (practitioner_id, first_day);

-- One-off working blocks for a date, replacing that weekday's pattern on that date.
CREATE TABLE practitioner_day_changes (
    practitioner_id TEXT    NOT NULL REFERENCES practitioners (id),
    day             TEXT    NOT NULL,
    start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
    CHECK (end_min > start_min)
);
CREATE INDEX practitioner_day_changes_by_day ON practitioner_day_changes (practitioner_id, day);

-- The clinic's opening hours; none set up means no opening-hours check.
CREATE TABLE clinic_hours (
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
    end_min   INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
    CHECK (end_min > start_min)
);

CREATE TABLE clinic_closures (
    day    TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT ''
);

-- Recurring courses share a series id; each occurrence keeps its own status.
-- override_reason: why the owner booked outside working or opening hours.
ALTER TABLE appointments ADD COLUMN series_id TEXT;
ALTER TABLE appointments ADD COLUMN override_reason TEXT;
CREATE INDEX appointments_by_series ON appointments (series_id, start_ms);

CREATE TABLE waitlist (
    id               TEXT    PRIMARY KEY,
    client_id        TEXT    NOT NULL REFERENCES clients (id),
    service_id       TEXT    NOT NULL REFERENCES services (id),
    -- comma-separated therapist ids; empty = any therapist who offers the service
    practitioner_ids TEXT    NOT NULL DEFAULT '',
    -- comma-separated weekdays 1..7; empty = any day
    weekdays         TEXT    NOT NULL DEFAULT '',
    -- comma-separated 'morning' | 'afternoon' | 'evening' | 'HH:MM-HH:MM'; empty = any time
    times_of_day     TEXT    NOT NULL DEFAULT '',
    urgency          INTEGER NOT NULL DEFAULT 0 CHECK (urgency BETWEEN 0 AND 2),
    note             TEXT    NOT NULL DEFAULT '',
    created_at       BIGINT  NOT NULL,
    closed_at        BIGINT,
    appointment_id   TEXT
);
CREATE INDEX waitlist_open ON waitlist (closed_at, service_id);

ALTER TABLE clients ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN emergency_contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN emergency_contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN preferred_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN alerts TEXT NOT NULL DEFAULT '';
-- folded "given family" and digits of the phone, for duplicate detection
ALTER TABLE clients ADD COLUMN folded_name TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_by_folded_name ON clients (folded_name, date_of_birth);
