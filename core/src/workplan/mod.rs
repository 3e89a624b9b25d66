//! The yearly work plan (工作计划): the office's targets for a year, stored as data and edited in the
//! app (a new year starts from last year's plan), against what the records show — counted, never typed
//! twice — by quarter and by liaison group, with the list behind every number.
//!
//! What counts (`records`):
//! - 走访委员: visits to a member (or at their workplace) with a 走访日期 recorded in the year; a visit
//!   counts for the visited member's liaison group.
//! - 《社情民意》: the year's live issues.
//! - 社情民意信息: reports submitted (not drafts, not the office's combined reports) dated in the year;
//!   被采用: reports adopted in the year. A report counts for its member submitters' groups and a group
//!   that submitted it.
//! - 提案: the year's proposals past 暂存; they count for their proposers' groups.
//! - 视察、调研: inspections and research trips held in the year (not cancelled, the day has come).
//! - 每个联络组每季度: a group's activities held in the quarter (not cancelled, the day has come) with
//!   the 四落实 complete (time, place, content or purpose, responsible person); the quarters due are
//!   those begun by today. Activities lacking one of the 四落实 are listed and do not count.
//! - 每位委员每年: the current term's live members, each with their reports (as any submitter) or
//!   study reflections (of activities in the year) against the target.
//!
//! Liaison groups are the current term's. Which groups an activity counts for is the activities'
//! `ACTIVITY_GROUPS`: the organising group and the groups that organise it jointly (联片, 跨乡镇).

pub mod demo;
pub mod export;
pub mod types;

use crate::dates::today;
use crate::db::{audit, changes, now, Db};
use crate::error::{Error, Result};
use crate::validate::Errs;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use std::collections::HashMap;
use types::*;

/// The liaison groups each activity counts for: (activity_id, group_id) — the activities' own answer.
pub const ACTIVITY_GROUPS: &str = crate::activities::ACTIVITY_GROUPS;

/// The quarter (1–4) of a YYYY-MM-DD date; 0 when there is none.
pub fn quarter_of(date: &str) -> i32 {
    date.get(5..7)
        .and_then(|m| m.parse::<i32>().ok())
        .filter(|m| (1..=12).contains(m))
        .map(|m| (m + 2) / 3)
        .unwrap_or(0)
}

/// 第一季度 … 第四季度.
pub fn quarter_label(q: i32) -> &'static str {
    match q {
        1 => "第一季度",
        2 => "第二季度",
        3 => "第三季度",
        4 => "第四季度",
        _ => "",
    }
}

/// A target as the plan shows it: 60 人次, 1–2 篇.
pub fn target_text(target: i32, target_max: Option<i32>, unit: &str) -> String {
    match target_max {
        Some(m) if m > target => format!("{target}–{m} {unit}"),
        _ => format!("{target} {unit}"),
    }
}

fn default_targets(bulletin_default: i32) -> Vec<PlanTarget> {
    PlanItem::ALL
        .iter()
        .map(|&item| {
            let (mut target, target_max) = item.default_target();
            if item == PlanItem::BulletinIssues {
                target = bulletin_default;
            }
            PlanTarget {
                item,
                kind: item.kind(),
                enabled: true,
                target,
                target_max,
                label: String::new(),
                unit: item.unit().into(),
            }
        })
        .collect()
}

fn saved_targets(conn: &Connection, year: i32) -> Result<Vec<PlanTarget>> {
    let mut st = conn.prepare_cached(
        "SELECT item, enabled, target, target_max, label FROM work_plan_targets WHERE year = ?1 ORDER BY sort, item",
    )?;
    let rows = st.query_map([year], |r| {
        // An item a newer program added (and this one does not know) is left out.
        let Some(item) = PlanItem::parse(&r.get::<_, String>(0)?) else { return Ok(None) };
        Ok(Some(PlanTarget {
            item,
            kind: item.kind(),
            enabled: r.get(1)?,
            target: r.get(2)?,
            target_max: r.get(3)?,
            label: r.get(4)?,
            unit: item.unit().into(),
        }))
    })?;
    let mut list: Vec<PlanTarget> = rows.filter_map(|r| r.transpose()).collect::<rusqlite::Result<_>>()?;
    // Items the plan was saved without (a newer program's items): off.
    for &item in PlanItem::ALL {
        if !list.iter().any(|t| t.item == item) {
            let (target, target_max) = item.default_target();
            list.push(PlanTarget {
                item,
                kind: item.kind(),
                enabled: false,
                target,
                target_max,
                label: String::new(),
                unit: item.unit().into(),
            });
        }
    }
    list.sort_by_key(|t| PlanItem::ALL.iter().position(|i| *i == t.item));
    Ok(list)
}

/// A year's plan as saved, else last saved year's, else the standard targets.
pub(crate) fn plan_in(conn: &Connection, year: i32) -> Result<WorkPlan> {
    let saved: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM work_plan_targets WHERE year = ?1)", [year], |r| r.get(0))?;
    if saved {
        return Ok(WorkPlan { year, saved, copied_from: None, targets: saved_targets(conn, year)? });
    }
    let before: Option<i32> =
        conn.query_row("SELECT MAX(year) FROM work_plan_targets WHERE year < ?1", [year], |r| r.get(0))?;
    if let Some(y) = before {
        return Ok(WorkPlan { year, saved, copied_from: Some(y), targets: saved_targets(conn, y)? });
    }
    use rusqlite::OptionalExtension;
    let bulletin: i32 = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [crate::opinions::bulletin::TARGET_KEY], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|s| s.parse().ok())
        .unwrap_or(crate::opinions::bulletin::DEFAULT_TARGET);
    Ok(WorkPlan { year, saved, copied_from: None, targets: default_targets(bulletin) })
}

/// Write a year's plan (already checked) in the caller's transaction, with its audit entry.
pub(crate) fn write_plan(tx: &Connection, year: i32, targets: &[PlanTarget], old: Option<&WorkPlan>) -> Result<()> {
    let t = now();
    let mut st = tx.prepare_cached(
        "INSERT INTO work_plan_targets (year, item, enabled, target, target_max, label, sort, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (year, item) DO UPDATE SET enabled = excluded.enabled, target = excluded.target,
             target_max = excluded.target_max, label = excluded.label, sort = excluded.sort, updated_at = excluded.updated_at
         WHERE enabled IS NOT excluded.enabled OR target IS NOT excluded.target OR target_max IS NOT excluded.target_max
             OR label IS NOT excluded.label OR sort IS NOT excluded.sort",
    )?;
    for (i, p) in targets.iter().enumerate() {
        st.execute(params![year, p.item.as_str(), p.enabled, p.target, p.target_max, p.label, i as i32, t])?;
    }
    let as_json = |ts: &[PlanTarget]| {
        let mut m = serde_json::Map::new();
        for p in ts {
            let v = if p.enabled {
                let label = if p.label.is_empty() { p.item.label() } else { p.label.as_str() };
                serde_json::json!(format!("{label}：{}", target_text(p.target, p.target_max, &p.unit)))
            } else {
                serde_json::Value::Null
            };
            m.insert(p.item.as_str().to_string(), v);
        }
        serde_json::Value::Object(m)
    };
    let new = as_json(targets);
    let old_v = old.filter(|o| o.saved).map(|o| as_json(&o.targets));
    let ch = changes(old_v.as_ref(), &new);
    if ch.as_object().map(|m| !m.is_empty()).unwrap_or(false) || old_v.is_none() {
        audit(tx, "work_plan", &year.to_string(), if old_v.is_none() { "create" } else { "update" }, &ch)?;
    }
    Ok(())
}

/// The 《社情民意》 target of a year's saved plan (None: no plan saved for the year, or the item left out):
/// the bulletin's count is shown against it, so that the number is typed once.
pub(crate) fn bulletin_target(conn: &Connection, year: i32) -> Result<Option<i32>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT target FROM work_plan_targets WHERE year = ?1 AND item = 'bulletin_issues' AND enabled = 1",
        )?
        .query_row([year], |r| r.get(0))
        .optional()?)
}

/// The bulletin's target changed on the 社情民意 screen: the year's saved plan follows (in the caller's
/// transaction, with the plan's audit entry). Nothing when the year has no plan or leaves the item out.
pub(crate) fn follow_bulletin_target(tx: &Connection, year: i32, target: i32) -> Result<()> {
    let Some(old) = bulletin_target(tx, year)? else { return Ok(()) };
    if old == target {
        return Ok(());
    }
    tx.execute(
        "UPDATE work_plan_targets SET target = ?2, updated_at = ?3 WHERE year = ?1 AND item = 'bulletin_issues'",
        params![year, target, now()],
    )?;
    let label = PlanItem::BulletinIssues.as_str();
    audit(tx, "work_plan", &year.to_string(), "update", &serde_json::json!({ label: [old, target] }))?;
    Ok(())
}

/// Check a plan's form: Chinese messages at each item's field (`targets[2].target`).
fn check_plan(input: &WorkPlanInput) -> Result<Vec<PlanTarget>> {
    let mut e = Errs::new();
    if !(2000..=2100).contains(&input.year) {
        e.push("year", "年份应在 2000 到 2100 之间");
    }
    let mut out: Vec<PlanTarget> = Vec::new();
    for (i, t) in input.targets.iter().enumerate() {
        let label = t.label.trim().to_string();
        let shown = if label.is_empty() { t.item.label().to_string() } else { label.clone() };
        let mut fe = Errs::at(format!("targets[{i}]."), format!("“{shown}”："));
        if out.iter().any(|o| o.item == t.item) {
            fe.push("item", "同一项目只能列一次");
        }
        let max = match t.item.kind() {
            PlanItemKind::Count => 100_000,
            PlanItemKind::PerGroupQuarter => 30,
            PlanItemKind::PerMember => 50,
        };
        if t.target < 0 || t.target > max {
            fe.push("target", format!("目标应为 0 到 {max} 的整数"));
        } else if t.enabled && t.target == 0 {
            fe.push("target", "目标为 0 的项目请取消勾选，不列入计划");
        }
        if let Some(m) = t.target_max {
            if m < t.target {
                fe.push("target_max", format!("上限 {m} 小于目标 {}，请改为不小于目标的数，或留空", t.target));
            } else if m > max {
                fe.push("target_max", format!("上限应不超过 {max}"));
            }
        }
        if label.chars().count() > 40 {
            fe.push("label", "项目名称过长，请不超过 40 个字");
        }
        e.extend(fe);
        out.push(PlanTarget {
            item: t.item,
            kind: t.item.kind(),
            enabled: t.enabled,
            target: t.target,
            // A range only for the per-member items (每位委员 1–2 篇).
            target_max: t.target_max.filter(|m| *m > t.target && t.item.kind() == PlanItemKind::PerMember),
            label: if label == t.item.label() { String::new() } else { label },
            unit: t.item.unit().into(),
        });
    }
    e.done()?;
    for &item in PlanItem::ALL {
        if !out.iter().any(|t| t.item == item) {
            let (target, target_max) = item.default_target();
            out.push(PlanTarget {
                item,
                kind: item.kind(),
                enabled: false,
                target,
                target_max,
                label: String::new(),
                unit: item.unit().into(),
            });
        }
    }
    Ok(out)
}

/// A record counted for an item: what it is, when, and the groups (indexes into the plan's groups)
/// it counts for.
#[derive(Debug, Clone)]
struct Rec {
    record: PlanRecordKind,
    id: String,
    date: String,
    groups: Vec<usize>,
    title: String,
    detail: String,
}

/// What the counting needs to know once: the year, today, the current term's groups and members.
struct Ctx {
    year: i32,
    from: String,
    to: String,
    as_of: NaiveDate,
    as_of_s: String,
    groups: Vec<PlanGroup>,
    group_ix: HashMap<String, usize>,
    /// The current term's live members: (id, name, group index), in stroke order.
    members: Vec<(String, String, Option<usize>)>,
    member_group: HashMap<String, usize>,
}

impl Ctx {
    fn new(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Ctx> {
        use rusqlite::OptionalExtension;
        let term: Option<String> = conn
            .query_row(
                "SELECT id FROM terms WHERE deleted_at IS NULL ORDER BY is_current DESC, start_year DESC, sort LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let mut groups = Vec::new();
        if let Some(t) = &term {
            let mut st = conn.prepare_cached(
                "SELECT id, name FROM liaison_groups WHERE term_id = ?1 AND deleted_at IS NULL ORDER BY sort, name, id",
            )?;
            let rows = st.query_map([t], |r| Ok(PlanGroup { id: r.get(0)?, name: r.get(1)? }))?;
            groups = rows.collect::<rusqlite::Result<_>>()?;
        }
        let group_ix: HashMap<String, usize> = groups.iter().enumerate().map(|(i, g)| (g.id.clone(), i)).collect();
        let mut members = Vec::new();
        {
            let mut st = conn.prepare_cached(
                "SELECT m.id, m.name, gm.group_id FROM members m
                 LEFT JOIN group_members gm ON gm.member_id = m.id AND gm.term_id = ?1
                 WHERE m.deleted_at IS NULL AND m.status = 'active'
                   AND (?1 IS NULL OR EXISTS (SELECT 1 FROM member_terms mt WHERE mt.member_id = m.id AND mt.term_id = ?1))
                 ORDER BY m.stroke_key, m.id",
            )?;
            let rows = st.query_map([&term], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
            })?;
            for row in rows {
                let (id, name, g) = row?;
                members.push((id, name, g.and_then(|g| group_ix.get(&g).copied())));
            }
        }
        let member_group = members.iter().filter_map(|(id, _, g)| g.map(|g| (id.clone(), g))).collect();
        Ok(Ctx {
            year,
            from: format!("{year:04}-01-01"),
            to: format!("{year:04}-12-31"),
            as_of,
            as_of_s: as_of.format("%Y-%m-%d").to_string(),
            groups,
            group_ix,
            members,
            member_group,
        })
    }

    /// The quarters of the year begun by `as_of` (0 for a later year, 4 for an earlier one).
    fn quarters_due(&self) -> i32 {
        match self.as_of.year().cmp(&self.year) {
            std::cmp::Ordering::Greater => 4,
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => quarter_of(&self.as_of_s),
        }
    }

    fn group_names(&self, ix: &[usize]) -> String {
        ix.iter().map(|i| self.groups[*i].name.as_str()).collect::<Vec<_>>().join("、")
    }
}

fn push_unique(v: &mut Vec<usize>, g: usize) {
    if !v.contains(&g) {
        v.push(g);
    }
}

/// Submitters or proposers (member or group) of records in the year: record id → group indexes.
fn linked_groups(
    conn: &Connection,
    ctx: &Ctx,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<HashMap<String, Vec<usize>>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    let mut st = conn.prepare_cached(sql)?;
    let mut rows = st.query(args)?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let member: Option<String> = r.get(1)?;
        let group: Option<String> = r.get(2)?;
        let g = member
            .and_then(|m| ctx.member_group.get(&m).copied())
            .or_else(|| group.and_then(|g| ctx.group_ix.get(&g).copied()));
        let e = out.entry(id).or_default();
        if let Some(g) = g {
            push_unique(e, g);
        }
    }
    Ok(out)
}

/// The records a Count item counts in the year, by date.
fn records(conn: &Connection, ctx: &Ctx, item: PlanItem) -> Result<Vec<Rec>> {
    let mut out = Vec::new();
    match item {
        PlanItem::MemberVisits => {
            let mut st = conn.prepare_cached(
                "SELECT a.id, v.done_date, v.member_id, m.name, a.title
                 FROM activities a JOIN visits v ON v.activity_id = a.id JOIN members m ON m.id = v.member_id
                 WHERE a.deleted_at IS NULL AND a.kind = 'visit' AND a.status <> 'cancelled'
                   AND v.target_kind IN ('member','workplace') AND v.done_date BETWEEN ?1 AND ?2
                 ORDER BY v.done_date, a.id",
            )?;
            let mut rows = st.query(params![ctx.from, ctx.to])?;
            while let Some(r) = rows.next()? {
                let member: String = r.get(2)?;
                let name: String = r.get(3)?;
                out.push(Rec {
                    record: PlanRecordKind::Activity,
                    id: r.get(0)?,
                    date: r.get(1)?,
                    groups: ctx.member_group.get(&member).map(|g| vec![*g]).unwrap_or_default(),
                    title: r.get(4)?,
                    detail: format!("走访对象：{name}"),
                });
            }
        }
        PlanItem::BulletinIssues => {
            let mut st = conn.prepare_cached(
                "SELECT b.id, b.issue_date, b.number, b.total_number,
                        (SELECT COUNT(*) FROM bulletin_items i WHERE i.issue_id = b.id)
                 FROM bulletin_issues b WHERE b.year = ?1 AND b.deleted_at IS NULL ORDER BY b.number",
            )?;
            let mut rows = st.query([ctx.year])?;
            while let Some(r) = rows.next()? {
                let (n, total, k): (i32, i32, i32) = (r.get(2)?, r.get(3)?, r.get(4)?);
                out.push(Rec {
                    record: PlanRecordKind::Bulletin,
                    id: r.get(0)?,
                    date: r.get(1)?,
                    groups: vec![],
                    title: format!("《社情民意》{}年第{n}期（总第{total}期）", ctx.year),
                    detail: format!("{k} 篇信息"),
                });
            }
        }
        PlanItem::Opinions | PlanItem::OpinionsAdopted => {
            let (date, cond) = if item == PlanItem::Opinions {
                ("COALESCE(o.submitted_at, o.report_date)", "o.state <> 'draft' AND o.combined = 0")
            } else {
                ("o.adopted_at", "o.adopted_at IS NOT NULL")
            };
            let base = format!("FROM opinions o WHERE o.deleted_at IS NULL AND {cond} AND {date} BETWEEN ?1 AND ?2");
            let links = linked_groups(
                conn,
                ctx,
                &format!(
                    "SELECT s.opinion_id, s.member_id, s.group_id FROM opinion_submitters s
                     WHERE s.opinion_id IN (SELECT o.id {base})"
                ),
                &[&ctx.from, &ctx.to],
            )?;
            let mut st = conn.prepare_cached(&format!(
                "SELECT o.id, {date}, COALESCE(NULLIF(o.edited_title, ''), o.title), o.state, o.adopted_level,
                        COALESCE((SELECT group_concat(name, '、') FROM
                           (SELECT name FROM opinion_submitters s WHERE s.opinion_id = o.id ORDER BY s.seq)), '')
                 {base} ORDER BY {date}, o.id"
            ))?;
            let mut rows = st.query(params![ctx.from, ctx.to])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                let state = r.get::<_, String>(3)?;
                let state = crate::opinions::types::OpinionState::parse(&state).map(|s| s.label()).unwrap_or("");
                let level: Option<String> = r.get(4)?;
                let level = level
                    .and_then(|l| crate::opinions::types::OpinionLevel::parse(&l))
                    .map(|l| format!("，{}采用", l.label()))
                    .unwrap_or_default();
                let who: String = r.get(5)?;
                out.push(Rec {
                    record: PlanRecordKind::Opinion,
                    groups: links.get(&id).cloned().unwrap_or_default(),
                    id,
                    date: r.get(1)?,
                    title: r.get(2)?,
                    detail: format!("{who}（{state}{level}）"),
                });
            }
        }
        PlanItem::Proposals => {
            let base = "FROM proposals p WHERE p.deleted_at IS NULL AND p.year = ?1 AND p.state <> 'draft'";
            let links = linked_groups(
                conn,
                ctx,
                &format!(
                    "SELECT pp.proposal_id, pp.member_id, pp.group_id FROM proposal_proposers pp
                     WHERE pp.proposal_id IN (SELECT p.id {base})"
                ),
                &[&ctx.year],
            )?;
            let mut st = conn.prepare_cached(&format!(
                "SELECT p.id, COALESCE(p.submitted_date, ''), p.title, p.state, p.number,
                        COALESCE((SELECT COALESCE(m.name, g.name, ri.name, '') FROM proposal_proposers pp
                                  LEFT JOIN members m ON m.id = pp.member_id
                                  LEFT JOIN liaison_groups g ON g.id = pp.group_id
                                  LEFT JOIN ref_items ri ON ri.id = pp.ref_id
                                  WHERE pp.proposal_id = p.id AND pp.role = 'lead'), '')
                 {base} ORDER BY p.submitted_date IS NULL, p.submitted_date, p.number, p.id"
            ))?;
            let mut rows = st.query([ctx.year])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                let state = r.get::<_, String>(3)?;
                let state = crate::proposals::types::ProposalState::parse(&state).map(|s| s.label()).unwrap_or("");
                let number: Option<i32> = r.get(4)?;
                let lead: String = r.get(5)?;
                let n = number.map(|n| format!("第{n}号，")).unwrap_or_default();
                out.push(Rec {
                    record: PlanRecordKind::Proposal,
                    groups: links.get(&id).cloned().unwrap_or_default(),
                    id,
                    date: r.get(1)?,
                    title: r.get(2)?,
                    detail: format!("{n}{lead}（{state}）"),
                });
            }
        }
        PlanItem::Inspections => {
            let mut st = conn.prepare_cached(&format!(
                "SELECT a.id, a.start_date, a.title, a.kind,
                        (SELECT group_concat(ag.group_id, char(31)) FROM ({ACTIVITY_GROUPS}) ag WHERE ag.activity_id = a.id)
                 FROM activities a
                 WHERE a.deleted_at IS NULL AND a.kind IN ('inspection','research') AND a.status <> 'cancelled'
                   AND a.start_date BETWEEN ?1 AND ?2 AND a.start_date <= ?3
                 ORDER BY a.start_date, a.id"
            ))?;
            let mut rows = st.query(params![ctx.from, ctx.to, ctx.as_of_s])?;
            while let Some(r) = rows.next()? {
                let gs: Option<String> = r.get(4)?;
                let kind = crate::activities::types::ActivityKind::parse(&r.get::<_, String>(3)?)
                    .map(|k| k.label())
                    .unwrap_or("");
                out.push(Rec {
                    record: PlanRecordKind::Activity,
                    id: r.get(0)?,
                    date: r.get(1)?,
                    groups: split_groups(ctx, gs),
                    title: r.get(2)?,
                    detail: kind.to_string(),
                });
            }
        }
        PlanItem::GroupQuarterly | PlanItem::MemberReports | PlanItem::MemberReflections => {}
    }
    Ok(out)
}

fn split_groups(ctx: &Ctx, gs: Option<String>) -> Vec<usize> {
    let mut v = Vec::new();
    for g in gs.unwrap_or_default().split('\u{1f}') {
        if let Some(i) = ctx.group_ix.get(g) {
            push_unique(&mut v, *i);
        }
    }
    v
}

/// A liaison group's activity in the year: when, which groups, whether it counts.
struct GroupActivity {
    id: String,
    date: String,
    groups: Vec<usize>,
    title: String,
    missing: Vec<&'static str>,
    held: bool,
}

/// The activities of the current term's liaison groups dated in the year (not cancelled; those with
/// no date yet by the day they were entered), each with the 四落实 it lacks.
fn group_activities(conn: &Connection, ctx: &Ctx) -> Result<Vec<GroupActivity>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT a.id, COALESCE(a.start_date, substr(a.created_at, 1, 10)), a.title, a.start_date IS NOT NULL,
                a.place <> '', a.content <> '' OR COALESCE(v.purposes, '') <> '', a.responsible <> '',
                COALESCE(a.start_date <= ?3, 0), group_concat(ag.group_id, char(31))
         FROM ({ACTIVITY_GROUPS}) ag JOIN activities a ON a.id = ag.activity_id
         LEFT JOIN visits v ON v.activity_id = a.id
         WHERE a.deleted_at IS NULL AND a.status <> 'cancelled'
           AND COALESCE(a.start_date, substr(a.created_at, 1, 10)) BETWEEN ?1 AND ?2
         GROUP BY a.id ORDER BY 2, a.id"
    ))?;
    let mut rows = st.query(params![ctx.from, ctx.to, ctx.as_of_s])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let groups = split_groups(ctx, r.get(8)?);
        if groups.is_empty() {
            continue;
        }
        let mut missing = Vec::new();
        for (i, what) in [(3, "时间"), (4, "地点"), (5, "内容"), (6, "负责人")] {
            if !r.get::<_, bool>(i)? {
                missing.push(what);
            }
        }
        out.push(GroupActivity { id: r.get(0)?, date: r.get(1)?, groups, title: r.get(2)?, missing, held: r.get(7)? });
    }
    Ok(out)
}

/// Each current member's count of reports (as any submitter) or reflections in the year.
fn member_counts(conn: &Connection, ctx: &Ctx, item: PlanItem) -> Result<HashMap<String, i32>> {
    let sql = match item {
        PlanItem::MemberReports => {
            "SELECT s.member_id, COUNT(DISTINCT o.id) FROM opinions o JOIN opinion_submitters s ON s.opinion_id = o.id
             WHERE o.deleted_at IS NULL AND o.state <> 'draft' AND o.combined = 0 AND s.member_id IS NOT NULL
               AND COALESCE(o.submitted_at, o.report_date) BETWEEN ?1 AND ?2
             GROUP BY s.member_id"
        }
        _ => {
            "SELECT rf.member_id, COUNT(*) FROM reflections rf JOIN activities a ON a.id = rf.activity_id
             WHERE rf.deleted_at IS NULL AND a.deleted_at IS NULL AND a.start_date BETWEEN ?1 AND ?2
             GROUP BY rf.member_id"
        }
    };
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(params![ctx.from, ctx.to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn percent(actual: i32, goal: i32) -> i32 {
    if goal <= 0 {
        return 0;
    }
    ((actual as i64 * 100) / goal as i64).min(100) as i32
}

fn shown_label(t: &PlanTarget) -> String {
    if t.label.is_empty() {
        t.item.label().to_string()
    } else {
        t.label.clone()
    }
}

/// One item's figures.
fn progress_of(conn: &Connection, ctx: &Ctx, t: &PlanTarget) -> Result<PlanProgress> {
    let ng = ctx.groups.len();
    let mut p = PlanProgress {
        item: t.item,
        kind: t.kind,
        label: shown_label(t),
        unit: t.unit.clone(),
        target: t.target,
        target_max: t.target_max,
        goal: 0,
        actual: 0,
        short: 0,
        incomplete: 0,
        percent: 0,
        by_quarter: vec![0; 4],
        by_group: vec![0; ng],
        group_members: vec![],
    };
    match t.kind {
        PlanItemKind::Count => {
            let recs = records(conn, ctx, t.item)?;
            p.goal = t.target;
            p.actual = recs.len() as i32;
            for r in &recs {
                let q = quarter_of(&r.date);
                if q > 0 {
                    p.by_quarter[q as usize - 1] += 1;
                }
                for g in &r.groups {
                    p.by_group[*g] += 1;
                }
            }
            p.short = (p.goal - p.actual).max(0);
        }
        PlanItemKind::PerGroupQuarter => {
            let acts = group_activities(conn, ctx)?;
            let cells = group_cells(ctx, &acts);
            let due = ctx.quarters_due();
            p.goal = ng as i32 * due;
            for (g, row) in cells.iter().enumerate() {
                for (q, n) in row.iter().enumerate().take(due as usize) {
                    if *n >= t.target {
                        p.actual += 1;
                        p.by_quarter[q] += 1;
                        p.by_group[g] += 1;
                    }
                }
            }
            p.short = p.goal - p.actual;
            p.incomplete = acts.iter().filter(|a| !a.missing.is_empty()).count() as i32;
        }
        PlanItemKind::PerMember => {
            let counts = member_counts(conn, ctx, t.item)?;
            p.by_quarter = vec![];
            p.group_members = vec![0; ng];
            p.goal = ctx.members.len() as i32;
            for (id, _, g) in &ctx.members {
                let met = counts.get(id).copied().unwrap_or(0) >= t.target;
                if let Some(g) = g {
                    p.group_members[*g] += 1;
                }
                if met {
                    p.actual += 1;
                    if let Some(g) = g {
                        p.by_group[*g] += 1;
                    }
                }
            }
            p.short = p.goal - p.actual;
        }
    }
    p.percent = percent(p.actual, p.goal);
    Ok(p)
}

/// Per group, per quarter: the held activities with the 四落实 complete.
fn group_cells(ctx: &Ctx, acts: &[GroupActivity]) -> Vec<[i32; 4]> {
    let mut cells = vec![[0i32; 4]; ctx.groups.len()];
    for a in acts.iter().filter(|a| a.missing.is_empty() && a.held) {
        let q = quarter_of(&a.date);
        if q > 0 {
            for g in &a.groups {
                cells[*g][q as usize - 1] += 1;
            }
        }
    }
    cells
}

impl Db {
    /// A year's plan: as saved; else last saved year's targets to start from (`copied_from`); else the
    /// standard targets (the bulletin's from its setting).
    pub fn work_plan(&self, year: i32) -> Result<WorkPlan> {
        plan_in(&self.conn, year)
    }

    /// Save a year's plan (every item: kept or left out, its target, range and wording). One transaction,
    /// one audit entry.
    pub fn save_work_plan(&mut self, input: WorkPlanInput) -> Result<WorkPlan> {
        let targets = check_plan(&input)?;
        let old = plan_in(&self.conn, input.year)?;
        let tx = self.conn.transaction()?;
        write_plan(&tx, input.year, &targets, Some(&old))?;
        tx.commit()?;
        self.work_plan(input.year)
    }

    /// Copy the plan of `from` into `to` (refused when `to` has one already).
    pub fn copy_work_plan(&mut self, from: i32, to: i32) -> Result<WorkPlan> {
        let src = plan_in(&self.conn, from)?;
        if !src.saved {
            return Err(Error::field("from", format!("{from}年还没有工作计划，无从复制")));
        }
        if plan_in(&self.conn, to)?.saved {
            return Err(Error::Conflict(format!("{to}年已有工作计划：请直接修改，不必复制")));
        }
        let tx = self.conn.transaction()?;
        write_plan(&tx, to, &src.targets, None)?;
        tx.commit()?;
        self.work_plan(to)
    }

    /// The dashboard: every item of the year's plan against the records, by quarter and by group.
    pub fn work_plan_progress(&self, year: i32) -> Result<WorkPlanProgress> {
        self.work_plan_progress_as_of(year, today())
    }

    /// The dashboard as counted on a given day (the quarters due, the activities held by then).
    pub fn work_plan_progress_as_of(&self, year: i32, as_of: NaiveDate) -> Result<WorkPlanProgress> {
        let plan = plan_in(&self.conn, year)?;
        let ctx = Ctx::new(&self.conn, year, as_of)?;
        let mut items = Vec::new();
        for t in plan.targets.iter().filter(|t| t.enabled) {
            items.push(progress_of(&self.conn, &ctx, t)?);
        }
        Ok(WorkPlanProgress {
            year,
            saved: plan.saved,
            as_of: ctx.as_of_s.clone(),
            current_quarter: (as_of.year() == year).then(|| quarter_of(&ctx.as_of_s)),
            members: ctx.members.len() as i32,
            groups: ctx.groups.clone(),
            items,
        })
    }

    /// The list behind a number of the dashboard.
    pub fn work_plan_list(&self, q: &PlanListQuery) -> Result<PlanList> {
        self.work_plan_list_as_of(q, today())
    }

    pub fn work_plan_list_as_of(&self, q: &PlanListQuery, as_of: NaiveDate) -> Result<PlanList> {
        if let Some(x) = q.quarter {
            if !(1..=4).contains(&x) {
                return Err(Error::field("quarter", "季度应为 1 到 4"));
            }
        }
        let plan = plan_in(&self.conn, q.year)?;
        let t = plan.targets.iter().find(|t| t.item == q.item).cloned().expect("every item");
        let ctx = Ctx::new(&self.conn, q.year, as_of)?;
        let group = match &q.group_id {
            Some(g) if !g.is_empty() => {
                Some(*ctx.group_ix.get(g).ok_or_else(|| Error::NotFound("该联络组不存在，或不属于本届".into()))?)
            }
            _ => None,
        };
        let in_group = |gs: &[usize]| group.map(|g| gs.contains(&g)).unwrap_or(true);
        let in_quarter = |d: &str| q.quarter.map(|x| quarter_of(d) == x).unwrap_or(true);
        let mut rows = Vec::new();
        let list = match (t.kind, q.list) {
            (PlanItemKind::Count, _) => {
                for r in records(&self.conn, &ctx, t.item)? {
                    if in_group(&r.groups) && in_quarter(&r.date) {
                        rows.push(PlanListRow {
                            record: r.record,
                            quarter: quarter_of(&r.date),
                            group: ctx.group_names(&r.groups),
                            id: r.id,
                            date: r.date,
                            title: r.title,
                            detail: r.detail,
                        });
                    }
                }
                PlanListKind::Done
            }
            (PlanItemKind::PerGroupQuarter, PlanListKind::Incomplete) => {
                for a in group_activities(&self.conn, &ctx)? {
                    if !a.missing.is_empty() && in_group(&a.groups) && in_quarter(&a.date) {
                        rows.push(PlanListRow {
                            record: PlanRecordKind::Activity,
                            quarter: quarter_of(&a.date),
                            group: ctx.group_names(&a.groups),
                            id: a.id,
                            date: a.date,
                            title: a.title,
                            detail: format!("缺{}", a.missing.join("、")),
                        });
                    }
                }
                PlanListKind::Incomplete
            }
            (PlanItemKind::PerGroupQuarter, which) => {
                let acts = group_activities(&self.conn, &ctx)?;
                let cells = group_cells(&ctx, &acts);
                let due = ctx.quarters_due();
                let want_met = which == PlanListKind::Done;
                for qq in 1..=due {
                    if q.quarter.map(|x| x != qq).unwrap_or(false) {
                        continue;
                    }
                    for (g, grp) in ctx.groups.iter().enumerate() {
                        if group.map(|x| x != g).unwrap_or(false) {
                            continue;
                        }
                        let n = cells[g][qq as usize - 1];
                        if (n >= t.target) != want_met {
                            continue;
                        }
                        let lacking = acts
                            .iter()
                            .filter(|a| !a.missing.is_empty() && a.groups.contains(&g) && quarter_of(&a.date) == qq)
                            .count();
                        let mut detail = if n == 0 {
                            "没有四落实齐全的活动".to_string()
                        } else {
                            format!("四落实齐全的活动 {n} 次（目标 {} 次）", t.target)
                        };
                        if lacking > 0 {
                            detail.push_str(&format!("；另有 {lacking} 次四落实不全"));
                        }
                        rows.push(PlanListRow {
                            record: PlanRecordKind::Group,
                            id: grp.id.clone(),
                            date: String::new(),
                            quarter: qq,
                            title: grp.name.clone(),
                            group: grp.name.clone(),
                            detail,
                        });
                    }
                }
                which
            }
            (PlanItemKind::PerMember, which) => {
                let counts = member_counts(&self.conn, &ctx, t.item)?;
                let want_met = which == PlanListKind::Done;
                let what = if t.item == PlanItem::MemberReports { "社情民意信息" } else { "学习心得" };
                for (id, name, g) in &ctx.members {
                    if let Some(x) = group {
                        if *g != Some(x) {
                            continue;
                        }
                    }
                    let n = counts.get(id).copied().unwrap_or(0);
                    if (n >= t.target) != want_met {
                        continue;
                    }
                    rows.push(PlanListRow {
                        record: PlanRecordKind::Member,
                        id: id.clone(),
                        date: String::new(),
                        quarter: 0,
                        title: name.clone(),
                        group: g.map(|g| ctx.groups[g].name.clone()).unwrap_or_default(),
                        detail: format!(
                            "{what} {n} {}（目标 {}）",
                            t.unit,
                            target_text(t.target, t.target_max, &t.unit)
                        ),
                    });
                }
                if which == PlanListKind::Incomplete {
                    rows.clear();
                }
                which
            }
        };
        let mut caption = vec![format!("{}年", q.year), shown_label(&t), list.label().to_string()];
        if let Some(x) = q.quarter {
            caption.push(quarter_label(x).to_string());
        }
        if let Some(g) = group {
            caption.push(ctx.groups[g].name.clone());
        }
        if t.kind == PlanItemKind::Count {
            caption.remove(2);
        }
        Ok(PlanList { item: t.item, list, caption: caption.join(" · "), rows })
    }
}
