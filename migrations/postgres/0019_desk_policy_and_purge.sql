-- Whether colleagues may take over a desk with their PIN (quick switch); on by default. A
-- clinic whose staff rarely share computers can turn it off, so only a full sign-in works.
ALTER TABLE security_settings ADD COLUMN pin_switch INTEGER NOT NULL DEFAULT 1;

-- Signed notes and their amendments stay immutable, except that the whole record of a client
-- whose data was erased (restricted) can be purged when the retention period ends. Updates
-- stay refused always.
CREATE OR REPLACE FUNCTION care_refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM clients c WHERE c.id = OLD.client_id AND c.restricted_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'a signed note cannot be changed or deleted';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION care_refuse_amendment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM care_notes n JOIN clients c ON c.id = n.client_id
        WHERE n.id = OLD.note_id AND c.restricted_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'amendments are append-only';
END;
$$;
