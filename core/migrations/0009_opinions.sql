-- Liaison Desk schema, version 9: public-opinion reports (社情民意信息) with their whole workflow
-- (暂存 → 提交 → 核稿 → 采用 or 留存 → 批示 → 转办 → 办复 → 反馈), the combined reports (综合) that keep
-- their sources, and the bulletin 《社情民意》 compiled from adopted reports in numbered issues.
-- The texts are plain columns (title, 情况, 问题, 建议; their edited versions beside them) so that a search
-- index can read them.

CREATE TABLE opinions (
    id                   TEXT PRIMARY KEY,
    -- the submitter's text, kept as sent once submitted
    title                TEXT NOT NULL,
    situation            TEXT NOT NULL DEFAULT '',
    problem              TEXT NOT NULL DEFAULT '',
    suggestion           TEXT NOT NULL DEFAULT '',
    report_date          TEXT,                              -- YYYY-MM-DD, the date on the report
    sector_id            TEXT REFERENCES ref_items(id),     -- the sector (界别) it concerns
    topics               TEXT NOT NULL DEFAULT '',          -- topic tags, 、-separated as typed
    state                TEXT NOT NULL DEFAULT 'draft' CHECK (state IN
                             ('draft','submitted','editing','adopted','retained','instructed','transferred','replied','fed_back')),
    submitted_at         TEXT,                              -- YYYY-MM-DD
    -- 核稿: the edited text beside the original, who edited it and when
    edited_title         TEXT NOT NULL DEFAULT '',
    edited_situation     TEXT NOT NULL DEFAULT '',
    edited_problem       TEXT NOT NULL DEFAULT '',
    edited_suggestion    TEXT NOT NULL DEFAULT '',
    editor               TEXT NOT NULL DEFAULT '',
    edited_at            TEXT,
    edit_note            TEXT NOT NULL DEFAULT '',          -- 核稿意见
    -- 采用: level and form; or 留存
    adopted_level        TEXT CHECK (adopted_level IN ('district','city','province','national')),
    adopted_form         TEXT CHECK (adopted_form IN ('single','combined')),
    adopted_at           TEXT,
    adopted_by           TEXT NOT NULL DEFAULT '',          -- the body that adopted it (区政协, 市政协 …)
    retained_at          TEXT,
    -- 转办, 办复, 反馈
    department           TEXT NOT NULL DEFAULT '',
    transferred_at       TEXT,
    reply                TEXT NOT NULL DEFAULT '',
    replied_at           TEXT,
    feedback             TEXT NOT NULL DEFAULT '',
    fed_back_at          TEXT,
    -- 退回修改: why it went back to 暂存
    returned_reason      TEXT NOT NULL DEFAULT '',
    -- a combined report (综合) made by merging others (their links in opinion_sources)
    combined             INTEGER NOT NULL DEFAULT 0,
    -- the combined report this one was merged into
    merged_into          TEXT REFERENCES opinions(id),
    -- the record it was made from (a proposal not accepted: source_kind 'proposal')
    source_kind          TEXT NOT NULL DEFAULT '',
    source_id            TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT,
    CHECK ((state IN ('adopted','instructed','transferred','replied') OR (state = 'fed_back' AND adopted_at IS NOT NULL))
           = (adopted_level IS NOT NULL))
);
CREATE INDEX opinions_list ON opinions(deleted_at, report_date, state);
CREATE INDEX opinions_state ON opinions(state, report_date) WHERE deleted_at IS NULL;
CREATE INDEX opinions_merged ON opinions(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX opinions_source ON opinions(source_kind, source_id) WHERE source_id IS NOT NULL;

-- Who sent a report, in order: members (the first is the 第一报送人, the rest 联名), a liaison group, a
-- party, a sector. `name` is the name as printed when the report was saved.
CREATE TABLE opinion_submitters (
    opinion_id  TEXT NOT NULL REFERENCES opinions(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('member','group','party','sector')),
    member_id   TEXT REFERENCES members(id),
    group_id    TEXT REFERENCES liaison_groups(id),
    ref_id      TEXT REFERENCES ref_items(id),
    -- for members: first (第一报送人) or co (联名); for the scoring of performance points
    role        TEXT NOT NULL DEFAULT 'first' CHECK (role IN ('first','co')),
    name        TEXT NOT NULL,
    PRIMARY KEY (opinion_id, seq),
    CHECK ((kind = 'member') = (member_id IS NOT NULL)),
    CHECK ((kind = 'group') = (group_id IS NOT NULL)),
    CHECK ((kind IN ('party','sector')) = (ref_id IS NOT NULL))
);
CREATE INDEX opinion_submitters_member ON opinion_submitters(member_id) WHERE member_id IS NOT NULL;
CREATE INDEX opinion_submitters_group ON opinion_submitters(group_id) WHERE group_id IS NOT NULL;

-- The reports a combined report (综合) was made from, in order.
CREATE TABLE opinion_sources (
    combined_id  TEXT NOT NULL REFERENCES opinions(id),
    source_id    TEXT NOT NULL REFERENCES opinions(id),
    seq          INTEGER NOT NULL,
    PRIMARY KEY (combined_id, source_id)
);
CREATE INDEX opinion_sources_source ON opinion_sources(source_id);

-- 批示 on an adopted report: who, at which level, when, what; several per report.
CREATE TABLE opinion_instructions (
    id          TEXT PRIMARY KEY,
    opinion_id  TEXT NOT NULL REFERENCES opinions(id),
    leader      TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('district','city','province','national')),
    date        TEXT NOT NULL,                              -- YYYY-MM-DD
    text        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX opinion_instructions_opinion ON opinion_instructions(opinion_id);

-- 《社情民意》: numbered issues (第N期 within a year, 总第M期 across the years).
CREATE TABLE bulletin_issues (
    id           TEXT PRIMARY KEY,
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    total_number INTEGER NOT NULL CHECK (total_number > 0),
    issue_date   TEXT NOT NULL,                             -- YYYY-MM-DD
    signer       TEXT NOT NULL DEFAULT '',                  -- 签发人
    office       TEXT NOT NULL DEFAULT '',                  -- the issuing office, as printed under the masthead
    send_to      TEXT NOT NULL DEFAULT '',                  -- 报送
    copy_to      TEXT NOT NULL DEFAULT '',                  -- 抄送
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX bulletin_issues_number ON bulletin_issues(year, number) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX bulletin_issues_total ON bulletin_issues(total_number) WHERE deleted_at IS NULL;

-- The reports of an issue, in their printed order.
CREATE TABLE bulletin_items (
    issue_id    TEXT NOT NULL REFERENCES bulletin_issues(id),
    opinion_id  TEXT NOT NULL REFERENCES opinions(id),
    seq         INTEGER NOT NULL,
    PRIMARY KEY (issue_id, opinion_id)
);
CREATE INDEX bulletin_items_opinion ON bulletin_items(opinion_id);
