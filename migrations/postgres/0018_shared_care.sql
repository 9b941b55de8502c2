-- Shared care: when 1, every therapist may open every client's clinical record; when 0 (the
-- default), a therapist opens only their own clients' records (see src/care/access.rs).
ALTER TABLE clinic_settings ADD COLUMN shared_care INTEGER NOT NULL DEFAULT 0;
