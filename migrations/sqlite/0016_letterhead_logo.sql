-- The clinic's letterhead logo (PNG, base64; empty when none), printed on sheets and letters.
ALTER TABLE clinic_settings ADD COLUMN logo_png TEXT NOT NULL DEFAULT '';
