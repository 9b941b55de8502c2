-- Whose record a therapist may open (src/care/access.rs), issue 11.
--
-- Who booked each appointment (a staff id; no foreign key: the command line books as the
-- built-in owner, which is not an account). A booking a therapist makes with themselves grants
-- them no access to the client's record. NULL (booked before this was recorded) counts as
-- booked by someone else, so existing calendars keep the access they gave.
ALTER TABLE appointments ADD COLUMN booked_by TEXT;

-- Break the glass: a therapist opening the record of a client who is not theirs, with the
-- reason they gave. A grant is valid for one clinic-local day (valid_on, YYYY-MM-DD). The
-- journal holds only ids; the reason lives here and is purged with the client.
CREATE TABLE care_access_grants (
    id        TEXT   PRIMARY KEY,
    staff_id  TEXT   NOT NULL REFERENCES staff (id),
    client_id TEXT   NOT NULL REFERENCES clients (id),
    reason    TEXT   NOT NULL,
    at_ms     BIGINT NOT NULL,
    valid_on  TEXT   NOT NULL
);
CREATE INDEX care_access_grants_by_staff ON care_access_grants (staff_id, client_id, valid_on);
CREATE INDEX care_access_grants_by_time ON care_access_grants (at_ms);
