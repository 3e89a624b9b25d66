//! The performance (履职) types that cross IPC (and `--json`): the rule set of a year, the ledger's rows
//! and explained items, manual entries, deeds and the 五个一.

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// 履职评定等次, from the year's thresholds.
    ScoreGrade {
        Excellent = "excellent", "优秀";
        Competent = "competent", "称职";
        Basic = "basic", "基本称职";
        Unfit = "unfit", "不称职";
    }
}

coded_enum! {
    /// The scoring templates shipped with the app, from real offices' rules.
    ScoreTemplate {
        Minhang = "minhang", "闵行区政协";
        Jinan = "jinan", "济南市政协";
        Xuanwei = "xuanwei", "宣威市政协";
    }
}

coded_enum! {
    /// What every member is expected to do in a year (履职基本要求); a member short of one has it
    /// among the missed items.
    ScoreBaseline {
        Activity = "activity", "参加活动";
        Report = "report", "报送社情民意";
        Proposal = "proposal", "提交提案";
        Plenary = "plenary", "按时出席全会";
    }
}

coded_enum! {
    /// A manual entry's kind.
    #[derive(Default)]
    AdjustmentKind {
        #[default]
        Reward = "reward", "表彰奖励";
        Training = "training", "外出培训";
        Other = "other", "其他";
    }
}

coded_enum! {
    /// A member's deed: 引一个项目或一笔资金, or 办一件实事.
    #[derive(Default)]
    DeedKind {
        Project = "project", "引进项目或资金";
        #[default]
        Deed = "deed", "办实事";
    }
}

coded_enum! {
    /// What feeds a 五个一 item: a kind of record, or a hand tick.
    #[derive(Default)]
    FiveOnesSource {
        #[default]
        Manual = "manual", "手工勾选";
        Opinion = "opinion", "社情民意";
        Proposal = "proposal", "提案";
        Speech = "speech", "大会发言";
        Activity = "activity", "参加活动";
        Reflection = "reflection", "心得体会";
        Plenary = "plenary", "出席全会";
        Project = "project", "引进项目或资金";
        Deed = "deed", "办实事";
    }
}

/// One rule: the points per occurrence of an item, and the most it may add (or deduct) for one member
/// in the year. `label` and `group` are filled when read (ignored on save).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreRule {
    /// activity.<kind>.attended|spoke|led|report, plenary.sitting, plenary.session, standing.sitting,
    /// absence.<plenary|standing|activity>.<unexcused|excused>, opinion.submitted|co,
    /// opinion.adopted.<level>, opinion.instructed.<level>, proposal.lead|co, proposal.accepted.lead|co,
    /// proposal.key|excellent, speech.submitted|delivered, speech.adopted.oral|written, deed.project|deed.
    pub item: String,
    pub points: f64,
    pub cap: Option<f64>,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub group: String,
}

/// A year's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreRuleSet {
    pub year: i32,
    /// The template it was copied from ('' none).
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub note: String,
    pub base: f64,
    /// 加分上限: the most the rules may add (deductions and manual entries aside).
    pub max_bonus: Option<f64>,
    pub excellent: f64,
    pub competent: f64,
    pub basic: f64,
    pub baseline: Vec<ScoreBaseline>,
    pub rules: Vec<ScoreRule>,
    /// When it was last saved (None: not saved, e.g. a template).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// An item the rules may price: the rules editor's catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreItemInfo {
    pub item: String,
    pub label: String,
    pub group: String,
    /// A deduction (its points should be zero or less).
    pub deduction: bool,
}

/// A shipped template, with its rules as they would be copied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreTemplateInfo {
    pub template: ScoreTemplate,
    pub name: String,
    pub note: String,
    pub rules: ScoreRuleSet,
}

/// A member's line in the year's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreRow {
    pub member_id: String,
    pub name: String,
    pub group: String,
    pub sector: String,
    pub points: f64,
    /// 1 for the highest; ties share a rank (1, 1, 3).
    pub rank: u32,
    /// None while the year has no rules.
    pub grade: Option<ScoreGrade>,
    /// The baseline items not met this year.
    pub missed: Vec<ScoreBaseline>,
    /// Counts behind the 未履职 list: activities attended, reports, proposals, speeches, plenary
    /// sittings attended, unexcused absences.
    pub activities: u32,
    pub reports: u32,
    pub proposals: u32,
    pub speeches: u32,
    pub sittings: u32,
    pub absences: u32,
}

/// The year's ledger: every active member, by rank (then by the roster's stroke order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreLedger {
    pub year: i32,
    /// Whether the year has rules (without, every member scores 0 and the UI asks for rules).
    pub has_rules: bool,
    pub rows: Vec<ScoreRow>,
    /// How many of each grade.
    pub excellent: u32,
    pub competent: u32,
    pub basic: u32,
    pub unfit: u32,
}

/// One explained line of a member's points: which record, which rule, how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreItem {
    /// The rule's item (`base`, `cap.<item>`, `max_bonus`, `manual` for the lines that are no rule's).
    pub item: String,
    pub label: String,
    /// The record: activity, sitting, session, opinion, instruction, proposal, speech, deed, adjustment ('' none).
    pub record_kind: String,
    pub record_id: String,
    pub record_title: String,
    pub date: String,
    pub count: f64,
    pub points_each: f64,
    pub points: f64,
}

/// A member's points for a year, explained: the ledger row and every item (their sum is the points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct MemberScore {
    pub year: i32,
    pub row: ScoreRow,
    pub items: Vec<ScoreItem>,
    pub adjustments: Vec<ScoreAdjustment>,
}

/// A member listed as not performing (未履职): no activity, report, proposal or speech in the year,
/// or unexcused absences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct IdleMember {
    pub row: ScoreRow,
    /// Why, in words (全年未参加活动、未报送社情民意 …).
    pub reasons: Vec<String>,
}

/// A manual entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreAdjustment {
    pub id: String,
    pub member_id: String,
    pub member: String,
    pub year: i32,
    pub kind: AdjustmentKind,
    pub points: f64,
    pub reason: String,
    pub entry_date: Option<String>,
    pub updated_at: String,
    pub deleted: bool,
}

/// The manual entry form (id None: a new one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ScoreAdjustmentInput {
    pub id: Option<String>,
    pub member_id: String,
    pub year: i32,
    pub kind: AdjustmentKind,
    pub points: f64,
    pub reason: String,
    #[serde(default)]
    pub entry_date: String,
    /// The `updated_at` the form was loaded with (a stale form is refused).
    #[serde(default)]
    pub loaded_at: Option<String>,
}

/// A deed: 引一个项目或一笔资金 / 办一件实事.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Deed {
    pub id: String,
    pub member_id: String,
    pub member: String,
    pub kind: DeedKind,
    pub what: String,
    pub for_whom: String,
    /// 万元
    pub amount: Option<f64>,
    pub deed_date: String,
    pub note: String,
    pub updated_at: String,
    pub deleted: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct DeedInput {
    pub id: Option<String>,
    pub member_id: String,
    pub kind: DeedKind,
    pub what: String,
    #[serde(default)]
    pub for_whom: String,
    pub amount: Option<f64>,
    pub deed_date: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub loaded_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct DeedQuery {
    pub year: Option<i32>,
    pub member_id: Option<String>,
    pub kind: Option<DeedKind>,
    #[serde(default)]
    pub deleted: bool,
}

/// One of the year's 五个一 items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FiveOnesItem {
    /// 1 … 5
    pub seq: u32,
    pub title: String,
    pub source: FiveOnesSource,
    /// Source `activity`: the kind counted ('' any kind).
    #[serde(default)]
    pub activity_kind: String,
    /// How many records make it done (usually 1).
    pub target: u32,
}

/// A member's progress on one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FiveOnesMark {
    pub seq: u32,
    /// Records counted (a hand tick counts 1).
    pub count: u32,
    pub done: bool,
    /// Ticked by hand (a manual item, or one marked done without a record).
    pub ticked: bool,
}

/// A member's 五个一 for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FiveOnesProgress {
    pub year: i32,
    pub member_id: String,
    pub name: String,
    pub group: String,
    pub items: Vec<FiveOnesItem>,
    pub marks: Vec<FiveOnesMark>,
    /// Items done (0 … 5).
    pub done: u32,
}

/// The year's 五个一 for every active member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FiveOnesTable {
    pub year: i32,
    pub items: Vec<FiveOnesItem>,
    pub rows: Vec<FiveOnesProgress>,
    /// Per item (by seq order), how many members have it done.
    pub done_counts: Vec<u32>,
}
