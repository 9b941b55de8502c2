-- A password the owner set for someone (a reset) is temporary: until its holder chooses their
-- own, every operation but changing it and signing out is refused (`staff::session`).
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
