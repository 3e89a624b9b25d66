-- Exchange between laptops (issue 12). The office has one identity shared by all its laptops
-- (settings.office_id, which travels); each laptop has its own (local_settings.laptop_id, which does not).
-- The two tables below are this laptop's bookkeeping: they never travel (exchange::LOCAL_TABLES).
INSERT OR IGNORE INTO settings (key, value) VALUES ('office_id',
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
          substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))));
INSERT OR IGNORE INTO local_settings (key, value) VALUES ('laptop_id',
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
          substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))));

-- Every exchange file imported here: one row per origin laptop and sequence number.
CREATE TABLE exchange_imports (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('changes','baseline')),
    origin_laptop_id TEXT NOT NULL,
    origin_name      TEXT NOT NULL DEFAULT '',
    sequence         INTEGER NOT NULL,
    file_sha256      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    imported_at      TEXT NOT NULL,
    inserted         INTEGER NOT NULL DEFAULT 0,
    updated          INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    conflicts        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (origin_laptop_id, sequence)
);

-- A row the other side changed that could not be applied as it came: this side's row was kept, the
-- other side's version is kept here until the user chooses (保留本机 / 采用对方 / field by field).
-- Rows are JSON objects {column: value} (a blob as {"blob": "hex"}); their_row holds the columns the
-- other side sent (`changed` lists the ones it changed).
CREATE TABLE exchange_conflicts (
    id          TEXT PRIMARY KEY,
    import_id   TEXT NOT NULL REFERENCES exchange_imports(id),
    kind        TEXT NOT NULL CHECK (kind IN ('data','notfound','conflict','constraint','foreign_key')),
    table_name  TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    pk          TEXT NOT NULL,
    local_pk    TEXT,
    local_row   TEXT,
    their_row   TEXT,
    changed     TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT CHECK (resolution IN ('local','theirs','fields')),
    resolved_by TEXT
);
CREATE INDEX exchange_conflicts_open ON exchange_conflicts(created_at) WHERE resolved_at IS NULL;
