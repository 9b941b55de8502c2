-- The last daily backup that failed since one last worked: when, and the core's message. The
-- owner sees it in the app (a log line alone goes unread); the next backup that works clears it.
ALTER TABLE security_settings ADD COLUMN backup_failed_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE security_settings ADD COLUMN backup_failure TEXT NOT NULL DEFAULT '';
