//! Activities (活动): one model for every kind — visits (走访), inspections (视察), research trips (调研),
//! forums (座谈会), group activities (联络组活动), study sessions (学习会), standing committee meetings
//! (常委会), chairmen's meetings (主席会议), and the plenary's sittings later — each with its 四落实 (time,
//! place, content, responsible person), an organiser and a status (计划 → 已通知 → 进行中 → 已完成, or 已取消).
//!
//! Whoever organises an activity records who took part (`attendance`): invitation, sign-up, leave, sign-in,
//! outcome. Every later report (attendance, performance points, the work plan) reads those records.
//! Visits come in rounds with outcomes and follow-ups (`visits`); inspections and research trips have a
//! schedule of stops, study sessions reflections (`plan`); `notice` writes the WeChat notice; `views` the
//! member's history and the agenda; `documents` the printed papers (visit checklist, sign-in sheet,
//! attendance list, inspection plan). The IPC types are in `types`.

mod attendance;
pub(crate) mod demo;
pub mod documents;
pub(crate) mod notice;
mod plan;
pub mod types;
mod upper;
mod views;
mod visits;

pub use types::*;

use crate::dates::{fmt_date, local_now, parse_date, parse_time, today};
use crate::db::{audit, changes, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::masks::mask_phones;
use crate::rows::{code, join_codes, split_codes};
use crate::trash;
use crate::validate::Errs;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

/// Check and normalise the time of an activity: start date and time, end date and time.
fn check_when(e: &mut Errs, date: &mut String, time: &mut String, end_date: &mut String, end_time: &mut String) {
    let d = e.date("date", "日期", date);
    let t = e.time("time", "开始时间", time);
    let ed = e.date("end_date", "结束日期", end_date);
    let et = e.time("end_time", "结束时间", end_time);
    if d.is_none() && date.is_empty() && (t.is_some() || ed.is_some()) {
        e.push("date", "请先填写开始日期");
    }
    if let (Some(d), Some(ed)) = (d, ed) {
        if ed < d {
            e.push("end_date", "结束日期不能早于开始日期");
        }
    }
    if let (Some(t), Some(et)) = (t, et) {
        if (ed.is_none() || ed == d) && et < t {
            e.push("end_time", "结束时间不能早于开始时间");
        }
    }
    if ed == d {
        // One day: no end date.
        end_date.clear();
    }
}

fn opt(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// What the audit log keeps of an activity's form.
fn snapshot(i: &ActivityInput) -> serde_json::Value {
    let mut v = serde_json::to_value(i).expect("serialisable");
    let obj = v.as_object_mut().expect("object");
    obj.remove("id");
    // The joint groups by name (`joint_groups`, filled by the caller), not by id.
    obj.remove("joint_group_ids");
    obj.insert("contact".into(), serde_json::json!(mask_phones(&i.contact)));
    v
}

/// The state of an activity the participation rules look at.
pub(crate) struct ActState {
    pub id: String,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub end_date: Option<NaiveDate>,
    pub end_time: Option<NaiveTime>,
    pub signup_mode: SignupMode,
    pub signup_deadline: Option<String>,
    pub finalised: bool,
    pub deleted: bool,
}

impl ActState {
    pub fn load(conn: &Connection, id: &str) -> Result<ActState> {
        conn.prepare_cached(
            "SELECT id, kind, title, status, start_date, start_time, end_date, end_time, signup_mode, signup_deadline,
                    attendance_final_at IS NOT NULL, deleted_at IS NOT NULL
             FROM activities WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(r.get::<_, Option<String>>(i)?.and_then(|s| parse_date(&s).ok().flatten()))
            };
            let time = |i: usize| -> rusqlite::Result<Option<NaiveTime>> {
                Ok(parse_time(&r.get::<_, String>(i)?).ok().flatten())
            };
            Ok(ActState {
                id: r.get(0)?,
                kind: code(r, 1, ActivityKind::parse)?,
                title: r.get(2)?,
                status: code(r, 3, ActivityStatus::parse)?,
                date: date(4)?,
                time: time(5)?,
                end_date: date(6)?,
                end_time: time(7)?,
                signup_mode: code(r, 8, SignupMode::parse)?,
                signup_deadline: r.get(9)?,
                finalised: r.get(10)?,
                deleted: r.get(11)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("该活动不存在".into()))
    }

    /// Refuse changes to a deleted activity.
    pub fn live(self) -> Result<ActState> {
        if self.deleted {
            return Err(Error::Conflict(format!("活动“{}”已删除，请先恢复再操作", self.title)));
        }
        Ok(self)
    }

    /// Refuse changes to a cancelled activity.
    pub fn not_cancelled(self, what: &str) -> Result<ActState> {
        if self.status == ActivityStatus::Cancelled {
            return Err(Error::Conflict(format!(
                "活动“{}”已取消，不能{what}：如活动照常举行，请先恢复为“计划”",
                self.title
            )));
        }
        Ok(self)
    }

    /// When it ends: the end date (else the start date) at the end time (else the end of that day).
    pub fn ends_at(&self) -> Option<NaiveDateTime> {
        let day = self.end_date.or(self.date)?;
        let t = if self.end_date.is_some() || self.end_time.is_some() { self.end_time } else { None };
        Some(day.and_time(t.unwrap_or_else(|| NaiveTime::from_hms_opt(23, 59, 59).expect("time"))))
    }

    /// Over: done, or its end has passed.
    pub fn is_over(&self) -> bool {
        self.status == ActivityStatus::Done || self.ends_at().map(|e| e < local_now()).unwrap_or(false)
    }

    /// Refuse what only makes sense once the activity has begun (sign-in, outcomes).
    pub fn begun(self, what: &str) -> Result<ActState> {
        match self.date {
            None => Err(Error::field("date", format!("活动“{}”还没有确定日期，请先填写日期再{what}", self.title))),
            Some(d) if d > today() => {
                Err(Error::Conflict(format!("活动“{}”在 {} 举行，尚未开始，不能{what}", self.title, fmt_date(d))))
            }
            _ => Ok(self),
        }
    }
}

/// The columns of an ActivityRow, in the order `read_row` reads them.
pub(crate) const ROW_SELECT: &str = "SELECT a.id, a.kind, a.title, a.start_date, a.start_time, a.end_date, a.end_time,
        a.place, a.responsible, a.status, a.organiser, COALESCE(g.name, c.name, ''), a.group_id, a.committee_id,
        a.round_id, r.title,
        CASE WHEN v.activity_id IS NULL THEN ''
             WHEN v.target_kind = 'member' THEN COALESCE(m.name, '')
             WHEN v.target_kind = 'workplace' THEN COALESCE(m.name, '') || '（' || v.target_name || '）'
             ELSE v.target_name END,
        (SELECT COUNT(*) FROM participants p WHERE p.activity_id = a.id AND p.member_id IS NOT NULL AND p.invited = 1),
        (SELECT COUNT(*) FROM participants p WHERE p.activity_id = a.id AND p.attendance IN ('present','late')),
        a.content = '' AND COALESCE(v.purposes, '') = '',
        a.deleted_at IS NOT NULL,
        (SELECT group_concat(x.group_id, ',') FROM (SELECT ag.group_id FROM activity_groups ag
           JOIN liaison_groups jg ON jg.id = ag.group_id WHERE ag.activity_id = a.id ORDER BY jg.name, jg.id) x),
        (SELECT group_concat(x.name, '、') FROM (SELECT jg.name FROM activity_groups ag
           JOIN liaison_groups jg ON jg.id = ag.group_id WHERE ag.activity_id = a.id ORDER BY jg.name, jg.id) x)
     FROM activities a
     LEFT JOIN liaison_groups g ON g.id = a.group_id
     LEFT JOIN ref_items c ON c.id = a.committee_id
     LEFT JOIN visit_rounds r ON r.id = a.round_id
     LEFT JOIN visits v ON v.activity_id = a.id
     LEFT JOIN members m ON m.id = v.member_id";

/// The order of activity lists: by date and time, those with no date last.
pub(crate) const ROW_ORDER: &str = "a.start_date IS NULL, a.start_date, a.start_time, a.title, a.id";

pub(crate) fn read_row(r: &rusqlite::Row) -> rusqlite::Result<ActivityRow> {
    let date: Option<String> = r.get(3)?;
    let place: String = r.get(7)?;
    let responsible: String = r.get(8)?;
    let no_content: bool = r.get(19)?;
    let mut missing = Vec::new();
    if date.is_none() {
        missing.push(FourFixed::Time);
    }
    if place.is_empty() {
        missing.push(FourFixed::Place);
    }
    if no_content {
        missing.push(FourFixed::Content);
    }
    if responsible.is_empty() {
        missing.push(FourFixed::Responsible);
    }
    let organiser = code(r, 10, Organiser::parse)?;
    let organiser_name: String = r.get(11)?;
    Ok(ActivityRow {
        id: r.get(0)?,
        kind: code(r, 1, ActivityKind::parse)?,
        title: r.get(2)?,
        date,
        time: r.get(4)?,
        end_date: r.get(5)?,
        end_time: r.get(6)?,
        place,
        responsible,
        status: code(r, 9, ActivityStatus::parse)?,
        organiser,
        organiser_name: if organiser_name.is_empty() { organiser.label().to_string() } else { organiser_name },
        group_id: r.get(12)?,
        committee_id: r.get(13)?,
        round_id: r.get(14)?,
        round: r.get(15)?,
        target: r.get(16)?,
        invited: r.get(17)?,
        attended: r.get(18)?,
        missing,
        deleted: r.get(20)?,
        joint_group_ids: r
            .get::<_, Option<String>>(21)?
            .map(|s| s.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
        joint_groups: r.get::<_, Option<String>>(22)?.unwrap_or_default(),
    })
}

/// The WHERE clause (over `activities a` joined as in ROW_SELECT) and arguments of an activity query.
fn query_filter(q: &ActivityQuery) -> (String, Vec<Value>) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: String, args: &mut Vec<Value>| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    wh.push(if q.deleted { "a.deleted_at IS NOT NULL".into() } else { "a.deleted_at IS NULL".into() });
    if let Some(k) = q.kind {
        let p = arg(k.as_str().into(), &mut args);
        wh.push(format!("a.kind = {p}"));
    }
    if let Some(s) = q.status {
        let p = arg(s.as_str().into(), &mut args);
        wh.push(format!("a.status = {p}"));
    }
    if let Ok(Some(d)) = parse_date(&q.from) {
        let p = arg(fmt_date(d), &mut args);
        wh.push(format!("COALESCE(a.end_date, a.start_date) >= {p}"));
    }
    if let Ok(Some(d)) = parse_date(&q.to) {
        let p = arg(fmt_date(d), &mut args);
        wh.push(format!("a.start_date <= {p}"));
    }
    if let Some(o) = q.organiser {
        let p = arg(o.as_str().into(), &mut args);
        wh.push(format!("a.organiser = {p}"));
    }
    if let Some(g) = &q.group_id {
        // The group's activities: those it organises, alone or with others (联合组织).
        let p = arg(g.clone(), &mut args);
        wh.push(format!(
            "(a.group_id = {p} OR a.id IN (SELECT activity_id FROM activity_groups WHERE group_id = {p}))"
        ));
    }
    for (col, v) in [("a.committee_id", &q.committee_id), ("a.round_id", &q.round_id)] {
        if let Some(v) = v {
            let p = arg(v.clone(), &mut args);
            wh.push(format!("{col} = {p}"));
        }
    }
    if let Some(m) = &q.member_id {
        let p = arg(m.clone(), &mut args);
        wh.push(format!(
            "(a.id IN (SELECT activity_id FROM participants WHERE member_id = {p})
              OR a.id IN (SELECT activity_id FROM visits WHERE member_id = {p}))"
        ));
    }
    let s = q.search.trim();
    if !s.is_empty() {
        let p = arg(format!("%{}%", s.replace(['%', '_'], "")), &mut args);
        wh.push(format!(
            "(a.title LIKE {p} OR a.place LIKE {p} OR a.content LIKE {p} OR v.target_name LIKE {p} OR m.name LIKE {p})"
        ));
    }
    if q.incomplete {
        wh.push(
            "(a.start_date IS NULL OR a.place = '' OR a.responsible = '' OR (a.content = '' AND COALESCE(v.purposes, '') = ''))"
                .into(),
        );
    }
    (wh.join(" AND "), args)
}

/// Write an activity's columns (not its status or round) from a checked form.
pub(crate) fn write_activity(
    tx: &Connection,
    id: &str,
    i: &ActivityInput,
    round_id: Option<&str>,
    create: bool,
    t: &str,
) -> Result<()> {
    let (group_id, committee_id) = match i.organiser {
        Organiser::Office => (None, None),
        Organiser::Group => (i.group_id.as_deref(), None),
        Organiser::Committee => (None, i.committee_id.as_deref()),
    };
    let vals = params![
        id,
        i.kind.as_str(),
        i.title,
        opt(&i.date),
        i.time,
        opt(&i.end_date),
        i.end_time,
        i.place,
        i.content,
        i.responsible,
        i.contact,
        i.organiser.as_str(),
        group_id,
        committee_id,
        i.summary,
        i.suggestions,
        join_codes(&i.methods, InspectionMethod::as_str),
        i.vehicles,
        i.meals,
        i.signup_mode.as_str(),
        opt(&i.signup_deadline),
        i.material,
        t,
        round_id,
    ];
    if create {
        tx.prepare_cached(
            "INSERT INTO activities (id, kind, title, start_date, start_time, end_date, end_time, place, content,
               responsible, contact, organiser, group_id, committee_id, summary, suggestions, methods, vehicles, meals,
               signup_mode, signup_deadline, material, created_at, updated_at, round_id)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?23,?24)",
        )?
        .execute(vals)?;
    } else {
        tx.prepare_cached(
            "UPDATE activities SET kind=?2, title=?3, start_date=?4, start_time=?5, end_date=?6, end_time=?7, place=?8,
               content=?9, responsible=?10, contact=?11, organiser=?12, group_id=?13, committee_id=?14, summary=?15,
               suggestions=?16, methods=?17, vehicles=?18, meals=?19, signup_mode=?20, signup_deadline=?21,
               material=?22, updated_at=?23, round_id = COALESCE(?24, round_id)
             WHERE id = ?1",
        )?
        .execute(vals)?;
    }
    // The joint organisers (only with a group organising).
    tx.prepare_cached("DELETE FROM activity_groups WHERE activity_id = ?1")?.execute([id])?;
    if i.organiser == Organiser::Group {
        for g in &i.joint_group_ids {
            tx.prepare_cached("INSERT OR IGNORE INTO activity_groups (activity_id, group_id) VALUES (?1, ?2)")?
                .execute([id, g.as_str()])?;
        }
    }
    Ok(())
}

/// Every (activity, liaison group) an activity counts for: its organising group and its joint organisers.
/// Other domains count "the activities of group G" over this (`SELECT … FROM (ACTIVITY_GROUPS) ag JOIN
/// activities a ON a.id = ag.activity_id WHERE ag.group_id = ?`); an activity counts once per group.
pub const ACTIVITY_GROUPS: &str = "SELECT id AS activity_id, group_id FROM activities WHERE group_id IS NOT NULL
     UNION SELECT activity_id, group_id FROM activity_groups";

/// An activity's stored fields as its form (for editing, and the audit log's "before").
pub(crate) fn input_of(conn: &Connection, id: &str) -> Result<ActivityInput> {
    conn.prepare_cached(
        "SELECT kind, title, COALESCE(start_date, ''), start_time, COALESCE(end_date, ''), end_time, place, content,
                responsible, contact, organiser, group_id, committee_id, summary, suggestions, methods, vehicles, meals,
                signup_mode, COALESCE(signup_deadline, ''), material
         FROM activities WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(ActivityInput {
            id: Some(id.to_string()),
            updated_at: None,
            kind: code(r, 0, ActivityKind::parse)?,
            title: r.get(1)?,
            date: r.get(2)?,
            time: r.get(3)?,
            end_date: r.get(4)?,
            end_time: r.get(5)?,
            place: r.get(6)?,
            content: r.get(7)?,
            responsible: r.get(8)?,
            contact: r.get(9)?,
            organiser: code(r, 10, Organiser::parse)?,
            group_id: r.get(11)?,
            committee_id: r.get(12)?,
            summary: r.get(13)?,
            suggestions: r.get(14)?,
            methods: split_codes(&r.get::<_, String>(15)?, InspectionMethod::parse),
            vehicles: r.get(16)?,
            meals: r.get(17)?,
            signup_mode: code(r, 18, SignupMode::parse)?,
            signup_deadline: r.get(19)?,
            material: r.get(20)?,
            joint_group_ids: vec![],
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound("该活动不存在".into()))
    .and_then(|mut i| {
        let mut st = conn.prepare_cached(
            "SELECT ag.group_id FROM activity_groups ag JOIN liaison_groups g ON g.id = ag.group_id
             WHERE ag.activity_id = ?1 ORDER BY g.name, g.id",
        )?;
        i.joint_group_ids = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(i)
    })
}

pub(crate) fn row_in(conn: &Connection, id: &str) -> Result<ActivityRow> {
    conn.prepare_cached(&format!("{ROW_SELECT} WHERE a.id = ?1"))?
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("该活动不存在".into()))
}

pub(crate) fn attendance_in(conn: &Connection, id: &str) -> Result<AttendanceSummary> {
    let mut s = conn.prepare_cached(
        "SELECT COALESCE(SUM(member_id IS NOT NULL AND invited = 1), 0), COALESCE(SUM(member_id IS NOT NULL AND invited = 0), 0),
                COALESCE(SUM(signup = 'yes'), 0), COALESCE(SUM(signup = 'no'), 0),
                COALESCE(SUM(attendance = 'present'), 0), COALESCE(SUM(attendance = 'late'), 0),
                COALESCE(SUM(attendance = 'leave'), 0), COALESCE(SUM(attendance = 'absent'), 0),
                COALESCE(SUM(member_id IS NOT NULL AND attendance IS NULL), 0)
         FROM participants WHERE activity_id = ?1",
    )?
    .query_row([id], |r| {
        Ok(AttendanceSummary {
            invited: r.get(0)?,
            walk_ins: r.get(1)?,
            signed_up: r.get(2)?,
            declined: r.get(3)?,
            present: r.get(4)?,
            late: r.get(5)?,
            leave: r.get(6)?,
            absent: r.get(7)?,
            unrecorded: r.get(8)?,
            pending_leave: 0,
            finalised: false,
        })
    })?;
    let (pending, finalised): (i32, bool) = conn
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM leave_requests l JOIN participants p ON p.id = l.participant_id
                      WHERE p.activity_id = ?1 AND l.status = 'pending'),
                    attendance_final_at IS NOT NULL
             FROM activities WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    s.pending_leave = pending;
    s.finalised = finalised;
    Ok(s)
}

impl Db {
    /// Activities matching a query, by date (those with no date last), each with its missing 四落实 fields.
    pub fn activities(&self, q: &ActivityQuery) -> Result<Vec<ActivityRow>> {
        let (wh, args) = query_filter(q);
        let mut st = self.conn.prepare_cached(&format!("{ROW_SELECT} WHERE {wh} ORDER BY {ROW_ORDER}"))?;
        let rows = st.query_map(params_from_iter(args.iter()), read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An activity's stored fields as its form (joint organisers included), with the `updated_at` a save
    /// checks.
    pub fn activity_input(&self, id: &str) -> Result<ActivityInput> {
        let mut i = input_of(&self.conn, id)?;
        i.updated_at =
            Some(self.conn.query_row("SELECT updated_at FROM activities WHERE id = ?1", [id], |r| r.get(0))?);
        Ok(i)
    }

    /// One activity's list line (deleted ones too).
    pub fn activity_row(&self, id: &str) -> Result<ActivityRow> {
        row_in(&self.conn, id)
    }

    /// Everything about one activity, for its page (deleted ones too).
    pub fn activity(&self, id: &str) -> Result<ActivityDetail> {
        let activity = row_in(&self.conn, id)?;
        let mut d = self
            .conn
            .prepare_cached(
                "SELECT content, contact, summary, suggestions, methods, vehicles, meals, signup_mode, signup_deadline,
                        material, attendance_final_at, created_at, updated_at, deleted_at
                 FROM activities WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ActivityDetail {
                    activity: activity.clone(),
                    content: r.get(0)?,
                    contact: r.get(1)?,
                    summary: r.get(2)?,
                    suggestions: r.get(3)?,
                    methods: split_codes(&r.get::<_, String>(4)?, InspectionMethod::parse),
                    vehicles: r.get(5)?,
                    meals: r.get(6)?,
                    signup_mode: code(r, 7, SignupMode::parse)?,
                    signup_deadline: r.get(8)?,
                    material: r.get(9)?,
                    attendance_final_at: r.get(10)?,
                    created_at: r.get(11)?,
                    updated_at: r.get(12)?,
                    deleted_at: r.get(13)?,
                    visit: None,
                    stops: vec![],
                    attachments: vec![],
                    follow_ups: vec![],
                    attendance: AttendanceSummary::default(),
                })
            })?;
        if activity.kind == ActivityKind::Visit {
            d.visit = Some(visits::visit_in(&self.conn, id)?);
        }
        d.stops = plan::stops_in(&self.conn, id)?;
        d.attachments = plan::attachments_in(&self.conn, id)?;
        d.follow_ups = visits::follow_ups_in(&self.conn, id, today())?;
        d.attendance = attendance_in(&self.conn, id)?;
        Ok(d)
    }

    /// Check and normalise an activity's form; problems at their fields.
    fn check_activity(&self, i: &mut ActivityInput) -> Result<Errs> {
        let mut e = Errs::new();
        for s in [
            &mut i.title,
            &mut i.place,
            &mut i.content,
            &mut i.responsible,
            &mut i.contact,
            &mut i.summary,
            &mut i.suggestions,
            &mut i.vehicles,
            &mut i.meals,
            &mut i.material,
        ] {
            *s = s.trim().to_string();
        }
        if i.title.is_empty() {
            e.push("title", "请填写活动名称");
        } else if i.title.chars().count() > 100 {
            e.push("title", "活动名称过长，请不超过 100 个字");
        }
        check_when(&mut e, &mut i.date, &mut i.time, &mut i.end_date, &mut i.end_time);
        for o in [&mut i.group_id, &mut i.committee_id] {
            if o.as_deref().map(str::is_empty).unwrap_or(false) {
                *o = None;
            }
        }
        if i.kind == ActivityKind::Group && i.organiser != Organiser::Group {
            e.push("organiser", "联络组活动由联络组组织：请选择组织的联络组");
        }
        match i.organiser {
            Organiser::Office => {}
            Organiser::Group => match &i.group_id {
                None => e.push("group_id", "请选择组织活动的联络组"),
                Some(g) => {
                    if !exists(&self.conn, "SELECT 1 FROM liaison_groups WHERE id = ?1 AND deleted_at IS NULL", [g])? {
                        e.push("group_id", "所选联络组已不存在，请重新选择");
                    }
                }
            },
            Organiser::Committee => match &i.committee_id {
                None => e.push("committee_id", "请选择组织活动的专委会"),
                Some(c) => {
                    if !exists(
                        &self.conn,
                        "SELECT 1 FROM ref_items WHERE id = ?1 AND kind = 'committee' AND deleted_at IS NULL",
                        [c],
                    )? {
                        e.push("committee_id", "所选专委会已不存在，请重新选择");
                    }
                }
            },
        }
        // 联合组织: other live groups, each once, not the organising group itself.
        let mut joint: Vec<String> = Vec::new();
        for g in i.joint_group_ids.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
            if Some(g) == i.group_id.as_deref() || joint.iter().any(|j| j == g) {
                continue;
            }
            let name: Option<(String, bool)> = self
                .conn
                .query_row("SELECT name, deleted_at IS NOT NULL FROM liaison_groups WHERE id = ?1", [g], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match name {
                None => e.push("joint_group_ids", "所选联合组织的联络组已不存在，请重新选择"),
                Some((n, true)) => e.push("joint_group_ids", format!("联络组“{n}”已删除，不能联合组织")),
                Some(_) => joint.push(g.to_string()),
            }
        }
        if !joint.is_empty() && i.organiser != Organiser::Group {
            e.push("joint_group_ids", "联合组织的联络组只用于联络组组织的活动：请先将组织方选为联络组");
        }
        i.joint_group_ids = joint;
        // The sign-up deadline: a date, or a date and a time, not after the start.
        let dl = i.signup_deadline.trim().to_string();
        if dl.is_empty() {
            i.signup_deadline.clear();
        } else {
            let mut parts = dl.split_whitespace();
            let (d, t, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next());
            match (parse_date(d), parse_time(t), rest) {
                (Ok(Some(d)), Ok(t), None) => {
                    i.signup_deadline = match t {
                        Some(t) => format!("{} {}", fmt_date(d), t.format("%H:%M")),
                        None => fmt_date(d),
                    };
                    if let Ok(Some(start)) = parse_date(&i.date) {
                        if d > start {
                            e.push("signup_deadline", "报名截止日期不能晚于活动日期");
                        }
                    }
                }
                _ => e.push("signup_deadline", "报名截止时间格式应为 2026-05-10 或 2026-05-10 17:00"),
            }
        }
        Ok(e)
    }

    /// Create or update an activity (every kind; a visit is created in a visit round, then edited here).
    /// Checks everything first; writes nothing when anything is wrong. A new activity is 计划.
    pub fn save_activity(&mut self, mut input: ActivityInput) -> Result<ActivityDetail> {
        let mut e = self.check_activity(&mut input)?;
        let old = match &input.id {
            Some(id) => {
                let st = ActState::load(&self.conn, id)?;
                if st.deleted {
                    return Err(Error::Conflict(format!("活动“{}”已删除，请先恢复再编辑", st.title)));
                }
                crate::db::check_fresh(
                    &self.conn,
                    "activities",
                    id,
                    input.updated_at.as_deref(),
                    &format!("活动“{}”", st.title),
                )?;
                if (st.kind == ActivityKind::Visit) != (input.kind == ActivityKind::Visit) {
                    e.push("kind", "走访记录不能改为其他类型，其他活动也不能改为走访");
                }
                Some(input_of(&self.conn, id)?)
            }
            None => {
                if input.kind == ActivityKind::Visit {
                    e.push("kind", "走访请在“走访计划”中新增，以便填写走访对象");
                }
                None
            }
        };
        e.done()?;
        let tx = self.conn.transaction()?;
        let id = input.id.clone().unwrap_or_else(new_id);
        write_activity(&tx, &id, &input, None, old.is_none(), &now())?;
        let named = |i: &ActivityInput| -> Result<serde_json::Value> {
            let mut v = snapshot(i);
            let mut names = Vec::new();
            for g in &i.joint_group_ids {
                names.push(
                    tx.query_row("SELECT name FROM liaison_groups WHERE id = ?1", [g], |r| r.get::<_, String>(0))?,
                );
            }
            v.as_object_mut().expect("object").insert("joint_groups".into(), serde_json::json!(names.join("、")));
            Ok(v)
        };
        let before = old.as_ref().map(named).transpose()?;
        let ch = changes(before.as_ref(), &named(&input)?);
        audit(&tx, "activity", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
        tx.commit()?;
        self.activity(&id)
    }

    /// Move an activity along 计划 → 已通知 → 进行中 → 已完成, or cancel it (and back to 计划 from 已取消;
    /// a completed one back to 进行中 to correct its records). A notice needs the 四落实; 进行中 and 已完成
    /// need the day to have come.
    pub fn set_activity_status(&mut self, id: &str, status: ActivityStatus) -> Result<ActivityRow> {
        use ActivityStatus::*;
        let st = ActState::load(&self.conn, id)?.live()?;
        let from = st.status;
        if from == status {
            return self.activity_row(id);
        }
        match (from, status) {
            (Cancelled, Planned) | (Done, Ongoing) => {}
            (Cancelled, Done) => {
                return Err(Error::Conflict(format!(
                    "活动“{}”已取消，不能标记为已完成：如活动照常举行，请先恢复为“计划”",
                    st.title
                )))
            }
            (Cancelled, _) => {
                return Err(Error::Conflict(format!(
                    "活动“{}”已取消，不能改为“{}”：如活动照常举行，请先恢复为“计划”",
                    st.title,
                    status.label()
                )))
            }
            (Done, _) => {
                return Err(Error::Conflict(format!(
                    "活动“{}”已完成，不能改为“{}”；如需更正记录，可改回“进行中”",
                    st.title,
                    status.label()
                )))
            }
            (_, Cancelled) => {}
            (Ongoing, Planned | Notified) | (Notified, Planned) => {
                return Err(Error::Conflict(format!("活动已“{}”，不能退回为“{}”", from.label(), status.label())))
            }
            _ => {}
        }
        match status {
            Notified => {
                let row = self.activity_row(id)?;
                let mut e = Errs::new();
                for m in &row.missing {
                    match m {
                        FourFixed::Time => e.push("date", "发通知前请先确定活动日期"),
                        FourFixed::Place => e.push("place", "发通知前请先确定活动地点"),
                        FourFixed::Content => e.push("content", "发通知前请先填写活动内容"),
                        FourFixed::Responsible => e.push("responsible", "发通知前请先确定负责人"),
                    }
                }
                e.done()?;
            }
            Ongoing | Done => {
                st.begun(&format!("标记为“{}”", status.label()))?;
            }
            _ => {}
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE activities SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), now()],
        )?;
        audit(&tx, "activity", id, "status", &serde_json::json!({"status": [from.label(), status.label()]}))?;
        tx.commit()?;
        self.activity_row(id)
    }

    /// Soft-delete an activity (its records stay, and come back with it).
    pub fn delete_activity(&mut self, id: &str) -> Result<()> {
        self.set_activity_deleted(id, true)
    }

    pub fn restore_activity(&mut self, id: &str) -> Result<()> {
        self.set_activity_deleted(id, false)
    }

    fn set_activity_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let st = ActState::load(&self.conn, id)?;
        if st.deleted == delete {
            return Ok(());
        }
        if !delete {
            let round_gone: Option<String> = self
                .conn
                .query_row(
                    "SELECT r.title FROM activities a JOIN visit_rounds r ON r.id = a.round_id
                     WHERE a.id = ?1 AND r.deleted_at IS NOT NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(r) = round_gone {
                return Err(Error::Conflict(format!("所属的走访计划“{r}”已删除，请先恢复该走访计划")));
            }
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::ACTIVITIES, id, "title", &st.title).apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }
}
