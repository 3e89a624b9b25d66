//! The work plan's types that cross IPC (and `--json`): the items of a plan, a year's targets, the
//! progress against them (by quarter and by liaison group), and the list behind each number.

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// An item of the work plan: a number the office means to reach in the year, or a recurring item
    /// each liaison group (per quarter) or each member (per year) must meet. The labels are the
    /// standard wording; the office may word an item its own way.
    PlanItem {
        MemberVisits = "member_visits", "走访委员";
        BulletinIssues = "bulletin_issues", "编发《社情民意》";
        Opinions = "opinions", "报送社情民意信息";
        OpinionsAdopted = "opinions_adopted", "社情民意信息被采用";
        Proposals = "proposals", "提交提案";
        Inspections = "inspections", "组织视察、调研";
        GroupQuarterly = "group_quarterly", "每个联络组每季度开展活动（四落实齐全）";
        MemberReports = "member_reports", "每位委员每年报送社情民意信息";
        MemberReflections = "member_reflections", "每位委员每年撰写学习心得";
    }
}

coded_enum! {
    /// How an item is measured.
    PlanItemKind {
        /// A yearly total of records (走访 60 人次).
        Count = "count", "年度总数";
        /// Every liaison group, every quarter (at least N activities).
        PerGroupQuarter = "per_group_quarter", "每组每季度";
        /// Every member, in the year (at least N).
        PerMember = "per_member", "每位委员每年";
    }
}

impl PlanItem {
    pub fn kind(self) -> PlanItemKind {
        match self {
            PlanItem::GroupQuarterly => PlanItemKind::PerGroupQuarter,
            PlanItem::MemberReports | PlanItem::MemberReflections => PlanItemKind::PerMember,
            _ => PlanItemKind::Count,
        }
    }

    /// What a count of the item is counted in (人次, 期, 篇 …).
    pub fn unit(self) -> &'static str {
        match self {
            PlanItem::MemberVisits => "人次",
            PlanItem::BulletinIssues => "期",
            PlanItem::Opinions | PlanItem::OpinionsAdopted => "篇",
            PlanItem::Proposals => "件",
            PlanItem::Inspections | PlanItem::GroupQuarterly => "次",
            PlanItem::MemberReports | PlanItem::MemberReflections => "篇",
        }
    }

    /// A short name for a column head (按联络组 sheet, charts).
    pub fn short(self) -> &'static str {
        match self {
            PlanItem::MemberVisits => "走访委员",
            PlanItem::BulletinIssues => "《社情民意》",
            PlanItem::Opinions => "社情民意信息",
            PlanItem::OpinionsAdopted => "被采用",
            PlanItem::Proposals => "提案",
            PlanItem::Inspections => "视察调研",
            PlanItem::GroupQuarterly => "季度活动达标",
            PlanItem::MemberReports => "社情民意达标委员",
            PlanItem::MemberReflections => "学习心得达标委员",
        }
    }

    /// The standard target of a new plan: (target, upper end of a range).
    pub fn default_target(self) -> (i32, Option<i32>) {
        match self {
            PlanItem::MemberVisits => (60, None),
            PlanItem::BulletinIssues => (8, None),
            PlanItem::Opinions => (50, None),
            PlanItem::OpinionsAdopted => (20, None),
            PlanItem::Proposals => (30, None),
            PlanItem::Inspections => (4, None),
            PlanItem::GroupQuarterly => (1, None),
            PlanItem::MemberReports => (1, Some(2)),
            PlanItem::MemberReflections => (2, Some(3)),
        }
    }
}

/// One item of a year's plan as the office set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanTarget {
    pub item: PlanItem,
    pub kind: PlanItemKind,
    /// Whether the item is part of this year's plan.
    pub enabled: bool,
    /// The number to reach: a yearly total, activities per group per quarter, or per member a year.
    pub target: i32,
    /// The upper end of a range (每位委员 1–2 篇), shown with it; None: no range.
    pub target_max: Option<i32>,
    /// The office's wording ('' : the standard one, `item`'s label).
    pub label: String,
    pub unit: String,
}

/// A year's plan: every item, in display order; `saved` false when the year has no plan yet (the
/// items then carry the standard targets, or last year's, to start from).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct WorkPlan {
    pub year: i32,
    pub saved: bool,
    /// The year whose plan the unsaved items were copied from (None: the standard targets).
    pub copied_from: Option<i32>,
    pub targets: Vec<PlanTarget>,
}

/// The form of a year's plan: every item the office keeps (missing items are left out of the plan).
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct WorkPlanInput {
    pub year: i32,
    pub targets: Vec<PlanTargetInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PlanTargetInput {
    pub item: PlanItem,
    pub enabled: bool,
    pub target: i32,
    pub target_max: Option<i32>,
    #[serde(default)]
    pub label: String,
}

/// A liaison group as the plan's figures name it (the current term's groups, in their order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanGroup {
    pub id: String,
    pub name: String,
}

/// One item's progress in the year.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PlanProgress {
    pub item: PlanItem,
    pub kind: PlanItemKind,
    /// The wording shown (the office's or the standard one).
    pub label: String,
    pub unit: String,
    pub target: i32,
    pub target_max: Option<i32>,
    /// What "done" means for the whole item: the yearly target (Count), groups × 4 quarters
    /// (PerGroupQuarter), or the number of members (PerMember).
    pub goal: i32,
    /// Done: records counted (Count), group-quarters that met the target (PerGroupQuarter), members
    /// who met the target (PerMember).
    pub actual: i32,
    /// What is still missing: goal − actual (Count, at least 0), group-quarters short, members short.
    pub short: i32,
    /// PerGroupQuarter: the groups' activities of the year that lack one of the 四落实 (they do not count).
    pub incomplete: i32,
    /// actual / goal in per cent, 0–100 (more than reached: 100).
    pub percent: i32,
    /// Per quarter (1–4): records (Count), groups that met the target (PerGroupQuarter), or
    /// nothing (PerMember: a yearly item).
    pub by_quarter: Vec<i32>,
    /// Per liaison group, in the order of `WorkPlanProgress::groups`: records linked to the group
    /// (Count; the bulletin has none), quarters met (PerGroupQuarter), members of the group who met
    /// the target (PerMember).
    pub by_group: Vec<i32>,
    /// PerMember: the members of each group (the denominator of `by_group`); else empty.
    pub group_members: Vec<i32>,
}

/// The work plan's dashboard: a year's targets against what the records show.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct WorkPlanProgress {
    pub year: i32,
    /// Whether the year has a plan saved (else the figures are against the standard targets).
    pub saved: bool,
    /// YYYY-MM-DD: the day the figures were counted.
    pub as_of: String,
    /// The quarter `as_of` falls in when it is in `year` (None: another year).
    pub current_quarter: Option<i32>,
    /// Live members of the current term (the per-member items' denominator).
    pub members: i32,
    pub groups: Vec<PlanGroup>,
    pub items: Vec<PlanProgress>,
}

coded_enum! {
    /// Which list behind an item's number.
    #[derive(Default)]
    PlanListKind {
        /// The records counted (visits, issues, reports …); members or group-quarters that met the target.
        #[default]
        Done = "done", "已完成";
        /// Members short of the target; group-quarters short of it (a group with no activity that quarter).
        Short = "short", "未达标";
        /// The groups' activities lacking one of the 四落实.
        Incomplete = "incomplete", "四落实不全";
    }
}

/// Which list to show: an item's records in a year, narrowed to a quarter and/or a liaison group.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PlanListQuery {
    pub year: i32,
    pub item: PlanItem,
    #[serde(default)]
    pub list: PlanListKind,
    /// 1–4 (None: the whole year).
    #[serde(default)]
    pub quarter: Option<i32>,
    #[serde(default)]
    pub group_id: Option<String>,
}

coded_enum! {
    /// What a row of a plan list is, so that the UI can open it.
    PlanRecordKind {
        Activity = "activity", "活动";
        Bulletin = "bulletin", "《社情民意》";
        Opinion = "opinion", "社情民意信息";
        Proposal = "proposal", "提案";
        Member = "member", "委员";
        Group = "group", "联络组";
    }
}

/// A row of a plan list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanListRow {
    pub record: PlanRecordKind,
    /// The record's id (activity, issue, report, proposal, member or group).
    pub id: String,
    /// YYYY-MM-DD ('' : none).
    pub date: String,
    /// 1–4 ('' date: 0).
    pub quarter: i32,
    pub title: String,
    /// The liaison group(s) it counts for, 、-separated.
    pub group: String,
    /// What the row adds: the count against the target, the 四落实 missing, the state …
    pub detail: String,
}

/// A list behind a number: its rows and what they are.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PlanList {
    pub item: PlanItem,
    pub list: PlanListKind,
    /// 委员走访 · 第二季度 · 城关镇联络组 — what the list is, for its heading.
    pub caption: String,
    pub rows: Vec<PlanListRow>,
}
