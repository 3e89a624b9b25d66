//! Visits (走访): rounds planned together — who visits (leaders, staff) whom (a member, a party's office,
//! a county CPPCC, a unit, a member's workplace), when and why — then the outcome of each (date done,
//! findings, opinions, difficulties) and follow-ups with an owner and a due date; the overdue ones as of
//! a day. A visit is an activity of kind `visit` with one `visits` row.

use super::types::*;
use super::{input_of, write_activity, ActState};
use crate::dates::{fmt_date, parse_date, today};
use crate::db::{audit, changes, new_id, now, Db};
use crate::error::{Error, Result};
use crate::masks::mask_phones;
use crate::rows::{code, join_codes, split_codes};
use crate::trash;
use crate::validate::Errs;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// Who is visited, as a list shows it: 王伟, 王伟（区人民医院）, 民革区委会.
pub(crate) const TARGET_SQL: &str = "CASE WHEN v.activity_id IS NULL THEN ''
             WHEN v.target_kind = 'member' THEN COALESCE(m.name, '')
             WHEN v.target_kind = 'workplace' THEN COALESCE(m.name, '') || '（' || v.target_name || '）'
             ELSE v.target_name END";

const VISIT_SELECT: &str =
    "SELECT a.id, a.round_id, r.title, a.status, v.target_kind, v.member_id, COALESCE(m.name, ''),
        v.target_name, v.address, v.phone, a.start_date, a.start_time, v.purposes, a.content, v.visitors, a.responsible,
        v.done_date, v.findings, v.opinions, v.difficulties, a.place
     FROM visits v JOIN activities a ON a.id = v.activity_id
     LEFT JOIN visit_rounds r ON r.id = a.round_id
     LEFT JOIN members m ON m.id = v.member_id";

fn read_visit(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    let target_kind = code(r, 4, VisitTarget::parse)?;
    let name: String = r.get(6)?;
    let target_name: String = r.get(7)?;
    let date: Option<String> = r.get(10)?;
    let purposes = split_codes(&r.get::<_, String>(12)?, VisitPurpose::parse);
    let purpose_note: String = r.get(13)?;
    let responsible: String = r.get(15)?;
    let place: String = r.get(20)?;
    let mut missing = Vec::new();
    if date.is_none() {
        missing.push(FourFixed::Time);
    }
    if place.is_empty() {
        missing.push(FourFixed::Place);
    }
    if purposes.is_empty() && purpose_note.is_empty() {
        missing.push(FourFixed::Content);
    }
    if responsible.is_empty() {
        missing.push(FourFixed::Responsible);
    }
    Ok(Visit {
        activity_id: r.get(0)?,
        round_id: r.get(1)?,
        round: r.get(2)?,
        status: code(r, 3, ActivityStatus::parse)?,
        target_kind,
        member_id: r.get(5)?,
        target: match target_kind {
            VisitTarget::Member => name,
            VisitTarget::Workplace => format!("{name}（{target_name}）"),
            _ => target_name.clone(),
        },
        target_name,
        address: r.get(8)?,
        phone: r.get(9)?,
        date,
        time: r.get(11)?,
        purposes,
        purpose_note,
        visitors: r.get(14)?,
        responsible,
        done_date: r.get(16)?,
        findings: r.get(17)?,
        opinions: r.get(18)?,
        difficulties: r.get(19)?,
        follow_ups: vec![],
        missing,
    })
}

pub(crate) fn visit_in(conn: &Connection, id: &str) -> Result<Visit> {
    let mut v = conn
        .prepare_cached(&format!("{VISIT_SELECT} WHERE a.id = ?1"))?
        .query_row([id], read_visit)
        .optional()?
        .ok_or_else(|| Error::NotFound("该走访不存在".into()))?;
    v.follow_ups = follow_ups_in(conn, id, today())?;
    Ok(v)
}

const FU_SELECT: &str = "SELECT f.id, f.activity_id, a.title, a.kind, TARGET, f.content, f.owner, f.due_date, f.status,
        f.done_at, f.result
     FROM follow_ups f JOIN activities a ON a.id = f.activity_id
     LEFT JOIN visits v ON v.activity_id = a.id
     LEFT JOIN members m ON m.id = v.member_id";

fn fu_select() -> String {
    FU_SELECT.replace("TARGET", TARGET_SQL)
}

fn read_follow_up(r: &rusqlite::Row, as_of: NaiveDate) -> rusqlite::Result<FollowUp> {
    let due: String = r.get(7)?;
    let status = code(r, 8, FollowUpStatus::parse)?;
    let days_overdue = match (status, parse_date(&due)) {
        (FollowUpStatus::Open, Ok(Some(d))) if d < as_of => (as_of - d).num_days() as i32,
        _ => 0,
    };
    Ok(FollowUp {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        activity_title: r.get(2)?,
        kind: code(r, 3, ActivityKind::parse)?,
        target: r.get(4)?,
        content: r.get(5)?,
        owner: r.get(6)?,
        due_date: due,
        status,
        done_at: r.get(9)?,
        result: r.get(10)?,
        days_overdue,
    })
}

pub(crate) fn follow_ups_in(conn: &Connection, activity_id: &str, as_of: NaiveDate) -> Result<Vec<FollowUp>> {
    let mut st = conn.prepare_cached(&format!(
        "{} WHERE f.activity_id = ?1 AND f.deleted_at IS NULL ORDER BY f.due_date, f.id",
        fu_select()
    ))?;
    let rows = st.query_map([activity_id], |r| read_follow_up(r, as_of))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's name, whether deleted, and work unit.
fn member_brief(conn: &Connection, id: &str) -> Result<Option<(String, bool, String)>> {
    Ok(conn
        .prepare_cached("SELECT name, deleted_at IS NOT NULL, work_unit FROM members WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Check and normalise one visit of a plan; problems at its fields.
fn check_visit(conn: &Connection, v: &mut VisitInput, e: &mut Errs) -> Result<()> {
    for s in
        [&mut v.target_name, &mut v.address, &mut v.phone, &mut v.purpose_note, &mut v.visitors, &mut v.responsible]
    {
        *s = s.trim().to_string();
    }
    match v.target_kind {
        VisitTarget::Member | VisitTarget::Workplace => {
            if v.member_id.as_deref().map(str::is_empty).unwrap_or(false) {
                v.member_id = None;
            }
            match &v.member_id {
                None => e.push("member_id", "请选择要走访的委员"),
                Some(mid) => match member_brief(conn, mid)? {
                    None => e.push("member_id", "所选委员不存在，请重新选择"),
                    Some((name, true, _)) => e.push("member_id", format!("委员“{name}”已删除，请重新选择")),
                    Some((_, false, unit)) => {
                        if v.target_kind == VisitTarget::Workplace && v.target_name.is_empty() {
                            if unit.is_empty() {
                                e.push("target_name", "请填写委员的工作单位");
                            } else {
                                v.target_name = unit;
                            }
                        }
                    }
                },
            }
            if v.target_kind == VisitTarget::Member {
                v.target_name.clear();
            }
        }
        kind => {
            v.member_id = None;
            if v.target_name.is_empty() {
                e.push(
                    "target_name",
                    match kind {
                        VisitTarget::PartyOffice => "请填写要走访的党派机关，如 民革区委会",
                        VisitTarget::CountyCppcc => "请填写要走访的县级政协，如 某某县政协",
                        _ => "请填写要走访的单位",
                    },
                );
            }
        }
    }
    e.date("date", "走访日期", &mut v.date);
    e.time("time", "走访时间", &mut v.time);
    if !v.phone.is_empty() && !v.phone.chars().all(|c| c.is_ascii_digit() || "-— ()（）转".contains(c)) {
        e.push("phone", "联系电话只能包含数字和“-”");
    }
    Ok(())
}

fn check_follow_up(f: &mut FollowUpInput, e: &mut Errs) {
    f.content = f.content.trim().to_string();
    f.owner = f.owner.trim().to_string();
    if f.content.is_empty() {
        e.push("content", "请填写要跟踪落实的事项");
    }
    if f.owner.is_empty() {
        e.push("owner", "请填写落实责任人");
    }
    let before = e.list.len();
    if e.date("due_date", "完成期限", &mut f.due_date).is_none() && e.list.len() == before {
        e.push("due_date", "请填写完成期限");
    }
}

/// The activity fields of a visit: title, 四落实 from whom and why.
fn visit_activity(v: &VisitInput, member_name: &str, base: Option<ActivityInput>) -> ActivityInput {
    let mut a = base.unwrap_or_default();
    a.kind = ActivityKind::Visit;
    a.title = match v.target_kind {
        VisitTarget::Member => format!("走访{member_name}委员"),
        VisitTarget::Workplace => format!("走访{member_name}委员所在单位（{}）", v.target_name),
        _ => format!("走访{}", v.target_name),
    };
    a.date = v.date.clone();
    a.time = v.time.clone();
    a.place = match v.target_kind {
        VisitTarget::Member => v.address.clone(),
        _ if !v.address.is_empty() => v.address.clone(),
        _ => v.target_name.clone(),
    };
    a.content = v.purpose_note.clone();
    a.responsible = if v.responsible.is_empty() {
        v.visitors.split(['、', ',', '，', ';', '；', ' ']).find(|s| !s.is_empty()).unwrap_or("").to_string()
    } else {
        v.responsible.clone()
    };
    a
}

/// What the audit log keeps of a visit's plan.
fn visit_snapshot(v: &VisitInput) -> serde_json::Value {
    let mut j = serde_json::to_value(v).expect("serialisable");
    let obj = j.as_object_mut().expect("object");
    obj.remove("id");
    obj.insert("phone".into(), serde_json::json!(mask_phones(&v.phone)));
    j
}

fn visit_input_of(v: &Visit) -> VisitInput {
    VisitInput {
        id: Some(v.activity_id.clone()),
        target_kind: v.target_kind,
        member_id: v.member_id.clone(),
        target_name: v.target_name.clone(),
        address: v.address.clone(),
        phone: v.phone.clone(),
        date: v.date.clone().unwrap_or_default(),
        time: v.time.clone(),
        purposes: v.purposes.clone(),
        purpose_note: v.purpose_note.clone(),
        visitors: v.visitors.clone(),
        responsible: v.responsible.clone(),
    }
}

/// Write checked visits (create those without an id) in the caller's transaction; returns their ids.
fn write_visits(tx: &Connection, round_id: Option<&str>, visits: &[VisitInput], t: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for v in visits {
        let name = match &v.member_id {
            Some(m) => member_brief(tx, m)?.map(|b| b.0).unwrap_or_default(),
            None => String::new(),
        };
        let purposes = join_codes(&v.purposes, VisitPurpose::as_str);
        match &v.id {
            None => {
                let id = new_id();
                let a = visit_activity(v, &name, None);
                write_activity(tx, &id, &a, round_id, true, t)?;
                tx.prepare_cached(
                    "INSERT INTO visits (activity_id, target_kind, member_id, target_name, address, phone, purposes, visitors)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    id,
                    v.target_kind.as_str(),
                    v.member_id,
                    v.target_name,
                    v.address,
                    v.phone,
                    purposes,
                    v.visitors
                ])?;
                audit(tx, "activity", &id, "create", &changes(None, &visit_snapshot(v)))?;
                ids.push(id);
            }
            Some(id) => {
                let old = visit_input_of(&visit_in(tx, id)?);
                let a = visit_activity(v, &name, Some(input_of(tx, id)?));
                write_activity(tx, id, &a, round_id, false, t)?;
                tx.prepare_cached(
                    "UPDATE visits SET target_kind = ?2, member_id = ?3, target_name = ?4, address = ?5, phone = ?6,
                       purposes = ?7, visitors = ?8 WHERE activity_id = ?1",
                )?
                .execute(params![
                    id,
                    v.target_kind.as_str(),
                    v.member_id,
                    v.target_name,
                    v.address,
                    v.phone,
                    purposes,
                    v.visitors
                ])?;
                audit(tx, "activity", id, "update", &changes(Some(&visit_snapshot(&old)), &visit_snapshot(v)))?;
                ids.push(id.clone());
            }
        }
    }
    Ok(ids)
}

impl Db {
    /// Check every visit of a plan; an edited one must be a live visit (of this round, when given).
    fn check_visits(&self, round_id: Option<&str>, visits: &mut [VisitInput], in_list: bool) -> Result<Errs> {
        let mut e = Errs::new();
        for (i, v) in visits.iter_mut().enumerate() {
            let mut ve = if in_list {
                Errs::at(format!("visits[{i}]."), format!("第 {} 条走访：", i + 1))
            } else {
                Errs::new()
            };
            check_visit(&self.conn, v, &mut ve)?;
            if let Some(id) = &v.id {
                let ok: Option<(Option<String>, bool)> = self
                    .conn
                    .query_row(
                        "SELECT round_id, deleted_at IS NOT NULL FROM activities WHERE id = ?1 AND kind = 'visit'",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                match ok {
                    None => return Err(Error::NotFound("该走访不存在".into())),
                    Some((_, true)) => ve.push("id", "该走访已删除，请先恢复再编辑"),
                    Some((r, false)) if round_id.is_some() && r.as_deref() != round_id => {
                        ve.push("id", "该走访不属于这个走访计划")
                    }
                    _ => {}
                }
            }
            e.extend(ve);
        }
        Ok(e)
    }

    /// Create or update a round of visits with the visits listed (new ones without an id, edited ones
    /// with theirs), all in one transaction. Any problem — a visit with no target names its field
    /// (`visits[2].target_name`) — and nothing is written.
    pub fn save_visit_round(&mut self, mut input: VisitRoundInput) -> Result<VisitRound> {
        let title = input.title.trim().to_string();
        let mut e = Errs::new();
        if title.is_empty() {
            e.push("title", "请填写走访计划名称，如 2026年委员走访");
        }
        let old: Option<(String, String)> = match &input.id {
            Some(id) => {
                let r: (String, String, bool) = self
                    .conn
                    .query_row(
                        "SELECT title, notes, deleted_at IS NOT NULL FROM visit_rounds WHERE id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?
                    .ok_or_else(|| Error::NotFound("该走访计划不存在".into()))?;
                if r.2 {
                    return Err(Error::Conflict(format!("走访计划“{}”已删除，请先恢复再编辑", r.0)));
                }
                Some((r.0, r.1))
            }
            None => None,
        };
        e.extend(self.check_visits(input.id.as_deref(), &mut input.visits, true)?);
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let notes = input.notes.trim();
        let id = match &input.id {
            Some(id) => {
                tx.execute(
                    "UPDATE visit_rounds SET title = ?2, notes = ?3, updated_at = ?4 WHERE id = ?1",
                    params![id, title, notes, t],
                )?;
                let (ot, on) = old.unwrap_or_default();
                audit(
                    &tx,
                    "visit_round",
                    id,
                    "update",
                    &changes(
                        Some(&serde_json::json!({"title": ot, "notes": on})),
                        &serde_json::json!({"title": title, "notes": notes}),
                    ),
                )?;
                id.clone()
            }
            None => {
                let id = new_id();
                tx.execute(
                    "INSERT INTO visit_rounds (id, title, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![id, title, notes, t],
                )?;
                audit(
                    &tx,
                    "visit_round",
                    &id,
                    "create",
                    &serde_json::json!({"title": [null, title], "visits": [null, input.visits.len()]}),
                )?;
                id
            }
        };
        write_visits(&tx, Some(&id), &input.visits, &t)?;
        tx.commit()?;
        self.visit_round(&id)
    }

    /// Add one visit (id None; to a round, or on its own) or edit one.
    pub fn save_visit(&mut self, round_id: Option<&str>, mut input: VisitInput) -> Result<Visit> {
        if let Some(r) = round_id {
            let live = self
                .conn
                .query_row("SELECT deleted_at IS NULL FROM visit_rounds WHERE id = ?1", [r], |r| r.get::<_, bool>(0))
                .optional()?
                .ok_or_else(|| Error::NotFound("该走访计划不存在".into()))?;
            if !live {
                return Err(Error::Conflict("该走访计划已删除，请先恢复".into()));
            }
        }
        let e = self.check_visits(round_id, std::slice::from_mut(&mut input), false)?;
        e.done()?;
        let tx = self.conn.transaction()?;
        let ids = write_visits(&tx, round_id, std::slice::from_ref(&input), &now())?;
        tx.commit()?;
        visit_in(&self.conn, &ids[0])
    }

    /// Visits to the members given, in that order, as the planning form starts them: each member's name,
    /// work unit, phone (mobile, else landline) and address from the record. A member not found or deleted
    /// is named in the error, and nothing is returned.
    pub fn visit_drafts(&self, member_ids: &[String]) -> Result<Vec<VisitDraft>> {
        let mut st = self.conn.prepare_cached(
            "SELECT name, deleted_at IS NOT NULL, work_unit, mobile, phone, address FROM members WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(member_ids.len());
        for id in member_ids {
            let row: Option<(String, bool, String, String, String, String)> = st
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                .optional()?;
            match row {
                None => return Err(Error::NotFound("所选委员不存在，请重新选择".into())),
                Some((name, true, ..)) => {
                    return Err(Error::Conflict(format!("委员“{name}”已删除，请重新选择")));
                }
                Some((name, false, work_unit, mobile, phone, address)) => out.push(VisitDraft {
                    member_id: id.clone(),
                    name,
                    work_unit,
                    phone: if mobile.trim().is_empty() { phone.trim().to_string() } else { mobile.trim().to_string() },
                    address: address.trim().to_string(),
                }),
            }
        }
        Ok(out)
    }

    pub fn visit(&self, activity_id: &str) -> Result<Visit> {
        visit_in(&self.conn, activity_id)
    }

    /// Rounds of visits, newest first, with their progress.
    pub fn visit_rounds(&self) -> Result<Vec<VisitRoundSummary>> {
        self.round_summaries("r.deleted_at IS NULL", "")
    }

    /// Deleted rounds (the recycle bin), most recently created first, with the visits deleted with them.
    pub fn deleted_visit_rounds(&self) -> Result<Vec<VisitRoundSummary>> {
        let mut rounds = self.round_summaries("r.deleted_at IS NOT NULL", "")?;
        // The summaries count live visits only; a deleted round's visits went with it.
        for r in &mut rounds {
            let (total, done): (i32, i32) = self.conn.query_row(
                "SELECT COUNT(*), COALESCE(SUM(a.status = 'done'), 0) FROM activities a
                 JOIN visit_rounds r ON r.id = a.round_id
                 WHERE a.round_id = ?1 AND a.deleted_at = r.deleted_at",
                [&r.id],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )?;
            r.total = total;
            r.done = done;
        }
        Ok(rounds)
    }

    fn round_summaries(&self, cond: &str, arg: &str) -> Result<Vec<VisitRoundSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT r.id, r.title, r.notes, COUNT(a.id), COALESCE(SUM(a.status = 'done'), 0),
                    COALESCE(SUM(a.status = 'cancelled'), 0),
                    COUNT(DISTINCT CASE WHEN a.status = 'done' THEN v.member_id END),
                    MIN(a.start_date), MAX(a.start_date)
             FROM visit_rounds r
             LEFT JOIN activities a ON a.round_id = r.id AND a.deleted_at IS NULL
             LEFT JOIN visits v ON v.activity_id = a.id
             WHERE {cond} AND (?1 = '' OR r.id = ?1)
             GROUP BY r.id ORDER BY r.created_at DESC, r.id DESC"
        ))?;
        let rows = st.query_map([arg], |r| {
            Ok(VisitRoundSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                notes: r.get(2)?,
                total: r.get(3)?,
                done: r.get(4)?,
                cancelled: r.get(5)?,
                members_visited: r.get(6)?,
                first_date: r.get(7)?,
                last_date: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A round with its live visits in planned-date order (those with no date last).
    pub fn visit_round(&self, id: &str) -> Result<VisitRound> {
        let round =
            self.round_summaries("1 = 1", id)?.pop().ok_or_else(|| Error::NotFound("该走访计划不存在".into()))?;
        let mut st = self.conn.prepare_cached(&format!(
            "{VISIT_SELECT} WHERE a.round_id = ?1 AND a.deleted_at IS NULL
             ORDER BY a.start_date IS NULL, a.start_date, a.start_time, a.id"
        ))?;
        let mut visits: Vec<Visit> = st.query_map([id], read_visit)?.collect::<rusqlite::Result<_>>()?;
        for v in &mut visits {
            v.follow_ups = follow_ups_in(&self.conn, &v.activity_id, today())?;
        }
        Ok(VisitRound { round, visits })
    }

    /// Soft-delete a round and its visits (they come back with it).
    pub fn delete_visit_round(&mut self, id: &str) -> Result<()> {
        let (title, deleted): (String, Option<String>) = self
            .conn
            .query_row("SELECT title, deleted_at FROM visit_rounds WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound("该走访计划不存在".into()))?;
        if deleted.is_some() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::VISIT_ROUNDS, id, "title", &title)
            .children(trash::ACTIVITIES, "round_id", Some("visits"))
            .delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Restore a round and the visits deleted with it.
    pub fn restore_visit_round(&mut self, id: &str) -> Result<()> {
        let (title, deleted): (String, Option<String>) = self
            .conn
            .query_row("SELECT title, deleted_at FROM visit_rounds WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound("该走访计划不存在".into()))?;
        if deleted.is_none() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::VISIT_ROUNDS, id, "title", &title)
            .children(trash::ACTIVITIES, "round_id", Some("visits"))
            .restore(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// What came of a visit: the day it was done (not after today), what was found, the opinions and
    /// difficulties raised, and follow-ups to add. The visit becomes 已完成.
    pub fn record_visit_outcome(&mut self, mut o: VisitOutcomeInput) -> Result<Visit> {
        let st = ActState::load(&self.conn, &o.activity_id)?.live()?;
        if st.kind != ActivityKind::Visit {
            return Err(Error::Conflict(format!("“{}”不是走访，不能记录走访结果", st.title)));
        }
        let st = st.not_cancelled("记录走访结果")?;
        let mut e = Errs::new();
        match e.date("done_date", "走访日期", &mut o.done_date) {
            Some(d) if d > today() => e.push("done_date", "走访日期不能晚于今天"),
            None if o.done_date.is_empty() => e.push("done_date", "请填写走访日期"),
            _ => {}
        }
        for s in [&mut o.findings, &mut o.opinions, &mut o.difficulties] {
            *s = s.trim().to_string();
        }
        if o.findings.is_empty() {
            e.push("findings", "请填写走访了解到的情况");
        }
        for (i, f) in o.follow_ups.iter_mut().enumerate() {
            let mut fe = Errs::at(format!("follow_ups[{i}]."), format!("第 {} 条跟踪事项：", i + 1));
            check_follow_up(f, &mut fe);
            e.extend(fe);
        }
        e.done()?;
        let old = visit_in(&self.conn, &st.id)?;
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE visits SET done_date = ?2, findings = ?3, opinions = ?4, difficulties = ?5 WHERE activity_id = ?1",
            params![st.id, o.done_date, o.findings, o.opinions, o.difficulties],
        )?;
        tx.execute(
            "UPDATE activities SET status = 'done', start_date = COALESCE(start_date, ?2), updated_at = ?3 WHERE id = ?1",
            params![st.id, o.done_date, t],
        )?;
        let mut ch = changes(
            Some(
                &serde_json::json!({"done_date": old.done_date, "findings": old.findings, "opinions": old.opinions, "difficulties": old.difficulties}),
            ),
            &serde_json::json!({"done_date": o.done_date, "findings": o.findings, "opinions": o.opinions, "difficulties": o.difficulties}),
        );
        ch["status"] = serde_json::json!([old.status.label(), ActivityStatus::Done.label()]);
        audit(&tx, "activity", &st.id, "outcome", &ch)?;
        for f in &o.follow_ups {
            insert_follow_up(&tx, &st.id, f, &t)?;
        }
        tx.commit()?;
        visit_in(&self.conn, &st.id)
    }

    /// Add (id None) or edit a follow-up of an activity: what, who, by when.
    pub fn save_follow_up(&mut self, mut f: FollowUpInput) -> Result<FollowUp> {
        let mut e = Errs::new();
        check_follow_up(&mut f, &mut e);
        let activity_id = match &f.id {
            Some(id) => self.follow_up(id)?.activity_id,
            None => f.activity_id.clone(),
        };
        let st = ActState::load(&self.conn, &activity_id)?.live()?.not_cancelled("添加跟踪事项")?;
        e.done()?;
        let old = match &f.id {
            Some(id) => Some(self.follow_up(id)?),
            None => None,
        };
        let tx = self.conn.transaction()?;
        let t = now();
        let id = match (&f.id, old) {
            (Some(id), Some(old)) => {
                tx.execute(
                    "UPDATE follow_ups SET content = ?2, owner = ?3, due_date = ?4, updated_at = ?5 WHERE id = ?1",
                    params![id, f.content, f.owner, f.due_date, t],
                )?;
                audit(
                    &tx,
                    "activity",
                    &st.id,
                    "follow_up",
                    &changes(
                        Some(
                            &serde_json::json!({"content": old.content, "owner": old.owner, "due_date": old.due_date}),
                        ),
                        &serde_json::json!({"content": f.content, "owner": f.owner, "due_date": f.due_date}),
                    ),
                )?;
                id.clone()
            }
            _ => insert_follow_up(&tx, &st.id, &f, &t)?,
        };
        tx.commit()?;
        self.follow_up(&id)
    }

    pub fn follow_up(&self, id: &str) -> Result<FollowUp> {
        self.conn
            .prepare_cached(&format!("{} WHERE f.id = ?1 AND f.deleted_at IS NULL", fu_select()))?
            .query_row([id], |r| read_follow_up(r, today()))
            .optional()?
            .ok_or_else(|| Error::NotFound("该跟踪事项不存在或已删除".into()))
    }

    /// An activity's follow-ups, by due date.
    pub fn follow_ups(&self, activity_id: &str) -> Result<Vec<FollowUp>> {
        follow_ups_in(&self.conn, activity_id, today())
    }

    /// Mark a follow-up done (落实): the day (not after today) and the result.
    pub fn complete_follow_up(&mut self, id: &str, done_date: &str, result: &str) -> Result<FollowUp> {
        let old = self.follow_up(id)?;
        let mut e = Errs::new();
        let mut d = done_date.to_string();
        match e.date("done_date", "落实日期", &mut d) {
            Some(x) if x > today() => e.push("done_date", "落实日期不能晚于今天"),
            None if d.is_empty() => e.push("done_date", "请填写落实日期"),
            _ => {}
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE follow_ups SET status = 'done', done_at = ?2, result = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, d, result.trim(), now()],
        )?;
        audit(
            &tx,
            "activity",
            &old.activity_id,
            "follow_up_done",
            &serde_json::json!({"content": [old.content, old.content], "status": [old.status.label(), FollowUpStatus::Done.label()], "done_at": [old.done_at, d]}),
        )?;
        tx.commit()?;
        self.follow_up(id)
    }

    pub fn delete_follow_up(&mut self, id: &str) -> Result<()> {
        let old = self.follow_up(id)?;
        let tx = self.conn.transaction()?;
        trash::row(trash::FOLLOW_UPS, id, "content", &old.content)
            .logged_on("activity", &old.activity_id, "follow_up_delete")
            .delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Follow-ups still open whose due date is before `as_of` (YYYY-MM-DD), most overdue first; those of
    /// deleted or cancelled activities left out.
    pub fn overdue_follow_ups(&self, as_of: &str) -> Result<Vec<FollowUp>> {
        let day = match parse_date(as_of) {
            Ok(Some(d)) => d,
            Ok(None) => today(),
            Err(_) => return Err(Error::field("as_of", "日期格式应为 2026-05-12，请核对")),
        };
        let mut st = self.conn.prepare_cached(&format!(
            "{} WHERE f.status = 'open' AND f.deleted_at IS NULL AND f.due_date < ?1
               AND a.deleted_at IS NULL AND a.status <> 'cancelled'
             ORDER BY f.due_date, f.id",
            fu_select()
        ))?;
        let rows = st.query_map([fmt_date(day)], |r| read_follow_up(r, day))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn insert_follow_up(tx: &Connection, activity_id: &str, f: &FollowUpInput, t: &str) -> Result<String> {
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO follow_ups (id, activity_id, content, owner, due_date, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?6)",
    )?
    .execute(params![id, activity_id, f.content, f.owner, f.due_date, t])?;
    audit(
        tx,
        "activity",
        activity_id,
        "follow_up",
        &serde_json::json!({"content": [null, f.content], "owner": [null, f.owner], "due_date": [null, f.due_date]}),
    )?;
    Ok(id)
}
