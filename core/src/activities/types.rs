//! The activities' types that cross IPC (and `--json`): kinds, statuses and the other coded enums, the
//! activity form and record, participants, leave, visits and their rounds, follow-ups, stops, reflections,
//! attachments, the member's history and the agenda; and what to print (the activities' documents).

use crate::codes::{coded_enum, impl_coded};
use crate::export::DocumentFormat;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// What kind of activity: one model for every kind.
    #[derive(Default)]
    ActivityKind {
        Visit = "visit", "走访";
        Inspection = "inspection", "视察";
        Research = "research", "调研";
        #[default]
        Forum = "forum", "座谈会";
        Group = "group", "联络组活动";
        Study = "study", "学习会";
        Standing = "standing", "常委会";
        Chair = "chair", "主席会议";
        /// The plenary session (全会): managed by its own module, with the same participation records.
        Plenary = "plenary", "全会";
        /// 评议: the members appraise a department's work (民主评议).
        Appraisal = "appraisal", "评议";
        /// 学习考察: a study trip elsewhere.
        StudyTour = "study_tour", "学习考察";
        /// 工作交流: with another CPPCC or liaison office.
        Exchange = "exchange", "工作交流";
        /// 联谊交友: fellowship with members and people of their sectors.
        Fellowship = "fellowship", "联谊交友";
        /// 服务民生: service to the public (义诊, 送教, 法律咨询 …).
        Service = "service", "服务民生";
    }
}

coded_enum! {
    /// 计划 → 已通知 → 进行中 → 已完成, or 已取消.
    #[derive(Default)]
    ActivityStatus {
        #[default]
        Planned = "planned", "计划";
        Notified = "notified", "已通知";
        Ongoing = "ongoing", "进行中";
        Done = "done", "已完成";
        Cancelled = "cancelled", "已取消";
    }
}

coded_enum! {
    /// Who organises an activity.
    #[derive(Default)]
    Organiser {
        #[default]
        Office = "office", "联络办";
        Group = "group", "联络组";
        Committee = "committee", "专委会";
    }
}

coded_enum! {
    #[derive(Default)]
    SignupMode {
        /// 必须参加: those who cannot come ask for leave.
        #[default]
        Required = "required", "必须参加";
        /// 报名参加: those who want to come sign up.
        Signup = "signup", "报名参加";
    }
}

coded_enum! {
    /// How an inspection or research trip works (视察/调研方式).
    InspectionMethod {
        Briefing = "briefing", "听取汇报";
        SiteVisit = "site_visit", "实地察看";
        Discussion = "discussion", "座谈交流";
    }
}

coded_enum! {
    /// 四落实: what every activity must fix.
    FourFixed {
        Time = "time", "时间";
        Place = "place", "地点";
        Content = "content", "内容";
        Responsible = "responsible", "负责人";
    }
}

coded_enum! {
    #[derive(Default)]
    PersonKind {
        #[default]
        Member = "member", "委员";
        Staff = "staff", "工作人员";
        Leader = "leader", "领导";
        /// 驻地上级政协委员: a member of the city, provincial or national CPPCC resident here.
        Upper = "upper", "上级委员";
    }
}

coded_enum! {
    #[derive(Default)]
    ParticipantRole {
        #[default]
        Attendee = "attendee", "参加";
        Lead = "lead", "带队";
        Host = "host", "主持";
        Speaker = "speaker", "发言";
    }
}

coded_enum! {
    /// The outcome per person.
    Attendance {
        Present = "present", "出席";
        Leave = "leave", "请假";
        Absent = "absent", "缺席";
        Late = "late", "迟到";
    }
}

coded_enum! {
    LeaveStatus {
        Pending = "pending", "待批";
        Approved = "approved", "准假";
        Refused = "refused", "不准";
    }
}

coded_enum! {
    /// Whom a visit (走访) goes to.
    #[derive(Default)]
    VisitTarget {
        #[default]
        Member = "member", "委员";
        PartyOffice = "party_office", "党派机关";
        CountyCppcc = "county_cppcc", "县级政协";
        Unit = "unit", "单位";
        /// A member's workplace (委员所在单位).
        Workplace = "workplace", "委员工作单位";
    }
}

coded_enum! {
    VisitPurpose {
        Work = "work", "了解工作情况";
        Duties = "duties", "了解履职情况";
        SectorViews = "sector_views", "听取界别群众意见";
        Difficulties = "difficulties", "了解困难和诉求";
    }
}

coded_enum! {
    FollowUpStatus {
        Open = "open", "待落实";
        Done = "done", "已落实";
    }
}

coded_enum! {
    /// How a member appears in an activity's records.
    Relation {
        Participant = "participant", "参加";
        Visited = "visited", "被走访";
    }
}

/// An activity as its form submits it (every kind; visits are created in a visit round, see
/// `VisitRoundInput`). Empty strings mean "not fixed yet".
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct ActivityInput {
    /// None to create, Some to update.
    pub id: Option<String>,
    /// The `updated_at` the form was loaded with: a save from a form loaded before the record last
    /// changed is refused (此记录已被修改). None: not checked (new records, the importer).
    pub updated_at: Option<String>,
    pub kind: ActivityKind,
    pub title: String,
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM
    pub time: String,
    /// YYYY-MM-DD, for an activity over several days.
    pub end_date: String,
    pub end_time: String,
    pub place: String,
    pub content: String,
    pub responsible: String,
    /// 联系人及电话, printed in the notice.
    pub contact: String,
    pub organiser: Organiser,
    /// The organising liaison group (organiser `group`).
    pub group_id: Option<String>,
    /// The organising committee (organiser `committee`).
    pub committee_id: Option<String>,
    /// 联合组织: the other liaison groups organising it with `group_id` (联片, 跨乡镇); it counts for each.
    pub joint_group_ids: Vec<String>,
    /// 总结, or the report of an inspection or research trip.
    pub summary: String,
    pub suggestions: String,
    pub methods: Vec<InspectionMethod>,
    pub vehicles: String,
    pub meals: String,
    pub signup_mode: SignupMode,
    /// YYYY-MM-DD or YYYY-MM-DD HH:MM
    pub signup_deadline: String,
    /// The material studied (学习会).
    pub material: String,
}

/// One line of an activity list, the agenda and the calendar.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ActivityRow {
    pub id: String,
    pub kind: ActivityKind,
    pub title: String,
    /// YYYY-MM-DD; None while not fixed.
    pub date: Option<String>,
    pub time: String,
    pub end_date: Option<String>,
    pub end_time: String,
    pub place: String,
    pub responsible: String,
    pub status: ActivityStatus,
    pub organiser: Organiser,
    /// 联络办, or the group's or committee's name.
    pub organiser_name: String,
    pub group_id: Option<String>,
    pub committee_id: Option<String>,
    /// The other liaison groups organising it (联合组织), by name.
    pub joint_group_ids: Vec<String>,
    /// Their names, joined by 、 (empty: none).
    pub joint_groups: String,
    /// Visits: the round they belong to.
    pub round_id: Option<String>,
    /// Visits: the round's title.
    pub round: Option<String>,
    /// Visits: whom (the member's name, or the office or unit).
    pub target: String,
    /// Members invited (not counting walk-ins).
    pub invited: i32,
    /// Present or late.
    pub attended: i32,
    /// The 四落实 fields not fixed yet (empty: complete).
    pub missing: Vec<FourFixed>,
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct ActivityQuery {
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    /// YYYY-MM-DD: activities ending on or after this day.
    pub from: String,
    /// YYYY-MM-DD: activities starting on or before this day.
    pub to: String,
    pub organiser: Option<Organiser>,
    pub group_id: Option<String>,
    pub committee_id: Option<String>,
    /// Activities this member takes part in or is visited in.
    pub member_id: Option<String>,
    pub round_id: Option<String>,
    /// Words in the title, place or content.
    pub search: String,
    /// Only activities missing a 四落实 field.
    pub incomplete: bool,
    /// The deleted ones (recycle bin) instead of the live ones.
    pub deleted: bool,
}

/// Counts of an activity's participants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AttendanceSummary {
    /// Members on the notice.
    pub invited: i32,
    /// Members added at sign-in.
    pub walk_ins: i32,
    pub signed_up: i32,
    pub declined: i32,
    pub present: i32,
    pub late: i32,
    pub leave: i32,
    pub absent: i32,
    /// Members with no outcome yet.
    pub unrecorded: i32,
    pub pending_leave: i32,
    /// The attendance has been confirmed.
    pub finalised: bool,
}

/// Everything about one activity, for its page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ActivityDetail {
    pub activity: ActivityRow,
    pub content: String,
    pub contact: String,
    pub summary: String,
    pub suggestions: String,
    pub methods: Vec<InspectionMethod>,
    pub vehicles: String,
    pub meals: String,
    pub signup_mode: SignupMode,
    pub signup_deadline: Option<String>,
    pub material: String,
    pub attendance_final_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    /// Visits: whom, why, and the outcome.
    pub visit: Option<Visit>,
    pub stops: Vec<Stop>,
    pub attachments: Vec<Attachment>,
    pub follow_ups: Vec<FollowUp>,
    pub attendance: AttendanceSummary,
}

/// One person on an activity's list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Participant {
    pub id: String,
    pub activity_id: String,
    pub member_id: Option<String>,
    /// The upper-level CPPCC member (person_kind `upper`).
    pub upper_member_id: Option<String>,
    pub name: String,
    pub person_kind: PersonKind,
    pub role: ParticipantRole,
    pub team: String,
    /// On the notice (false: added at sign-in).
    pub invited: bool,
    /// Some(true) signed up, Some(false) declined, None no answer.
    pub signup: Option<bool>,
    pub attendance: Option<Attendance>,
    /// YYYY-MM-DD HH:MM, local time.
    pub signed_in_at: Option<String>,
    pub proxy: String,
    /// The latest leave request's status.
    pub leave: Option<LeaveStatus>,
    /// The member's liaison group (current term) and sector.
    pub group: String,
    pub sector: String,
}

/// Invite members by id, every member of a liaison group (current members), the live members of sectors
/// (界别: a forum aimed at them), upper-level CPPCC members (驻地上级政协委员), or any of these together.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct InviteInput {
    pub activity_id: String,
    pub member_ids: Vec<String>,
    pub group_id: Option<String>,
    /// 按界别邀请: every live (在任, not deleted) member of these sectors.
    pub sector_ids: Vec<String>,
    /// 驻地上级政协委员 to invite (their own list, `upper_members`).
    pub upper_member_ids: Vec<String>,
    pub role: ParticipantRole,
    pub team: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct InviteOutcome {
    pub added: i32,
    /// Already on the list (left as they were).
    pub already: i32,
}

/// A non-member on an activity's list: staff or a leader.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct PersonInput {
    pub activity_id: String,
    pub name: String,
    pub person_kind: PersonKind,
    pub role: ParticipantRole,
    pub team: String,
}

/// Sign in one member (quick search) or many (bulk).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct SignInInput {
    pub activity_id: String,
    pub member_ids: Vec<String>,
    /// Mark them 迟到 instead of 出席.
    pub late: bool,
    /// Add members not on the list (现场增加) instead of refusing them.
    pub walk_in: bool,
    /// Who signed in on their behalf (代签).
    pub proxy: String,
    /// HH:MM on the activity's day; empty: now.
    pub time: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SignInOutcome {
    pub signed_in: i32,
    /// Already signed in (left as they were).
    pub already: i32,
    /// Added at the door.
    pub walk_ins: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct LeaveInput {
    pub activity_id: String,
    pub member_id: String,
    pub reason: String,
    /// Who is to approve it (may be left for the decision).
    pub approver: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct LeaveDecision {
    pub leave_id: String,
    pub approve: bool,
    pub approver: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LeaveRequest {
    pub id: String,
    pub activity_id: String,
    pub participant_id: String,
    pub member_id: Option<String>,
    pub name: String,
    pub reason: String,
    pub approver: String,
    pub status: LeaveStatus,
    pub requested_at: String,
    pub decided_at: Option<String>,
    pub decision_note: String,
}

/// Set (or clear, with None) one person's outcome by hand.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OutcomeInput {
    pub participant_id: String,
    pub attendance: Option<Attendance>,
}

/// One visit in a round, as the planning form submits it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct VisitInput {
    /// The visit's activity id: None to add a visit, Some to edit one.
    pub id: Option<String>,
    pub target_kind: VisitTarget,
    /// The member visited (targets `member` and `workplace`).
    pub member_id: Option<String>,
    /// The office or unit visited (other targets); for `workplace`, empty means the member's work unit.
    pub target_name: String,
    pub address: String,
    pub phone: String,
    /// Planned date, YYYY-MM-DD.
    pub date: String,
    pub time: String,
    pub purposes: Vec<VisitPurpose>,
    /// More about the purpose, in words.
    pub purpose_note: String,
    /// Who visits (leaders, staff), e.g. 张主席、办公室李明.
    pub visitors: String,
    /// Empty: the first of the visitors.
    pub responsible: String,
}

/// A visit to a member as the planning form starts it, from the member's record: whom, and the phone
/// and address to reach them (editable in the form before it is saved).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VisitDraft {
    pub member_id: String,
    pub name: String,
    /// The member's work unit, to tell namesakes apart.
    pub work_unit: String,
    /// The mobile, else the landline; in full (the visitors call ahead).
    pub phone: String,
    pub address: String,
}

/// A round of visits with the visits to add (id None) or edit (id Some), saved in one transaction.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct VisitRoundInput {
    pub id: Option<String>,
    pub title: String,
    pub notes: String,
    pub visits: Vec<VisitInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Visit {
    pub activity_id: String,
    pub round_id: Option<String>,
    pub round: Option<String>,
    pub status: ActivityStatus,
    pub target_kind: VisitTarget,
    pub member_id: Option<String>,
    /// Whom: the member's name (with the workplace for `workplace`), or the office or unit.
    pub target: String,
    pub target_name: String,
    pub address: String,
    pub phone: String,
    pub date: Option<String>,
    pub time: String,
    pub purposes: Vec<VisitPurpose>,
    pub purpose_note: String,
    pub visitors: String,
    pub responsible: String,
    pub done_date: Option<String>,
    pub findings: String,
    pub opinions: String,
    pub difficulties: String,
    pub follow_ups: Vec<FollowUp>,
    pub missing: Vec<FourFixed>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VisitRoundSummary {
    pub id: String,
    pub title: String,
    pub notes: String,
    pub total: i32,
    pub done: i32,
    pub cancelled: i32,
    /// Distinct members visited (targets `member` and `workplace`, visits done).
    pub members_visited: i32,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VisitRound {
    pub round: VisitRoundSummary,
    /// In planned-date order.
    pub visits: Vec<Visit>,
}

/// What came of a visit; marks it done.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct VisitOutcomeInput {
    pub activity_id: String,
    /// YYYY-MM-DD, not after today.
    pub done_date: String,
    pub findings: String,
    pub opinions: String,
    pub difficulties: String,
    /// Follow-ups to add.
    pub follow_ups: Vec<FollowUpInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct FollowUpInput {
    pub id: Option<String>,
    pub activity_id: String,
    pub content: String,
    pub owner: String,
    /// YYYY-MM-DD
    pub due_date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct FollowUp {
    pub id: String,
    pub activity_id: String,
    pub activity_title: String,
    pub kind: ActivityKind,
    /// Visits: whom.
    pub target: String,
    pub content: String,
    pub owner: String,
    pub due_date: String,
    pub status: FollowUpStatus,
    pub done_at: Option<String>,
    pub result: String,
    /// Days past the due date (as of the day asked, else today); 0 when not overdue.
    pub days_overdue: i32,
}

/// One stop of an inspection's or research trip's schedule.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct StopInput {
    /// YYYY-MM-DD; empty: the activity's day.
    pub date: String,
    /// HH:MM
    pub time: String,
    pub place: String,
    pub host_unit: String,
    /// 接待联系人及电话
    pub host_contact: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Stop {
    pub id: String,
    /// 1, 2, 3 … in schedule order.
    pub seq: i32,
    pub date: Option<String>,
    pub time: String,
    pub place: String,
    pub host_unit: String,
    pub host_contact: String,
    pub note: String,
}

/// 心得体会: a title, and the text or a file (or both).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct ReflectionInput {
    pub id: Option<String>,
    pub activity_id: String,
    pub member_id: String,
    pub title: String,
    pub body: String,
    pub file_path: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Reflection {
    pub id: String,
    pub activity_id: String,
    pub activity_title: String,
    pub member_id: String,
    pub member_name: String,
    pub group: String,
    pub title: String,
    pub body: String,
    pub file_path: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReflectionCount {
    /// The member's or group's id; None for members in no group.
    pub id: Option<String>,
    pub name: String,
    pub count: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReflectionCounts {
    pub total: i32,
    /// Most first, then stroke order.
    pub by_member: Vec<ReflectionCount>,
    /// In the groups' display order; members in no group last.
    pub by_group: Vec<ReflectionCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct AttachmentInput {
    pub activity_id: String,
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Attachment {
    pub id: String,
    pub path: String,
    /// Empty: the file's name.
    pub label: String,
    pub created_at: String,
}

/// One activity in a member's participation history.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MemberActivity {
    pub activity_id: String,
    pub kind: ActivityKind,
    pub title: String,
    pub date: Option<String>,
    pub status: ActivityStatus,
    pub relation: Relation,
    pub role: Option<ParticipantRole>,
    pub attendance: Option<Attendance>,
}

/// A member's records of one kind in one year (cancelled activities not counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct YearKindCount {
    pub year: i32,
    pub kind: ActivityKind,
    /// Activities the member was on the list of (or visited in).
    pub records: i32,
    /// Present or late.
    pub attended: i32,
    pub leave: i32,
    pub absent: i32,
    /// Visits the member received (done).
    pub visited: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MemberHistory {
    pub member_id: String,
    pub name: String,
    /// Newest first; activities with no date last.
    pub activities: Vec<MemberActivity>,
    /// Newest year first, kinds in their order.
    pub counts: Vec<YearKindCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AgendaDay {
    /// YYYY-MM-DD
    pub date: String,
    /// 1 Monday … 7 Sunday.
    pub weekday: i32,
    /// Every activity on that day (those over several days on each of them), by time.
    pub activities: Vec<ActivityRow>,
}

/// A month of the calendar: every day, with its activities.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AgendaMonth {
    pub year: i32,
    pub month: i32,
    pub days: Vec<AgendaDay>,
}

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A round of visits: the day table and one record sheet per visit (id: the round's id).
    #[default]
    VisitChecklist,
    /// 签到表 of an activity: names in stroke order, a signature column (id: the activity's id).
    SignIn,
    /// 出勤情况表 of an activity: everyone with their outcome and counts (id: the activity's id).
    Attendance,
    /// 视察/调研方案: theme, schedule with stops, participants, logistics (id: the activity's id).
    InspectionPlan,
    /// 走访情况汇总: findings, opinions, difficulties and follow-ups of a round (id: the round's id) or
    /// of a year's visits (id: the year, 2026).
    VisitSummary,
}

impl_coded!(DocumentKind, DocumentKind::ALL);

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::VisitChecklist,
        DocumentKind::SignIn,
        DocumentKind::Attendance,
        DocumentKind::InspectionPlan,
        DocumentKind::VisitSummary,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::VisitChecklist => "visit-checklist",
            DocumentKind::SignIn => "sign-in",
            DocumentKind::Attendance => "attendance",
            DocumentKind::InspectionPlan => "inspection-plan",
            DocumentKind::VisitSummary => "visit-summary",
        }
    }
    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// The file name's stem: 走访安排表, 签到表 …
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::VisitChecklist => "走访安排表",
            DocumentKind::SignIn => "签到表",
            DocumentKind::Attendance => "出勤情况表",
            DocumentKind::InspectionPlan => "活动方案",
            DocumentKind::VisitSummary => "走访情况汇总",
        }
    }
}

/// What to print: which document, of which round or activity, in which format.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct DocumentExport {
    pub kind: DocumentKind,
    /// The visit round's id (visit checklist; visit summary, or a year such as 2026) or the activity's
    /// id (the others).
    pub id: String,
    pub format: DocumentFormat,
    /// Phone numbers in full (the visitors need them to call ahead); masked otherwise.
    pub with_phone: bool,
}

coded_enum! {
    /// The level of an upper-level CPPCC (上级政协).
    #[derive(Default)]
    UpperLevel {
        #[default]
        City = "city", "市政协";
        Province = "province", "省政协";
        National = "national", "全国政协";
    }
}

/// A member of the city, provincial or national CPPCC resident in the district (驻地上级政协委员), as
/// the form submits it.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct UpperMemberInput {
    /// None to create, Some to update.
    pub id: Option<String>,
    pub updated_at: Option<String>,
    pub name: String,
    pub level: UpperLevel,
    /// 届次 of that CPPCC as written (第十四届).
    pub term: String,
    /// 界别 of that CPPCC as written.
    pub sector: String,
    /// 工作单位及职务.
    pub unit: String,
    pub mobile: String,
    /// The liaison group they are attached to (联系的联络组).
    pub group_id: Option<String>,
    /// When they are also this CPPCC's member.
    pub member_id: Option<String>,
    pub notes: String,
}

/// One line of the list of 驻地上级政协委员.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct UpperMember {
    pub id: String,
    pub name: String,
    pub level: UpperLevel,
    pub term: String,
    pub sector: String,
    pub unit: String,
    /// Masked unless asked for.
    pub mobile: String,
    pub group_id: Option<String>,
    pub group: String,
    pub member_id: Option<String>,
    /// This CPPCC's member of the same person (their name), when linked.
    pub member: String,
    pub notes: String,
    /// Activities they were invited to.
    pub activities: i32,
    pub updated_at: String,
    pub deleted: bool,
}
