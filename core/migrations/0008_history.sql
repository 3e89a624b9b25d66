-- History: the whole-database log page filters and pages by time, actor and kind; an import run gets
-- an id that its audit entries carry, so that it can be undone as one step.

-- The run (an import) an entry was written by; NULL for everything else.
ALTER TABLE audit_log ADD COLUMN run_id TEXT;
CREATE INDEX audit_log_run ON audit_log(run_id) WHERE run_id IS NOT NULL;
-- The log page: newest first, one page at a time.
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE INDEX audit_log_entity_kind ON audit_log(entity, at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);

-- One import that wrote something: who, when, which file, what it did; undone_at once it is undone.
CREATE TABLE import_runs (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    file         TEXT NOT NULL,
    created      INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    lists_added  INTEGER NOT NULL DEFAULT 0,
    undone_at    TEXT,
    undone_by    TEXT
);
CREATE INDEX import_runs_at ON import_runs(at);

-- Each member an import run wrote: `before` is the member as form input (ids, every value whole) as it
-- was before the run, NULL for a member the run created; `stamp` the updated_at the run gave it (a
-- member whose updated_at differs was changed after the import).
CREATE TABLE import_run_members (
    run_id     TEXT NOT NULL REFERENCES import_runs(id),
    member_id  TEXT NOT NULL REFERENCES members(id),
    before     TEXT,
    stamp      TEXT NOT NULL,
    PRIMARY KEY (run_id, member_id)
) WITHOUT ROWID;
