-- Whether colleagues may take over a desk with their PIN (quick switch); on by default. A
-- clinic whose staff rarely share computers can turn it off, so only a full sign-in works.
ALTER TABLE security_settings ADD COLUMN pin_switch INTEGER NOT NULL DEFAULT 1;

-- Signed notes and their amendments stay immutable, except that the whole record of a client
-- whose data was erased (restricted) can be purged when the retention period ends. Updates
-- stay refused always.
DROP TRIGGER care_notes_signed_no_delete;
CREATE TRIGGER care_notes_signed_no_delete BEFORE DELETE ON care_notes
WHEN OLD.status = 'signed' AND NOT EXISTS (
    SELECT 1 FROM clients c WHERE c.id = OLD.client_id AND c.restricted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be deleted'); END;

DROP TRIGGER care_note_amendments_no_delete;
CREATE TRIGGER care_note_amendments_no_delete BEFORE DELETE ON care_note_amendments
WHEN NOT EXISTS (
    SELECT 1 FROM care_notes n JOIN clients c ON c.id = n.client_id
    WHERE n.id = OLD.note_id AND c.restricted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
