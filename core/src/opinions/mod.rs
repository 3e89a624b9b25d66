//! Public-opinion reports (社情民意信息) and the bulletin 《社情民意》.
//!
//! A report is sent by one or more members (the first is the 第一报送人, the rest 联名), a liaison group, a
//! party or a sector; it has a title (关于……的建议), the situation, the problem and the suggestion, a
//! sector and topic tags. Its states (`OpinionState`): 暂存 → 提交 → 核稿 (the edited text beside the
//! original, the editor and the date; a printable 核稿单) → 采用 (区 / 市 / 省 / 全国; 单篇 / 综合) or
//! 留存 → 批示 (several) → 转办 → 办复 → 反馈. Every step is one transaction with its audit entry; a step
//! out of order is refused with a sentence that says what to do first. Several reports merge into a
//! combined one (综合) that keeps the links to its sources (`merge`). `opinion_from` makes a report from
//! another record (a proposal not accepted). Bulletin issues (`bulletin`) are compiled from adopted
//! reports; `documents` writes the register, the 核稿单 and the bulletin (.docx and PDF).

pub(crate) mod bulletin;
pub(crate) mod demo;
pub mod documents;
mod merge;
pub mod types;

pub use types::*;

use crate::dates::{fmt_date, parse_date, today};
use crate::db::{actor, audit, changes, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::{code, opt_code};
use crate::trash;
use crate::validate::Errs;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::json;

/// The state of a report the rules look at.
pub(crate) struct St {
    pub title: String,
    pub state: OpinionState,
    pub deleted: bool,
    pub combined: bool,
    pub adopted: bool,
    /// The live combined report it was merged into (its title).
    pub merged_into: Option<String>,
}

impl St {
    pub fn load(conn: &Connection, id: &str) -> Result<St> {
        conn.prepare_cached(
            "SELECT COALESCE(NULLIF(o.edited_title, ''), o.title), o.state, o.deleted_at IS NOT NULL, o.combined,
                    o.adopted_at IS NOT NULL, COALESCE(NULLIF(m.edited_title, ''), m.title)
             FROM opinions o LEFT JOIN opinions m ON m.id = o.merged_into AND m.deleted_at IS NULL
             WHERE o.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(St {
                title: r.get(0)?,
                state: code(r, 1, OpinionState::parse)?,
                deleted: r.get(2)?,
                combined: r.get(3)?,
                adopted: r.get(4)?,
                merged_into: r.get(5)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("该社情民意信息不存在".into()))
    }

    /// Refuse changes to a deleted report.
    pub fn live(self) -> Result<St> {
        if self.deleted {
            return Err(Error::Conflict(format!("社情民意信息“{}”已删除，请先恢复再操作", self.title)));
        }
        Ok(self)
    }

    /// Refuse `what` unless the report is in one of `from`; the message says what comes first.
    pub fn must_be(self, from: &[OpinionState], what: &str) -> Result<St> {
        if from.contains(&self.state) {
            return Ok(self);
        }
        use OpinionState::*;
        let t = &self.title;
        if from == [Draft] {
            let hint = if what == "修改原文" {
                "：原稿已提交，如需修改，请在核稿中修改，或退回报送人"
            } else {
                ""
            };
            return Err(Error::Conflict(format!("信息“{t}”当前为“{}”，不能{what}{hint}", self.state.label())));
        }
        let why = match self.state {
            Draft => format!("信息“{t}”尚未提交（暂存），不能{what}：请先提交"),
            Submitted if from.contains(&Editing) => format!("信息“{t}”尚未核稿，不能{what}：请先核稿"),
            Submitted => format!("信息“{t}”已提交、尚未采用，不能{what}：请先核稿并采用"),
            Editing => format!("信息“{t}”正在核稿、尚未采用，不能{what}：请先采用"),
            Retained => format!("信息“{t}”已留存（未采用），不能{what}"),
            s => format!("信息“{t}”当前为“{}”，不能{what}", s.label()),
        };
        Err(Error::Conflict(why))
    }
}

/// The columns of an OpinionRow, in the order `read_row` reads them.
pub(crate) const ROW_SELECT: &str =
    "SELECT o.id, COALESCE(NULLIF(o.edited_title, ''), o.title), o.report_date, o.state,
        COALESCE((SELECT group_concat(name, '、') FROM
                   (SELECT name FROM opinion_submitters s WHERE s.opinion_id = o.id ORDER BY s.seq)), ''),
        COALESCE(sec.name, ''), o.topics, o.adopted_level, o.adopted_form, o.combined,
        COALESCE(NULLIF(mo.edited_title, ''), mo.title),
        (SELECT COUNT(*) FROM opinion_instructions i WHERE i.opinion_id = o.id AND i.deleted_at IS NULL),
        (SELECT b.year || '年第' || b.number || '期' FROM bulletin_items bi JOIN bulletin_issues b ON b.id = bi.issue_id
          WHERE bi.opinion_id = o.id AND b.deleted_at IS NULL LIMIT 1),
        o.deleted_at IS NOT NULL
     FROM opinions o
     LEFT JOIN ref_items sec ON sec.id = o.sector_id
     LEFT JOIN opinions mo ON mo.id = o.merged_into AND mo.deleted_at IS NULL";

/// Newest first, undated last.
pub(crate) const ROW_ORDER: &str = "o.report_date IS NULL, o.report_date DESC, o.created_at DESC, o.id";

pub(crate) fn split_topics(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', ' ']).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

pub(crate) fn read_row(r: &rusqlite::Row) -> rusqlite::Result<OpinionRow> {
    Ok(OpinionRow {
        id: r.get(0)?,
        title: r.get(1)?,
        date: r.get(2)?,
        state: code(r, 3, OpinionState::parse)?,
        submitters: r.get(4)?,
        sector: r.get(5)?,
        topics: split_topics(&r.get::<_, String>(6)?),
        adopted_level: opt_code(r, 7, OpinionLevel::parse)?,
        adopted_form: opt_code(r, 8, AdoptForm::parse)?,
        combined: r.get(9)?,
        merged_into: r.get(10)?,
        instructions: r.get(11)?,
        issue: r.get(12)?,
        deleted: r.get(13)?,
    })
}

/// The WHERE clause over `opinions o` (no joins needed) and its arguments; the state filter apart, so
/// that the counts by state can share the rest.
fn query_filter(q: &OpinionQuery) -> (Vec<String>, Vec<Value>) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: String, args: &mut Vec<Value>| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    wh.push(if q.deleted { "o.deleted_at IS NOT NULL".into() } else { "o.deleted_at IS NULL".into() });
    if let Some(y) = q.year {
        let a = arg(format!("{y:04}-01-01"), &mut args);
        let b = arg(format!("{y:04}-12-31"), &mut args);
        wh.push(format!("o.report_date BETWEEN {a} AND {b}"));
    }
    if let Some(m) = &q.member_id {
        let p = arg(m.clone(), &mut args);
        wh.push(format!("o.id IN (SELECT opinion_id FROM opinion_submitters WHERE member_id = {p})"));
    }
    if let Some(g) = &q.group_id {
        let p = arg(g.clone(), &mut args);
        wh.push(format!(
            "o.id IN (SELECT opinion_id FROM opinion_submitters WHERE group_id = {p}
                      UNION SELECT s.opinion_id FROM opinion_submitters s JOIN group_members gm ON gm.member_id = s.member_id
                      WHERE gm.group_id = {p})"
        ));
    }
    if let Some(s) = &q.sector_id {
        let p = arg(s.clone(), &mut args);
        wh.push(format!(
            "(o.sector_id = {p} OR o.id IN (SELECT opinion_id FROM opinion_submitters WHERE ref_id = {p}
                      UNION SELECT s.opinion_id FROM opinion_submitters s JOIN members m ON m.id = s.member_id
                      WHERE m.sector_id = {p}))"
        ));
    }
    let s = q.search.trim();
    if !s.is_empty() {
        let p = arg(format!("%{}%", s.replace(['%', '_'], "")), &mut args);
        wh.push(format!(
            "(o.title LIKE {p} OR o.edited_title LIKE {p} OR o.situation LIKE {p} OR o.problem LIKE {p}
              OR o.suggestion LIKE {p} OR o.topics LIKE {p}
              OR o.id IN (SELECT opinion_id FROM opinion_submitters WHERE name LIKE {p}))"
        ));
    }
    if q.unpublished {
        wh.push(
            "(o.state IN ('adopted','instructed','transferred','replied') OR (o.state = 'fed_back' AND o.adopted_at IS NOT NULL))
             AND o.id NOT IN (SELECT bi.opinion_id FROM bulletin_items bi JOIN bulletin_issues b ON b.id = bi.issue_id
                              WHERE b.deleted_at IS NULL)
             AND NOT EXISTS (SELECT 1 FROM opinions c WHERE c.id = o.merged_into AND c.deleted_at IS NULL)"
                .into(),
        );
    }
    (wh, args)
}

pub(crate) fn row_in(conn: &Connection, id: &str) -> Result<OpinionRow> {
    conn.prepare_cached(&format!("{ROW_SELECT} WHERE o.id = ?1"))?
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("该社情民意信息不存在".into()))
}

pub(crate) fn submitters_in(conn: &Connection, id: &str) -> Result<Vec<Submitter>> {
    let mut st = conn.prepare_cached(
        "SELECT kind, COALESCE(member_id, group_id, ref_id), name, role FROM opinion_submitters
         WHERE opinion_id = ?1 ORDER BY seq",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(Submitter {
            kind: code(r, 0, ReportSubmitterKind::parse)?,
            id: r.get(1)?,
            name: r.get(2)?,
            role: code(r, 3, SubmitterRole::parse)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The submitters' names, 、-joined.
pub(crate) fn submitter_names(list: &[Submitter]) -> String {
    list.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、")
}

/// Look up each submitter's name (refusing one that is gone); the first member is the first submitter.
fn resolve_submitters(conn: &Connection, e: &mut Errs, list: &[ReportSubmitterInput]) -> Result<Vec<Submitter>> {
    let mut out: Vec<Submitter> = Vec::new();
    let mut first_member = true;
    for (i, s) in list.iter().enumerate() {
        if out.iter().any(|o| o.kind == s.kind && o.id == s.id) {
            continue;
        }
        let (sql, what) = match s.kind {
            ReportSubmitterKind::Member => ("SELECT name FROM members WHERE id = ?1 AND deleted_at IS NULL", "委员"),
            ReportSubmitterKind::Group => {
                ("SELECT name FROM liaison_groups WHERE id = ?1 AND deleted_at IS NULL", "联络组")
            }
            ReportSubmitterKind::Party => {
                ("SELECT name FROM ref_items WHERE id = ?1 AND kind = 'party' AND deleted_at IS NULL", "党派")
            }
            ReportSubmitterKind::Sector => {
                ("SELECT name FROM ref_items WHERE id = ?1 AND kind = 'sector' AND deleted_at IS NULL", "界别")
            }
        };
        let name: Option<String> = conn.prepare_cached(sql)?.query_row([&s.id], |r| r.get(0)).optional()?;
        match name {
            None => e.push(&format!("submitters[{i}]"), format!("第 {} 个报送人（{what}）已不存在，请重新选择", i + 1)),
            Some(name) => {
                let role = if s.kind == ReportSubmitterKind::Member && !first_member {
                    SubmitterRole::Co
                } else {
                    SubmitterRole::First
                };
                if s.kind == ReportSubmitterKind::Member {
                    first_member = false;
                }
                out.push(Submitter { kind: s.kind, id: s.id.clone(), name, role });
            }
        }
    }
    Ok(out)
}

pub(crate) fn write_submitters(tx: &Connection, id: &str, list: &[Submitter]) -> Result<()> {
    tx.prepare_cached("DELETE FROM opinion_submitters WHERE opinion_id = ?1")?.execute([id])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, group_id, ref_id, role, name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, s) in list.iter().enumerate() {
        let (m, g, r) = match s.kind {
            ReportSubmitterKind::Member => (Some(&s.id), None, None),
            ReportSubmitterKind::Group => (None, Some(&s.id), None),
            ReportSubmitterKind::Party | ReportSubmitterKind::Sector => (None, None, Some(&s.id)),
        };
        st.execute(params![id, i as i64, s.kind.as_str(), m, g, r, s.role.as_str(), s.name])?;
    }
    Ok(())
}

/// A date field: normalised, today when empty and `default_today`.
fn date_or_today(e: &mut Errs, field: &str, label: &str, s: &mut String) {
    if s.trim().is_empty() {
        *s = fmt_date(today());
    } else {
        e.date(field, label, s);
    }
}

/// Check and normalise a report's form (the submitter's text); problems at their fields.
fn check_input(conn: &Connection, i: &mut OpinionInput) -> Result<(Errs, Vec<Submitter>)> {
    let mut e = Errs::new();
    for s in [&mut i.title, &mut i.situation, &mut i.problem, &mut i.suggestion] {
        *s = s.trim().to_string();
    }
    if i.title.is_empty() {
        e.push("title", "请填写标题（如：关于……的建议）");
    } else if i.title.chars().count() > 80 {
        e.push("title", "标题过长，请不超过 80 个字");
    }
    e.date("date", "日期", &mut i.date);
    if i.sector_id.as_deref().map(str::is_empty).unwrap_or(false) {
        i.sector_id = None;
    }
    if let Some(s) = &i.sector_id {
        if !exists(conn, "SELECT 1 FROM ref_items WHERE id = ?1 AND kind = 'sector' AND deleted_at IS NULL", [s])? {
            e.push("sector_id", "所选界别已不存在，请重新选择");
        }
    }
    i.topics = i.topics.iter().flat_map(|t| split_topics(t)).collect();
    i.topics.dedup();
    let subs = resolve_submitters(conn, &mut e, &i.submitters)?;
    Ok((e, subs))
}

fn snapshot(i: &OpinionInput, subs: &[Submitter]) -> serde_json::Value {
    json!({
        "title": i.title, "date": i.date, "situation": i.situation, "problem": i.problem,
        "suggestion": i.suggestion, "sector_id": i.sector_id, "topics": i.topics.join("、"),
        "submitters": submitter_names(subs),
    })
}

fn opt(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Write a new report (or its draft's text) in `tx`; returns its id.
fn write_new(tx: &Connection, i: &OpinionInput, subs: &[Submitter], state: OpinionState, t: &str) -> Result<String> {
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO opinions (id, title, situation, problem, suggestion, report_date, sector_id, topics, state,
                               submitted_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        id,
        i.title,
        i.situation,
        i.problem,
        i.suggestion,
        opt(&i.date),
        i.sector_id,
        i.topics.join("、"),
        state.as_str(),
        (state != OpinionState::Draft).then(|| fmt_date(today())),
        t
    ])?;
    write_submitters(tx, &id, subs)?;
    Ok(id)
}

/// What a report needs before it goes to the office: a title, a submitter, some text.
fn check_complete(e: &mut Errs, title: &str, parts: [&str; 3], submitters: usize) {
    if title.trim().is_empty() {
        e.push("title", "请填写标题");
    }
    if submitters == 0 {
        e.push("submitters", "请至少选择一个报送人（委员、联络组、党派或界别）");
    }
    if parts.iter().all(|p| p.trim().is_empty()) {
        e.push("situation", "请填写情况、问题或建议中的至少一项");
    }
}

fn input_of(conn: &Connection, id: &str) -> Result<OpinionInput> {
    let subs = submitters_in(conn, id)?;
    conn.prepare_cached(
        "SELECT title, COALESCE(report_date, ''), situation, problem, suggestion, sector_id, topics FROM opinions WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(OpinionInput {
            id: Some(id.to_string()),
            title: r.get(0)?,
            date: r.get(1)?,
            situation: r.get(2)?,
            problem: r.get(3)?,
            suggestion: r.get(4)?,
            sector_id: r.get(5)?,
            topics: split_topics(&r.get::<_, String>(6)?),
            submitters: subs.iter().map(|s| ReportSubmitterInput { kind: s.kind, id: s.id.clone() }).collect(),
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound("该社情民意信息不存在".into()))
}

/// The steps a report in `st` can take next.
fn next_steps(st: &St) -> Vec<OpinionStep> {
    use OpinionState::*;
    use OpinionStep as S;
    if st.deleted {
        return vec![];
    }
    let merged = st.merged_into.is_some();
    match st.state {
        Draft => vec![S::Edit, S::Submit],
        Submitted if merged => vec![],
        Editing if merged => vec![],
        Submitted => vec![S::Review, S::Retain, S::Return],
        Editing => vec![S::Review, S::Adopt, S::Retain, S::Return],
        Adopted => vec![S::Instruct, S::Transfer, S::Feedback],
        Instructed => vec![S::Instruct, S::Transfer, S::Feedback],
        Transferred => vec![S::Instruct, S::Reply, S::Feedback],
        Replied => vec![S::Instruct, S::Feedback],
        Retained => vec![S::Feedback],
        FedBack if st.adopted => vec![S::Instruct],
        FedBack => vec![],
    }
}

impl Db {
    /// Reports matching a query (newest first), with the counts by state of the same filter.
    pub fn opinions(&self, q: &OpinionQuery) -> Result<OpinionList> {
        let (mut wh, mut args) = query_filter(q);
        let mut counts = Vec::new();
        let mut total = 0;
        {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT o.state, COUNT(*) FROM opinions o WHERE {} GROUP BY o.state",
                wh.join(" AND ")
            ))?;
            let mut found = std::collections::HashMap::new();
            for r in
                st.query_map(params_from_iter(args.iter()), |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?)))?
            {
                let (s, n) = r?;
                found.insert(s, n);
            }
            for s in OpinionState::ALL {
                let n = found.get(s.as_str()).copied().unwrap_or(0);
                total += n;
                counts.push(OpinionStateCount { state: *s, count: n });
            }
        }
        if let Some(s) = q.state {
            args.push(Value::Text(s.as_str().into()));
            wh.push(format!("o.state = ?{}", args.len()));
        }
        let mut st =
            self.conn.prepare_cached(&format!("{ROW_SELECT} WHERE {} ORDER BY {ROW_ORDER}", wh.join(" AND ")))?;
        let rows = st.query_map(params_from_iter(args.iter()), read_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(OpinionList { rows, counts, total })
    }

    /// Everything about one report (deleted ones too).
    pub fn opinion(&self, id: &str) -> Result<OpinionDetail> {
        let row = row_in(&self.conn, id)?;
        let st = St::load(&self.conn, id)?;
        let submitters = submitters_in(&self.conn, id)?;
        let mut d = self.conn.prepare_cached(
            "SELECT title, situation, problem, suggestion, edited_title, edited_situation, edited_problem, edited_suggestion,
                    editor, edited_at, edit_note, sector_id, submitted_at, adopted_at, adopted_by, retained_at, department,
                    transferred_at, reply, replied_at, feedback, fed_back_at, returned_reason, merged_into, source_kind,
                    source_id, created_at, updated_at,
                    (SELECT bi.issue_id FROM bulletin_items bi JOIN bulletin_issues b ON b.id = bi.issue_id
                      WHERE bi.opinion_id = opinions.id AND b.deleted_at IS NULL LIMIT 1)
             FROM opinions WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(OpinionDetail {
                row: row.clone(),
                original: OpinionText { title: r.get(0)?, situation: r.get(1)?, problem: r.get(2)?, suggestion: r.get(3)? },
                edited: OpinionText { title: r.get(4)?, situation: r.get(5)?, problem: r.get(6)?, suggestion: r.get(7)? },
                editor: r.get(8)?,
                edited_at: r.get(9)?,
                edit_note: r.get(10)?,
                sector_id: r.get(11)?,
                submitters: submitters.clone(),
                submitted_at: r.get(12)?,
                adopted_at: r.get(13)?,
                adopted_by: r.get(14)?,
                retained_at: r.get(15)?,
                instructions: vec![],
                department: r.get(16)?,
                transferred_at: r.get(17)?,
                reply: r.get(18)?,
                replied_at: r.get(19)?,
                feedback: r.get(20)?,
                fed_back_at: r.get(21)?,
                returned_reason: r.get(22)?,
                sources: vec![],
                merged_into_id: r.get(23)?,
                source_kind: r.get(24)?,
                source_id: r.get(25)?,
                issue_id: r.get(28)?,
                next: vec![],
                created_at: r.get(26)?,
                updated_at: r.get(27)?,
            })
        })?;
        let mut st2 = self.conn.prepare_cached(
            "SELECT id, leader, level, date, text FROM opinion_instructions
             WHERE opinion_id = ?1 AND deleted_at IS NULL ORDER BY date, created_at",
        )?;
        d.instructions = st2
            .query_map([id], |r| {
                Ok(Instruction {
                    id: r.get(0)?,
                    leader: r.get(1)?,
                    level: code(r, 2, OpinionLevel::parse)?,
                    date: r.get(3)?,
                    text: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.sources = merge::sources_in(&self.conn, id)?;
        d.next = next_steps(&st);
        Ok(d)
    }

    /// Create a report (暂存) or change a draft's text and submitters. Checks everything first.
    pub fn save_opinion(&mut self, mut input: OpinionInput) -> Result<OpinionDetail> {
        let (e, subs) = check_input(&self.conn, &mut input)?;
        let old = match &input.id {
            Some(id) => {
                St::load(&self.conn, id)?.live()?.must_be(&[OpinionState::Draft], "修改原文")?;
                Some(input_of(&self.conn, id)?)
            }
            None => None,
        };
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let id = match &input.id {
            None => write_new(&tx, &input, &subs, OpinionState::Draft, &t)?,
            Some(id) => {
                tx.prepare_cached(
                    "UPDATE opinions SET title = ?2, situation = ?3, problem = ?4, suggestion = ?5, report_date = ?6,
                            sector_id = ?7, topics = ?8, updated_at = ?9 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    input.title,
                    input.situation,
                    input.problem,
                    input.suggestion,
                    opt(&input.date),
                    input.sector_id,
                    input.topics.join("、"),
                    t
                ])?;
                write_submitters(&tx, id, &subs)?;
                id.clone()
            }
        };
        let old_snap = match &old {
            Some(o) => Some(snapshot(o, &resolve_submitters(&tx, &mut Errs::new(), &o.submitters)?)),
            None => None,
        };
        let ch = changes(old_snap.as_ref(), &snapshot(&input, &subs));
        audit(&tx, "opinion", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
        crate::search::index(&tx, crate::search::SearchKind::Opinion, &id)?;
        tx.commit()?;
        self.opinion(&id)
    }

    /// Make a report from another record in the caller's transaction (a proposal not accepted becomes a
    /// 社情民意 report: `source_kind` "proposal"): checked like the form, written as 已提交 (it was sent
    /// once already), linked to its source, with its audit entry. Returns the new report's id.
    pub fn opinion_from(
        tx: &Connection,
        mut draft: OpinionInput,
        source_kind: &str,
        source_id: &str,
    ) -> Result<String> {
        draft.id = None;
        if draft.date.trim().is_empty() {
            draft.date = fmt_date(today());
        }
        let (mut e, subs) = check_input(tx, &mut draft)?;
        check_complete(&mut e, &draft.title, [&draft.situation, &draft.problem, &draft.suggestion], subs.len());
        if source_kind.trim().is_empty() || source_id.trim().is_empty() {
            e.push("source", "请说明这条信息由哪一条记录转来");
        }
        e.done()?;
        let id = write_new(tx, &draft, &subs, OpinionState::Submitted, &now())?;
        tx.prepare_cached("UPDATE opinions SET source_kind = ?2, source_id = ?3 WHERE id = ?1")?.execute(params![
            id,
            source_kind,
            source_id
        ])?;
        let mut ch = changes(None, &snapshot(&draft, &subs));
        ch["state"] = json!([null, OpinionState::Submitted.label()]);
        ch["source"] = json!([null, format!("{source_kind}:{source_id}")]);
        audit(tx, "opinion", &id, "create_from", &ch)?;
        crate::search::index(tx, crate::search::SearchKind::Opinion, &id)?;
        Ok(id)
    }

    /// One step of the workflow: refuse it unless the report is in one of `from`, then in one transaction
    /// set the columns, the state (`to`, or unchanged) and write the audit entry.
    #[allow(clippy::too_many_arguments)]
    fn opinion_step(
        &mut self,
        id: &str,
        from: &[OpinionState],
        to: Option<OpinionState>,
        what: &str,
        action: &str,
        sets: &[(&str, rusqlite::types::Value)],
        audit_fields: serde_json::Value,
    ) -> Result<OpinionDetail> {
        let st = St::load(&self.conn, id)?.live()?.must_be(from, what)?;
        let tx = self.conn.transaction()?;
        let mut sql = String::from("UPDATE opinions SET updated_at = ?2");
        let mut args: Vec<Value> = vec![Value::Text(id.into()), Value::Text(now())];
        if let Some(to) = to {
            args.push(Value::Text(to.as_str().into()));
            sql.push_str(&format!(", state = ?{}", args.len()));
        }
        for (col, v) in sets {
            args.push(v.clone());
            sql.push_str(&format!(", {col} = ?{}", args.len()));
        }
        sql.push_str(" WHERE id = ?1");
        tx.execute(&sql, params_from_iter(args.iter()))?;
        let mut ch = audit_fields;
        if let Some(to) = to {
            if to != st.state {
                ch["state"] = json!([st.state.label(), to.label()]);
            }
        }
        ch["title"] = json!([st.title, st.title]);
        audit(&tx, "opinion", id, action, &ch)?;
        crate::search::index(&tx, crate::search::SearchKind::Opinion, id)?;
        tx.commit()?;
        self.opinion(id)
    }

    /// 提交: a draft goes to the office (it needs a title, a submitter and some text).
    pub fn submit_opinion(&mut self, id: &str) -> Result<OpinionDetail> {
        St::load(&self.conn, id)?.live()?.must_be(&[OpinionState::Draft], "提交")?;
        let i = input_of(&self.conn, id)?;
        let mut e = Errs::new();
        check_complete(&mut e, &i.title, [&i.situation, &i.problem, &i.suggestion], i.submitters.len());
        e.done()?;
        let date = if i.date.is_empty() { Some(fmt_date(today())) } else { None };
        let mut sets =
            vec![("submitted_at", Value::Text(fmt_date(today()))), ("returned_reason", Value::Text(String::new()))];
        if let Some(d) = &date {
            sets.push(("report_date", Value::Text(d.clone())));
        }
        self.opinion_step(id, &[OpinionState::Draft], Some(OpinionState::Submitted), "提交", "submit", &sets, json!({}))
    }

    /// 退回: a submitted report goes back to its submitter (暂存) with the reason.
    pub fn return_opinion(&mut self, id: &str, mut input: StepInput) -> Result<OpinionDetail> {
        input.text = input.text.trim().to_string();
        if input.text.is_empty() {
            return Err(Error::field("text", "请填写退回的原因"));
        }
        let st = St::load(&self.conn, id)?;
        if let Some(c) = &st.merged_into {
            return Err(Error::Conflict(format!("信息“{}”已并入综合信息“{c}”，不能退回", st.title)));
        }
        let text = input.text.clone();
        self.opinion_step(
            id,
            &[OpinionState::Submitted, OpinionState::Editing],
            Some(OpinionState::Draft),
            "退回",
            "return",
            &[("returned_reason", Value::Text(input.text)), ("submitted_at", Value::Null)],
            json!({ "returned_reason": ["", text] }),
        )
    }

    /// 核稿: the edited text beside the original, the editor and the date (and a note). Empty parts of
    /// the edited text are the original's.
    pub fn review_opinion(&mut self, id: &str, mut input: ReviewInput) -> Result<OpinionDetail> {
        let st =
            St::load(&self.conn, id)?.live()?.must_be(&[OpinionState::Submitted, OpinionState::Editing], "核稿")?;
        if let Some(c) = &st.merged_into {
            return Err(Error::Conflict(format!("信息“{}”已并入综合信息“{c}”，请对综合信息核稿", st.title)));
        }
        let orig = input_of(&self.conn, id)?;
        let mut e = Errs::new();
        let t = &mut input.text;
        for (s, o) in [
            (&mut t.title, &orig.title),
            (&mut t.situation, &orig.situation),
            (&mut t.problem, &orig.problem),
            (&mut t.suggestion, &orig.suggestion),
        ] {
            *s = s.trim().to_string();
            if s.is_empty() {
                s.clone_from(o);
            }
        }
        if t.title.chars().count() > 80 {
            e.push("title", "标题过长，请不超过 80 个字");
        }
        input.editor = input.editor.trim().to_string();
        if input.editor.is_empty() {
            input.editor = actor(&self.conn);
        }
        date_or_today(&mut e, "date", "核稿日期", &mut input.date);
        e.done()?;
        let old = self.opinion(id)?;
        let ch = changes(
            Some(&json!({"edited_title": old.edited.title, "edited_situation": old.edited.situation,
                         "edited_problem": old.edited.problem, "edited_suggestion": old.edited.suggestion,
                         "editor": old.editor, "edited_at": old.edited_at, "edit_note": old.edit_note})),
            &json!({"edited_title": t.title, "edited_situation": t.situation, "edited_problem": t.problem,
                    "edited_suggestion": t.suggestion, "editor": input.editor, "edited_at": input.date,
                    "edit_note": input.note}),
        );
        let sets = [
            ("edited_title", Value::Text(t.title.clone())),
            ("edited_situation", Value::Text(t.situation.clone())),
            ("edited_problem", Value::Text(t.problem.clone())),
            ("edited_suggestion", Value::Text(t.suggestion.clone())),
            ("editor", Value::Text(input.editor.clone())),
            ("edited_at", Value::Text(input.date.clone())),
            ("edit_note", Value::Text(input.note.trim().to_string())),
        ];
        self.opinion_step(
            id,
            &[OpinionState::Submitted, OpinionState::Editing],
            Some(OpinionState::Editing),
            "核稿",
            "review",
            &sets,
            ch,
        )
    }

    /// 采用: at a level (区 / 市 / 省 / 全国), 单篇 or 综合, by whom, when. Only an edited (核稿) report.
    pub fn adopt_opinion(&mut self, id: &str, mut input: AdoptInput) -> Result<OpinionDetail> {
        let st = St::load(&self.conn, id)?.live()?;
        if let Some(c) = &st.merged_into {
            return Err(Error::Conflict(format!(
                "信息“{}”已并入综合信息“{c}”，请采用综合信息（其报送人随之计入）",
                st.title
            )));
        }
        st.must_be(&[OpinionState::Editing], "采用")?;
        let mut e = Errs::new();
        date_or_today(&mut e, "date", "采用日期", &mut input.date);
        e.done()?;
        let by = input.by.trim().to_string();
        self.opinion_step(
            id,
            &[OpinionState::Editing],
            Some(OpinionState::Adopted),
            "采用",
            "adopt",
            &[
                ("adopted_level", Value::Text(input.level.as_str().into())),
                ("adopted_form", Value::Text(input.form.as_str().into())),
                ("adopted_by", Value::Text(by.clone())),
                ("adopted_at", Value::Text(input.date.clone())),
            ],
            json!({"adopted_level": [null, input.level.label()], "adopted_form": [null, input.form.label()],
                   "adopted_by": ["", by], "adopted_at": [null, input.date]}),
        )
    }

    /// 留存: kept for reference, not adopted.
    pub fn retain_opinion(&mut self, id: &str, mut input: StepInput) -> Result<OpinionDetail> {
        let st = St::load(&self.conn, id)?;
        if let Some(c) = &st.merged_into {
            return Err(Error::Conflict(format!("信息“{}”已并入综合信息“{c}”，不能单独留存", st.title)));
        }
        let mut e = Errs::new();
        date_or_today(&mut e, "date", "留存日期", &mut input.date);
        e.done()?;
        let note = input.text.trim().to_string();
        let mut sets = vec![("retained_at", Value::Text(input.date.clone()))];
        if !note.is_empty() {
            sets.push(("edit_note", Value::Text(note.clone())));
        }
        self.opinion_step(
            id,
            &[OpinionState::Submitted, OpinionState::Editing],
            Some(OpinionState::Retained),
            "留存",
            "retain",
            &sets,
            json!({"retained_at": [null, input.date], "note": ["", note]}),
        )
    }

    /// 批示: a leader's instruction on an adopted report (several may come, at any later step).
    pub fn instruct_opinion(&mut self, id: &str, mut input: InstructionInput) -> Result<OpinionDetail> {
        use OpinionState::*;
        let st = St::load(&self.conn, id)?.live()?;
        if st.state == FedBack && !st.adopted {
            return Err(Error::Conflict(format!("信息“{}”未被采用（留存），不能登记批示", st.title)));
        }
        let st = st.must_be(&[Adopted, Instructed, Transferred, Replied, FedBack], "登记批示")?;
        let mut e = Errs::new();
        input.leader = input.leader.trim().to_string();
        input.text = input.text.trim().to_string();
        if input.leader.is_empty() {
            e.push("leader", "请填写批示领导（如：市委副书记 王某某）");
        }
        date_or_today(&mut e, "date", "批示日期", &mut input.date);
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let iid = new_id();
        tx.execute(
            "INSERT INTO opinion_instructions (id, opinion_id, leader, level, date, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![iid, id, input.leader, input.level.as_str(), input.date, input.text, t],
        )?;
        let mut ch = json!({"instruction": [null, {"leader": input.leader, "level": input.level.label(),
                                                   "date": input.date, "text": input.text}],
                            "title": [st.title, st.title]});
        if st.state == Adopted {
            tx.execute("UPDATE opinions SET state = 'instructed', updated_at = ?2 WHERE id = ?1", params![id, t])?;
            ch["state"] = json!([Adopted.label(), Instructed.label()]);
        } else {
            tx.execute("UPDATE opinions SET updated_at = ?2 WHERE id = ?1", params![id, t])?;
        }
        audit(&tx, "opinion", id, "instruct", &ch)?;
        crate::search::index(&tx, crate::search::SearchKind::Opinion, id)?;
        tx.commit()?;
        self.opinion(id)
    }

    /// 转办: sent on to a department to handle.
    pub fn transfer_opinion(&mut self, id: &str, mut input: StepInput) -> Result<OpinionDetail> {
        let dept = input.text.trim().to_string();
        let mut e = Errs::new();
        if dept.is_empty() {
            e.push("text", "请填写转办的部门（承办单位）");
        }
        date_or_today(&mut e, "date", "转办日期", &mut input.date);
        St::load(&self.conn, id)?.live()?.must_be(&[OpinionState::Adopted, OpinionState::Instructed], "转办")?;
        e.done()?;
        self.opinion_step(
            id,
            &[OpinionState::Adopted, OpinionState::Instructed],
            Some(OpinionState::Transferred),
            "转办",
            "transfer",
            &[("department", Value::Text(dept.clone())), ("transferred_at", Value::Text(input.date.clone()))],
            json!({"department": ["", dept], "transferred_at": [null, input.date]}),
        )
    }

    /// 办复: the department's reply.
    pub fn reply_opinion(&mut self, id: &str, mut input: StepInput) -> Result<OpinionDetail> {
        let reply = input.text.trim().to_string();
        let mut e = Errs::new();
        if reply.is_empty() {
            e.push("text", "请填写承办部门的办理答复");
        }
        date_or_today(&mut e, "date", "办复日期", &mut input.date);
        let st = St::load(&self.conn, id)?.live()?;
        if matches!(st.state, OpinionState::Adopted | OpinionState::Instructed) {
            return Err(Error::Conflict(format!("信息“{}”尚未转办，不能登记办复：请先转办到承办部门", st.title)));
        }
        st.must_be(&[OpinionState::Transferred], "登记办复")?;
        e.done()?;
        self.opinion_step(
            id,
            &[OpinionState::Transferred],
            Some(OpinionState::Replied),
            "登记办复",
            "reply",
            &[("reply", Value::Text(reply.clone())), ("replied_at", Value::Text(input.date.clone()))],
            json!({"reply": ["", reply], "replied_at": [null, input.date]}),
        )
    }

    /// 反馈: what the submitters were told (of an adoption, its 批示 and reply, or that it was kept).
    pub fn feedback_opinion(&mut self, id: &str, mut input: StepInput) -> Result<OpinionDetail> {
        use OpinionState::*;
        let text = input.text.trim().to_string();
        let mut e = Errs::new();
        if text.is_empty() {
            e.push("text", "请填写反馈给报送人的内容");
        }
        date_or_today(&mut e, "date", "反馈日期", &mut input.date);
        St::load(&self.conn, id)?.live()?.must_be(&[Adopted, Retained, Instructed, Transferred, Replied], "反馈")?;
        e.done()?;
        self.opinion_step(
            id,
            &[Adopted, Retained, Instructed, Transferred, Replied],
            Some(FedBack),
            "反馈",
            "feedback",
            &[("feedback", Value::Text(text.clone())), ("fed_back_at", Value::Text(input.date.clone()))],
            json!({"feedback": ["", text], "fed_back_at": [null, input.date]}),
        )
    }

    /// A step that records a text and a date, by name: 留存, 转办, 办复, 反馈 or 退回.
    pub fn opinion_text_step(&mut self, id: &str, step: OpinionStep, input: StepInput) -> Result<OpinionDetail> {
        match step {
            OpinionStep::Retain => self.retain_opinion(id, input),
            OpinionStep::Transfer => self.transfer_opinion(id, input),
            OpinionStep::Reply => self.reply_opinion(id, input),
            OpinionStep::Feedback => self.feedback_opinion(id, input),
            OpinionStep::Return => self.return_opinion(id, input),
            s => Err(Error::Conflict(format!("“{}”不是登记文字的步骤", s.label()))),
        }
    }

    /// Soft-delete a report (refused while it is printed in a bulletin issue; a combined report's sources
    /// are free again while it is deleted).
    pub fn delete_opinion(&mut self, id: &str) -> Result<()> {
        self.set_opinion_deleted(id, true)
    }

    pub fn restore_opinion(&mut self, id: &str) -> Result<()> {
        self.set_opinion_deleted(id, false)
    }

    fn set_opinion_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let st = St::load(&self.conn, id)?;
        if st.deleted == delete {
            return Ok(());
        }
        if delete {
            let issue: Option<String> = self
                .conn
                .query_row(
                    "SELECT b.year || '年第' || b.number || '期' FROM bulletin_items bi
                     JOIN bulletin_issues b ON b.id = bi.issue_id WHERE bi.opinion_id = ?1 AND b.deleted_at IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(i) = issue {
                return Err(Error::Conflict(format!(
                    "信息“{}”已编入《社情民意》{i}，不能删除：请先从该期中移出",
                    st.title
                )));
            }
        } else if st.combined {
            // Its sources must not have gone into another combined report meanwhile.
            let taken: Option<String> = self
                .conn
                .query_row(
                    "SELECT COALESCE(NULLIF(c.edited_title, ''), c.title) FROM opinion_sources s
                     JOIN opinions o ON o.id = s.source_id JOIN opinions c ON c.id = o.merged_into
                     WHERE s.combined_id = ?1 AND o.merged_into <> ?1 AND c.deleted_at IS NULL LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(c) = taken {
                return Err(Error::Conflict(format!("其中的信息已并入另一篇综合信息“{c}”，不能恢复")));
            }
        }
        let tx = self.conn.transaction()?;
        if !delete && st.combined {
            tx.execute(
                "UPDATE opinions SET merged_into = ?1 WHERE id IN (SELECT source_id FROM opinion_sources WHERE combined_id = ?1)",
                [id],
            )?;
        }
        trash::row(trash::OPINIONS, id, "title", &st.title).apply(&tx, delete)?;
        crate::search::index(&tx, crate::search::SearchKind::Opinion, id)?;
        tx.commit()?;
        Ok(())
    }

    /// The member page: the member's reports (all years) and this year's totals of their liaison group
    /// and their sector.
    pub fn member_opinions(&self, member_id: &str, year: i32) -> Result<OpinionTotals> {
        let member = self.opinions(&OpinionQuery { member_id: Some(member_id.into()), ..Default::default() })?.rows;
        let info: Option<(Option<String>, Option<String>, Option<String>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT (SELECT g.id FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
                          WHERE gm.member_id = m.id AND g.deleted_at IS NULL ORDER BY gm.created_at DESC LIMIT 1),
                        (SELECT g.name FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
                          WHERE gm.member_id = m.id AND g.deleted_at IS NULL ORDER BY gm.created_at DESC LIMIT 1),
                        m.sector_id, s.name
                 FROM members m LEFT JOIN ref_items s ON s.id = m.sector_id WHERE m.id = ?1",
                [member_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((gid, gname, sid, sname)) = info else {
            return Err(Error::NotFound("该委员不存在".into()));
        };
        let line = |q: OpinionQuery, name: String| -> Result<TotalsLine> {
            let l = self.opinions(&q)?;
            let n = |f: &dyn Fn(&OpinionRow) -> bool| l.rows.iter().filter(|r| f(r)).count() as i32;
            Ok(TotalsLine {
                name,
                submitted: n(&|r| r.state != OpinionState::Draft),
                adopted: n(&|r| r.adopted_level.is_some()),
                instructed: n(&|r| r.instructions > 0),
            })
        };
        let group = match (gid, gname) {
            (Some(g), Some(n)) => {
                Some(line(OpinionQuery { group_id: Some(g), year: Some(year), ..Default::default() }, n)?)
            }
            _ => None,
        };
        let sector = match (sid, sname) {
            (Some(s), Some(n)) => {
                Some(line(OpinionQuery { sector_id: Some(s), year: Some(year), ..Default::default() }, n)?)
            }
            _ => None,
        };
        Ok(OpinionTotals { year, member, group, sector })
    }
}

/// A date read as typed (for the documents): 2026年11月27日, or the text as stored when unreadable.
pub(crate) fn doc_date_of(s: &str) -> String {
    match parse_date(s) {
        Ok(Some(d)) => crate::dates::doc_date(d),
        _ => s.to_string(),
    }
}
