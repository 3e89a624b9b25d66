-- Liaison Desk schema, version 2: activities of every kind (走访, 视察, 调研, 座谈会, 联络组活动, 学习会,
-- 常委会, 主席会议; the plenary's sittings later) with their 四落实, visit rounds and visits, follow-ups,
-- inspection stops, participants (invitation, sign-up, leave, sign-in, attendance), reflections (心得体会)
-- and attachments. Every later report (attendance, performance points, the work plan) reads these records.

-- 走访计划: a round of visits (e.g. 2026年委员走访); each visit is an activity of kind 'visit'.
CREATE TABLE visit_rounds (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE activities (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN
                            ('visit','inspection','research','forum','group','study','standing','chair','plenary')),
    title               TEXT NOT NULL,
    -- 四落实: time (start_date, optional start_time), place, content, responsible person. NULL or '' while not fixed.
    start_date          TEXT,                         -- YYYY-MM-DD
    start_time          TEXT NOT NULL DEFAULT '',     -- HH:MM
    end_date            TEXT,                         -- YYYY-MM-DD, for activities over several days
    end_time            TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    content             TEXT NOT NULL DEFAULT '',
    responsible         TEXT NOT NULL DEFAULT '',
    -- who to call about it (联系人及电话), printed in the notice
    contact             TEXT NOT NULL DEFAULT '',
    -- who organises it: the office, a liaison group or a committee (专委会)
    organiser           TEXT NOT NULL DEFAULT 'office' CHECK (organiser IN ('office','group','committee')),
    group_id            TEXT REFERENCES liaison_groups(id),
    committee_id        TEXT REFERENCES ref_items(id),
    status              TEXT NOT NULL DEFAULT 'planned'
                            CHECK (status IN ('planned','notified','ongoing','done','cancelled')),
    -- after it happened: summary (总结) or report (视察/调研报告), and suggestions (意见建议)
    summary             TEXT NOT NULL DEFAULT '',
    suggestions         TEXT NOT NULL DEFAULT '',
    -- inspections and research trips: methods as a comma list of briefing, site_visit, discussion; logistics
    methods             TEXT NOT NULL DEFAULT '',
    vehicles            TEXT NOT NULL DEFAULT '',
    meals               TEXT NOT NULL DEFAULT '',
    -- meetings: 必须参加 (required) or 报名参加 (signup), and the sign-up deadline (YYYY-MM-DD[ HH:MM])
    signup_mode         TEXT NOT NULL DEFAULT 'required' CHECK (signup_mode IN ('required','signup')),
    signup_deadline     TEXT,
    -- visits: the round they belong to (none for a single visit)
    round_id            TEXT REFERENCES visit_rounds(id),
    -- study sessions: the material studied
    material            TEXT NOT NULL DEFAULT '',
    -- when the attendance was confirmed (未签到 → 缺席, 准假 → 请假)
    attendance_final_at TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    CHECK ((organiser = 'group') = (group_id IS NOT NULL)),
    CHECK ((organiser = 'committee') = (committee_id IS NOT NULL)),
    CHECK (kind = 'visit' OR round_id IS NULL)
);
-- The agenda, the calendar and lists by date range; by kind; a round's visits; an organiser's activities.
CREATE INDEX activities_date ON activities(start_date, start_time) WHERE deleted_at IS NULL;
CREATE INDEX activities_kind ON activities(kind, start_date) WHERE deleted_at IS NULL;
CREATE INDEX activities_round ON activities(round_id) WHERE round_id IS NOT NULL;
CREATE INDEX activities_group ON activities(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX activities_committee ON activities(committee_id) WHERE committee_id IS NOT NULL;

-- One row per visit activity: whom, why, and what came of it.
CREATE TABLE visits (
    activity_id  TEXT PRIMARY KEY REFERENCES activities(id),
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('member','party_office','county_cppcc','unit','workplace')),
    -- the member visited (target 'member'), or whose workplace is visited ('workplace')
    member_id    TEXT REFERENCES members(id),
    -- the office or unit visited (or the workplace's name)
    target_name  TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    -- comma list of work, duties, sector_views, difficulties
    purposes     TEXT NOT NULL DEFAULT '',
    -- who visits (leaders, staff), as written
    visitors     TEXT NOT NULL DEFAULT '',
    done_date    TEXT,
    findings     TEXT NOT NULL DEFAULT '',
    opinions     TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    CHECK (target_kind NOT IN ('member','workplace') OR member_id IS NOT NULL),
    CHECK (target_kind IN ('member','workplace') OR target_name <> '')
) WITHOUT ROWID;
CREATE INDEX visits_member ON visits(member_id) WHERE member_id IS NOT NULL;

-- 跟踪落实: what was promised after a visit (or any activity), by whom, by when.
CREATE TABLE follow_ups (
    id          TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    content     TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
    done_at     TEXT,
    result      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX follow_ups_activity ON follow_ups(activity_id);
CREATE INDEX follow_ups_open ON follow_ups(due_date) WHERE status = 'open' AND deleted_at IS NULL;

-- The schedule of an inspection or research trip (日程安排): its stops in order.
CREATE TABLE activity_stops (
    id           TEXT PRIMARY KEY,
    activity_id  TEXT NOT NULL REFERENCES activities(id),
    seq          INTEGER NOT NULL,
    stop_date    TEXT,
    stop_time    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL,
    host_unit    TEXT NOT NULL DEFAULT '',
    host_contact TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (activity_id, seq)
);

-- Who takes part: members (invited, or added at the door) and named non-members (staff, leaders).
CREATE TABLE participants (
    id           TEXT PRIMARY KEY,
    activity_id  TEXT NOT NULL REFERENCES activities(id),
    member_id    TEXT REFERENCES members(id),
    -- a non-member's name; members' names are read from members
    name         TEXT NOT NULL DEFAULT '',
    person_kind  TEXT NOT NULL DEFAULT 'member' CHECK (person_kind IN ('member','staff','leader')),
    role         TEXT NOT NULL DEFAULT 'attendee' CHECK (role IN ('attendee','lead','host','speaker')),
    -- 分组 of an inspection (第一组 …)
    team         TEXT NOT NULL DEFAULT '',
    -- 1: on the notice; 0: added at sign-in (现场增加)
    invited      INTEGER NOT NULL DEFAULT 1,
    signup       TEXT CHECK (signup IN ('yes','no')),
    signup_at    TEXT,
    attendance   TEXT CHECK (attendance IN ('present','leave','absent','late')),
    -- local time YYYY-MM-DD HH:MM
    signed_in_at TEXT,
    -- who signed in on the member's behalf (代签)
    proxy        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((person_kind = 'member') = (member_id IS NOT NULL)),
    CHECK (member_id IS NOT NULL OR name <> ''),
    UNIQUE (activity_id, member_id)
);
-- A member's participation history.
CREATE INDEX participants_member ON participants(member_id, activity_id) WHERE member_id IS NOT NULL;

CREATE TABLE leave_requests (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    reason         TEXT NOT NULL,
    approver       TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','refused')),
    requested_at   TEXT NOT NULL,
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX leave_requests_participant ON leave_requests(participant_id, requested_at);

-- 心得体会 written after a study session (or any activity).
CREATE TABLE reflections (
    id          TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id   TEXT NOT NULL REFERENCES members(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    file_path   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX reflections_activity ON reflections(activity_id);
CREATE INDEX reflections_member ON reflections(member_id);

-- Files kept with an activity (方案, 通知, 照片, 报告), by path.
CREATE TABLE activity_attachments (
    id          TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    path        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX activity_attachments_activity ON activity_attachments(activity_id);
