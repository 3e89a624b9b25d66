//! The plenary session's types that cross IPC (and `--json`); TypeScript types in `ui/src/bindings.ts`
//! are generated from them (`core/src/bindings.rs`).

pub use crate::activities::types::{Attendance, LeaveStatus};
use serde::{Deserialize, Serialize};
use specta::Type;
// Enums stored and sent as a snake_case code, shown by a Chinese label: the same macro as the model's.
use crate::codes::coded_enum;

coded_enum! {
    /// What a session is: the plenary session (全体会议, 全会) or a meeting of the standing committee
    /// (常委会议). Both use the same tools; labels, the default sittings and the default list follow it.
    #[derive(Default)]
    SessionKind {
        #[default]
        Plenary = "plenary", "全体会议";
        Standing = "standing", "常委会议";
    }
}

coded_enum! {
    /// What a session needs before a tool can work (see `SessionDetail::readiness`).
    SessionStep {
        Sittings = "sittings", "场次";
        Attendees = "attendees", "参会名单";
        Layout = "layout", "会场布局";
        Groups = "groups", "分组";
        Seats = "seats", "座次";
    }
}

coded_enum! {
    /// What a sitting (half-day) is.
    #[derive(Default)]
    SittingKind {
        Preparatory = "preparatory", "预备会议";
        Opening = "opening", "开幕会";
        #[default]
        Group = "group", "小组讨论";
        Speech = "speech", "大会发言";
        Plenary = "plenary", "全体会议";
        Closing = "closing", "闭幕会";
        Other = "other", "其他";
    }
}

coded_enum! {
    #[derive(Default)]
    HalfDay {
        #[default]
        Am = "am", "上午";
        Pm = "pm", "下午";
        Eve = "eve", "晚上";
    }
}

coded_enum! {
    /// Who an attendee is: a member of the term, an invited non-voting attendee (列席), or staff.
    #[derive(Default)]
    AttendeeKind {
        #[default]
        Member = "member", "委员";
        Observer = "observer", "列席";
        Staff = "staff", "工作人员";
    }
}

coded_enum! {
    #[derive(Default)]
    DiscussionRole {
        Convenor = "convenor", "召集人";
        #[default]
        Member = "member", "组员";
    }
}

coded_enum! {
    /// Who decides a leave request under the session's rule.
    #[derive(Default)]
    ApproverLevel {
        /// The convenor (召集人) of the member's discussion group.
        #[default]
        Convenor = "convenor", "召集人";
        /// The session's secretariat (大会秘书处).
        Secretariat = "secretariat", "秘书处";
    }
}

coded_enum! {
    #[derive(Default)]
    SeatArea {
        #[default]
        Hall = "hall", "会场";
        Rostrum = "rostrum", "主席台";
    }
}

coded_enum! {
    /// How a hall numbers the seats of a row (an option of the hall layout, used by the chart, the seat
    /// tickets and the exports).
    #[derive(Default)]
    SeatNumbering {
        /// 1, 2, 3 … from the left as the audience sees the rostrum (aisles not counted).
        #[default]
        Sequential = "sequential", "顺序号";
        /// 单双号: No. 1 at the centre (just right of it in a row of even width), odd numbers to the
        /// audience's right, even numbers to the left (aisles not counted).
        OddEven = "odd_even", "单双号";
    }
}

coded_enum! {
    /// The documents a session exports (names as in `liaison export <document> --session ID`).
    SessionDocument {
        CheckIn = "check-in", "报到名册";
        SignIn = "sign-in", "签到表";
        Groups = "groups", "分组名单";
        Seating = "seating", "座次表";
        Leave = "leave", "请假人员名单";
        Rooms = "rooms", "住宿安排表";
        Meals = "meals", "用餐安排";
        Vehicles = "vehicles", "车辆安排";
        Attendance = "attendance", "出席情况统计";
        /// 座位票: one ticket per seated attendee, to hand out at check-in (PDF only).
        SeatTickets = "seat-tickets", "座位票";
        /// 出席证 (列席证, 工作证 for staff): one card per attendee with the scan code (PDF only).
        Passes = "passes", "出席证";
    }
}

/// A session's form. Dates as people type them; check-in items in the order the desk shows them.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SessionInput {
    pub id: Option<String>,
    /// The `updated_at` the form was loaded with: a save from a form loaded before the record last
    /// changed is refused (此记录已被修改). None: not checked (new records, the importer).
    pub updated_at: Option<String>,
    /// 政协第十五届第三次会议
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    /// None: the current term (used when creating only).
    pub term_id: Option<String>,
    /// The leave rule: requests of at most this many half-days may be decided by the group's convenor
    /// (longer ones by the secretariat). None: 1 (half a day).
    pub convenor_max_half_days: Option<u32>,
    /// What the check-in desk hands out (出席证, 会议材料, 餐券 …). Empty: those three.
    pub check_in_items: Vec<String>,
    pub layout_id: Option<String>,
    /// 全体会议 or 常委会议 (fixed once created).
    pub kind: SessionKind,
    /// On creation only: the sittings to create (the form shows `plan_sittings`' plan, edited; the
    /// session's id in each is ignored). Empty: none.
    pub sittings: Vec<SittingInput>,
    /// On creation only: put the default list on it (the term's members, or for a 常委会议 the members of
    /// the standing committee) and, when no layout is chosen, a hall layout fitted to that list.
    pub prepare: bool,
}

/// A session in the list, with its counts.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionRow {
    pub id: String,
    pub activity_id: String,
    pub kind: SessionKind,
    pub name: String,
    pub term: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub sittings: u32,
    /// Attendees by kind.
    pub members: u32,
    pub observers: u32,
    pub staff: u32,
    pub checked_in: u32,
    pub groups: u32,
    pub seated: u32,
    pub deleted: bool,
    /// When the session last changed: the form sends it back with a save (a stale form is refused).
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionDetail {
    pub session: SessionRow,
    pub term_id: String,
    pub convenor_max_half_days: u32,
    pub check_in_items: Vec<String>,
    pub layout_id: Option<String>,
    pub sittings: Vec<Sitting>,
    pub groups: Vec<DiscussionGroup>,
    /// What each tool needs, in the order a clerk sets it up; those not `ok` say where they are fixed.
    pub readiness: Vec<Prerequisite>,
}

/// One thing a session needs, whether it is there, what needs it and where it is fixed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Prerequisite {
    pub step: SessionStep,
    pub ok: bool,
    /// 6 场 / 还没有场次 / “大礼堂” 150 座，需 136 座 …
    pub status: String,
    /// The tools and papers that need it: 签到考勤、请假、签到表 …
    pub needed_for: String,
    /// Where it is fixed, as the clerk reads it: 概况 → 按会期排场次.
    pub fix: String,
    /// The tab that fixes it (overview, groups, seating).
    pub tab: String,
}

/// What `fit_session_layout` did.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LayoutFit {
    pub layout: HallLayout,
    /// People to seat in the hall and on the rostrum.
    pub hall: u32,
    pub rostrum: u32,
    /// Seats given up because they are no longer in the layout (auto-seat again).
    pub seats_removed: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SittingInput {
    pub id: Option<String>,
    pub session_id: String,
    pub kind: SittingKind,
    /// Empty: the kind's label (开幕会 …).
    pub title: String,
    pub date: String,
    pub half: HalfDay,
    pub start_time: String,
    pub end_time: String,
    /// Empty: the session's place.
    pub place: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Sitting {
    pub id: String,
    pub session_id: String,
    pub kind: SittingKind,
    pub title: String,
    pub date: String,
    pub half: HalfDay,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    /// Its attendance has been confirmed.
    pub finalised: bool,
}

impl Sitting {
    /// 2026-01-12 上午 开幕会
    pub fn label(&self) -> String {
        format!("{} {} {}", self.date, self.half.label(), self.title)
    }
}

/// One person on a session's list, as the check-in desk and the lists show them.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Attendee {
    pub id: String,
    pub session_id: String,
    pub kind: AttendeeKind,
    pub member_id: Option<String>,
    pub name: String,
    pub gender: String,
    pub sector: String,
    /// 政协职务, joined (副主席、常委).
    pub roles: String,
    pub unit: String,
    /// The mobile number masked (138****5678); the desk matches the tail.
    pub mobile: String,
    pub group_id: Option<String>,
    pub group: String,
    pub group_role: DiscussionRole,
    pub rostrum: bool,
    pub protocol_rank: Option<u32>,
    /// 报到: when (YYYY-MM-DD HH:MM), by whom on their behalf, what was handed out.
    pub checked_in_at: Option<String>,
    pub proxy: String,
    pub items: Vec<String>,
    /// The code on their 出席证 and 座位票 (12 digits, no personal data; see `sessions::scan`).
    pub code: String,
}

/// A scan at the check-in desk: the code typed by the scanner, what the desk hands out, a proxy.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct ScanCheckInInput {
    pub session_id: String,
    pub code: String,
    pub proxy: String,
    pub items: Vec<String>,
}

/// What a scan did: checked the attendee in, or found them checked in already (`already`, nothing changed).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ScanOutcome {
    pub already: bool,
    pub update: CheckInUpdate,
}

/// Filters of a session's list; `search` as the roster's: characters, full pinyin or initials, phone tail.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct AttendeeQuery {
    pub search: String,
    pub kind: Option<AttendeeKind>,
    pub group_id: Option<String>,
    /// Some(true): only those checked in; Some(false): only those not yet.
    pub checked_in: Option<bool>,
    /// At most this many (0: all).
    pub limit: u32,
}

/// An invited non-voting attendee (列席) or a staff member, by name.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct PersonAttendeeInput {
    pub session_id: String,
    pub kind: AttendeeKind,
    pub name: String,
    pub unit: String,
    pub mobile: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct CheckInInput {
    pub attendee_id: String,
    /// Who checked in on the attendee's behalf (代报到); empty: in person.
    pub proxy: String,
    /// What was handed out (of the session's check-in items).
    pub items: Vec<String>,
    /// YYYY-MM-DD HH:MM or HH:MM (today); empty: now.
    pub time: String,
}

/// What the check-in desk needs after a check-in, an undo or a 补发, in one answer: the attendee as
/// they are now (for their row and the desk's recent list) and the desk's counts.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CheckInUpdate {
    pub attendee: Attendee,
    pub counts: CheckInCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ItemCount {
    pub item: String,
    pub handed: u32,
}

/// The desk's live counts.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CheckInCounts {
    /// Everyone on the list, and of them the members.
    pub expected: u32,
    pub checked_in: u32,
    pub members_expected: u32,
    pub members_checked_in: u32,
    pub by_proxy: u32,
    pub items: Vec<ItemCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SessionLeaveInput {
    pub attendee_id: String,
    /// None: the whole session.
    pub sitting_id: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SessionLeaveDecision {
    pub leave_id: String,
    pub approve: bool,
    /// In what capacity the approver decides.
    pub level: ApproverLevel,
    /// The approver's name (for a convenor: a convenor of the member's group).
    pub approver: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionLeave {
    pub id: String,
    pub attendee_id: String,
    pub name: String,
    pub group: String,
    pub sitting_id: Option<String>,
    /// The sitting's label, or 全程.
    pub period: String,
    pub half_days: u32,
    pub reason: String,
    /// Who must decide it under the session's rule.
    pub approver_level: ApproverLevel,
    pub approver: String,
    pub decided_by: Option<ApproverLevel>,
    pub status: LeaveStatus,
    pub requested_at: String,
    pub decided_at: Option<String>,
    pub decision_note: String,
}

/// Sign in attendees at a sitting (one at the desk, or many from a paper sheet).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SittingSignInInput {
    pub sitting_id: String,
    pub attendee_ids: Vec<String>,
    /// 迟到 instead of 出席.
    pub late: bool,
    /// Who signed in on their behalf (代签).
    pub proxy: String,
    /// HH:MM on the sitting's day; empty: now.
    pub time: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SittingSignInOutcome {
    pub signed_in: u32,
    /// Already signed in (left as they were).
    pub already: u32,
}

/// Set (or clear, with None) an attendee's outcome at a sitting by hand.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SittingOutcomeInput {
    pub attendee_id: String,
    pub outcome: Option<Attendance>,
}

/// One attendee's record at a sitting, as the sign-in screen lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SittingOutcome {
    pub attendee_id: String,
    pub outcome: Option<Attendance>,
    /// When they signed in, local time YYYY-MM-DD HH:MM (None: not signed in, or set by hand without a time).
    pub signed_at: Option<String>,
    /// Who signed in on their behalf (代签), or empty.
    pub proxy: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DiscussionGroup {
    pub id: String,
    pub session_id: String,
    pub seq: u32,
    pub name: String,
    pub room: String,
    pub convenors: Vec<String>,
    pub size: u32,
    /// The sectors in the group, largest first.
    pub sectors: Vec<String>,
}

/// Split the session's members into `groups` discussion groups by sector (see `grouping`).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct AutoGroupInput {
    pub session_id: String,
    pub groups: u32,
    /// Rooms of the groups in order; missing ones are left blank.
    pub rooms: Vec<String>,
    /// Convenors chosen per group (0: 1).
    pub convenors_per_group: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct DiscussionGroupInput {
    pub id: String,
    pub name: String,
    pub room: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct HallLayoutInput {
    pub id: Option<String>,
    pub name: String,
    pub rows: u32,
    /// Grid columns per row, aisles included.
    pub seat_columns: u32,
    /// Grid columns (1-based) that are aisles.
    pub aisle_columns: Vec<u32>,
    /// Names of the blocks between aisles, left to right (左区, 中区, 右区).
    pub section_names: Vec<String>,
    pub rostrum_rows: u32,
    pub rostrum_seats: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HallLayout {
    pub id: String,
    pub name: String,
    pub rows: u32,
    pub seat_columns: u32,
    pub aisle_columns: Vec<u32>,
    pub section_names: Vec<String>,
    pub rostrum_rows: u32,
    pub rostrum_seats: u32,
    /// Seats in the hall (aisles left out) and on the rostrum.
    pub hall_capacity: u32,
    pub rostrum_capacity: u32,
}

/// One taken seat.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Seat {
    pub attendee_id: String,
    pub name: String,
    pub group: String,
    pub area: SeatArea,
    /// Grid row and column (1-based; hall: front row first; rostrum: row 1 is the front row).
    pub row: u32,
    pub col: u32,
    /// The seat's number in its row, aisles not counted (the number on the seat ticket).
    pub number: u32,
    pub section: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SeatingChart {
    pub session_id: String,
    pub layout: Option<HallLayout>,
    pub seats: Vec<Seat>,
    /// Members and observers with no seat.
    pub unseated: Vec<String>,
    /// How the layout numbers its seats, and the number of each grid column of the hall (0: an aisle).
    pub numbering: SeatNumbering,
    pub numbers: Vec<u32>,
    /// Members, 列席 and staff on the list; of them to be seated (not staff).
    pub people: u32,
    pub to_seat: u32,
    /// What the user should know about the chart, each saying what to do (the rostrum stays empty …).
    pub warnings: Vec<String>,
}

/// Set how the session's hall layout numbers its seats.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SeatNumberingInput {
    pub session_id: String,
    pub numbering: SeatNumbering,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SeatingOutcome {
    pub hall: u32,
    pub rostrum: u32,
}

/// Move an attendee to a seat; whoever sat there takes the attendee's old seat (a swap).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SeatMoveInput {
    pub attendee_id: String,
    pub area: SeatArea,
    pub row: u32,
    pub col: u32,
}

/// Attendance figures: expected, each outcome, not yet recorded, and the rate ((出席 + 迟到) / the recorded:
/// 应到 − 未记录; 0 while nothing is recorded).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct StatLine {
    pub label: String,
    pub expected: u32,
    pub present: u32,
    pub late: u32,
    pub leave: u32,
    pub absent: u32,
    pub unrecorded: u32,
    /// Percent, one decimal (0 when nothing is expected).
    pub rate: f64,
}

/// A session's attendance: per sitting (members), per discussion group and per sector (member-sittings,
/// 人次, over all sittings), and in total.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionStats {
    pub sittings: Vec<StatLine>,
    pub groups: Vec<StatLine>,
    pub sectors: Vec<StatLine>,
    pub total: StatLine,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Guest {
    pub attendee_id: String,
    pub name: String,
    pub gender: String,
    pub group: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct RoomInput {
    pub session_id: String,
    pub hotel: String,
    pub room_no: String,
    pub beds: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Room {
    pub id: String,
    pub hotel: String,
    pub room_no: String,
    pub beds: u32,
    pub guests: Vec<Guest>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct MealTableInput {
    pub session_id: String,
    pub table_no: u32,
    pub place: String,
    pub seats: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MealTable {
    pub id: String,
    pub table_no: u32,
    pub place: String,
    pub seats: u32,
    pub guests: Vec<Guest>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct VehicleInput {
    pub session_id: String,
    /// 1号车
    pub label: String,
    pub plate: String,
    pub driver: String,
    pub driver_phone: String,
    pub seats: u32,
    pub route: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Vehicle {
    pub id: String,
    pub label: String,
    pub plate: String,
    pub driver: String,
    /// Masked unless the caller asks for numbers.
    pub driver_phone: String,
    pub seats: u32,
    pub route: String,
    pub passengers: Vec<Guest>,
}

/// Put attendees in a room, at a table or in a vehicle (`target_id`), or take them out (None).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct AllocationInput {
    pub target_id: Option<String>,
    pub attendee_ids: Vec<String>,
}

/// Export one of a session's documents.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionExport {
    pub session_id: String,
    pub document: SessionDocument,
    /// 签到表: one sitting; None: every sitting, one sheet each.
    pub sitting_id: Option<String>,
    pub with_phone: bool,
    /// .xlsx or PDF: 座次表, 签到表 and 分组名单 both; 座位票 and 出席证 PDF only; the rest .xlsx.
    #[serde(default = "xlsx")]
    pub format: crate::export::DocumentFormat,
}

fn xlsx() -> crate::export::DocumentFormat {
    crate::export::DocumentFormat::Xlsx
}

impl SessionDocument {
    /// The format a document is printed in when none is chosen (打印全套): PDF where there is one.
    pub fn print_format(self) -> crate::export::DocumentFormat {
        use crate::export::DocumentFormat::*;
        match self {
            SessionDocument::SignIn
            | SessionDocument::Groups
            | SessionDocument::Seating
            | SessionDocument::SeatTickets
            | SessionDocument::Passes => Pdf,
            _ => Xlsx,
        }
    }
}

/// 打印全套: several of a session's documents at once.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionPackRequest {
    pub session_id: String,
    /// In the order they are to be numbered (01-签到表.pdf …).
    pub documents: Vec<SessionDocument>,
    pub with_phone: bool,
}

/// One file of a pack.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PackFile {
    pub document: SessionDocument,
    #[specta(type = String)]
    pub path: std::path::PathBuf,
    /// Rows, people or seats written (as the single export says).
    pub rows: u32,
}

/// The folder a pack was written into, and its files.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SessionPack {
    #[specta(type = String)]
    pub folder: std::path::PathBuf,
    pub files: Vec<PackFile>,
}
