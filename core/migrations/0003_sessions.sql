-- Liaison Desk schema, version 3: the plenary session (全会). A session has its sittings (half-days), its
-- attendees (the members of the term, invited 列席 and staff by name), check-in (报到) with what was handed
-- out, leave per sitting or for the whole session, sign-in per sitting, discussion groups (分组讨论), the
-- hall layout and seating chart (座次), rooms, meal tables and vehicles. Each session is also an activity
-- of kind 'plenary': its members are that activity's participants, so the member's history counts it.

-- A hall as a grid: `seat_columns` grid columns per row, of which `aisle_columns` (comma list of column
-- numbers, 1-based) are aisles and hold no seat; `section_names` names the blocks of seats between the
-- aisles from left to right as the audience sees them (左区,中区,右区). The rostrum (主席台) has
-- `rostrum_rows` rows of `rostrum_seats` seats. Saved by name and reused from session to session.
CREATE TABLE hall_layouts (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    hall_rows      INTEGER NOT NULL CHECK (hall_rows BETWEEN 1 AND 200),
    seat_columns   INTEGER NOT NULL CHECK (seat_columns BETWEEN 1 AND 200),
    aisle_columns  TEXT NOT NULL DEFAULT '',
    section_names  TEXT NOT NULL DEFAULT '',
    rostrum_rows   INTEGER NOT NULL DEFAULT 1 CHECK (rostrum_rows BETWEEN 0 AND 10),
    rostrum_seats  INTEGER NOT NULL DEFAULT 0 CHECK (rostrum_seats BETWEEN 0 AND 60),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE UNIQUE INDEX hall_layouts_name ON hall_layouts(name) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
    id                      TEXT PRIMARY KEY,
    -- the activity of kind 'plenary' that carries the members' participation
    activity_id             TEXT NOT NULL UNIQUE REFERENCES activities(id),
    term_id                 TEXT NOT NULL REFERENCES terms(id),
    name                    TEXT NOT NULL,
    start_date              TEXT NOT NULL,
    end_date                TEXT NOT NULL,
    place                   TEXT NOT NULL DEFAULT '',
    layout_id               TEXT REFERENCES hall_layouts(id),
    -- the leave rule: a request covering at most this many half-days is decided by the convenor (召集人)
    -- of the member's discussion group (or the secretariat); a longer one only by the secretariat (秘书处)
    convenor_max_half_days  INTEGER NOT NULL DEFAULT 1 CHECK (convenor_max_half_days >= 0),
    -- what the check-in desk hands out, as a comma list (出席证,会议材料,餐券)
    check_in_items          TEXT NOT NULL DEFAULT '出席证,会议材料,餐券',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT,
    CHECK (end_date >= start_date)
);

-- Half-day sittings: 预备会议, 开幕会, 小组讨论, 大会发言, 闭幕会 …
CREATE TABLE session_sittings (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions(id),
    kind         TEXT NOT NULL CHECK (kind IN ('preparatory','opening','group','speech','plenary','closing','other')),
    title        TEXT NOT NULL,
    sitting_date TEXT NOT NULL,
    half         TEXT NOT NULL CHECK (half IN ('am','pm','eve')),
    start_time   TEXT NOT NULL DEFAULT '',
    end_time     TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    -- when its attendance was confirmed (未签到 → 缺席, 准假 → 请假)
    final_at     TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX session_sittings_session ON session_sittings(session_id, sitting_date, half);

CREATE TABLE session_groups (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    room        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (session_id, seq)
);

-- Who attends: members of the term (kind 'member'), invited non-voting attendees (列席, 'observer') and
-- staff by name. Names, pinyin and stroke keys are copied for non-members (members' are read from members).
CREATE TABLE session_attendees (
    id             TEXT PRIMARY KEY,
    session_id     TEXT NOT NULL REFERENCES sessions(id),
    kind           TEXT NOT NULL CHECK (kind IN ('member','observer','staff')),
    member_id      TEXT REFERENCES members(id),
    name           TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    mobile         TEXT NOT NULL DEFAULT '',
    name_pinyin    TEXT NOT NULL DEFAULT '',
    name_initials  TEXT NOT NULL DEFAULT '',
    stroke_key     BLOB NOT NULL DEFAULT x'',
    -- the member's line on the session's activity
    participant_id TEXT REFERENCES participants(id),
    group_id       TEXT REFERENCES session_groups(id),
    group_role     TEXT NOT NULL DEFAULT 'member' CHECK (group_role IN ('convenor','member')),
    -- seated on the rostrum (主席台), and the protocol order among those of the same role (1 first)
    rostrum        INTEGER NOT NULL DEFAULT 0,
    protocol_rank  INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    CHECK ((kind = 'member') = (member_id IS NOT NULL)),
    CHECK (member_id IS NOT NULL OR name <> ''),
    UNIQUE (session_id, member_id)
);
CREATE INDEX session_attendees_session ON session_attendees(session_id, kind);
CREATE INDEX session_attendees_group ON session_attendees(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX session_attendees_participant ON session_attendees(participant_id) WHERE participant_id IS NOT NULL;

-- 报到: one live check-in per attendee (an undone one is kept, soft-deleted).
CREATE TABLE session_checkins (
    id             TEXT PRIMARY KEY,
    attendee_id    TEXT NOT NULL REFERENCES session_attendees(id),
    checked_in_at  TEXT NOT NULL,
    proxy          TEXT NOT NULL DEFAULT '',
    -- the items handed out, as a comma list
    items          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE UNIQUE INDEX session_checkins_attendee ON session_checkins(attendee_id) WHERE deleted_at IS NULL;

-- 请假: for one sitting, or the whole session (sitting_id NULL); half_days is what the rule looks at.
CREATE TABLE session_leaves (
    id             TEXT PRIMARY KEY,
    attendee_id    TEXT NOT NULL REFERENCES session_attendees(id),
    sitting_id     TEXT REFERENCES session_sittings(id),
    reason         TEXT NOT NULL,
    half_days      INTEGER NOT NULL,
    -- who must decide it under the session's rule
    approver_level TEXT NOT NULL CHECK (approver_level IN ('convenor','secretariat')),
    approver       TEXT NOT NULL DEFAULT '',
    decided_by     TEXT CHECK (decided_by IN ('convenor','secretariat')),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','refused')),
    requested_at   TEXT NOT NULL,
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX session_leaves_attendee ON session_leaves(attendee_id, requested_at);

-- 签到 per sitting: the outcome of one attendee at one sitting.
CREATE TABLE session_sign_ins (
    sitting_id   TEXT NOT NULL REFERENCES session_sittings(id),
    attendee_id  TEXT NOT NULL REFERENCES session_attendees(id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('present','leave','absent','late')),
    signed_at    TEXT,
    proxy        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (sitting_id, attendee_id)
) WITHOUT ROWID;
CREATE INDEX session_sign_ins_attendee ON session_sign_ins(attendee_id);

-- 座次: one seat per attendee, never a seat used twice. Hall seats by grid row and column (1-based, front
-- row first, left to right as the audience sees them); rostrum seats by rostrum row (1 = front) and seat.
CREATE TABLE session_seats (
    session_id   TEXT NOT NULL REFERENCES sessions(id),
    attendee_id  TEXT NOT NULL REFERENCES session_attendees(id),
    area         TEXT NOT NULL CHECK (area IN ('hall','rostrum')),
    row_no       INTEGER NOT NULL CHECK (row_no >= 1),
    col_no       INTEGER NOT NULL CHECK (col_no >= 1),
    PRIMARY KEY (session_id, attendee_id),
    UNIQUE (session_id, area, row_no, col_no)
) WITHOUT ROWID;

-- 住宿: rooms and who sleeps in them.
CREATE TABLE session_rooms (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    hotel       TEXT NOT NULL DEFAULT '',
    room_no     TEXT NOT NULL,
    beds        INTEGER NOT NULL DEFAULT 2 CHECK (beds >= 1),
    created_at  TEXT NOT NULL,
    UNIQUE (session_id, hotel, room_no)
);
CREATE TABLE session_room_guests (
    room_id     TEXT NOT NULL REFERENCES session_rooms(id),
    attendee_id TEXT NOT NULL UNIQUE REFERENCES session_attendees(id),
    PRIMARY KEY (room_id, attendee_id)
) WITHOUT ROWID;

-- 用餐: tables and who sits at them.
CREATE TABLE session_tables (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    table_no    INTEGER NOT NULL CHECK (table_no >= 1),
    place       TEXT NOT NULL DEFAULT '',
    seats       INTEGER NOT NULL DEFAULT 10 CHECK (seats >= 1),
    created_at  TEXT NOT NULL,
    UNIQUE (session_id, table_no)
);
CREATE TABLE session_table_guests (
    table_id    TEXT NOT NULL REFERENCES session_tables(id),
    attendee_id TEXT NOT NULL UNIQUE REFERENCES session_attendees(id),
    PRIMARY KEY (table_id, attendee_id)
) WITHOUT ROWID;

-- 车辆: vehicles with their driver and passengers.
CREATE TABLE session_vehicles (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions(id),
    label        TEXT NOT NULL,
    plate        TEXT NOT NULL DEFAULT '',
    driver       TEXT NOT NULL DEFAULT '',
    driver_phone TEXT NOT NULL DEFAULT '',
    seats        INTEGER NOT NULL DEFAULT 4 CHECK (seats >= 1),
    route        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (session_id, label)
);
CREATE TABLE session_vehicle_passengers (
    vehicle_id  TEXT NOT NULL REFERENCES session_vehicles(id),
    attendee_id TEXT NOT NULL UNIQUE REFERENCES session_attendees(id),
    PRIMARY KEY (vehicle_id, attendee_id)
) WITHOUT ROWID;
