-- Liaison Desk schema, version 11: 履职积分 (performance points) — the scoring rules per year as data,
-- manual entries (rewards, outside training), the members' deeds (引一个项目或一笔资金, 办一件实事) and the
-- 五个一 pledge. The ledger itself is not stored: it is computed from the records on demand (core/src/performance/ledger.rs).

-- A year's rule set: the base score, the limit on points added, the grade thresholds and the baseline
-- items every member is expected to meet. Keyed by the year written as text, so that two laptops that
-- set up the same year's rules edit one row (an exchange conflict, not two rule sets).
CREATE TABLE score_rule_sets (
    id          TEXT PRIMARY KEY CHECK (id = CAST(year AS TEXT)),
    year        INTEGER NOT NULL UNIQUE,
    template    TEXT NOT NULL DEFAULT '',       -- the template it was copied from (minhang, jinan, xuanwei) or ''
    note        TEXT NOT NULL DEFAULT '',
    base        REAL NOT NULL DEFAULT 0,        -- 基础分
    max_bonus   REAL CHECK (max_bonus IS NULL OR max_bonus >= 0),   -- 加分上限 (NULL: none)
    excellent   REAL NOT NULL,                  -- 优秀: at least
    competent   REAL NOT NULL,                  -- 称职: at least
    basic       REAL NOT NULL,                  -- 基本称职: at least; below it 不称职
    baseline    TEXT NOT NULL DEFAULT '',       -- comma list of activity, report, proposal, plenary
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (excellent >= competent AND competent >= basic)
);

-- Points per item (activity.<kind>.<role>, plenary.sitting, opinion.adopted.city, proposal.lead …, see
-- performance::rules), and the most an item may add (or deduct) for one member in the year.
CREATE TABLE score_rules (
    year    INTEGER NOT NULL,
    item    TEXT NOT NULL,
    points  REAL NOT NULL,
    cap     REAL CHECK (cap IS NULL OR cap >= 0),
    PRIMARY KEY (year, item)
) WITHOUT ROWID;

-- Manual entries: points given or taken with a reason (a reward, outside training …).
CREATE TABLE score_adjustments (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('reward','training','other')),
    points      REAL NOT NULL,
    reason      TEXT NOT NULL CHECK (reason <> ''),
    entry_date  TEXT,                           -- YYYY-MM-DD
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX score_adjustments_year ON score_adjustments(year, member_id) WHERE deleted_at IS NULL;
CREATE INDEX score_adjustments_member ON score_adjustments(member_id);

-- A member's deed: 引一个项目或一笔资金 (project) or 办一件实事 (deed): what, for whom, how much (万元), when.
CREATE TABLE member_deeds (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    kind        TEXT NOT NULL CHECK (kind IN ('project','deed')),
    what        TEXT NOT NULL CHECK (what <> ''),
    for_whom    TEXT NOT NULL DEFAULT '',
    amount      REAL CHECK (amount IS NULL OR amount >= 0),
    deed_date   TEXT NOT NULL,                  -- YYYY-MM-DD
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX member_deeds_date ON member_deeds(deed_date, member_id) WHERE deleted_at IS NULL;
CREATE INDEX member_deeds_member ON member_deeds(member_id);

-- 五个一: the office's five items for a year, each fed by a kind of record (source) or ticked by hand.
CREATE TABLE five_ones_items (
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 5),
    title          TEXT NOT NULL CHECK (title <> ''),
    source         TEXT NOT NULL DEFAULT 'manual' CHECK (source IN
                       ('manual','opinion','proposal','speech','activity','reflection','plenary','project','deed')),
    activity_kind  TEXT NOT NULL DEFAULT '',    -- source 'activity': the kind counted ('' any)
    target         INTEGER NOT NULL DEFAULT 1 CHECK (target >= 1),
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (year, seq)
) WITHOUT ROWID;

-- A hand tick of a 五个一 item for a member.
CREATE TABLE five_ones_ticks (
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members(id),
    done_date   TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    PRIMARY KEY (year, seq, member_id)
) WITHOUT ROWID;

