-- Liaison Desk schema, version 1: reference lists, members, liaison groups, audit log.
-- Primary keys are UUIDv7 text; timestamps are RFC 3339 UTC text; deletions are soft (deleted_at).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE terms (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    start_year  INTEGER NOT NULL,
    end_year    INTEGER NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 0,
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

-- One table for the simple reference lists: kind is sector, party, committee, role or township.
CREATE TABLE ref_items (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('sector','party','committee','role','township')),
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX ref_items_kind ON ref_items(kind, sort);

CREATE TABLE members (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    gender             TEXT NOT NULL CHECK (gender IN ('男','女')),
    ethnicity          TEXT NOT NULL DEFAULT '',
    birth_date         TEXT,
    native_place       TEXT NOT NULL DEFAULT '',
    id_number          TEXT,
    party_id           TEXT REFERENCES ref_items(id),
    sector_id          TEXT REFERENCES ref_items(id),
    committee_id       TEXT REFERENCES ref_items(id),
    work_unit          TEXT NOT NULL DEFAULT '',
    job_title          TEXT NOT NULL DEFAULT '',
    professional_title TEXT NOT NULL DEFAULT '',
    education          TEXT NOT NULL DEFAULT '',
    mobile             TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    postcode           TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','left')),
    notes              TEXT NOT NULL DEFAULT '',
    photo              TEXT,
    -- derived search and sort keys, written by core on every save
    name_pinyin        TEXT NOT NULL DEFAULT '',
    name_initials      TEXT NOT NULL DEFAULT '',
    pinyin_key         TEXT NOT NULL DEFAULT '',
    stroke_key         BLOB NOT NULL DEFAULT x'',
    -- the sector's position in the 界别 list (ref_items.sort), kept in step by core, for sorting by sector
    sector_sort        INTEGER NOT NULL DEFAULT 0,
    -- the member's terms as ",id1,id2,", a copy of member_terms kept in step by core, for filtering by term
    term_list          TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE UNIQUE INDEX members_id_number ON members(id_number) WHERE id_number IS NOT NULL AND deleted_at IS NULL;
-- The roster's three orders over live members, each covering every column the roster filters and
-- searches on, so that a page is read in order from one index without visiting the table rows.
CREATE INDEX members_roster_strokes ON members(stroke_key, id, name_pinyin, name_initials, name, sector_id, party_id,
    committee_id, status, mobile, phone, id_number, term_list) WHERE deleted_at IS NULL;
CREATE INDEX members_roster_pinyin ON members(pinyin_key, id, name_pinyin, name_initials, name, sector_id, party_id,
    committee_id, status, mobile, phone, id_number, term_list) WHERE deleted_at IS NULL;
CREATE INDEX members_roster_sector ON members(sector_sort, stroke_key, id, name_pinyin, name_initials, name, sector_id,
    party_id, committee_id, status, mobile, phone, id_number, term_list) WHERE deleted_at IS NULL;
-- Filters and the reference lists' "in use" counts (deleted_at included so the counts read the index only).
CREATE INDEX members_sector ON members(sector_id, deleted_at);
CREATE INDEX members_party ON members(party_id, deleted_at);
CREATE INDEX members_committee ON members(committee_id, deleted_at);
CREATE INDEX members_deleted ON members(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE member_terms (
    member_id TEXT NOT NULL REFERENCES members(id),
    term_id   TEXT NOT NULL REFERENCES terms(id),
    PRIMARY KEY (member_id, term_id)
) WITHOUT ROWID;
CREATE INDEX member_terms_term ON member_terms(term_id, member_id);

CREATE TABLE member_roles (
    member_id TEXT NOT NULL REFERENCES members(id),
    role_id   TEXT NOT NULL REFERENCES ref_items(id),
    PRIMARY KEY (member_id, role_id)
) WITHOUT ROWID;
CREATE INDEX member_roles_role ON member_roles(role_id, member_id);

CREATE TABLE liaison_groups (
    id             TEXT PRIMARY KEY,
    term_id        TEXT NOT NULL REFERENCES terms(id),
    name           TEXT NOT NULL,
    township_id    TEXT REFERENCES ref_items(id),
    contact_person TEXT NOT NULL DEFAULT '',
    contact_phone  TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    sort           INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX liaison_groups_term ON liaison_groups(term_id);

-- A member is in at most one group per term (the UNIQUE below).
CREATE TABLE group_members (
    group_id   TEXT NOT NULL REFERENCES liaison_groups(id),
    member_id  TEXT NOT NULL REFERENCES members(id),
    term_id    TEXT NOT NULL REFERENCES terms(id),
    role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('leader','deputy','member')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_id, member_id),
    UNIQUE (member_id, term_id)
) WITHOUT ROWID;
CREATE INDEX group_members_member ON group_members(member_id, term_id);

CREATE TABLE audit_log (
    id        TEXT PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity_id, at);
