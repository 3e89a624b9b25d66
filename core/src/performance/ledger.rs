//! The ledger (积分台账): computed from the records on demand, never stored — a rule or a record that
//! changes is in the next reading, and an exchange import needs nothing rebuilt.
//!
//! One query (`FACTS`) lists every scoreable fact of a year — a member's part in an activity, a
//! reflection, a plenary sitting attended or missed, a report and its adoption and 批示, a proposal and
//! its 立案 / 重点 / 优秀, a speech, a deed — as (member, item, record). The year's table counts the
//! facts per member and item; a member's explanation lists them one by one. Both go through `settle`
//! (points per item, the item's cap, the limit on points added), so the explained lines always sum to
//! the score in the table. Manual entries and the base score are added after the caps.
//!
//! A combined report (综合) carries its sources' submitters: its adoption and 批示 count for each of
//! them, its submission does not (each already submitted a source report).

use super::rules::{is_deduction, item_label, load};
use super::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Every scoreable fact of a year: (member_id, item, record_kind, record_id, title, date). ?1 the
/// year's first day, ?2 the next year's first day, ?3 one member (NULL: all), ?4 the year.
const FACTS: &str = "
SELECT p.member_id,
       'activity.' || a.kind || '.' || CASE p.role WHEN 'speaker' THEN 'spoke' WHEN 'lead' THEN 'led'
                                                   WHEN 'host' THEN 'led' ELSE 'attended' END,
       'activity', a.id, a.title, a.start_date
  FROM activities a JOIN participants p ON p.activity_id = a.id
 WHERE a.deleted_at IS NULL AND a.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.activity_id = a.id)
   AND a.start_date >= ?1 AND a.start_date < ?2 AND p.member_id IS NOT NULL AND (?3 IS NULL OR p.member_id = ?3)
   AND p.attendance IN ('present', 'late')
UNION ALL
SELECT p.member_id, CASE p.attendance WHEN 'absent' THEN 'absence.activity.unexcused' ELSE 'absence.activity.excused' END,
       'activity', a.id, a.title, a.start_date
  FROM activities a JOIN participants p ON p.activity_id = a.id
 WHERE a.deleted_at IS NULL AND a.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.activity_id = a.id)
   AND a.start_date >= ?1 AND a.start_date < ?2 AND p.member_id IS NOT NULL AND (?3 IS NULL OR p.member_id = ?3)
   AND p.attendance IN ('absent', 'leave')
UNION ALL
SELECT r.member_id, 'activity.' || a.kind || '.report', 'reflection', r.id, r.title || '（' || a.title || '）', a.start_date
  FROM reflections r JOIN activities a ON a.id = r.activity_id
 WHERE r.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.activity_id = a.id)
   AND a.start_date >= ?1 AND a.start_date < ?2 AND (?3 IS NULL OR r.member_id = ?3)
UNION ALL
SELECT sa.member_id,
       CASE si.outcome WHEN 'absent' THEN 'absence.' || s.kind || '.unexcused'
                       WHEN 'leave' THEN 'absence.' || s.kind || '.excused' ELSE s.kind || '.sitting' END,
       'sitting', st.id,
       s.name || ' ' || st.title || '（' || CASE st.half WHEN 'am' THEN '上午' WHEN 'pm' THEN '下午' ELSE '晚上' END || '）',
       st.sitting_date
  FROM session_sittings st JOIN sessions s ON s.id = st.session_id
       JOIN session_sign_ins si ON si.sitting_id = st.id JOIN session_attendees sa ON sa.id = si.attendee_id
 WHERE st.deleted_at IS NULL AND s.deleted_at IS NULL AND sa.deleted_at IS NULL AND sa.member_id IS NOT NULL
   AND st.sitting_date >= ?1 AND st.sitting_date < ?2 AND (?3 IS NULL OR sa.member_id = ?3)
UNION ALL
SELECT sa.member_id, 'plenary.session', 'session', s.id, s.name, MIN(st.sitting_date)
  FROM session_sittings st JOIN sessions s ON s.id = st.session_id
       JOIN session_sign_ins si ON si.sitting_id = st.id JOIN session_attendees sa ON sa.id = si.attendee_id
 WHERE st.deleted_at IS NULL AND s.deleted_at IS NULL AND sa.deleted_at IS NULL AND sa.member_id IS NOT NULL
   AND s.kind = 'plenary' AND si.outcome IN ('present', 'late')
   AND st.sitting_date >= ?1 AND st.sitting_date < ?2 AND (?3 IS NULL OR sa.member_id = ?3)
 GROUP BY sa.member_id, s.id
UNION ALL
SELECT x.member_id, CASE x.role WHEN 'first' THEN 'opinion.submitted' ELSE 'opinion.co' END, 'opinion', o.id,
       COALESCE(NULLIF(o.edited_title, ''), o.title), COALESCE(o.submitted_at, o.report_date)
  FROM opinions o JOIN opinion_submitters x ON x.opinion_id = o.id
 WHERE o.deleted_at IS NULL AND o.state <> 'draft' AND o.combined = 0 AND x.member_id IS NOT NULL
   AND (?3 IS NULL OR x.member_id = ?3)
   AND COALESCE(o.submitted_at, o.report_date) >= ?1 AND COALESCE(o.submitted_at, o.report_date) < ?2
UNION ALL
SELECT x.member_id, 'opinion.adopted.' || o.adopted_level, 'opinion', o.id,
       COALESCE(NULLIF(o.edited_title, ''), o.title), COALESCE(o.adopted_at, o.submitted_at, o.report_date)
  FROM opinions o JOIN opinion_submitters x ON x.opinion_id = o.id
 WHERE o.deleted_at IS NULL AND o.adopted_level IS NOT NULL AND x.member_id IS NOT NULL AND (?3 IS NULL OR x.member_id = ?3)
   AND COALESCE(o.submitted_at, o.report_date) >= ?1 AND COALESCE(o.submitted_at, o.report_date) < ?2
UNION ALL
SELECT x.member_id, 'opinion.instructed.' || i.level, 'instruction', i.id,
       COALESCE(NULLIF(o.edited_title, ''), o.title) || '（' || i.leader || '批示）', i.date
  FROM opinion_instructions i JOIN opinions o ON o.id = i.opinion_id JOIN opinion_submitters x ON x.opinion_id = o.id
 WHERE i.deleted_at IS NULL AND o.deleted_at IS NULL AND x.member_id IS NOT NULL AND (?3 IS NULL OR x.member_id = ?3)
   AND COALESCE(o.submitted_at, o.report_date) >= ?1 AND COALESCE(o.submitted_at, o.report_date) < ?2
UNION ALL
SELECT x.member_id, 'proposal.' || x.role, 'proposal', p.id, p.title, COALESCE(p.submitted_date, '')
  FROM proposals p JOIN proposal_proposers x ON x.proposal_id = p.id
 WHERE p.deleted_at IS NULL AND p.state <> 'draft' AND p.year = ?4 AND x.member_id IS NOT NULL
   AND (?3 IS NULL OR x.member_id = ?3)
UNION ALL
SELECT x.member_id, 'proposal.accepted.' || x.role, 'proposal', p.id, p.title, COALESCE(p.review_date, '')
  FROM proposals p JOIN proposal_proposers x ON x.proposal_id = p.id
 WHERE p.deleted_at IS NULL AND p.state IN ('accepted', 'assigned', 'answered', 'feedback', 'closed') AND p.year = ?4
   AND x.member_id IS NOT NULL AND (?3 IS NULL OR x.member_id = ?3)
UNION ALL
SELECT x.member_id, 'proposal.key', 'proposal', p.id, p.title, COALESCE(p.review_date, '')
  FROM proposals p JOIN proposal_proposers x ON x.proposal_id = p.id
 WHERE p.deleted_at IS NULL AND p.is_key = 1 AND p.year = ?4 AND x.role = 'lead' AND x.member_id IS NOT NULL
   AND (?3 IS NULL OR x.member_id = ?3)
UNION ALL
SELECT x.member_id, 'proposal.excellent', 'proposal', p.id, p.title, COALESCE(p.review_date, '')
  FROM proposals p JOIN proposal_proposers x ON x.proposal_id = p.id
 WHERE p.deleted_at IS NULL AND p.is_excellent = 1 AND p.year = ?4 AND x.role = 'lead' AND x.member_id IS NOT NULL
   AND (?3 IS NULL OR x.member_id = ?3)
UNION ALL
SELECT sp.member_id, 'speech.submitted', 'speech', sp.id, sp.title, sp.submitted_date
  FROM speeches sp JOIN sessions s ON s.id = sp.session_id
 WHERE sp.deleted_at IS NULL AND s.deleted_at IS NULL AND sp.member_id IS NOT NULL AND (?3 IS NULL OR sp.member_id = ?3)
   AND sp.submitted_date >= ?1 AND sp.submitted_date < ?2
UNION ALL
SELECT sp.member_id, CASE sp.adoption WHEN 'oral' THEN 'speech.adopted.oral' ELSE 'speech.adopted.written' END,
       'speech', sp.id, sp.title, sp.submitted_date
  FROM speeches sp JOIN sessions s ON s.id = sp.session_id
 WHERE sp.deleted_at IS NULL AND s.deleted_at IS NULL AND sp.adoption IS NOT NULL AND sp.member_id IS NOT NULL
   AND (?3 IS NULL OR sp.member_id = ?3) AND sp.submitted_date >= ?1 AND sp.submitted_date < ?2
UNION ALL
SELECT sp.member_id, 'speech.delivered', 'speech', sp.id, sp.title, COALESCE(sp.delivered_date, sp.submitted_date)
  FROM speeches sp JOIN sessions s ON s.id = sp.session_id
 WHERE sp.deleted_at IS NULL AND s.deleted_at IS NULL AND sp.state = 'delivered' AND sp.member_id IS NOT NULL
   AND (?3 IS NULL OR sp.member_id = ?3) AND sp.submitted_date >= ?1 AND sp.submitted_date < ?2
UNION ALL
SELECT d.member_id, 'deed.' || d.kind, 'deed', d.id, d.what, d.deed_date
  FROM member_deeds d
 WHERE d.deleted_at IS NULL AND d.deed_date >= ?1 AND d.deed_date < ?2 AND (?3 IS NULL OR d.member_id = ?3)
";

/// The facts of one member (`?3` a member id: the members' indexes are used) or of all (`?3` NULL).
fn facts_sql(one: bool) -> std::borrow::Cow<'static, str> {
    if one {
        FACTS.replace("?3 IS NULL OR ", "").into()
    } else {
        FACTS.into()
    }
}

/// What a fact counts towards in the ledger's columns and the baseline.
#[derive(Clone, Copy, PartialEq)]
enum Tally {
    Activity,
    Report,
    Proposal,
    Speech,
    Sitting,
    Unexcused,
    UnexcusedPlenary,
    Deed,
    None,
}

fn tally(item: &str) -> Tally {
    if item.starts_with("activity.") {
        if item.ends_with(".report") {
            Tally::None
        } else {
            Tally::Activity
        }
    } else if item == "opinion.submitted" || item == "opinion.co" {
        Tally::Report
    } else if item == "proposal.lead" || item == "proposal.co" {
        Tally::Proposal
    } else if item == "speech.submitted" {
        Tally::Speech
    } else if item.ends_with(".sitting") {
        Tally::Sitting
    } else if item == "absence.plenary.unexcused" {
        Tally::UnexcusedPlenary
    } else if item.starts_with("absence.") && item.ends_with(".unexcused") {
        Tally::Unexcused
    } else if item.starts_with("deed.") {
        Tally::Deed
    } else {
        Tally::None
    }
}

/// Points kept to the hundredth, so that sums compare equal.
pub(crate) fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub(crate) fn bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
}

/// The rules, looked up by item.
pub(crate) struct Rules {
    pub set: Option<ScoreRuleSet>,
    by_item: HashMap<String, (f64, Option<f64>)>,
}

impl Rules {
    pub(crate) fn load(conn: &Connection, year: i32) -> Result<Rules> {
        let set = load(conn, year)?;
        let by_item = set.iter().flat_map(|s| s.rules.iter()).map(|r| (r.item.clone(), (r.points, r.cap))).collect();
        Ok(Rules { set, by_item })
    }

    fn points(&self, item: &str) -> Option<(f64, Option<f64>)> {
        self.by_item.get(item).copied()
    }

    pub(crate) fn grade(&self, points: f64) -> Option<ScoreGrade> {
        let s = self.set.as_ref()?;
        Some(if points >= s.excellent {
            ScoreGrade::Excellent
        } else if points >= s.competent {
            ScoreGrade::Competent
        } else if points >= s.basic {
            ScoreGrade::Basic
        } else {
            ScoreGrade::Unfit
        })
    }
}

/// The points of one member's items: per item (item, raw points, after its cap), the cut for the limit
/// on points added, and the total of the rules (before base and manual entries).
pub(crate) struct Settlement {
    pub items: Vec<(String, f64, f64)>,
    pub bonus_cut: f64,
    pub total: f64,
}

/// Settle a member's counts per item (in a stable order: by item) with the rules.
pub(crate) fn settle(rules: &Rules, counts: &[(&str, f64)]) -> Settlement {
    let mut items = Vec::new();
    let mut bonus = 0.0;
    let mut total = 0.0;
    for &(item, n) in counts {
        let Some((each, cap)) = rules.points(item) else { continue };
        let raw = round(each * n);
        let capped = match cap {
            Some(c) if raw > c => c,
            Some(c) if raw < -c => -c,
            _ => raw,
        };
        if capped > 0.0 {
            bonus += capped;
        }
        total += capped;
        items.push((item.to_string(), raw, capped));
    }
    let max = rules.set.as_ref().and_then(|s| s.max_bonus);
    let bonus_cut = match max {
        Some(m) if bonus > m => round(bonus - m),
        _ => 0.0,
    };
    Settlement { items, bonus_cut, total: round(total - bonus_cut) }
}

pub(crate) struct MemberInfo {
    pub id: String,
    pub name: String,
    pub group: String,
    pub sector: String,
}

pub(crate) fn members(conn: &Connection, only: Option<&str>) -> Result<Vec<MemberInfo>> {
    let mut groups: HashMap<String, String> = HashMap::new();
    {
        // Later terms last, the current one at the very end: the last name written wins.
        let mut st = conn.prepare_cached(
            "SELECT gm.member_id, g.name FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
               JOIN terms t ON t.id = gm.term_id
              WHERE g.deleted_at IS NULL AND (?1 IS NULL OR gm.member_id = ?1)
              ORDER BY t.is_current, t.start_year, g.sort",
        )?;
        let rows = st.query_map([only], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (m, g) = r?;
            groups.insert(m, g);
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT m.id, m.name, COALESCE(s.name, '') FROM members m LEFT JOIN ref_items s ON s.id = m.sector_id
          WHERE m.deleted_at IS NULL AND m.status = 'active' AND (?1 IS NULL OR m.id = ?1)
          ORDER BY m.stroke_key, m.id",
    )?;
    let rows = st.query_map([only], |r| {
        Ok(MemberInfo { id: r.get(0)?, name: r.get(1)?, group: String::new(), sector: r.get(2)? })
    })?;
    let mut out: Vec<MemberInfo> = rows.collect::<rusqlite::Result<_>>()?;
    for m in &mut out {
        if let Some(g) = groups.remove(&m.id) {
            m.group = g;
        }
    }
    Ok(out)
}

fn adjustments_sum(conn: &Connection, year: i32) -> Result<HashMap<String, f64>> {
    let mut st = conn.prepare_cached(
        "SELECT member_id, SUM(points) FROM score_adjustments WHERE year = ?1 AND deleted_at IS NULL GROUP BY member_id",
    )?;
    let rows = st.query_map([year], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per member (by index), the count of facts per item (by interned index).
pub(crate) struct Counts {
    pub items: Vec<String>,
    pub per_member: Vec<Vec<(u32, u32)>>,
}

pub(crate) fn count_facts(
    conn: &Connection,
    year: i32,
    index: &HashMap<&str, usize>,
    n: usize,
    only: Option<&str>,
) -> Result<Counts> {
    let (from, to) = bounds(year);
    let mut items: Vec<String> = Vec::new();
    let mut item_ix: HashMap<String, u32> = HashMap::new();
    let mut per_member: Vec<Vec<(u32, u32)>> = (0..n).map(|_| Vec::new()).collect();
    let mut st = conn.prepare_cached(&facts_sql(only.is_some()))?;
    let mut rows = st.query(params![from, to, only, year])?;
    while let Some(r) = rows.next()? {
        let m = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let Some(&mi) = index.get(m) else { continue };
        let item = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let ii = match item_ix.get(item) {
            Some(&i) => i,
            None => {
                let i = items.len() as u32;
                items.push(item.to_string());
                item_ix.insert(item.to_string(), i);
                i
            }
        };
        let v = &mut per_member[mi];
        match v.iter_mut().find(|(i, _)| *i == ii) {
            Some(e) => e.1 += 1,
            None => v.push((ii, 1)),
        }
    }
    Ok(Counts { items, per_member })
}

/// The counts and baseline of one member from (item, count) pairs.
fn row_from(m: &MemberInfo, rules: &Rules, counts: &[(&str, f64)], points: f64) -> ScoreRow {
    let mut row = ScoreRow {
        member_id: m.id.clone(),
        name: m.name.clone(),
        group: m.group.clone(),
        sector: m.sector.clone(),
        points,
        rank: 0,
        grade: rules.grade(points),
        missed: vec![],
        activities: 0,
        reports: 0,
        proposals: 0,
        speeches: 0,
        sittings: 0,
        absences: 0,
    };
    let mut unexcused_plenary = 0;
    for &(item, n) in counts {
        let n = n as u32;
        match tally(item) {
            Tally::Activity => row.activities += n,
            Tally::Report => row.reports += n,
            Tally::Proposal => row.proposals += n,
            Tally::Speech => row.speeches += n,
            Tally::Sitting => row.sittings += n,
            Tally::Unexcused => row.absences += n,
            Tally::UnexcusedPlenary => {
                row.absences += n;
                unexcused_plenary += n
            }
            Tally::Deed | Tally::None => {}
        }
    }
    if let Some(s) = &rules.set {
        for b in &s.baseline {
            let missed = match b {
                ScoreBaseline::Activity => row.activities == 0,
                ScoreBaseline::Report => row.reports == 0,
                ScoreBaseline::Proposal => row.proposals == 0,
                ScoreBaseline::Plenary => unexcused_plenary > 0,
            };
            if missed {
                row.missed.push(*b);
            }
        }
    }
    row
}

/// Ranks by points, ties sharing a rank (1, 1, 3); the order within a tie stays the roster's.
fn rank(rows: &mut [ScoreRow]) {
    rows.sort_by(|a, b| b.points.partial_cmp(&a.points).unwrap_or(std::cmp::Ordering::Equal));
    let mut prev: Option<f64> = None;
    let mut rank = 0;
    for (i, r) in rows.iter_mut().enumerate() {
        if prev != Some(r.points) {
            rank = i as u32 + 1;
            prev = Some(r.points);
        }
        r.rank = rank;
    }
}

/// The whole year's ledger.
pub(crate) fn ledger(conn: &Connection, year: i32) -> Result<ScoreLedger> {
    let rules = Rules::load(conn, year)?;
    let ms = members(conn, None)?;
    let index: HashMap<&str, usize> = ms.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let counts = count_facts(conn, year, &index, ms.len(), None)?;
    let adj = adjustments_sum(conn, year)?;
    let base = rules.set.as_ref().map(|s| s.base).unwrap_or(0.0);
    let mut rows = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        let mut c: Vec<(&str, f64)> =
            counts.per_member[i].iter().map(|&(ii, n)| (counts.items[ii as usize].as_str(), n as f64)).collect();
        c.sort_by(|a, b| a.0.cmp(b.0));
        let s = settle(&rules, &c);
        let manual = adj.get(&m.id).copied().unwrap_or(0.0);
        let points = if rules.set.is_some() { round(base + s.total + manual) } else { 0.0 };
        rows.push(row_from(m, &rules, &c, points));
    }
    rank(&mut rows);
    let count = |g: ScoreGrade| rows.iter().filter(|r| r.grade == Some(g)).count() as u32;
    Ok(ScoreLedger {
        year,
        has_rules: rules.set.is_some(),
        excellent: count(ScoreGrade::Excellent),
        competent: count(ScoreGrade::Competent),
        basic: count(ScoreGrade::Basic),
        unfit: count(ScoreGrade::Unfit),
        rows,
    })
}

/// One fact with its record, for a member's explanation.
struct Fact {
    item: String,
    record_kind: String,
    record_id: String,
    title: String,
    date: String,
}

fn member_facts(conn: &Connection, year: i32, member_id: &str) -> Result<Vec<Fact>> {
    let (from, to) = bounds(year);
    let mut st = conn.prepare_cached(&facts_sql(true))?;
    let rows = st.query_map(params![from, to, member_id, year], |r| {
        Ok(Fact {
            item: r.get(1)?,
            record_kind: r.get(2)?,
            record_id: r.get(3)?,
            title: r.get(4)?,
            date: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        })
    })?;
    let mut out: Vec<Fact> = rows.collect::<rusqlite::Result<_>>()?;
    // By item, then date and record (an ORDER BY on the compound query would cost the indexes).
    out.sort_by(|a, b| (&a.item, &a.date, &a.record_id).cmp(&(&b.item, &b.date, &b.record_id)));
    Ok(out)
}

fn label_of(item: &str) -> String {
    item_label(item).map(|(l, _)| l).unwrap_or_else(|| item.to_string())
}

impl Db {
    /// The year's ledger: every active member's points, rank, grade and missed baseline items.
    pub fn score_ledger(&self, year: i32) -> Result<ScoreLedger> {
        Ok((*self.ledger_of(year)?).clone())
    }

    /// The year's ledger computed afresh, whatever was computed before (the benchmark's full recompute).
    pub fn recompute_score_ledger(&self, year: i32) -> Result<ScoreLedger> {
        ledger(&self.conn, year)
    }

    /// The year's ledger, computed once per database state: the state is this connection's count of
    /// changes and SQLite's `data_version` (which moves when another connection commits), so any write
    /// — a record, a rule, an exchange import — makes it computed again. The ranking and then a
    /// member's explained points (the drawer) cost one computation, not two.
    pub(crate) fn ledger_of(&self, year: i32) -> Result<std::sync::Arc<ScoreLedger>> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let state = (version, self.conn.total_changes());
        if let Some((y, s, l)) = self.ledger_cache.borrow().as_ref() {
            if *y == year && *s == state {
                return Ok(l.clone());
            }
        }
        let l = std::sync::Arc::new(ledger(&self.conn, year)?);
        *self.ledger_cache.borrow_mut() = Some((year, state, l.clone()));
        Ok(l)
    }

    /// A member's points for a year, every point explained (which record, which rule, how many); the
    /// items sum to the points. None for a member not on the ledger (deleted or left).
    pub fn member_score(&self, member_id: &str, year: i32) -> Result<Option<MemberScore>> {
        let all = self.ledger_of(year)?;
        self.member_score_with(&all, member_id)
    }

    /// `member_score` with the year's ledger already read (`score_ledger`): for many members at once
    /// (the performance files), one ledger and one indexed query per member.
    pub fn member_score_with(&self, all: &ScoreLedger, member_id: &str) -> Result<Option<MemberScore>> {
        let year = all.year;
        let Some(row) = all.rows.iter().find(|r| r.member_id == member_id).cloned() else {
            if !crate::db::exists(&self.conn, "SELECT 1 FROM members WHERE id = ?1", [member_id])? {
                return Err(Error::NotFound("该委员不存在".into()));
            }
            return Ok(None);
        };
        let rules = Rules::load(&self.conn, year)?;
        let facts = member_facts(&self.conn, year, member_id)?;
        let mut counts: Vec<(&str, f64)> = Vec::new();
        for f in &facts {
            match counts.last_mut() {
                Some((i, n)) if *i == f.item => *n += 1.0,
                _ => counts.push((f.item.as_str(), 1.0)),
            }
        }
        let adjustments = self.score_adjustments(year, Some(member_id))?;
        let mut items = Vec::new();
        if let Some(set) = &rules.set {
            items.push(ScoreItem {
                item: "base".into(),
                label: "基础分".into(),
                record_kind: String::new(),
                record_id: String::new(),
                record_title: String::new(),
                date: String::new(),
                count: 1.0,
                points_each: set.base,
                points: set.base,
            });
            let mut s = settle(&rules, &counts);
            s.items.sort_by_key(|(item, _, _)| super::rules::order(item));
            for (item, raw, capped) in &s.items {
                let (each, cap) = rules.points(item).expect("settled items have a rule");
                let label = label_of(item);
                for f in facts.iter().filter(|f| &f.item == item) {
                    items.push(ScoreItem {
                        item: item.clone(),
                        label: label.clone(),
                        record_kind: f.record_kind.clone(),
                        record_id: f.record_id.clone(),
                        record_title: f.title.clone(),
                        date: f.date.clone(),
                        count: 1.0,
                        points_each: each,
                        points: each,
                    });
                }
                if capped != raw {
                    let c = cap.unwrap_or(0.0);
                    items.push(ScoreItem {
                        item: format!("cap.{item}"),
                        label: format!(
                            "{label}{}不超过 {} 分",
                            if is_deduction(item) { "：扣分" } else { "：全年" },
                            super::fmt_points(c)
                        ),
                        record_kind: String::new(),
                        record_id: String::new(),
                        record_title: format!(
                            "按上限计，合计 {} 分改为 {} 分",
                            super::fmt_points(*raw),
                            super::fmt_points(*capped)
                        ),
                        date: String::new(),
                        count: 1.0,
                        points_each: round(capped - raw),
                        points: round(capped - raw),
                    });
                }
            }
            if s.bonus_cut > 0.0 {
                items.push(ScoreItem {
                    item: "max_bonus".into(),
                    label: format!("加分上限 {} 分", super::fmt_points(set.max_bonus.unwrap_or(0.0))),
                    record_kind: String::new(),
                    record_id: String::new(),
                    record_title: "超出部分不计".into(),
                    date: String::new(),
                    count: 1.0,
                    points_each: -s.bonus_cut,
                    points: -s.bonus_cut,
                });
            }
            for a in &adjustments {
                items.push(ScoreItem {
                    item: "manual".into(),
                    label: format!("手工加减分：{}", a.kind.label()),
                    record_kind: "adjustment".into(),
                    record_id: a.id.clone(),
                    record_title: a.reason.clone(),
                    date: a.entry_date.clone().unwrap_or_default(),
                    count: 1.0,
                    points_each: a.points,
                    points: a.points,
                });
            }
        }
        Ok(Some(MemberScore { year, row, items, adjustments }))
    }

    /// The members listed as not performing (未履职委员) for the chair: nothing at all in the year (no
    /// activity, sitting, report, proposal, speech or deed), or two or more unexcused absences.
    pub fn idle_members(&self, year: i32) -> Result<Vec<IdleMember>> {
        let (from, to) = bounds(year);
        let deeds: std::collections::HashSet<String> = {
            let mut st = self.conn.prepare_cached(
                "SELECT DISTINCT member_id FROM member_deeds WHERE deleted_at IS NULL AND deed_date >= ?1 AND deed_date < ?2",
            )?;
            let rows = st.query_map([from, to], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        let mut rows = self.ledger_of(year)?.rows.clone();
        // Lowest points first; a tie keeps the roster's order.
        rows.sort_by(|a, b| a.points.partial_cmp(&b.points).unwrap_or(std::cmp::Ordering::Equal));
        for row in rows {
            let mut reasons = Vec::new();
            let nothing = row.activities + row.reports + row.proposals + row.speeches + row.sittings == 0
                && !deeds.contains(&row.member_id);
            if nothing {
                reasons.push("全年未参加活动和会议，未报送社情民意、提案和大会发言".to_string());
            }
            if row.absences >= 2 {
                reasons.push(format!("无故缺席 {} 次", row.absences));
            }
            if !reasons.is_empty() {
                out.push(IdleMember { row, reasons });
            }
        }
        Ok(out)
    }
}
