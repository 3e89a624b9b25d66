//! The scoring rules as data: the catalogue of items a rule may price (with their Chinese labels), the
//! validation of a year's rule set (messages name the field), and reading and saving a year's rules
//! (one transaction, one audit entry).
//!
//! An item is a dotted code:
//! - `activity.<kind>.<role>`: a member's part in an activity of that kind (the activity's kind code,
//!   so a kind added later needs only a rule row): `attended` (出席), `spoke` (发言), `led` (牵头/主持,
//!   the participant's role lead or host), `report` (提交心得/调研报告: a reflection on the activity).
//!   An activity that carries a session (全会, or a 常委会 run with the session tools) is scored per
//!   sitting instead (`plenary.*`, `standing.*`); a 常委会 recorded only as an activity, as an activity.
//! - `plenary.sitting` (出席全会, per half day — a sitting is a half day), `plenary.session` (per
//!   session attended), `standing.sitting` (出席常委会议, per sitting).
//! - `absence.<plenary|standing|activity>.<unexcused|excused>`: deductions (points ≤ 0).
//! - `opinion.submitted` (first submitter), `opinion.co` (co-submitter), `opinion.adopted.<level>`,
//!   `opinion.instructed.<level>` (per 批示, by the leader's level).
//! - `proposal.lead` / `proposal.co` (submitted), `proposal.accepted.lead` / `.co` (立案),
//!   `proposal.key` (重点, the lead), `proposal.excellent` (优秀, the lead).
//! - `speech.submitted`, `speech.adopted.oral`, `speech.adopted.written` (书面 or 专题会), `speech.delivered`.
//! - `deed.project` (引一个项目或一笔资金), `deed.deed` (办一件实事).

use super::types::*;
use crate::activities::types::ActivityKind;
use crate::db::{audit, changes, now, Db};
use crate::error::{Error, FieldError, Result};
use crate::rows::{join_codes, split_codes};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

pub const ACTIVITY_ROLES: [(&str, &str); 4] =
    [("attended", "出席"), ("spoke", "发言"), ("led", "牵头/主持"), ("report", "提交心得/调研报告")];

/// Kinds not scored as activities: the plenary is a session, scored per sitting. (A 常委会 recorded
/// as a session is scored per sitting too; one recorded only as an activity, as an activity.)
pub(crate) const SITTING_KINDS: [&str; 1] = ["plenary"];

/// The fixed items (not per activity kind): (item, label, group).
const FIXED: &[(&str, &str, &str)] = &[
    ("plenary.sitting", "出席全会（每半天）", "全会"),
    ("plenary.session", "出席全会（每次会议）", "全会"),
    ("standing.sitting", "出席常委会议（每半天）", "全会"),
    ("absence.plenary.unexcused", "无故缺席全会（每半天）", "缺席扣分"),
    ("absence.plenary.excused", "请假缺席全会（每半天）", "缺席扣分"),
    ("absence.standing.unexcused", "无故缺席常委会议（每半天）", "缺席扣分"),
    ("absence.standing.excused", "请假缺席常委会议（每半天）", "缺席扣分"),
    ("absence.activity.unexcused", "无故缺席活动（每次）", "缺席扣分"),
    ("absence.activity.excused", "请假缺席活动（每次）", "缺席扣分"),
    ("opinion.submitted", "报送社情民意（第一报送人）", "社情民意"),
    ("opinion.co", "报送社情民意（联名）", "社情民意"),
    ("opinion.adopted.district", "社情民意被区级采用", "社情民意"),
    ("opinion.adopted.city", "社情民意被市级采用", "社情民意"),
    ("opinion.adopted.province", "社情民意被省级采用", "社情民意"),
    ("opinion.adopted.national", "社情民意被全国政协采用", "社情民意"),
    ("opinion.instructed.district", "社情民意获区领导批示", "社情民意"),
    ("opinion.instructed.city", "社情民意获市领导批示", "社情民意"),
    ("opinion.instructed.province", "社情民意获省领导批示", "社情民意"),
    ("opinion.instructed.national", "社情民意获国家领导人批示", "社情民意"),
    ("proposal.lead", "提交提案（领衔）", "提案"),
    ("proposal.co", "提交提案（联名）", "提案"),
    ("proposal.accepted.lead", "提案立案（领衔）", "提案"),
    ("proposal.accepted.co", "提案立案（联名）", "提案"),
    ("proposal.key", "重点提案（领衔）", "提案"),
    ("proposal.excellent", "优秀提案（领衔）", "提案"),
    ("speech.submitted", "提交大会发言", "大会发言"),
    ("speech.adopted.oral", "大会发言被采用（口头）", "大会发言"),
    ("speech.adopted.written", "大会发言被采用（书面、专题会）", "大会发言"),
    ("speech.delivered", "作大会发言", "大会发言"),
    ("deed.project", "引一个项目或一笔资金", "实事与项目"),
    ("deed.deed", "办一件实事", "实事与项目"),
];

/// The label and group of an item; None for a code that is no item.
pub fn item_label(item: &str) -> Option<(String, String)> {
    if let Some(&(_, l, g)) = FIXED.iter().find(|(i, _, _)| *i == item) {
        return Some((l.into(), g.into()));
    }
    let rest = item.strip_prefix("activity.")?;
    let (kind, role) = rest.rsplit_once('.')?;
    let kind = ActivityKind::parse(kind).filter(|k| !SITTING_KINDS.contains(&k.as_str()))?;
    let (_, r) = ACTIVITY_ROLES.iter().find(|(c, _)| *c == role)?;
    Some((format!("{}：{r}", kind.label()), "活动".into()))
}

pub fn is_deduction(item: &str) -> bool {
    item.starts_with("absence.")
}

/// Every item the rules may price, in the editor's order: activities by kind, then the fixed ones.
pub fn catalogue() -> Vec<ScoreItemInfo> {
    let mut out = Vec::new();
    for k in ActivityKind::ALL.iter().filter(|k| !SITTING_KINDS.contains(&k.as_str())) {
        for (r, _) in ACTIVITY_ROLES {
            let item = format!("activity.{}.{r}", k.as_str());
            let (label, group) = item_label(&item).expect("a catalogued item");
            out.push(ScoreItemInfo { item, label, group, deduction: false });
        }
    }
    for (i, l, g) in FIXED {
        out.push(ScoreItemInfo {
            item: i.to_string(),
            label: l.to_string(),
            group: g.to_string(),
            deduction: is_deduction(i),
        });
    }
    out
}

/// The position of an item in the catalogue (rules are listed in that order).
pub(crate) fn order(item: &str) -> usize {
    static ORDER: std::sync::OnceLock<std::collections::HashMap<String, usize>> = std::sync::OnceLock::new();
    let m = ORDER.get_or_init(|| catalogue().into_iter().enumerate().map(|(i, c)| (c.item, i)).collect());
    m.get(item).copied().unwrap_or(usize::MAX)
}

fn num(x: f64) -> String {
    crate::performance::fmt_points(x)
}

/// Check a rule set; every problem at its field, in Chinese.
pub fn validate(set: &ScoreRuleSet) -> Result<()> {
    let mut errs: Vec<FieldError> = Vec::new();
    let mut push = |f: &str, m: String| errs.push(FieldError::new(f, m));
    if !(2000..=2100).contains(&set.year) {
        push("year", format!("年度 {} 不在 2000–2100 之间，请核对", set.year));
    }
    let finite = |x: f64| x.is_finite() && x.abs() <= 100_000.0;
    for (f, l, x) in [
        ("base", "基础分", set.base),
        ("excellent", "优秀分数线", set.excellent),
        ("competent", "称职分数线", set.competent),
        ("basic", "基本称职分数线", set.basic),
    ] {
        if !finite(x) {
            push(f, format!("{l}不是有效的数字"));
        }
    }
    if let Some(m) = set.max_bonus {
        if !finite(m) || m < 0.0 {
            push("max_bonus", format!("加分上限不能为负数（现为 {}），不设上限请留空", num(m)));
        }
    }
    if set.excellent < set.competent {
        push(
            "excellent",
            format!("等次分数线顺序不对：优秀（{}）不能低于称职（{}）", num(set.excellent), num(set.competent)),
        );
    }
    if set.competent < set.basic {
        push(
            "competent",
            format!("等次分数线顺序不对：称职（{}）不能低于基本称职（{}）", num(set.competent), num(set.basic)),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, r) in set.rules.iter().enumerate() {
        let field = |f: &str| format!("rules[{i}].{f}");
        let Some((label, _)) = item_label(&r.item) else {
            push(&field("item"), format!("第 {} 条规则的项目“{}”无法识别", i + 1, r.item));
            continue;
        };
        if !seen.insert(r.item.as_str()) {
            push(&field("item"), format!("“{label}”的规则重复了，请只保留一条"));
        }
        if !finite(r.points) {
            push(&field("points"), format!("“{label}”的分值不是有效的数字"));
        } else if is_deduction(&r.item) && r.points > 0.0 {
            push(&field("points"), format!("“{label}”是扣分项，分值应为负数或 0（现为 {}）", num(r.points)));
        }
        if let Some(c) = r.cap {
            if !finite(c) || c < 0.0 {
                push(&field("cap"), format!("“{label}”的上限不能为负数（现为 {}），不设上限请留空", num(c)));
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errs))
    }
}

/// Labels and order filled in.
pub(crate) fn dress(mut set: ScoreRuleSet) -> ScoreRuleSet {
    for r in &mut set.rules {
        if let Some((l, g)) = item_label(&r.item) {
            r.label = l;
            r.group = g;
        } else {
            r.label = r.item.clone();
            r.group = "其他".into();
        }
    }
    set.rules.sort_by(|a, b| order(&a.item).cmp(&order(&b.item)).then_with(|| a.item.cmp(&b.item)));
    set
}

pub(crate) fn load(conn: &Connection, year: i32) -> Result<Option<ScoreRuleSet>> {
    let head = conn
        .prepare_cached(
            "SELECT template, note, base, max_bonus, excellent, competent, basic, baseline, updated_at
             FROM score_rule_sets WHERE year = ?1",
        )?
        .query_row([year], |r| {
            Ok(ScoreRuleSet {
                year,
                template: r.get(0)?,
                note: r.get(1)?,
                base: r.get(2)?,
                max_bonus: r.get(3)?,
                excellent: r.get(4)?,
                competent: r.get(5)?,
                basic: r.get(6)?,
                baseline: split_codes(&r.get::<_, String>(7)?, ScoreBaseline::parse),
                rules: vec![],
                updated_at: r.get(8)?,
            })
        })
        .optional()?;
    let Some(mut set) = head else { return Ok(None) };
    let mut st = conn.prepare_cached("SELECT item, points, cap FROM score_rules WHERE year = ?1 ORDER BY item")?;
    set.rules = st
        .query_map([year], |r| {
            Ok(ScoreRule {
                item: r.get(0)?,
                points: r.get(1)?,
                cap: r.get(2)?,
                label: String::new(),
                group: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(dress(set)))
}

fn snapshot(s: &ScoreRuleSet) -> serde_json::Value {
    let mut v = json!({
        "template": s.template, "note": s.note, "base": s.base, "max_bonus": s.max_bonus,
        "excellent": s.excellent, "competent": s.competent, "basic": s.basic,
        "baseline": join_codes(&s.baseline, ScoreBaseline::as_str),
    });
    let m = v.as_object_mut().expect("an object");
    for r in &s.rules {
        let cap = r.cap.map(|c| format!("，上限 {}", num(c))).unwrap_or_default();
        m.insert(r.item.clone(), json!(format!("{}{cap}", num(r.points))));
    }
    v
}

/// Write a year's rule set (replacing its rules) in the caller's transaction, with its audit entry.
pub(crate) fn save_in(tx: &Connection, set: &ScoreRuleSet) -> Result<()> {
    validate(set)?;
    // A form loaded before someone else saved the year's rules is refused (`updated_at`: when it was loaded).
    crate::db::check_fresh(
        tx,
        "score_rule_sets",
        &set.year.to_string(),
        set.updated_at.as_deref(),
        &format!("{}年积分规则", set.year),
    )?;
    let old = load(tx, set.year)?;
    let t = now();
    tx.execute(
        "INSERT INTO score_rule_sets (id, year, template, note, base, max_bonus, excellent, competent, basic, baseline,
                                      created_at, updated_at)
         VALUES (CAST(?1 AS TEXT), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET template = ?2, note = ?3, base = ?4, max_bonus = ?5, excellent = ?6,
             competent = ?7, basic = ?8, baseline = ?9, updated_at = ?10",
        params![
            set.year,
            set.template,
            set.note.trim(),
            set.base,
            set.max_bonus,
            set.excellent,
            set.competent,
            set.basic,
            join_codes(&set.baseline, ScoreBaseline::as_str),
            t
        ],
    )?;
    // Only what changed is written: an unchanged rule keeps its row (and travels in no exchange).
    let old_rules: std::collections::HashMap<&str, &ScoreRule> =
        old.iter().flat_map(|o| o.rules.iter()).map(|r| (r.item.as_str(), r)).collect();
    for r in &set.rules {
        match old_rules.get(r.item.as_str()) {
            Some(o) if o.points == r.points && o.cap == r.cap => {}
            _ => {
                tx.prepare_cached(
                    "INSERT INTO score_rules (year, item, points, cap) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (year, item) DO UPDATE SET points = ?3, cap = ?4",
                )?
                .execute(params![set.year, r.item, r.points, r.cap])?;
            }
        }
    }
    for o in old_rules.keys() {
        if !set.rules.iter().any(|r| r.item == *o) {
            tx.prepare_cached("DELETE FROM score_rules WHERE year = ?1 AND item = ?2")?
                .execute(params![set.year, o])?;
        }
    }
    let c = changes(old.as_ref().map(snapshot).as_ref(), &snapshot(set));
    audit(tx, "score_rules", &set.year.to_string(), if old.is_some() { "update" } else { "create" }, &c)?;
    Ok(())
}

impl Db {
    /// The year's rules (None: the year has none yet).
    pub fn score_rule_set(&self, year: i32) -> Result<Option<ScoreRuleSet>> {
        load(&self.conn, year)
    }

    /// The years that have rules, newest first.
    pub fn score_rule_years(&self) -> Result<Vec<i32>> {
        let mut st = self.conn.prepare_cached("SELECT year FROM score_rule_sets ORDER BY year DESC")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Save a year's rules (create or replace): checked first, one transaction, one audit entry.
    pub fn save_score_rules(&mut self, set: ScoreRuleSet) -> Result<ScoreRuleSet> {
        let tx = self.conn.transaction()?;
        save_in(&tx, &set)?;
        tx.commit()?;
        Ok(load(&self.conn, set.year)?.expect("just saved"))
    }

    /// Copy a shipped template into a year; refused when the year has rules unless `replace`.
    pub fn copy_score_template(&mut self, year: i32, template: ScoreTemplate, replace: bool) -> Result<ScoreRuleSet> {
        if !replace && load(&self.conn, year)?.is_some() {
            return Err(Error::Conflict(format!("{year}年已有积分规则：覆盖请确认“替换现有规则”，或直接编辑现有规则")));
        }
        let mut set = super::templates::template(template);
        set.year = year;
        self.save_score_rules(set)
    }

    /// Copy another year's rules (last year's, usually) into a year; refused when the year has rules
    /// unless `replace`, and when the other year has none.
    pub fn copy_score_rules(&mut self, from: i32, year: i32, replace: bool) -> Result<ScoreRuleSet> {
        let Some(mut set) = load(&self.conn, from)? else {
            return Err(Error::NotFound(format!("{from}年没有积分规则可复制")));
        };
        if !replace && load(&self.conn, year)?.is_some() {
            return Err(Error::Conflict(format!("{year}年已有积分规则：覆盖请确认“替换现有规则”，或直接编辑现有规则")));
        }
        set.year = year;
        set.updated_at = None;
        self.save_score_rules(set)
    }

    /// The items a rule may price (activity kinds included), for the editor.
    pub fn score_items(&self) -> Vec<ScoreItemInfo> {
        catalogue()
    }

    /// The shipped templates.
    pub fn score_templates(&self) -> Vec<ScoreTemplateInfo> {
        ScoreTemplate::ALL
            .iter()
            .map(|&t| {
                let rules = dress(super::templates::template(t));
                ScoreTemplateInfo { template: t, name: t.label().into(), note: rules.note.clone(), rules }
            })
            .collect()
    }
}
