-- Liaison Desk schema, version 13: the activity kinds the work plans name (评议, 学习考察, 工作交流, 联谊交友,
-- 服务民生); activities organised jointly by several liaison groups (联片, 跨乡镇); the members of the
-- upper-level CPPCC resident in the district (驻地上级政协委员: 市/省/全国), kept in their own list and invited
-- to activities as participants of kind 'upper'.
--
-- `activities.kind` and `participants.person_kind` are CHECKed: both tables are rebuilt by SQLite's
-- 12-step procedure (create the new shape, copy every row, drop, rename, recreate the indexes). The
-- program runs this migration with foreign keys off and legacy_alter_table on, checks the foreign keys
-- before it commits, and makes again the indexes and triggers other migrations put on the two tables
-- (db::run_migrations, REBUILDS).

CREATE TABLE activities_new (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN
                            ('visit','inspection','research','forum','group','study','standing','chair','plenary',
                             'appraisal','study_tour','exchange','fellowship','service')),
    title               TEXT NOT NULL,
    start_date          TEXT,
    start_time          TEXT NOT NULL DEFAULT '',
    end_date            TEXT,
    end_time            TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    content             TEXT NOT NULL DEFAULT '',
    responsible         TEXT NOT NULL DEFAULT '',
    contact             TEXT NOT NULL DEFAULT '',
    organiser           TEXT NOT NULL DEFAULT 'office' CHECK (organiser IN ('office','group','committee')),
    group_id            TEXT REFERENCES liaison_groups(id),
    committee_id        TEXT REFERENCES ref_items(id),
    status              TEXT NOT NULL DEFAULT 'planned'
                            CHECK (status IN ('planned','notified','ongoing','done','cancelled')),
    summary             TEXT NOT NULL DEFAULT '',
    suggestions         TEXT NOT NULL DEFAULT '',
    methods             TEXT NOT NULL DEFAULT '',
    vehicles            TEXT NOT NULL DEFAULT '',
    meals               TEXT NOT NULL DEFAULT '',
    signup_mode         TEXT NOT NULL DEFAULT 'required' CHECK (signup_mode IN ('required','signup')),
    signup_deadline     TEXT,
    round_id            TEXT REFERENCES visit_rounds(id),
    material            TEXT NOT NULL DEFAULT '',
    attendance_final_at TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    CHECK ((organiser = 'group') = (group_id IS NOT NULL)),
    CHECK ((organiser = 'committee') = (committee_id IS NOT NULL)),
    CHECK (kind = 'visit' OR round_id IS NULL)
);
INSERT INTO activities_new (id, kind, title, start_date, start_time, end_date, end_time, place, content, responsible,
        contact, organiser, group_id, committee_id, status, summary, suggestions, methods, vehicles, meals, signup_mode,
        signup_deadline, round_id, material, attendance_final_at, created_at, updated_at, deleted_at)
    SELECT id, kind, title, start_date, start_time, end_date, end_time, place, content, responsible,
        contact, organiser, group_id, committee_id, status, summary, suggestions, methods, vehicles, meals, signup_mode,
        signup_deadline, round_id, material, attendance_final_at, created_at, updated_at, deleted_at
    FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_date ON activities(start_date, start_time) WHERE deleted_at IS NULL;
CREATE INDEX activities_kind ON activities(kind, start_date) WHERE deleted_at IS NULL;
CREATE INDEX activities_round ON activities(round_id) WHERE round_id IS NOT NULL;
CREATE INDEX activities_group ON activities(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX activities_committee ON activities(committee_id) WHERE committee_id IS NOT NULL;

-- 联合组织: the other liaison groups that organise an activity with its organising group (联片活动, 跨乡镇).
-- The activity counts for each of them as for the organiser (activities::group_activity_ids).
CREATE TABLE activity_groups (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    group_id    TEXT NOT NULL REFERENCES liaison_groups(id),
    PRIMARY KEY (activity_id, group_id)
) WITHOUT ROWID;
CREATE INDEX activity_groups_group ON activity_groups(group_id, activity_id);

-- 驻地上级政协委员: members of the city (市), provincial (省) or national (全国) CPPCC who live or work in the
-- district. They are not this CPPCC's members (its roster, terms, points and files are not theirs); the
-- office keeps them as a list to invite. One who is also this CPPCC's member is linked (member_id).
CREATE TABLE upper_members (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('city','province','national')),
    -- 届次 of that CPPCC as written (e.g. 第十四届)
    term        TEXT NOT NULL DEFAULT '',
    -- 界别 of that CPPCC as written
    sector      TEXT NOT NULL DEFAULT '',
    -- 工作单位及职务
    unit        TEXT NOT NULL DEFAULT '',
    mobile      TEXT NOT NULL DEFAULT '',
    -- the liaison group they are attached to (联系的联络组), if any
    group_id    TEXT REFERENCES liaison_groups(id),
    member_id   TEXT REFERENCES members(id),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX upper_members_group ON upper_members(group_id) WHERE group_id IS NOT NULL;

CREATE TABLE participants_new (
    id              TEXT PRIMARY KEY,
    activity_id     TEXT NOT NULL REFERENCES activities(id),
    member_id       TEXT REFERENCES members(id),
    name            TEXT NOT NULL DEFAULT '',
    person_kind     TEXT NOT NULL DEFAULT 'member' CHECK (person_kind IN ('member','staff','leader','upper')),
    role            TEXT NOT NULL DEFAULT 'attendee' CHECK (role IN ('attendee','lead','host','speaker')),
    team            TEXT NOT NULL DEFAULT '',
    invited         INTEGER NOT NULL DEFAULT 1,
    signup          TEXT CHECK (signup IN ('yes','no')),
    signup_at       TEXT,
    attendance      TEXT CHECK (attendance IN ('present','leave','absent','late')),
    signed_in_at    TEXT,
    proxy           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- person_kind 'upper': the upper-level member invited (their name is copied to `name`)
    upper_member_id TEXT REFERENCES upper_members(id),
    CHECK ((person_kind = 'member') = (member_id IS NOT NULL)),
    CHECK ((person_kind = 'upper') = (upper_member_id IS NOT NULL)),
    CHECK (member_id IS NOT NULL OR name <> ''),
    UNIQUE (activity_id, member_id),
    UNIQUE (activity_id, upper_member_id)
);
INSERT INTO participants_new (id, activity_id, member_id, name, person_kind, role, team, invited, signup, signup_at,
        attendance, signed_in_at, proxy, created_at, updated_at)
    SELECT id, activity_id, member_id, name, person_kind, role, team, invited, signup, signup_at,
        attendance, signed_in_at, proxy, created_at, updated_at
    FROM participants;
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_member ON participants(member_id, activity_id) WHERE member_id IS NOT NULL;
