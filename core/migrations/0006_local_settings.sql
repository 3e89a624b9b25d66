-- Settings that belong to this laptop, not to the office: who works on it (the audit log's actor),
-- where its backups go, and (later) its exchange identity and lock. They stay out of the exchange
-- between laptops; `settings` holds what the whole office shares (its name, the order of names).
CREATE TABLE local_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO local_settings (key, value) SELECT key, value FROM settings WHERE key IN ('operator', 'backup_dir');
DELETE FROM settings WHERE key IN ('operator', 'backup_dir');
