//! The proposals' and speeches' types that cross IPC (and `--json`): the coded enums (category,
//! state, grade, feedback …), the forms, the list rows with their counts, the record with its handling
//! timeline, the handling units, and what the performance scoring reads.

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// 提案类别.
    #[derive(Default)]
    ProposalCategory {
        Economy = "economy", "经济";
        Politics = "politics", "政治";
        Culture = "culture", "文化";
        #[default]
        Society = "society", "社会";
        Ecology = "ecology", "生态文明";
        Other = "other", "其他";
    }
}

coded_enum! {
    /// 会间 (filed during a session, linked to it) or 平时.
    #[derive(Default)]
    ProposalTiming {
        #[default]
        Session = "session", "会间";
        Routine = "routine", "平时";
    }
}

coded_enum! {
    /// 暂存 → 提交 → 立案 / 不立案 / 并案 → 交办 → 答复 → 反馈 → 办结.
    #[derive(Default)]
    ProposalState {
        #[default]
        Draft = "draft", "暂存";
        Submitted = "submitted", "已提交";
        Accepted = "accepted", "已立案";
        Rejected = "rejected", "不立案";
        Merged = "merged", "已并案";
        Assigned = "assigned", "已交办";
        Answered = "answered", "已答复";
        Feedback = "feedback", "已反馈";
        Closed = "closed", "已办结";
    }
}

coded_enum! {
    /// The handling unit's reply, graded as offices word it.
    ReplyGrade {
        A = "a", "A 已解决或采纳";
        B = "b", "B 正在解决或列入计划";
        C = "c", "C 留作参考";
        D = "d", "D 因条件限制无法解决";
    }
}

coded_enum! {
    /// The proposer's view of the reply (委员反馈).
    Feedback {
        Satisfied = "satisfied", "满意";
        Basically = "basically", "基本满意";
        Dissatisfied = "dissatisfied", "不满意";
    }
}

coded_enum! {
    /// Who puts a proposal or a speech forward: a member, or a body (团体提案).
    #[derive(Default)]
    SubmitterKind {
        #[default]
        Member = "member", "委员";
        Group = "group", "联络组";
        Party = "party", "党派";
        Sector = "sector", "界别";
        Committee = "committee", "专委会";
    }
}

coded_enum! {
    /// 领衔 (the lead proposer) or 联名 (a co-proposer).
    ProposerRole {
        Lead = "lead", "领衔";
        Co = "co", "联名";
    }
}

coded_enum! {
    /// 主办 or 会办 unit.
    UnitRole {
        Main = "main", "主办";
        Assist = "assist", "会办";
    }
}

coded_enum! {
    /// What a 不立案 proposal may become, in one step, linked.
    ConvertKind {
        Opinion = "opinion", "社情民意";
        Suggestion = "suggestion", "建议";
    }
}

coded_enum! {
    /// A 建议's handling.
    #[derive(Default)]
    SuggestionState {
        #[default]
        Open = "open", "待转送";
        Forwarded = "forwarded", "已转送";
        Done = "done", "已办结";
    }
}

coded_enum! {
    /// 大会发言: 已提交 → 已采用 (口头 / 书面 / 专题会) or 未采用 → 已发言.
    #[derive(Default)]
    SpeechState {
        #[default]
        Submitted = "submitted", "已提交";
        Adopted = "adopted", "已采用";
        NotAdopted = "not_adopted", "未采用";
        Delivered = "delivered", "已发言";
    }
}

coded_enum! {
    /// How an adopted speech is given.
    SpeechAdoption {
        Oral = "oral", "口头发言";
        Written = "written", "书面发言";
        Topic = "topic", "专题会发言";
    }
}

/// A proposer or a speech's submitter as a form gives it: the kind and the id of the member, group
/// or list item (party, sector, committee).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SubmitterInput {
    pub kind: SubmitterKind,
    pub id: String,
}

/// A proposer as the record shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Proposer {
    pub role: ProposerRole,
    pub kind: SubmitterKind,
    pub id: String,
    pub name: String,
    /// The member's sector (empty for a body).
    pub sector: String,
}

/// The proposal form: new (no id) or an edit of one still 暂存 or 已提交. The first proposer is the lead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalInput {
    pub id: Option<String>,
    pub year: i32,
    /// 案由.
    pub title: String,
    pub body: String,
    pub category: ProposalCategory,
    pub timing: ProposalTiming,
    /// The session, for a 会间 proposal.
    pub session_id: Option<String>,
    pub suggested_units: String,
    /// The lead first, then the co-proposers (联名).
    pub proposers: Vec<SubmitterInput>,
}

/// A step of the handling: the state to go to and what that step needs. Fields a step does not use
/// are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalStep {
    pub id: String,
    pub to: ProposalState,
    /// The day of the step (empty: today).
    pub date: String,
    /// 不立案: the reason.
    pub reason: String,
    /// 并案: the proposal it is merged into.
    pub merge_into: Option<String>,
    /// 交办: the 主办 units (at least one) and the 会办 units.
    pub main_units: Vec<String>,
    pub assist_units: Vec<String>,
    /// 交办: the due date (empty: three months after the day of 交办).
    pub due_date: String,
    /// 答复: the grade, the replying unit and the reply.
    pub grade: Option<ReplyGrade>,
    pub reply_unit_id: Option<String>,
    pub reply_text: String,
    /// 反馈: the proposer's view and comment.
    pub feedback: Option<Feedback>,
    pub comment: String,
}

/// A proposal as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalRow {
    pub id: String,
    pub year: i32,
    /// 提案号 (given at 立案).
    pub number: Option<i32>,
    pub title: String,
    pub category: ProposalCategory,
    pub timing: ProposalTiming,
    pub session: String,
    pub state: ProposalState,
    /// The lead proposer's name.
    pub lead: String,
    pub lead_kind: SubmitterKind,
    /// Every proposer, lead first (王伟、李明、民盟区委会).
    pub proposers: String,
    pub co_count: u32,
    /// The 主办 and 会办 units, as written in a register.
    pub main_units: String,
    pub assist_units: String,
    pub due_date: Option<String>,
    /// Days past the due date while unanswered (0 when not overdue).
    pub days_overdue: i32,
    pub reply_grade: Option<ReplyGrade>,
    pub feedback: Option<Feedback>,
    pub is_key: bool,
    pub is_excellent: bool,
    pub updated_at: String,
    pub deleted: bool,
}

/// A handling unit on a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalUnit {
    pub unit_id: String,
    pub name: String,
    pub role: UnitRole,
}

/// One step of a proposal's handling timeline (from its audit entries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TimelineEntry {
    /// When it was recorded (timestamp).
    pub at: String,
    /// The day the step names (立案 on 2026-03-10), else the day it was recorded.
    pub date: String,
    /// What happened, in Chinese (立案, 交办 …).
    pub step: String,
    /// Details: the reason, the units and due date, the grade …
    pub detail: String,
    pub actor: String,
}

/// Everything about one proposal, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalDetail {
    pub proposal: ProposalRow,
    pub body: String,
    pub session_id: Option<String>,
    pub suggested_units: String,
    pub proposers: Vec<Proposer>,
    pub units: Vec<ProposalUnit>,
    pub submitted_date: Option<String>,
    pub review_date: Option<String>,
    pub reject_reason: String,
    pub merged_into: Option<String>,
    pub merged_into_title: String,
    /// Proposals merged into this one.
    pub merged_from: Vec<ProposalRow>,
    pub assigned_date: Option<String>,
    pub reply_date: Option<String>,
    pub reply_unit: String,
    pub reply_text: String,
    pub feedback_comment: String,
    pub feedback_date: Option<String>,
    pub closed_date: Option<String>,
    pub converted_kind: Option<ConvertKind>,
    pub converted_id: Option<String>,
    /// The steps the record may take next (for the page's buttons).
    pub next: Vec<ProposalState>,
    pub timeline: Vec<TimelineEntry>,
    pub created_at: String,
}

/// Which proposals a list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalQuery {
    pub year: Option<i32>,
    pub state: Option<ProposalState>,
    pub category: Option<ProposalCategory>,
    /// A member's proposals (as lead or co-proposer).
    pub member_id: Option<String>,
    /// 已交办 and past the due date, as of today.
    pub overdue: bool,
    /// 已交办 and not yet answered.
    pub unanswered: bool,
    pub key_only: bool,
    pub deleted: bool,
}

/// A state and how many records are in it (the list's filter tabs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct StateCount {
    pub state: String,
    pub count: u32,
}

/// A list page: the rows, the counts per state of the whole year (filters other than the state
/// applied), the overdue and unanswered counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalList {
    pub rows: Vec<ProposalRow>,
    pub counts: Vec<StateCount>,
    pub total: u32,
    pub overdue: u32,
    pub unanswered: u32,
}

/// A handling unit (承办单位) of the office's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HandlingUnit {
    pub id: String,
    pub name: String,
    pub sort: i32,
    /// Proposals it handles or handled.
    pub used_by: u32,
}

/// A 建议 (what a 不立案 proposal became).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Suggestion {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub body: String,
    pub submitters: String,
    pub units: String,
    pub state: SuggestionState,
    pub source_kind: Option<String>,
    pub source_id: Option<String>,
    pub created_at: String,
}

/// A member's part in a proposal, what the performance scoring (issue 14) reads: 领衔 or 联名, whether
/// it was 立案 (accepted or any later step of handling), 重点, 优秀.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalCredit {
    pub member_id: String,
    pub proposal_id: String,
    pub year: i32,
    pub role: ProposerRole,
    pub state: ProposalState,
    pub accepted: bool,
    pub is_key: bool,
    pub is_excellent: bool,
}

/// The speech form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechInput {
    pub id: Option<String>,
    pub session_id: String,
    pub title: String,
    pub body: String,
    pub submitter: SubmitterInput,
    /// Empty: today.
    pub submitted_date: String,
}

/// A speech as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechRow {
    pub id: String,
    pub session_id: String,
    pub session: String,
    pub year: i32,
    pub title: String,
    pub submitter_kind: SubmitterKind,
    pub submitter_id: String,
    pub submitter: String,
    pub sector: String,
    pub submitted_date: String,
    pub state: SpeechState,
    pub adoption: Option<SpeechAdoption>,
    pub delivered_date: Option<String>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechDetail {
    pub speech: SpeechRow,
    pub body: String,
    pub next: Vec<SpeechState>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechQuery {
    pub session_id: Option<String>,
    pub year: Option<i32>,
    pub state: Option<SpeechState>,
    pub member_id: Option<String>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechList {
    pub rows: Vec<SpeechRow>,
    pub counts: Vec<StateCount>,
    pub total: u32,
}

/// A speech's step: adopt (with the form), not adopt, deliver (with the day), or back to 已提交.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SpeechStep {
    pub id: String,
    pub to: SpeechState,
    pub adoption: Option<SpeechAdoption>,
    pub date: String,
}

/// A member's proposals and speeches, for the member drawer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MemberWritings {
    pub proposals: Vec<MemberProposal>,
    pub speeches: Vec<SpeechRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MemberProposal {
    pub role: ProposerRole,
    pub proposal: ProposalRow,
}

/// The proposal register's options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ProposalExport {
    pub year: i32,
    pub out: Option<String>,
}
