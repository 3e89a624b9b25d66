-- Liaison Desk schema: proposals (提案) with their proposers and handling units, the 建议 a 不立案 proposal
-- may become, speeches at a meeting (大会发言), and one full-text index over every kind of text.

-- 承办单位: the government units that handle proposals, a list the office keeps.
CREATE TABLE handling_units (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX handling_units_name ON handling_units(name) WHERE deleted_at IS NULL;

-- 提案: 暂存 → 提交 → 立案 / 不立案 / 并案 → 交办 → 答复 → 反馈 → 办结.
CREATE TABLE proposals (
    id               TEXT PRIMARY KEY,
    year             INTEGER NOT NULL,
    -- 提案号, given at 立案: the year's running number (1, 2, …)
    number           INTEGER,
    title            TEXT NOT NULL,                 -- 案由
    body             TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL CHECK (category IN ('economy','politics','culture','society','ecology','other')),
    -- 会间 (during a session, linked to it) or 平时
    timing           TEXT NOT NULL CHECK (timing IN ('session','routine')),
    session_id       TEXT REFERENCES sessions(id),
    -- the units the proposers suggest, as written
    suggested_units  TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL DEFAULT 'draft' CHECK (state IN
                         ('draft','submitted','accepted','rejected','merged','assigned','answered','feedback','closed')),
    submitted_date   TEXT,
    review_date      TEXT,                          -- 立案 / 不立案 / 并案 decided
    reject_reason    TEXT NOT NULL DEFAULT '',
    merged_into      TEXT REFERENCES proposals(id),
    assigned_date    TEXT,
    due_date         TEXT,
    reply_date       TEXT,
    reply_grade      TEXT CHECK (reply_grade IN ('a','b','c','d')),
    reply_unit_id    TEXT REFERENCES handling_units(id),
    reply_text       TEXT NOT NULL DEFAULT '',
    feedback         TEXT CHECK (feedback IN ('satisfied','basically','dissatisfied')),
    feedback_comment TEXT NOT NULL DEFAULT '',
    feedback_date    TEXT,
    closed_date      TEXT,
    is_key           INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0,1)),        -- 重点提案
    is_excellent     INTEGER NOT NULL DEFAULT 0 CHECK (is_excellent IN (0,1)),  -- 优秀提案
    -- a 不立案 proposal turned into a 社情民意 report ('opinion') or a 建议 ('suggestion'): kind and id
    converted_kind   TEXT CHECK (converted_kind IN ('opinion','suggestion')),
    converted_id     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK ((timing = 'session') = (session_id IS NOT NULL)),
    CHECK ((converted_kind IS NULL) = (converted_id IS NULL)),
    CHECK (state <> 'merged' OR merged_into IS NOT NULL)
);
CREATE UNIQUE INDEX proposals_number ON proposals(year, number) WHERE number IS NOT NULL;
CREATE INDEX proposals_year_state ON proposals(year, state) WHERE deleted_at IS NULL;
CREATE INDEX proposals_due ON proposals(due_date) WHERE state = 'assigned' AND deleted_at IS NULL;
CREATE INDEX proposals_session ON proposals(session_id) WHERE session_id IS NOT NULL;

-- 提案人: the lead (role 'lead', exactly one) and the co-proposers (联名, 'co'), each a member, a liaison
-- group, a party, a sector or a committee (团体提案 when the lead is not a member). What the scoring
-- reads (issue 14): a member's role on each proposal, and the proposal's state and flags.
CREATE TABLE proposal_proposers (
    proposal_id  TEXT NOT NULL REFERENCES proposals(id),
    seq          INTEGER NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('lead','co')),
    kind         TEXT NOT NULL CHECK (kind IN ('member','group','party','sector','committee')),
    member_id    TEXT REFERENCES members(id),
    group_id     TEXT REFERENCES liaison_groups(id),
    ref_id       TEXT REFERENCES ref_items(id),
    PRIMARY KEY (proposal_id, seq),
    CHECK ((kind = 'member') = (member_id IS NOT NULL)),
    CHECK ((kind = 'group') = (group_id IS NOT NULL)),
    CHECK ((kind IN ('party','sector','committee')) = (ref_id IS NOT NULL))
) WITHOUT ROWID;
CREATE UNIQUE INDEX proposal_proposers_lead ON proposal_proposers(proposal_id) WHERE role = 'lead';
CREATE INDEX proposal_proposers_member ON proposal_proposers(member_id) WHERE member_id IS NOT NULL;

-- 交办: the 主办 ('main') and 会办 ('assist') units of a proposal.
CREATE TABLE proposal_units (
    proposal_id  TEXT NOT NULL REFERENCES proposals(id),
    unit_id      TEXT NOT NULL REFERENCES handling_units(id),
    role         TEXT NOT NULL CHECK (role IN ('main','assist')),
    PRIMARY KEY (proposal_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX proposal_units_unit ON proposal_units(unit_id);

-- 建议: what a 不立案 proposal may become, sent to units for reference; linked to its source.
CREATE TABLE suggestions (
    id            TEXT PRIMARY KEY,
    year          INTEGER NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    submitters    TEXT NOT NULL DEFAULT '',       -- as the source named them (王伟、李明)
    units         TEXT NOT NULL DEFAULT '',       -- where it is sent, as written
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','forwarded','done')),
    source_kind   TEXT CHECK (source_kind IN ('proposal')),
    source_id     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK ((source_kind IS NULL) = (source_id IS NULL))
);

-- 大会发言: a text submitted by a member or a group for a meeting (a session), adopted as 口头 / 书面 /
-- 专题会 (or not), then delivered.
CREATE TABLE speeches (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES sessions(id),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    submitter_kind  TEXT NOT NULL CHECK (submitter_kind IN ('member','group','party','sector','committee')),
    member_id       TEXT REFERENCES members(id),
    group_id        TEXT REFERENCES liaison_groups(id),
    ref_id          TEXT REFERENCES ref_items(id),
    submitted_date  TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'submitted'
                        CHECK (state IN ('submitted','adopted','not_adopted','delivered')),
    adoption        TEXT CHECK (adoption IN ('oral','written','topic')),
    delivered_date  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK ((submitter_kind = 'member') = (member_id IS NOT NULL)),
    CHECK ((submitter_kind = 'group') = (group_id IS NOT NULL)),
    CHECK ((submitter_kind IN ('party','sector','committee')) = (ref_id IS NOT NULL)),
    CHECK ((state IN ('adopted','delivered')) = (adoption IS NOT NULL))
);
CREATE INDEX speeches_session ON speeches(session_id) WHERE deleted_at IS NULL;
CREATE INDEX speeches_member ON speeches(member_id) WHERE member_id IS NOT NULL;

-- Search: one row per searchable text (a proposal, a speech; later an opinion report …), derived from
-- the records by core (`search::index`), in the same transaction as their save; `search::rebuild`
-- makes it again from the records (after an exchange import). `search_docs` holds what the filters use;
-- `search_text` the words, trigram-indexed (queries of 3 characters and more); `search_pairs` the same
-- words cut in character pairs (queries of 1 or 2 characters: 2-character Chinese words are common, and
-- the trigram index cannot answer them without reading every text). Rows share the rowid.
CREATE TABLE search_docs (
    rowid      INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    year       INTEGER,
    state      TEXT NOT NULL DEFAULT '',
    sector     TEXT NOT NULL DEFAULT '',
    submitter  TEXT NOT NULL DEFAULT '',
    member_ids TEXT NOT NULL DEFAULT '',   -- ",id1,id2," of the members among the submitters
    UNIQUE (kind, id)
);
CREATE INDEX search_docs_filter ON search_docs(kind, year, state);
CREATE VIRTUAL TABLE search_text USING fts5(submitter, title, body, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_pairs USING fts5(words, content = '', contentless_delete = 1);
