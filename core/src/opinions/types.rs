//! The opinion reports' types that cross IPC (and `--json`): states, levels and forms, submitters, the
//! report's form, record and list line, the 核稿, 采用, 批示, 转办, 办复 and 反馈 steps, the merge into a
//! combined report (综合), and the bulletin 《社情民意》's issues.

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// 暂存 → 提交 → 核稿 → 采用 or 留存 → 批示 → 转办 → 办复 → 反馈.
    #[derive(Default)]
    OpinionState {
        #[default]
        Draft = "draft", "暂存";
        Submitted = "submitted", "已提交";
        Editing = "editing", "核稿中";
        Adopted = "adopted", "已采用";
        Retained = "retained", "留存";
        Instructed = "instructed", "已批示";
        Transferred = "transferred", "已转办";
        Replied = "replied", "已办复";
        FedBack = "fed_back", "已反馈";
    }
}

impl OpinionState {
    /// Adopted, at whatever later step (批示, 转办, 办复, or 反馈 after adoption is told apart by the
    /// record's adoption date).
    pub fn adopted_or_later(self) -> bool {
        matches!(
            self,
            OpinionState::Adopted | OpinionState::Instructed | OpinionState::Transferred | OpinionState::Replied
        )
    }
}

coded_enum! {
    /// The level that adopted a report, or gave a 批示 (for the scoring: higher levels weigh more).
    #[derive(Default)]
    OpinionLevel {
        #[default]
        District = "district", "区级";
        City = "city", "市级";
        Province = "province", "省级";
        National = "national", "全国";
    }
}

coded_enum! {
    /// How a report was adopted: on its own (单篇) or within a combined report (综合).
    #[derive(Default)]
    AdoptForm {
        #[default]
        Single = "single", "单篇";
        Combined = "combined", "综合";
    }
}

coded_enum! {
    /// Who sent a report.
    #[derive(Default)]
    ReportSubmitterKind {
        #[default]
        Member = "member", "委员";
        Group = "group", "联络组";
        Party = "party", "党派";
        Sector = "sector", "界别";
    }
}

coded_enum! {
    /// A member's part in a report, for the scoring: the first submitter (第一报送人) or a co-submitter (联名).
    #[derive(Default)]
    SubmitterRole {
        #[default]
        First = "first", "第一报送人";
        Co = "co", "联名";
    }
}

/// One submitter as the form sends it: a member, a liaison group, a party or a sector, by id.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default, PartialEq, Eq)]
#[serde(default)]
pub struct ReportSubmitterInput {
    pub kind: ReportSubmitterKind,
    /// The member's, group's, party's or sector's id.
    pub id: String,
}

/// A submitter as stored: the name as printed, and the member's role.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
pub struct Submitter {
    pub kind: ReportSubmitterKind,
    pub id: String,
    pub name: String,
    /// For members: 第一报送人 or 联名 (the first member listed is the first submitter).
    pub role: SubmitterRole,
}

/// The report's form while it is 暂存: the submitter's text.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct OpinionInput {
    /// None: a new report.
    pub id: Option<String>,
    /// 关于……的建议
    pub title: String,
    /// YYYY-MM-DD
    pub date: String,
    /// 情况
    pub situation: String,
    /// 问题
    pub problem: String,
    /// 建议
    pub suggestion: String,
    pub sector_id: Option<String>,
    /// Topic tags.
    pub topics: Vec<String>,
    /// In order; the first member is the first submitter.
    pub submitters: Vec<ReportSubmitterInput>,
}

/// A line of the report list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionRow {
    pub id: String,
    /// The edited title once edited, else the submitter's.
    pub title: String,
    pub date: Option<String>,
    pub state: OpinionState,
    /// The submitters' names, 、-joined.
    pub submitters: String,
    pub sector: String,
    pub topics: Vec<String>,
    pub adopted_level: Option<OpinionLevel>,
    pub adopted_form: Option<AdoptForm>,
    pub combined: bool,
    /// The combined report it was merged into (its title).
    pub merged_into: Option<String>,
    /// Number of 批示.
    pub instructions: i32,
    /// 2026年第3期 when it is in a bulletin issue.
    pub issue: Option<String>,
    pub deleted: bool,
}

/// What the report list asks for.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct OpinionQuery {
    pub state: Option<OpinionState>,
    /// Reports dated in this year.
    pub year: Option<i32>,
    pub member_id: Option<String>,
    pub group_id: Option<String>,
    pub sector_id: Option<String>,
    /// Words in the title, text or submitters.
    pub search: String,
    /// Only adopted ones not yet in a bulletin issue (the composer's choice).
    pub unpublished: bool,
    /// The deleted ones (recycle bin) instead of the live ones.
    pub deleted: bool,
}

/// The list and its counts by state (of the same filter without the state).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionList {
    pub rows: Vec<OpinionRow>,
    pub counts: Vec<OpinionStateCount>,
    pub total: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionStateCount {
    pub state: OpinionState,
    pub count: i32,
}

/// The text of a report: the submitter's, or the edited one.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default, PartialEq, Eq)]
#[serde(default)]
pub struct OpinionText {
    pub title: String,
    pub situation: String,
    pub problem: String,
    pub suggestion: String,
}

/// A 批示.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Instruction {
    pub id: String,
    /// Who gave it (e.g. 市委副书记 王某某).
    pub leader: String,
    pub level: OpinionLevel,
    pub date: String,
    pub text: String,
}

/// Everything about one report, for its page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionDetail {
    pub row: OpinionRow,
    pub original: OpinionText,
    /// The edited text (核稿): empty until edited.
    pub edited: OpinionText,
    pub editor: String,
    pub edited_at: Option<String>,
    pub edit_note: String,
    pub sector_id: Option<String>,
    pub submitters: Vec<Submitter>,
    pub submitted_at: Option<String>,
    pub adopted_at: Option<String>,
    pub adopted_by: String,
    pub retained_at: Option<String>,
    pub instructions: Vec<Instruction>,
    pub department: String,
    pub transferred_at: Option<String>,
    pub reply: String,
    pub replied_at: Option<String>,
    pub feedback: String,
    pub fed_back_at: Option<String>,
    pub returned_reason: String,
    /// The reports a combined one was made from.
    pub sources: Vec<OpinionRef>,
    /// The combined report this one was merged into.
    pub merged_into_id: Option<String>,
    /// The record it was made from (`proposal` …) and its id.
    pub source_kind: String,
    pub source_id: Option<String>,
    /// The bulletin issue it is printed in.
    pub issue_id: Option<String>,
    /// The steps it can take next.
    pub next: Vec<OpinionStep>,
    pub created_at: String,
    pub updated_at: String,
}

/// A report named in another.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionRef {
    pub id: String,
    pub title: String,
    pub submitters: String,
    pub state: OpinionState,
}

coded_enum! {
    /// What can be done with a report next (the buttons of its page).
    OpinionStep {
        Edit = "edit", "编辑";
        Submit = "submit", "提交";
        Review = "review", "核稿";
        Adopt = "adopt", "采用";
        Retain = "retain", "留存";
        Instruct = "instruct", "批示";
        Transfer = "transfer", "转办";
        Reply = "reply", "办复";
        Feedback = "feedback", "反馈";
        Return = "return", "退回";
    }
}

/// 核稿: the edited text, who edited it, when, and a note.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct ReviewInput {
    pub text: OpinionText,
    pub editor: String,
    /// YYYY-MM-DD; empty: today.
    pub date: String,
    pub note: String,
}

/// 采用.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct AdoptInput {
    pub level: OpinionLevel,
    pub form: AdoptForm,
    /// The body that adopted it (区政协办公室, 市政协 …).
    pub by: String,
    pub date: String,
}

/// A 批示.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct InstructionInput {
    pub leader: String,
    pub level: OpinionLevel,
    pub date: String,
    pub text: String,
}

/// A step that records a text and a date: 转办 (the department), 办复 (the reply), 反馈 (what the
/// submitters were told), 留存 (a note), 退回 (the reason).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct StepInput {
    pub text: String,
    pub date: String,
}

/// Merge several reports into a combined one (综合).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct MergeInput {
    pub source_ids: Vec<String>,
    pub text: OpinionText,
    pub date: String,
}

/// Totals of reports for the member page: the member's, their liaison group's, their sector's (this year).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpinionTotals {
    pub year: i32,
    pub member: Vec<OpinionRow>,
    pub group: Option<TotalsLine>,
    pub sector: Option<TotalsLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TotalsLine {
    pub name: String,
    pub submitted: i32,
    pub adopted: i32,
    pub instructed: i32,
}

/// A bulletin issue's form.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct BulletinInput {
    pub id: Option<String>,
    pub year: i32,
    /// 第N期 (in the year).
    pub number: i32,
    /// 总第M期 (across the years).
    pub total_number: i32,
    /// YYYY-MM-DD
    pub date: String,
    pub signer: String,
    /// The issuing office, as printed under the masthead (default: the office's name).
    pub office: String,
    pub send_to: String,
    pub copy_to: String,
    /// The adopted reports, in printed order.
    pub opinion_ids: Vec<String>,
}

/// A line of the bulletin list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulletinRow {
    pub id: String,
    pub year: i32,
    pub number: i32,
    pub total_number: i32,
    pub date: String,
    pub signer: String,
    pub reports: i32,
    pub deleted: bool,
}

/// A bulletin issue with its reports.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulletinDetail {
    pub row: BulletinRow,
    pub office: String,
    pub send_to: String,
    pub copy_to: String,
    pub reports: Vec<OpinionRef>,
}

/// The year's issues against the target (a setting, default 8), and the numbers the next issue takes.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulletinYear {
    pub year: i32,
    pub issues: i32,
    pub target: i32,
    pub next_number: i32,
    pub next_total: i32,
    /// The last issue's 签发人, 报送 and 抄送 lines, to start the next one with.
    pub last_signer: String,
    pub last_send_to: String,
    pub last_copy_to: String,
}
