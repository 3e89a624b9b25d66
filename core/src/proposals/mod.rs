//! Proposals (提案) and speeches (大会发言).
//!
//! A proposal is filed by a lead proposer and co-proposers (联名; members, liaison groups, parties,
//! sectors, committees — 团体提案 when the lead is a body), 会间 (linked to a session) or 平时, with its
//! 案由, text and suggested units. Its handling is one state machine (`step`): 暂存 → 提交 → 立案 (a
//! number of the year) / 不立案 (with the reason) / 并案 (into another) → 交办 (主办 + 会办 units, a due
//! date, three months by default) → 答复 (graded A–D) → 反馈 (满意 / 基本满意 / 不满意) → 办结; a 不满意
//! feedback may send it back to 交办 (重新办理). A step that does not fit the state is refused with a
//! sentence that says what to do first. Every step is one transaction with its audit entry, and the
//! audit entries are the proposal's handling timeline. A 不立案 proposal may become a 建议 (here) or a
//! 社情民意 report (the opinions module) in one step, linked both ways.
//!
//! Every write keeps the search index (`crate::search`) current in its own transaction.

pub mod convert;
pub(crate) mod demo;
pub mod export;
pub mod speeches;
pub mod types;

use crate::dates::{fmt_date, parse_date, today};
use crate::db::{audit, changes, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::{code, opt_code};
use crate::search::{self, SearchKind};
use crate::trash;
use crate::validate::Errs;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::json;
use types::*;

/// The name of a submitter row (`proposal_proposers` or `speeches`), by its kind column.
pub(crate) fn submitter_name_sql(a: &str, kind_col: &str) -> String {
    format!(
        "CASE {a}.{kind_col} WHEN 'member' THEN (SELECT name FROM members WHERE id = {a}.member_id)
              WHEN 'group' THEN (SELECT name FROM liaison_groups WHERE id = {a}.group_id)
              ELSE (SELECT name FROM ref_items WHERE id = {a}.ref_id) END"
    )
}

/// The sector a submitter row stands for: the member's 界别, or the sector itself.
pub(crate) fn submitter_sector_sql(a: &str, kind_col: &str) -> String {
    format!(
        "CASE {a}.{kind_col} WHEN 'member' THEN (SELECT r.name FROM members m JOIN ref_items r ON r.id = m.sector_id
                                           WHERE m.id = {a}.member_id)
              WHEN 'sector' THEN (SELECT name FROM ref_items WHERE id = {a}.ref_id) ELSE '' END"
    )
}

fn row_select() -> String {
    let name = submitter_name_sql("x", "kind");
    format!(
        "SELECT p.id, p.year, p.number, p.title, p.category, p.timing, COALESCE(s.name, ''), p.state,
            COALESCE((SELECT {name} FROM proposal_proposers x WHERE x.proposal_id = p.id AND x.role = 'lead'), ''),
            COALESCE((SELECT x.kind FROM proposal_proposers x WHERE x.proposal_id = p.id AND x.role = 'lead'), 'member'),
            COALESCE((SELECT group_concat(n, '、') FROM (SELECT {name} AS n FROM proposal_proposers x
                      WHERE x.proposal_id = p.id ORDER BY x.seq)), ''),
            (SELECT COUNT(*) FROM proposal_proposers x WHERE x.proposal_id = p.id AND x.role = 'co'),
            COALESCE((SELECT group_concat(n, '、') FROM (SELECT u.name AS n FROM proposal_units pu
                      JOIN handling_units u ON u.id = pu.unit_id WHERE pu.proposal_id = p.id AND pu.role = 'main'
                      ORDER BY u.sort, u.name)), ''),
            COALESCE((SELECT group_concat(n, '、') FROM (SELECT u.name AS n FROM proposal_units pu
                      JOIN handling_units u ON u.id = pu.unit_id WHERE pu.proposal_id = p.id AND pu.role = 'assist'
                      ORDER BY u.sort, u.name)), ''),
            p.due_date, p.reply_grade, p.feedback, p.is_key, p.is_excellent, p.updated_at, p.deleted_at IS NOT NULL
         FROM proposals p LEFT JOIN sessions s ON s.id = p.session_id"
    )
}

fn read_row(r: &rusqlite::Row, as_of: NaiveDate) -> rusqlite::Result<ProposalRow> {
    read_row_at(r, 0, as_of)
}

pub(crate) fn row_in(conn: &Connection, id: &str) -> Result<ProposalRow> {
    conn.prepare_cached(&format!("{} WHERE p.id = ?1", row_select()))?
        .query_row([id], |r| read_row(r, today()))
        .optional()?
        .ok_or_else(|| Error::NotFound("该提案不存在".into()))
}

/// The WHERE of a proposal list, all but the state (the counts per state use it too), and its values.
fn list_filter(q: &ProposalQuery) -> (String, Vec<String>) {
    let mut wh = vec![if q.deleted { "p.deleted_at IS NOT NULL" } else { "p.deleted_at IS NULL" }.to_string()];
    let mut args: Vec<String> = Vec::new();
    if let Some(y) = q.year {
        args.push(y.to_string());
        wh.push(format!("p.year = ?{}", args.len()));
    }
    if let Some(c) = q.category {
        args.push(c.as_str().into());
        wh.push(format!("p.category = ?{}", args.len()));
    }
    if let Some(m) = q.member_id.as_deref().filter(|m| !m.is_empty()) {
        args.push(m.into());
        wh.push(format!(
            "EXISTS (SELECT 1 FROM proposal_proposers x WHERE x.proposal_id = p.id AND x.member_id = ?{})",
            args.len()
        ));
    }
    if q.overdue {
        args.push(fmt_date(today()));
        wh.push(format!("p.state = 'assigned' AND p.due_date < ?{}", args.len()));
    }
    if q.unanswered {
        wh.push("p.state = 'assigned'".into());
    }
    if q.key_only {
        wh.push("p.is_key = 1".into());
    }
    (wh.join(" AND "), args)
}

/// What may follow a state (the page's buttons; `step` checks the same).
fn next_of(state: ProposalState, feedback: Option<Feedback>) -> Vec<ProposalState> {
    use ProposalState::*;
    match state {
        Draft => vec![Submitted],
        Submitted => vec![Accepted, Rejected, Merged],
        Accepted => vec![Assigned],
        Assigned => vec![Assigned, Answered],
        Answered => vec![Feedback],
        Feedback if feedback == Some(types::Feedback::Dissatisfied) => vec![Closed, Assigned],
        Feedback => vec![Closed],
        Rejected | Merged | Closed => vec![],
    }
}

/// Whether a state means the proposal was 立案 (accepted, whatever followed).
pub fn is_accepted(state: ProposalState) -> bool {
    use ProposalState::*;
    matches!(state, Accepted | Assigned | Answered | Feedback | Closed)
}

/// Why `to` cannot follow `from`, in a sentence that says what to do.
fn refusal(from: ProposalState, to: ProposalState) -> String {
    use ProposalState::*;
    let f = from.label();
    match to {
        Draft => "提案不能退回暂存".into(),
        Submitted => format!("提案已是“{f}”，不能再提交"),
        Accepted | Rejected | Merged => match from {
            Draft => format!("提案尚未提交，请先提交再{}", review_word(to)),
            _ => format!("提案已是“{f}”，不能再{}", review_word(to)),
        },
        Assigned => match from {
            Draft | Submitted => "提案尚未立案，请先立案再交办".into(),
            Rejected | Merged => format!("提案{f}，不能交办"),
            Feedback => "只有委员反馈“不满意”的提案才能重新交办".into(),
            _ => format!("提案已是“{f}”，不能再交办"),
        },
        Answered => match from {
            Draft | Submitted => "提案尚未立案，不能答复：请先立案、交办承办单位".into(),
            Accepted => "提案尚未交办，请先交办承办单位再录入答复".into(),
            Rejected | Merged => format!("提案{f}，没有承办单位答复"),
            _ => format!("提案已是“{f}”，不能再录入答复"),
        },
        Feedback => match from {
            Answered => unreachable!(),
            Feedback | Closed => format!("提案已是“{f}”，不能再录入反馈"),
            _ => "提案尚未答复，不能录入委员反馈".into(),
        },
        Closed => match from {
            Answered => "请先录入委员的反馈意见（满意、基本满意或不满意），再办结".into(),
            Closed => "提案已办结".into(),
            Rejected | Merged => format!("提案{f}，无需办结"),
            _ => "提案尚未答复，不能办结".into(),
        },
    }
}

fn review_word(to: ProposalState) -> &'static str {
    match to {
        ProposalState::Accepted => "立案",
        ProposalState::Rejected => "作不立案处理",
        _ => "并案",
    }
}

/// The proposal's state, flags and title as a step needs them.
pub(crate) struct PState {
    title: String,
    year: i32,
    state: ProposalState,
    feedback: Option<Feedback>,
    deleted: bool,
    converted: Option<ConvertKind>,
    review_date: Option<String>,
    assigned_date: Option<String>,
    reply_date: Option<String>,
}

fn state_of(conn: &Connection, id: &str) -> Result<PState> {
    conn.prepare_cached(
        "SELECT title, year, state, feedback, deleted_at IS NOT NULL, converted_kind, review_date, assigned_date,
                reply_date FROM proposals WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(PState {
            title: r.get(0)?,
            year: r.get(1)?,
            state: code(r, 2, ProposalState::parse)?,
            feedback: opt_code(r, 3, Feedback::parse)?,
            deleted: r.get(4)?,
            converted: opt_code(r, 5, ConvertKind::parse)?,
            review_date: r.get(6)?,
            assigned_date: r.get(7)?,
            reply_date: r.get(8)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound("该提案不存在".into()))
}

pub(crate) fn live_state(conn: &Connection, id: &str) -> Result<PState> {
    let s = state_of(conn, id)?;
    if s.deleted {
        return Err(Error::Conflict(format!("提案“{}”已删除，请先恢复", s.title)));
    }
    Ok(s)
}

/// The problems found so far, as the error (the list emptied), or nothing.
fn pending(e: &mut Errs) -> Result<()> {
    if e.list.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(std::mem::take(&mut e.list)))
    }
}

/// Check one submitter (a proposer, a speech's submitter): it exists, is live, is of its kind.
/// Ok(Err(message)) when it does not.
pub(crate) fn check_submitter(conn: &Connection, s: &SubmitterInput) -> Result<std::result::Result<String, String>> {
    if s.id.trim().is_empty() {
        return Ok(Err(format!("请选择{}", s.kind.label())));
    }
    let row: Option<(String, bool)> = match s.kind {
        SubmitterKind::Member => conn
            .prepare_cached("SELECT name, deleted_at IS NOT NULL FROM members WHERE id = ?1")?
            .query_row([&s.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional(),
        SubmitterKind::Group => conn
            .prepare_cached("SELECT name, deleted_at IS NOT NULL FROM liaison_groups WHERE id = ?1")?
            .query_row([&s.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional(),
        k => conn
            .prepare_cached("SELECT name, deleted_at IS NOT NULL FROM ref_items WHERE id = ?1 AND kind = ?2")?
            .query_row(params![&s.id, k.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional(),
    }?;
    Ok(match row {
        None => Err(format!("所选{}不存在，请重新选择", s.kind.label())),
        Some((name, true)) => Err(format!("{}“{name}”已删除，请重新选择", s.kind.label())),
        Some((name, false)) => Ok(name),
    })
}

/// The (member_id, group_id, ref_id) columns of a submitter.
pub(crate) fn submitter_cols(s: &SubmitterInput) -> (Option<&str>, Option<&str>, Option<&str>) {
    match s.kind {
        SubmitterKind::Member => (Some(&s.id), None, None),
        SubmitterKind::Group => (None, Some(&s.id), None),
        _ => (None, None, Some(&s.id)),
    }
}

/// A day as a step gives it: empty is today; 2026-5-2 is 2026-05-02.
fn step_date(e: &mut Errs, field: &str, label: &str, s: &str) -> String {
    let mut s = s.to_string();
    match e.date(field, label, &mut s) {
        Some(d) => fmt_date(d),
        None if s.is_empty() && e.list.iter().all(|f| f.field != field) => fmt_date(today()),
        None => String::new(),
    }
}

pub(crate) fn proposers_in(conn: &Connection, id: &str) -> Result<Vec<Proposer>> {
    let name = submitter_name_sql("x", "kind");
    let sector = submitter_sector_sql("x", "kind");
    let mut st = conn.prepare_cached(&format!(
        "SELECT x.role, x.kind, COALESCE(x.member_id, x.group_id, x.ref_id), COALESCE({name}, ''), COALESCE({sector}, '')
         FROM proposal_proposers x WHERE x.proposal_id = ?1 ORDER BY x.seq"
    ))?;
    let rows = st.query_map([id], |r| {
        Ok(Proposer {
            role: code(r, 0, ProposerRole::parse)?,
            kind: code(r, 1, SubmitterKind::parse)?,
            id: r.get(2)?,
            name: r.get(3)?,
            sector: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn units_in(conn: &Connection, id: &str) -> Result<Vec<ProposalUnit>> {
    let mut st = conn.prepare_cached(
        "SELECT pu.unit_id, u.name, pu.role FROM proposal_units pu JOIN handling_units u ON u.id = pu.unit_id
         WHERE pu.proposal_id = ?1 ORDER BY pu.role DESC, u.sort, u.name",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(ProposalUnit { unit_id: r.get(0)?, name: r.get(1)?, role: code(r, 2, UnitRole::parse)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The timeline: the proposal's audit entries, oldest first, each as a step with its details.
fn timeline_in(conn: &Connection, id: &str) -> Result<Vec<TimelineEntry>> {
    let mut st = conn.prepare_cached(
        "SELECT at, actor, action, changes FROM audit_log WHERE entity = 'proposal' AND entity_id = ?1 ORDER BY at, rowid",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, actor, action, ch) = row?;
        let ch: serde_json::Value = serde_json::from_str(&ch).unwrap_or_default();
        let step = match action.as_str() {
            "create" => "新建（暂存）".to_string(),
            "update" => "修改".into(),
            "delete" => "删除".into(),
            "restore" => "恢复".into(),
            "flags" => "标记".into(),
            "convert" => "转办".into(),
            a => match ProposalState::parse(a) {
                Some(ProposalState::Submitted) => "提交".into(),
                Some(ProposalState::Accepted) => "立案".into(),
                Some(ProposalState::Rejected) => "不立案".into(),
                Some(ProposalState::Merged) => "并案".into(),
                Some(ProposalState::Assigned) => "交办".into(),
                Some(ProposalState::Answered) => "答复".into(),
                Some(ProposalState::Feedback) => "委员反馈".into(),
                Some(ProposalState::Closed) => "办结".into(),
                _ => a.to_string(),
            },
        };
        let date = ch.get("date").and_then(|d| d.as_str()).map(str::to_string).unwrap_or_else(|| at[..10].to_string());
        let detail = ch.get("detail").and_then(|d| d.as_str()).map(str::to_string).unwrap_or_else(|| {
            if action == "update" {
                let fields: Vec<&str> =
                    ch.as_object().map(|o| o.keys().map(|k| field_label(k)).collect()).unwrap_or_default();
                if fields.is_empty() {
                    String::new()
                } else {
                    format!("修改了{}", fields.join("、"))
                }
            } else {
                String::new()
            }
        });
        out.push(TimelineEntry { at, date, step, detail, actor });
    }
    Ok(out)
}

fn field_label(k: &str) -> &str {
    match k {
        "title" => "案由",
        "body" => "正文",
        "category" => "类别",
        "timing" => "提出时间",
        "session_id" => "所属会议",
        "suggested_units" => "建议承办单位",
        "proposers" => "提案人",
        "year" => "年度",
        k => k,
    }
}

/// The form's values for the audit log.
fn snapshot(i: &ProposalInput, names: &[String]) -> serde_json::Value {
    json!({
        "year": i.year,
        "title": i.title,
        "body": i.body,
        "category": i.category.label(),
        "timing": i.timing.label(),
        "session_id": i.session_id,
        "suggested_units": i.suggested_units,
        "proposers": names.join("、"),
    })
}

fn input_of(conn: &Connection, id: &str) -> Result<(ProposalInput, Vec<String>)> {
    let (year, title, body, category, timing, session_id, suggested_units) = conn
        .prepare_cached(
            "SELECT year, title, body, category, timing, session_id, suggested_units FROM proposals WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                code(r, 3, ProposalCategory::parse)?,
                code(r, 4, ProposalTiming::parse)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
    let ps = proposers_in(conn, id)?;
    let names = ps.iter().map(|p| p.name.clone()).collect();
    let proposers = ps.into_iter().map(|p| SubmitterInput { kind: p.kind, id: p.id }).collect();
    Ok((
        ProposalInput {
            id: Some(id.into()),
            year,
            title,
            body,
            category,
            timing,
            session_id,
            suggested_units,
            proposers,
        },
        names,
    ))
}

/// The unit ids of a list, checked: each on the list of handling units and live.
fn check_units(conn: &Connection, e: &mut Errs, field: &str, ids: &[String]) -> Result<()> {
    for u in ids {
        let row: Option<(String, bool)> = conn
            .prepare_cached("SELECT name, deleted_at IS NOT NULL FROM handling_units WHERE id = ?1")?
            .query_row([u], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match row {
            None => e.push(field, "所选承办单位不存在，请重新选择"),
            Some((n, true)) => e.push(field, format!("承办单位“{n}”已删除，请重新选择")),
            _ => {}
        }
    }
    Ok(())
}

fn unit_names(conn: &Connection, ids: &[String]) -> Result<String> {
    let mut names = Vec::new();
    for u in ids {
        let n: String = conn.query_row("SELECT name FROM handling_units WHERE id = ?1", [u], |r| r.get(0))?;
        names.push(n);
    }
    Ok(names.join("、"))
}

impl Db {
    /// Proposals matching a query (year, state, category, member, overdue, unanswered …), with the
    /// counts per state under the other filters.
    pub fn proposals(&self, q: &ProposalQuery) -> Result<ProposalList> {
        let (wh, mut args) = list_filter(q);
        let mut counts = Vec::new();
        let mut total = 0;
        {
            let mut st = self
                .conn
                .prepare_cached(&format!("SELECT p.state, COUNT(*) FROM proposals p WHERE {wh} GROUP BY p.state"))?;
            let rows =
                st.query_map(params_from_iter(args.iter()), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
            let mut by: std::collections::HashMap<String, u32> = Default::default();
            for r in rows {
                let (s, n) = r?;
                total += n;
                by.insert(s, n);
            }
            for s in ProposalState::ALL {
                counts.push(StateCount { state: s.as_str().into(), count: by.get(s.as_str()).copied().unwrap_or(0) });
            }
        }
        let (base, base_args) =
            list_filter(&ProposalQuery { overdue: false, unanswered: false, state: None, ..q.clone() });
        let t = fmt_date(today());
        let (overdue, unanswered): (u32, u32) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*) FILTER (WHERE p.due_date < ?{n}), COUNT(*) FROM proposals p
                 WHERE {base} AND p.state = 'assigned'",
                n = base_args.len() + 1
            ),
            params_from_iter(base_args.iter().chain(std::iter::once(&t))),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut wh = wh;
        if let Some(s) = q.state {
            args.push(s.as_str().into());
            wh.push_str(&format!(" AND p.state = ?{}", args.len()));
        }
        let sql = format!(
            "{} WHERE {wh} ORDER BY p.year DESC, p.number IS NULL, p.number, p.created_at DESC, p.id",
            row_select()
        );
        let as_of = today();
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args.iter()), |r| read_row(r, as_of))?;
        let rows = rows.collect::<rusqlite::Result<_>>()?;
        Ok(ProposalList { rows, counts, total, overdue, unanswered })
    }

    /// Everything about one proposal, for its page (deleted ones too).
    pub fn proposal(&self, id: &str) -> Result<ProposalDetail> {
        let proposal = row_in(&self.conn, id)?;
        let mut d = self
            .conn
            .prepare_cached(
                "SELECT p.body, p.session_id, p.suggested_units, p.submitted_date, p.review_date, p.reject_reason,
                        p.merged_into, COALESCE(m.title, ''), p.assigned_date, p.reply_date, COALESCE(u.name, ''),
                        p.reply_text, p.feedback_comment, p.feedback_date, p.closed_date, p.converted_kind,
                        p.converted_id, p.created_at
                 FROM proposals p LEFT JOIN proposals m ON m.id = p.merged_into
                 LEFT JOIN handling_units u ON u.id = p.reply_unit_id WHERE p.id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ProposalDetail {
                    proposal: proposal.clone(),
                    body: r.get(0)?,
                    session_id: r.get(1)?,
                    suggested_units: r.get(2)?,
                    proposers: vec![],
                    units: vec![],
                    submitted_date: r.get(3)?,
                    review_date: r.get(4)?,
                    reject_reason: r.get(5)?,
                    merged_into: r.get(6)?,
                    merged_into_title: r.get(7)?,
                    merged_from: vec![],
                    assigned_date: r.get(8)?,
                    reply_date: r.get(9)?,
                    reply_unit: r.get(10)?,
                    reply_text: r.get(11)?,
                    feedback_comment: r.get(12)?,
                    feedback_date: r.get(13)?,
                    closed_date: r.get(14)?,
                    converted_kind: opt_code(r, 15, ConvertKind::parse)?,
                    converted_id: r.get(16)?,
                    next: vec![],
                    timeline: vec![],
                    created_at: r.get(17)?,
                })
            })?;
        d.proposers = proposers_in(&self.conn, id)?;
        d.units = units_in(&self.conn, id)?;
        d.timeline = timeline_in(&self.conn, id)?;
        d.next = if proposal.deleted { vec![] } else { next_of(proposal.state, proposal.feedback) };
        let as_of = today();
        let mut st = self.conn.prepare_cached(&format!(
            "{} WHERE p.merged_into = ?1 AND p.deleted_at IS NULL ORDER BY p.created_at",
            row_select()
        ))?;
        d.merged_from = st.query_map([id], |r| read_row(r, as_of))?.collect::<rusqlite::Result<_>>()?;
        Ok(d)
    }

    /// Create a proposal (暂存) or edit one still 暂存 or 已提交; the first proposer is the lead.
    /// Checks everything first; writes nothing when anything is wrong.
    pub fn save_proposal(&mut self, input: ProposalInput) -> Result<ProposalDetail> {
        let tx = self.conn.transaction()?;
        let id = save_proposal_in(&tx, input)?;
        tx.commit()?;
        self.proposal(&id)
    }

    /// Move a proposal one step along its handling (see the module's notes); a step that does not fit
    /// its state is refused, saying what to do first. One transaction with its audit entry.
    pub fn proposal_step(&mut self, step: ProposalStep) -> Result<ProposalDetail> {
        let tx = self.conn.transaction()?;
        let id = proposal_step_in(&tx, step)?;
        tx.commit()?;
        self.proposal(&id)
    }

    /// Mark a proposal 重点 (key) and/or 优秀 (excellent): only one that was 立案.
    pub fn set_proposal_flags(&mut self, id: &str, is_key: bool, is_excellent: bool) -> Result<ProposalRow> {
        let s = live_state(&self.conn, id)?;
        let old = row_in(&self.conn, id)?;
        if ((is_key && !old.is_key) || (is_excellent && !old.is_excellent)) && !is_accepted(s.state) {
            return Err(Error::Conflict(format!(
                "提案“{}”是“{}”：只有立案的提案才能列为重点提案或评为优秀提案",
                s.title,
                s.state.label()
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE proposals SET is_key = ?2, is_excellent = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, is_key, is_excellent, now()],
        )?;
        let mut parts = Vec::new();
        parts.push(if is_key { "重点提案" } else { "非重点提案" });
        parts.push(if is_excellent { "优秀提案" } else { "非优秀提案" });
        audit(
            &tx,
            "proposal",
            id,
            "flags",
            &json!({ "is_key": [old.is_key, is_key], "is_excellent": [old.is_excellent, is_excellent],
                     "detail": parts.join("、") }),
        )?;
        tx.commit()?;
        row_in(&self.conn, id)
    }

    pub fn suggestion(&self, id: &str) -> Result<Suggestion> {
        self.conn
            .query_row(
                "SELECT id, year, title, body, submitters, units, state, source_kind, source_id, created_at
                 FROM suggestions WHERE id = ?1",
                [id],
                read_suggestion,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("该建议不存在".into()))
    }

    /// The 建议 of a year (every year: None), newest first.
    pub fn suggestions(&self, year: Option<i32>) -> Result<Vec<Suggestion>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, year, title, body, submitters, units, state, source_kind, source_id, created_at
             FROM suggestions WHERE deleted_at IS NULL AND (?1 IS NULL OR year = ?1) ORDER BY created_at DESC",
        )?;
        let rows = st.query_map([year], read_suggestion)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_proposal(&mut self, id: &str) -> Result<()> {
        self.set_proposal_deleted(id, true)
    }

    pub fn restore_proposal(&mut self, id: &str) -> Result<()> {
        self.set_proposal_deleted(id, false)
    }

    fn set_proposal_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let s = state_of(&self.conn, id)?;
        if s.deleted == delete {
            return Ok(());
        }
        if delete {
            let merged: u32 = self.conn.query_row(
                "SELECT COUNT(*) FROM proposals WHERE merged_into = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            if merged > 0 {
                return Err(Error::Conflict(format!("提案“{}”有 {merged} 件提案并入，不能删除", s.title)));
            }
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::PROPOSALS, id, "title", &s.title).apply(&tx, delete)?;
        search::index(&tx, SearchKind::Proposal, id)?;
        tx.commit()?;
        Ok(())
    }

    /// The office's handling units (承办单位), in their order, with how many proposals each has.
    pub fn handling_units(&self) -> Result<Vec<HandlingUnit>> {
        let mut st = self.conn.prepare_cached(
            "SELECT u.id, u.name, u.sort, (SELECT COUNT(*) FROM proposal_units pu WHERE pu.unit_id = u.id)
             FROM handling_units u WHERE u.deleted_at IS NULL ORDER BY u.sort, u.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok(HandlingUnit { id: r.get(0)?, name: r.get(1)?, sort: r.get(2)?, used_by: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Add a handling unit (no id) or rename one; names are unique among the live ones.
    pub fn save_handling_unit(&mut self, id: Option<String>, name: &str) -> Result<HandlingUnit> {
        let name = name.trim().to_string();
        if name.is_empty() {
            return Err(Error::field("name", "请填写承办单位名称"));
        }
        if name.chars().count() > 60 {
            return Err(Error::field("name", "承办单位名称过长，请不超过 60 个字"));
        }
        let id = id.filter(|i| !i.is_empty());
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM handling_units WHERE name = ?1 AND deleted_at IS NULL AND id <> COALESCE(?2, '')",
                params![name, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::field("name", format!("承办单位“{name}”已在列表中")));
        }
        let tx = self.conn.transaction()?;
        let id = handling_unit_write(&tx, id.as_deref(), &name)?;
        tx.commit()?;
        self.handling_units()?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or_else(|| Error::NotFound("该承办单位不存在或已删除".into()))
    }

    pub fn delete_handling_unit(&mut self, id: &str) -> Result<()> {
        let name: String = self
            .conn
            .query_row("SELECT name FROM handling_units WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound("该承办单位不存在".into()))?;
        let tx = self.conn.transaction()?;
        trash::row(trash::HANDLING_UNITS, id, "name", &name).delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Each member's part in each live proposal of a year (all years: None): what the performance
    /// scoring reads (领衔 or 联名, 立案, 重点, 优秀).
    pub fn proposal_credits(&self, year: Option<i32>) -> Result<Vec<ProposalCredit>> {
        let mut st = self.conn.prepare_cached(
            "SELECT x.member_id, p.id, p.year, x.role, p.state, p.is_key, p.is_excellent
             FROM proposal_proposers x JOIN proposals p ON p.id = x.proposal_id
             WHERE x.member_id IS NOT NULL AND p.deleted_at IS NULL AND (?1 IS NULL OR p.year = ?1)
             ORDER BY x.member_id, p.year, p.number",
        )?;
        let rows = st.query_map([year], |r| {
            let state = code(r, 4, ProposalState::parse)?;
            Ok(ProposalCredit {
                member_id: r.get(0)?,
                proposal_id: r.get(1)?,
                year: r.get(2)?,
                role: code(r, 3, ProposerRole::parse)?,
                state,
                accepted: is_accepted(state),
                is_key: r.get(5)?,
                is_excellent: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A member's proposals (with the member's role) and speeches, for the member drawer.
    pub fn member_writings(&self, member_id: &str) -> Result<MemberWritings> {
        let as_of = today();
        let mut st = self.conn.prepare_cached(&format!(
            "{}, proposal_proposers me WHERE me.proposal_id = p.id AND me.member_id = ?1 AND p.deleted_at IS NULL
             ORDER BY p.year DESC, p.number IS NULL, p.number, p.created_at DESC",
            row_select().replace("SELECT p.id,", "SELECT me.role, p.id,")
        ))?;
        let proposals = st
            .query_map([member_id], |r| {
                Ok(MemberProposal { role: code(r, 0, ProposerRole::parse)?, proposal: read_row_at(r, 1, as_of)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let speeches = self.speeches(&SpeechQuery { member_id: Some(member_id.into()), ..Default::default() })?.rows;
        Ok(MemberWritings { proposals, speeches })
    }
}

/// A list row whose columns start at `at` (a query may put something before them).
fn read_row_at(r: &rusqlite::Row, at: usize, as_of: NaiveDate) -> rusqlite::Result<ProposalRow> {
    let state = code(r, at + 7, ProposalState::parse)?;
    let due: Option<String> = r.get(at + 14)?;
    let days_overdue = match (state, due.as_deref().map(parse_date)) {
        (ProposalState::Assigned, Some(Ok(Some(d)))) if d < as_of => (as_of - d).num_days() as i32,
        _ => 0,
    };
    Ok(ProposalRow {
        id: r.get(at)?,
        year: r.get(at + 1)?,
        number: r.get(at + 2)?,
        title: r.get(at + 3)?,
        category: code(r, at + 4, ProposalCategory::parse)?,
        timing: code(r, at + 5, ProposalTiming::parse)?,
        session: r.get(at + 6)?,
        state,
        lead: r.get(at + 8)?,
        lead_kind: code(r, at + 9, SubmitterKind::parse)?,
        proposers: r.get(at + 10)?,
        co_count: r.get(at + 11)?,
        main_units: r.get(at + 12)?,
        assist_units: r.get(at + 13)?,
        due_date: due,
        days_overdue,
        reply_grade: opt_code(r, at + 15, ReplyGrade::parse)?,
        feedback: opt_code(r, at + 16, Feedback::parse)?,
        is_key: r.get(at + 17)?,
        is_excellent: r.get(at + 18)?,
        updated_at: r.get(at + 19)?,
        deleted: r.get(at + 20)?,
    })
}

fn read_suggestion(r: &rusqlite::Row) -> rusqlite::Result<Suggestion> {
    Ok(Suggestion {
        id: r.get(0)?,
        year: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        submitters: r.get(4)?,
        units: r.get(5)?,
        state: code(r, 6, SuggestionState::parse)?,
        source_kind: r.get(7)?,
        source_id: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// Write the proposers of a proposal, the first as the lead.
fn write_proposers(tx: &Connection, id: &str, ps: &[SubmitterInput]) -> Result<()> {
    for (n, p) in ps.iter().enumerate() {
        let (m, g, r) = submitter_cols(p);
        tx.prepare_cached(
            "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id, group_id, ref_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![id, n as i64, if n == 0 { "lead" } else { "co" }, p.kind.as_str(), m, g, r])?;
    }
    Ok(())
}

/// A new 建议 made from a proposal (its 案由, text, proposers and suggested units), linked to it.
/// Insert or rename a handling unit in the caller's transaction; returns its id.
pub(crate) fn handling_unit_write(tx: &Connection, id: Option<&str>, name: &str) -> Result<String> {
    let t = now();
    match id {
        Some(id) => {
            let old: String = tx
                .query_row("SELECT name FROM handling_units WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound("该承办单位不存在或已删除".into()))?;
            tx.execute("UPDATE handling_units SET name = ?2, updated_at = ?3 WHERE id = ?1", params![id, name, t])?;
            audit(tx, "handling_unit", id, "update", &json!({ "name": [old, name] }))?;
            Ok(id.to_string())
        }
        None => {
            let id = new_id();
            let sort: i32 = tx.query_row("SELECT COALESCE(MAX(sort), 0) + 1 FROM handling_units", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO handling_units (id, name, sort, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, name, sort, t],
            )?;
            audit(tx, "handling_unit", &id, "create", &json!({ "name": [null, name] }))?;
            Ok(id)
        }
    }
}

/// Check and normalise a proposal's form; problems at their fields; the proposers' names.
fn check_proposal(conn: &Connection, i: &mut ProposalInput) -> Result<(Errs, Vec<String>)> {
    let mut e = Errs::new();
    i.title = i.title.trim().to_string();
    i.body = i.body.trim().to_string();
    i.suggested_units = i.suggested_units.trim().to_string();
    if i.title.is_empty() {
        e.push("title", "请填写案由");
    } else if i.title.chars().count() > 200 {
        e.push("title", "案由过长，请不超过 200 个字（正文写在“提案内容”中）");
    }
    if i.session_id.as_deref().map(str::is_empty).unwrap_or(false) {
        i.session_id = None;
    }
    match i.timing {
        ProposalTiming::Session => match &i.session_id {
            None => e.push("session_id", "会间提案请选择所属的会议"),
            Some(s) => {
                let y: Option<(String, bool)> = conn
                    .query_row("SELECT start_date, deleted_at IS NOT NULL FROM sessions WHERE id = ?1", [s], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match y {
                    None => e.push("session_id", "所选会议不存在，请重新选择"),
                    Some((_, true)) => e.push("session_id", "所选会议已删除，请重新选择"),
                    Some((start, false)) => {
                        if i.year == 0 {
                            i.year = start[..4].parse().unwrap_or(0);
                        }
                    }
                }
            }
        },
        ProposalTiming::Routine => i.session_id = None,
    }
    if i.year == 0 {
        i.year = today().year();
    }
    if !(2000..=2100).contains(&i.year) {
        e.push("year", "年度应为 2000 至 2100 之间的年份");
    }
    let mut names = Vec::new();
    if i.proposers.is_empty() {
        e.push("proposers", "请选择领衔提案人（委员，或提出团体提案的联络组、党派、界别、专委会）");
    }
    let mut seen = std::collections::HashSet::new();
    for (n, p) in i.proposers.iter_mut().enumerate() {
        p.id = p.id.trim().to_string();
        let who = if n == 0 { "领衔提案人".to_string() } else { format!("第 {} 位联名提案人", n) };
        match check_submitter(conn, p)? {
            Ok(name) => {
                if !seen.insert((p.kind, p.id.clone())) {
                    e.push(&format!("proposers[{n}]"), format!("{who}“{name}”重复，请删去一处"));
                }
                names.push(name);
            }
            Err(m) => e.push(&format!("proposers[{n}]"), format!("{who}：{m}")),
        }
    }
    Ok((e, names))
}

/// `Db::save_proposal` in the caller's transaction; returns the proposal's id.
pub(crate) fn save_proposal_in(tx: &Connection, mut input: ProposalInput) -> Result<String> {
    let (e, names) = check_proposal(tx, &mut input)?;
    let old = match &input.id {
        Some(id) => {
            let s = live_state(tx, id)?;
            if !matches!(s.state, ProposalState::Draft | ProposalState::Submitted) {
                return Err(Error::Conflict(format!(
                    "提案“{}”已是“{}”，案由、正文和提案人不能再修改",
                    s.title,
                    s.state.label()
                )));
            }
            Some(input_of(tx, id)?)
        }
        None => None,
    };
    e.done()?;
    let id = input.id.clone().unwrap_or_else(new_id);
    let t = now();
    if old.is_some() {
        tx.execute(
            "UPDATE proposals SET year = ?2, title = ?3, body = ?4, category = ?5, timing = ?6, session_id = ?7,
                        suggested_units = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                input.year,
                input.title,
                input.body,
                input.category.as_str(),
                input.timing.as_str(),
                input.session_id,
                input.suggested_units,
                t
            ],
        )?;
        tx.execute("DELETE FROM proposal_proposers WHERE proposal_id = ?1", [&id])?;
    } else {
        tx.execute(
            "INSERT INTO proposals (id, year, title, body, category, timing, session_id, suggested_units, state,
                        created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?9)",
            params![
                id,
                input.year,
                input.title,
                input.body,
                input.category.as_str(),
                input.timing.as_str(),
                input.session_id,
                input.suggested_units,
                t
            ],
        )?;
    }
    write_proposers(&tx, &id, &input.proposers)?;
    let ch = changes(old.as_ref().map(|(i, n)| snapshot(i, n)).as_ref(), &snapshot(&input, &names));
    audit(&tx, "proposal", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
    search::index(&tx, SearchKind::Proposal, &id)?;
    Ok(id)
}

/// `Db::proposal_step` in the caller's transaction; returns the proposal's id.
pub(crate) fn proposal_step_in(tx: &Connection, mut step: ProposalStep) -> Result<String> {
    use ProposalState::*;
    let id = step.id.clone();
    let s = live_state(tx, &id)?;
    let from = s.state;
    let to = step.to;
    let fits = next_of(from, s.feedback).contains(&to);
    if !fits {
        return Err(Error::Conflict(format!("提案“{}”：{}", s.title, refusal(from, to))));
    }
    let mut e = Errs::new();
    let date = step_date(&mut e, "date", "日期", &step.date);
    // A step is not dated before the one it follows.
    let before = match to {
        Accepted | Rejected | Merged => None,
        Assigned => s.review_date.clone(),
        Answered => s.assigned_date.clone(),
        Feedback | Closed => s.reply_date.clone(),
        _ => None,
    };
    if let Some(b) = before.filter(|b| !date.is_empty() && date < *b) {
        e.push("date", format!("日期不能早于上一步的日期 {b}"));
    }
    let mut detail = String::new();
    let t = now();
    match to {
        Submitted => {
            tx.execute(
                "UPDATE proposals SET state = 'submitted', submitted_date = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, date, t],
            )?;
        }
        Accepted => {
            pending(&mut e)?;
            let n: i32 =
                tx.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM proposals WHERE year = ?1", [s.year], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "UPDATE proposals SET state = 'accepted', number = ?2, review_date = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, n, date, t],
            )?;
            detail = format!("提案号 第{n}号");
        }
        Rejected => {
            step.reason = step.reason.trim().to_string();
            if step.reason.is_empty() {
                e.push("reason", "请填写不立案的理由");
            }
            pending(&mut e)?;
            tx.execute(
                "UPDATE proposals SET state = 'rejected', reject_reason = ?2, review_date = ?3, updated_at = ?4
                     WHERE id = ?1",
                params![id, step.reason, date, t],
            )?;
            detail = format!("理由：{}", step.reason);
        }
        Merged => {
            let into = step.merge_into.clone().filter(|m| !m.is_empty());
            let mut title = String::new();
            match &into {
                None => e.push("merge_into", "请选择并入的提案"),
                Some(m) if *m == id => e.push("merge_into", "提案不能并入它自己，请选择另一件提案"),
                Some(m) => match state_of(&tx, m) {
                    Err(_) => e.push("merge_into", "所选提案不存在，请重新选择"),
                    Ok(o) if o.deleted => e.push("merge_into", format!("提案“{}”已删除，请重新选择", o.title)),
                    Ok(o) if !is_accepted(o.state) => {
                        e.push("merge_into", format!("只能并入已立案的提案：“{}”是“{}”", o.title, o.state.label()))
                    }
                    Ok(o) => title = o.title,
                },
            }
            pending(&mut e)?;
            tx.execute(
                "UPDATE proposals SET state = 'merged', merged_into = ?2, review_date = ?3, updated_at = ?4
                     WHERE id = ?1",
                params![id, into, date, t],
            )?;
            detail = format!("并入“{title}”");
        }
        Assigned => {
            let mut main: Vec<String> = step.main_units.iter().filter(|u| !u.is_empty()).cloned().collect();
            main.dedup();
            let assist: Vec<String> =
                step.assist_units.iter().filter(|u| !u.is_empty() && !main.contains(u)).cloned().collect();
            if main.is_empty() {
                e.push("main_units", "请至少选择一个主办单位");
            }
            if step.assist_units.iter().any(|u| main.contains(u)) {
                e.push("assist_units", "同一单位不能既主办又会办，请从会办单位中删去");
            }
            check_units(&tx, &mut e, "main_units", &main)?;
            check_units(&tx, &mut e, "assist_units", &assist)?;
            let due = if step.due_date.trim().is_empty() {
                parse_date(&date)
                    .ok()
                    .flatten()
                    .and_then(|d| d.checked_add_months(Months::new(3)))
                    .map(fmt_date)
                    .unwrap_or_default()
            } else {
                let mut d = step.due_date.clone();
                e.date("due_date", "办理期限", &mut d);
                d
            };
            if !due.is_empty() && !date.is_empty() && due < date {
                e.push("due_date", "办理期限不能早于交办日期");
            }
            pending(&mut e)?;
            tx.execute("DELETE FROM proposal_units WHERE proposal_id = ?1", [&id])?;
            for (ids, role) in [(&main, UnitRole::Main), (&assist, UnitRole::Assist)] {
                for u in ids {
                    tx.execute(
                        "INSERT INTO proposal_units (proposal_id, unit_id, role) VALUES (?1, ?2, ?3)",
                        params![id, u, role.as_str()],
                    )?;
                }
            }
            // 重新办理 after a 不满意 feedback starts the reply and the feedback afresh.
            tx.execute(
                "UPDATE proposals SET state = 'assigned', assigned_date = ?2, due_date = ?3, reply_date = NULL,
                            reply_grade = NULL, reply_unit_id = NULL, reply_text = '', feedback = NULL,
                            feedback_comment = '', feedback_date = NULL, updated_at = ?4 WHERE id = ?1",
                params![id, date, due, t],
            )?;
            detail = format!("主办：{}", unit_names(&tx, &main)?);
            if !assist.is_empty() {
                detail.push_str(&format!("；会办：{}", unit_names(&tx, &assist)?));
            }
            detail.push_str(&format!("；办理期限 {due}"));
            if from != Accepted {
                detail = format!("重新交办。{detail}");
            }
        }
        Answered => {
            if step.grade.is_none() {
                e.push(
                    "grade",
                    "请选择答复类别（A 已解决或采纳、B 正在解决或列入计划、C 留作参考、D 因条件限制无法解决）",
                );
            }
            let unit = step.reply_unit_id.clone().filter(|u| !u.is_empty());
            if let Some(u) = &unit {
                if !exists(&tx, "SELECT 1 FROM proposal_units WHERE proposal_id = ?1 AND unit_id = ?2", [&id, u])? {
                    e.push("reply_unit_id", "答复单位应是该提案的主办或会办单位");
                }
            }
            pending(&mut e)?;
            let grade = step.grade.expect("checked");
            tx.execute(
                "UPDATE proposals SET state = 'answered', reply_date = ?2, reply_grade = ?3, reply_unit_id = ?4,
                            reply_text = ?5, updated_at = ?6 WHERE id = ?1",
                params![id, date, grade.as_str(), unit, step.reply_text.trim(), t],
            )?;
            detail = format!("答复类别：{}", grade.label());
            if let Some(u) = &unit {
                detail = format!("{}答复，{detail}", unit_names(&tx, std::slice::from_ref(u))?);
            }
        }
        Feedback => {
            step.comment = step.comment.trim().to_string();
            match step.feedback {
                None => e.push("feedback", "请选择委员的反馈意见（满意、基本满意或不满意）"),
                Some(types::Feedback::Dissatisfied) if step.comment.is_empty() => {
                    e.push("comment", "委员不满意时，请写明不满意的原因")
                }
                _ => {}
            }
            pending(&mut e)?;
            let f = step.feedback.expect("checked");
            tx.execute(
                "UPDATE proposals SET state = 'feedback', feedback = ?2, feedback_comment = ?3, feedback_date = ?4,
                            updated_at = ?5 WHERE id = ?1",
                params![id, f.as_str(), step.comment, date, t],
            )?;
            detail = f.label().to_string();
            if !step.comment.is_empty() {
                detail.push_str(&format!("：{}", step.comment));
            }
        }
        Closed => {
            pending(&mut e)?;
            tx.execute(
                "UPDATE proposals SET state = 'closed', closed_date = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, date, t],
            )?;
        }
        Draft => unreachable!("refused above"),
    }
    e.done()?;
    audit(
        &tx,
        "proposal",
        &id,
        to.as_str(),
        &json!({ "state": [from.label(), to.label()], "date": date, "detail": detail }),
    )?;
    search::index(&tx, SearchKind::Proposal, &id)?;
    Ok(id)
}
