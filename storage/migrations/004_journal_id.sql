-- The journal's own identifier (32 hex digits, a JSON string like every
-- setting), made once here so that commands which only read (export) find
-- it. It names the file, not a choice of the user: backups leave it out and
-- a restore keeps it. A journal that already has one keeps it.
INSERT INTO settings (key, value)
VALUES ('journal_id', json_quote(lower(hex(randomblob(16)))))
ON CONFLICT (key) DO NOTHING;
