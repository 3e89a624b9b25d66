//! The plenary session (全会): a session (政协第十五届第三次会议) with its half-day sittings (预备会议, 开幕会,
//! 小组讨论, 大会发言, 闭幕会 …) and its attendees — the members of the term, invited non-voting attendees
//! (列席) and staff by name.
//!
//! Each session is also an activity of kind `plenary` (created and kept in step with it): its members are
//! that activity's participants, and their attendance at the sittings is summed up on that line, so the
//! member's history (`member_history`) counts the session like any meeting (see `checkin::sync`).
//!
//! - `checkin`: the check-in desk (报到: proxy, items handed out) and sign-in per sitting (签到, outcomes,
//!   confirmation), which feed the participation records;
//! - `leave`: leave per sitting or for the whole session, decided by rule (召集人 or 秘书处);
//! - `grouping`: discussion groups (分组讨论) split by sector, convenors, rooms, manual moves;
//! - `seating`: hall layouts, the rostrum (主席台) by role and protocol order, automatic seating, swaps;
//! - `logistics`: rooms, meal tables, vehicles;
//! - `scan`: the attendee codes printed as barcodes and the check-in by scanning them;
//! - `stats`: attendance per sitting, discussion group and sector;
//! - `export`: the print-ready lists (报到名册, 签到表, 分组名单, 座次表, 请假人员名单, 住宿, 用餐, 车辆, 出席统计).
//!
//! Every user action is one transaction with its audit entry on the session's trail (entity `session`).

mod checkin;
pub(crate) mod demo;
mod export;
mod grouping;
mod leave;
mod logistics;
mod print;
pub mod scan;
mod seating;
mod setup;
mod stats;
pub mod types;

pub use grouping::plan_groups;
pub use seating::{plan_hall, rostrum_positions, seat_numbers as seating_numbers};
pub use setup::{plan_sittings, size_hall, STANDING_ROLES};
pub use types::*;

use crate::activities::write_activity;
use crate::activities::{ActivityInput, ActivityKind, Organiser};
use crate::dates::{fmt_date, parse_date};
use crate::db::{audit, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::hanzi;
use crate::rows::{code, opt_code};
use crate::trash;
use crate::validate::{names, Errs};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use std::collections::HashMap;

/// What the check-in desk hands out when the session does not say.
pub const DEFAULT_ITEMS: [&str; 3] = ["出席证", "会议材料", "餐券"];

/// The roles seated on the rostrum by default.
pub const ROSTRUM_ROLES: [&str; 3] = ["主席", "副主席", "秘书长"];

/// The state of a session the rules look at.
#[derive(Debug, Clone)]
pub(crate) struct SessState {
    pub id: String,
    pub activity_id: String,
    pub term_id: String,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub convenor_max: u32,
    pub items: Vec<String>,
    pub layout_id: Option<String>,
    pub deleted: bool,
    pub kind: SessionKind,
}

impl SessState {
    pub fn load(conn: &Connection, id: &str) -> Result<SessState> {
        conn.prepare_cached(
            "SELECT id, activity_id, term_id, name, start_date, end_date, place, convenor_max_half_days,
                    check_in_items, layout_id, deleted_at IS NOT NULL, kind
             FROM sessions WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(SessState {
                id: r.get(0)?,
                activity_id: r.get(1)?,
                term_id: r.get(2)?,
                name: r.get(3)?,
                start_date: r.get(4)?,
                end_date: r.get(5)?,
                place: r.get(6)?,
                convenor_max: r.get(7)?,
                items: split_list(&r.get::<_, String>(8)?),
                layout_id: r.get(9)?,
                deleted: r.get(10)?,
                kind: code(r, 11, SessionKind::parse)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("该会议不存在".into()))
    }

    /// Refuse changes to a deleted session.
    pub fn live(self) -> Result<SessState> {
        if self.deleted {
            return Err(Error::Conflict(format!("会议“{}”已删除，请先恢复再操作", self.name)));
        }
        Ok(self)
    }
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

/// An attendee as the rules need them.
#[derive(Debug, Clone)]
pub(crate) struct Att {
    pub id: String,
    pub session_id: String,
    pub kind: AttendeeKind,
    pub member_id: Option<String>,
    pub name: String,
    pub group_id: Option<String>,
    pub participant_id: Option<String>,
    pub deleted: bool,
}

pub(crate) fn att(conn: &Connection, id: &str) -> Result<Att> {
    conn.prepare_cached(
        "SELECT a.id, a.session_id, a.kind, a.member_id, COALESCE(m.name, a.name), a.group_id, a.participant_id,
                a.deleted_at IS NOT NULL
         FROM session_attendees a LEFT JOIN members m ON m.id = a.member_id WHERE a.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Att {
            id: r.get(0)?,
            session_id: r.get(1)?,
            kind: code(r, 2, AttendeeKind::parse)?,
            member_id: r.get(3)?,
            name: r.get(4)?,
            group_id: r.get(5)?,
            participant_id: r.get(6)?,
            deleted: r.get(7)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound("会议名单中没有该人员".into()))
}

/// A live attendee of a live session.
pub(crate) fn live_att(conn: &Connection, id: &str) -> Result<(SessState, Att)> {
    let a = att(conn, id)?;
    let s = SessState::load(conn, &a.session_id)?.live()?;
    if a.deleted {
        return Err(Error::Conflict(format!("“{}”已移出会议名单", a.name)));
    }
    Ok((s, a))
}

pub(crate) fn sitting_of(conn: &Connection, id: &str) -> Result<Sitting> {
    conn.prepare_cached(&format!("{SITTING_SELECT} WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], read_sitting)
        .optional()?
        .ok_or_else(|| Error::NotFound("该场次不存在".into()))
}

const SITTING_SELECT: &str = "SELECT id, session_id, kind, title, sitting_date, half, start_time, end_time, place,
        final_at IS NOT NULL FROM session_sittings";
const SITTING_ORDER: &str = "sitting_date, CASE half WHEN 'am' THEN 0 WHEN 'pm' THEN 1 ELSE 2 END, start_time, id";

fn read_sitting(r: &rusqlite::Row) -> rusqlite::Result<Sitting> {
    Ok(Sitting {
        id: r.get(0)?,
        session_id: r.get(1)?,
        kind: code(r, 2, SittingKind::parse)?,
        title: r.get(3)?,
        date: r.get(4)?,
        half: code(r, 5, HalfDay::parse)?,
        start_time: r.get(6)?,
        end_time: r.get(7)?,
        place: r.get(8)?,
        finalised: r.get(9)?,
    })
}

pub(crate) fn sittings_in(conn: &Connection, session_id: &str) -> Result<Vec<Sitting>> {
    let mut st = conn.prepare_cached(&format!(
        "{SITTING_SELECT} WHERE session_id = ?1 AND deleted_at IS NULL ORDER BY {SITTING_ORDER}"
    ))?;
    let rows = st.query_map([session_id], read_sitting)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SESSION_ROW_SELECT: &str = "SELECT s.id, s.activity_id, s.name, COALESCE(t.name, ''), s.start_date, s.end_date,
        s.place,
        (SELECT COUNT(*) FROM session_sittings x WHERE x.session_id = s.id AND x.deleted_at IS NULL),
        (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id AND a.deleted_at IS NULL AND a.kind = 'member'),
        (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id AND a.deleted_at IS NULL AND a.kind = 'observer'),
        (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id AND a.deleted_at IS NULL AND a.kind = 'staff'),
        (SELECT COUNT(*) FROM session_checkins c JOIN session_attendees a ON a.id = c.attendee_id
          WHERE a.session_id = s.id AND a.deleted_at IS NULL AND c.deleted_at IS NULL),
        (SELECT COUNT(*) FROM session_groups g WHERE g.session_id = s.id),
        (SELECT COUNT(*) FROM session_seats z WHERE z.session_id = s.id),
        s.deleted_at IS NOT NULL, s.kind, s.updated_at
     FROM sessions s LEFT JOIN terms t ON t.id = s.term_id";

fn read_session_row(r: &rusqlite::Row) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        kind: code(r, 15, SessionKind::parse)?,
        name: r.get(2)?,
        term: r.get(3)?,
        start_date: r.get(4)?,
        end_date: r.get(5)?,
        place: r.get(6)?,
        sittings: r.get(7)?,
        members: r.get(8)?,
        observers: r.get(9)?,
        staff: r.get(10)?,
        checked_in: r.get(11)?,
        groups: r.get(12)?,
        seated: r.get(13)?,
        deleted: r.get(14)?,
        updated_at: r.get(16)?,
    })
}

/// The columns of an Attendee (roles filled in afterwards); `?1` is the session.
const ATT_SELECT: &str =
    "SELECT a.id, a.session_id, a.kind, a.member_id, COALESCE(m.name, a.name), COALESCE(m.gender, ''),
        COALESCE(s.name, ''), CASE WHEN a.kind = 'member' THEN COALESCE(m.work_unit, '') ELSE a.unit END,
        COALESCE(m.mobile, a.mobile), a.group_id, COALESCE(g.name, ''), a.group_role, a.rostrum, a.protocol_rank,
        c.checked_in_at, COALESCE(c.proxy, ''), COALESCE(c.items, '')
     FROM session_attendees a
     LEFT JOIN members m ON m.id = a.member_id
     LEFT JOIN ref_items s ON s.id = m.sector_id
     LEFT JOIN session_groups g ON g.id = a.group_id
     LEFT JOIN session_checkins c ON c.attendee_id = a.id AND c.deleted_at IS NULL";

/// Members first, then 列席, then staff; each in stroke order (姓氏笔画).
const ATT_ORDER: &str =
    "CASE a.kind WHEN 'member' THEN 0 WHEN 'observer' THEN 1 ELSE 2 END, COALESCE(m.stroke_key, a.stroke_key), a.id";

fn read_attendee(r: &rusqlite::Row) -> rusqlite::Result<Attendee> {
    let mobile: String = r.get(8)?;
    Ok(Attendee {
        id: r.get(0)?,
        session_id: r.get(1)?,
        kind: code(r, 2, AttendeeKind::parse)?,
        member_id: r.get(3)?,
        name: r.get(4)?,
        gender: r.get(5)?,
        sector: r.get(6)?,
        roles: String::new(),
        unit: r.get(7)?,
        mobile: crate::masks::mask_phone(&mobile),
        group_id: r.get(9)?,
        group: r.get(10)?,
        group_role: code(r, 11, DiscussionRole::parse)?,
        rostrum: r.get(12)?,
        protocol_rank: r.get(13)?,
        checked_in_at: r.get(14)?,
        proxy: r.get(15)?,
        items: split_list(&r.get::<_, String>(16)?),
        code: String::new(),
    })
    .map(|mut a| {
        a.code = scan::attendee_code(&a.id);
        a
    })
}

/// The check-in desk's search, as the roster's (`members::search_clause`): letters match the start of the
/// full pinyin or of the initials, digits the end of the mobile number, anything else the name.
/// Non-members' pinyin is kept on their attendee line.
fn search_clause(search: &str, args: &mut Vec<Value>) -> Option<String> {
    let s = crate::idcard::clean(search).to_lowercase();
    if s.is_empty() {
        return None;
    }
    let mut like = |v: String| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    Some(if s.chars().all(|c| c.is_ascii_alphabetic()) {
        let p = like(format!("{s}%"));
        format!(
            "(COALESCE(m.name_pinyin, a.name_pinyin) LIKE {p} OR COALESCE(m.name_initials, a.name_initials) LIKE {p})"
        )
    } else if s.chars().all(|c| c.is_ascii_digit()) {
        let p = like(format!("%{s}"));
        format!("COALESCE(m.mobile, a.mobile) LIKE {p}")
    } else {
        let name = crate::validate::clean_name(search);
        let p = like(format!("%{}%", name.replace(['%', '_'], "")));
        format!("COALESCE(m.name, a.name) LIKE {p}")
    })
}

/// Each member's 政协职务, joined in protocol order (the role list's order).
pub(crate) fn roles_by_member(conn: &Connection, session_id: &str) -> Result<HashMap<String, String>> {
    let mut st = conn.prepare_cached(
        "SELECT mr.member_id, r.name FROM session_attendees a
         JOIN member_roles mr ON mr.member_id = a.member_id
         JOIN ref_items r ON r.id = mr.role_id AND r.deleted_at IS NULL
         WHERE a.session_id = ?1 AND a.deleted_at IS NULL ORDER BY mr.member_id, r.sort",
    )?;
    let mut out: HashMap<String, String> = HashMap::new();
    for row in st.query_map([session_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (m, role) = row?;
        let e = out.entry(m).or_default();
        if !e.is_empty() {
            e.push('、');
        }
        e.push_str(&role);
    }
    Ok(out)
}

pub(crate) fn attendees_in(conn: &Connection, session_id: &str, q: &AttendeeQuery) -> Result<Vec<Attendee>> {
    let mut args: Vec<Value> = vec![Value::Text(session_id.to_string())];
    let mut wh = vec!["a.session_id = ?1".to_string(), "a.deleted_at IS NULL".to_string()];
    if let Some(c) = search_clause(&q.search, &mut args) {
        wh.push(c);
    }
    if let Some(k) = q.kind {
        args.push(Value::Text(k.as_str().into()));
        wh.push(format!("a.kind = ?{}", args.len()));
    }
    if let Some(g) = q.group_id.as_deref().filter(|g| !g.is_empty()) {
        args.push(Value::Text(g.into()));
        wh.push(format!("a.group_id = ?{}", args.len()));
    }
    match q.checked_in {
        Some(true) => wh.push("c.id IS NOT NULL".into()),
        Some(false) => wh.push("c.id IS NULL".into()),
        None => {}
    }
    let limit = if q.limit == 0 { -1 } else { q.limit as i64 };
    let mut st =
        conn.prepare_cached(&format!("{ATT_SELECT} WHERE {} ORDER BY {ATT_ORDER} LIMIT {limit}", wh.join(" AND ")))?;
    let mut rows: Vec<Attendee> =
        st.query_map(params_from_iter(args.iter()), read_attendee)?.collect::<rusqlite::Result<_>>()?;
    let roles = roles_by_member(conn, session_id)?;
    for a in &mut rows {
        if let Some(m) = &a.member_id {
            a.roles = roles.get(m).cloned().unwrap_or_default();
        }
    }
    Ok(rows)
}

/// The member's line on the session's activity, created if missing.
pub(crate) fn ensure_participant(tx: &Connection, activity_id: &str, member_id: &str, t: &str) -> Result<String> {
    tx.prepare_cached(
        "INSERT INTO participants (id, activity_id, member_id, person_kind, invited, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'member', 1, ?4, ?4) ON CONFLICT (activity_id, member_id) DO NOTHING",
    )?
    .execute(params![new_id(), activity_id, member_id, t])?;
    Ok(tx
        .prepare_cached("SELECT id FROM participants WHERE activity_id = ?1 AND member_id = ?2")?
        .query_row(params![activity_id, member_id], |r| r.get(0))?)
}

/// The activity that carries a session's participation, as a form.
fn activity_form(kind: SessionKind, name: &str, start: &str, end: &str, place: &str) -> ActivityInput {
    ActivityInput {
        kind: activity_kind(kind),
        title: name.to_string(),
        date: start.to_string(),
        end_date: if end == start { String::new() } else { end.to_string() },
        place: place.to_string(),
        content: kind.label().into(),
        organiser: Organiser::Office,
        ..Default::default()
    }
}

/// The kind of the activity that carries a session.
pub(crate) fn activity_kind(kind: SessionKind) -> ActivityKind {
    match kind {
        SessionKind::Plenary => ActivityKind::Plenary,
        SessionKind::Standing => ActivityKind::Standing,
    }
}

/// Insert a sitting (checked by the caller). Returns its id.
pub(crate) fn put_sitting(tx: &Connection, s: &SessState, i: &SittingInput, t: &str) -> Result<String> {
    let id = new_id();
    let title = if i.title.trim().is_empty() { i.kind.label().to_string() } else { i.title.trim().to_string() };
    let place = if i.place.trim().is_empty() { s.place.clone() } else { i.place.trim().to_string() };
    tx.execute(
        "INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, start_time, end_time, place,
           created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![id, s.id, i.kind.as_str(), title, i.date, i.half.as_str(), i.start_time, i.end_time, place, t],
    )?;
    Ok(id)
}

/// Put members on a session's list (and on its activity's); those already on it are left as they are,
/// the 主席, 副主席 and 秘书长 are seated on the rostrum, and a layout made for the session grows to
/// hold them. Returns how many were added.
pub(crate) fn put_members(tx: &Connection, s: &SessState, ids: &[String], t: &str) -> Result<u32> {
    let rostrum_roles: Vec<String> = {
        let mut st = tx.prepare(&format!(
            "SELECT DISTINCT mr.member_id FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id
             WHERE r.kind = 'role' AND r.deleted_at IS NULL AND r.name IN ({})",
            ROSTRUM_ROLES.iter().map(|r| format!("'{r}'")).collect::<Vec<_>>().join(",")
        ))?;
        let v = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        v
    };
    let mut added = 0u32;
    for mid in ids {
        let existing: Option<(String, bool)> = tx
            .prepare_cached(
                "SELECT id, deleted_at IS NOT NULL FROM session_attendees WHERE session_id = ?1 AND member_id = ?2",
            )?
            .query_row(params![s.id, mid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let pid = ensure_participant(tx, &s.activity_id, mid, t)?;
        match existing {
            Some((_, false)) => continue,
            Some((aid, true)) => {
                tx.prepare_cached(
                    "UPDATE session_attendees SET deleted_at = NULL, participant_id = ?2, updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![aid, pid, t])?;
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO session_attendees (id, session_id, kind, member_id, participant_id, rostrum,
                       created_at, updated_at) VALUES (?1, ?2, 'member', ?3, ?4, ?5, ?6, ?6)",
                )?
                .execute(params![new_id(), s.id, mid, pid, rostrum_roles.contains(mid), t])?;
            }
        }
        added += 1;
    }
    if added > 0 {
        audit(tx, "session", &s.id, "add_members", &serde_json::json!({"members": [null, added]}))?;
        setup::grow_layout(tx, s)?;
    }
    Ok(added)
}

impl Db {
    /// Sessions, newest first (deleted ones only when asked).
    pub fn sessions(&self, deleted: bool) -> Result<Vec<SessionRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SESSION_ROW_SELECT} WHERE (s.deleted_at IS NOT NULL) = ?1 ORDER BY s.start_date DESC, s.id DESC"
        ))?;
        let rows = st.query_map([deleted], read_session_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn session(&self, id: &str) -> Result<SessionDetail> {
        let st = SessState::load(&self.conn, id)?;
        let session = self
            .conn
            .prepare_cached(&format!("{SESSION_ROW_SELECT} WHERE s.id = ?1"))?
            .query_row([id], read_session_row)?;
        Ok(SessionDetail {
            session,
            term_id: st.term_id.clone(),
            convenor_max_half_days: st.convenor_max,
            check_in_items: st.items.clone(),
            layout_id: st.layout_id.clone(),
            sittings: sittings_in(&self.conn, id)?,
            groups: grouping::groups_in(&self.conn, id)?,
            readiness: setup::readiness(&self.conn, &st)?,
        })
    }

    /// Create or update a session, and its plenary activity with it. Checks everything first.
    pub fn save_session(&mut self, mut i: SessionInput) -> Result<SessionDetail> {
        let mut e = Errs::new();
        i.name = i.name.trim().to_string();
        i.place = i.place.trim().to_string();
        if i.name.is_empty() {
            e.push("name", "请填写会议名称，如“政协第十五届第三次会议”");
        } else if i.name.chars().count() > 100 {
            e.push("name", "会议名称过长，请不超过 100 个字");
        }
        let start = e.date("start_date", "开始日期", &mut i.start_date);
        if start.is_none() && i.start_date.is_empty() {
            e.push("start_date", "请填写会议开始日期");
        }
        if i.end_date.trim().is_empty() && start.is_some() {
            i.end_date = i.start_date.clone();
        }
        let end = e.date("end_date", "结束日期", &mut i.end_date);
        if let (Some(s), Some(en)) = (start, end) {
            if en < s {
                e.push("end_date", "结束日期不能早于开始日期");
            } else if (en - s).num_days() > 30 {
                e.push("end_date", "会期不能超过 30 天，请核对结束日期");
            }
        }
        let mut items: Vec<String> = Vec::new();
        for it in &i.check_in_items {
            let it = it.trim().replace(',', "，");
            if !it.is_empty() && !items.contains(&it) {
                items.push(it);
            }
        }
        if items.is_empty() {
            items = DEFAULT_ITEMS.iter().map(|s| s.to_string()).collect();
        }
        let layout = i.layout_id.clone().filter(|l| !l.is_empty());
        if let Some(l) = &layout {
            let ok = exists(&self.conn, "SELECT 1 FROM hall_layouts WHERE id = ?1 AND deleted_at IS NULL", [l])?;
            if !ok {
                e.push("layout_id", "所选会场布局已不存在，请重新选择");
            }
        }
        let old = match &i.id {
            Some(id) => {
                let st = SessState::load(&self.conn, id)?.live()?;
                crate::db::check_fresh(
                    &self.conn,
                    "sessions",
                    id,
                    i.updated_at.as_deref(),
                    &format!("会议“{}”", st.name),
                )?;
                Some(st)
            }
            None => None,
        };
        let term = match (&old, &i.term_id) {
            (Some(o), _) => o.term_id.clone(),
            (None, Some(t)) if !t.is_empty() => {
                let ok = exists(&self.conn, "SELECT 1 FROM terms WHERE id = ?1 AND deleted_at IS NULL", [t])?;
                if !ok {
                    e.push("term_id", "所选届次不存在，请重新选择");
                }
                t.clone()
            }
            (None, _) => self.current_term_id()?,
        };
        if old.is_none() && !i.sittings.is_empty() && start.is_some() && end.is_some() {
            setup::check_plan(&mut e, &mut i.sittings, &i.start_date, &i.end_date);
        }
        if let (Some(o), Some(s), Some(en)) = (&old, start, end) {
            // Sittings stay inside the dates.
            let outside: Vec<String> = sittings_in(&self.conn, &o.id)?
                .into_iter()
                .filter(|x| parse_date(&x.date).ok().flatten().map(|d| d < s || d > en).unwrap_or(false))
                .map(|x| x.label())
                .collect();
            if !outside.is_empty() {
                e.push("end_date", format!("场次{}不在新的会期内，请先修改这些场次的日期", names(&outside)));
            }
        }
        e.done()?;
        let max = i.convenor_max_half_days.unwrap_or(1);
        let tx = self.conn.transaction()?;
        let t = now();
        // The kind is fixed once created.
        let kind = old.as_ref().map(|o| o.kind).unwrap_or(i.kind);
        let form = activity_form(kind, &i.name, &i.start_date, &i.end_date, &i.place);
        let id = match &old {
            None => {
                let id = new_id();
                let act = new_id();
                write_activity(&tx, &act, &form, None, true, &t)?;
                tx.execute(
                    "INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, place, layout_id,
                       convenor_max_half_days, check_in_items, kind, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                    params![
                        id,
                        act,
                        term,
                        i.name,
                        i.start_date,
                        i.end_date,
                        i.place,
                        layout,
                        max,
                        items.join(","),
                        kind.as_str(),
                        t
                    ],
                )?;
                audit(
                    &tx,
                    "session",
                    &id,
                    "create",
                    &serde_json::json!({"name": [null, i.name], "kind": [null, kind.label()], "dates": [null, format!("{}—{}", i.start_date, i.end_date)]}),
                )?;
                let s = SessState::load(&tx, &id)?;
                for x in &i.sittings {
                    put_sitting(&tx, &s, x, &t)?;
                }
                if i.prepare {
                    let ids = setup::default_member_ids(&tx, &s)?;
                    put_members(&tx, &s, &ids, &t)?;
                    if layout.is_none() && !ids.is_empty() {
                        setup::make_layout(&tx, &s, &t)?;
                    }
                }
                id
            }
            Some(o) => {
                let mut f = crate::activities::input_of(&tx, &o.activity_id)?;
                f.title = form.title;
                f.date = form.date;
                f.end_date = form.end_date;
                f.place = form.place;
                write_activity(&tx, &o.activity_id, &f, None, false, &t)?;
                tx.execute(
                    "UPDATE sessions SET name = ?2, start_date = ?3, end_date = ?4, place = ?5, layout_id = ?6,
                       convenor_max_half_days = ?7, check_in_items = ?8, updated_at = ?9 WHERE id = ?1",
                    params![o.id, i.name, i.start_date, i.end_date, i.place, layout, max, items.join(","), t],
                )?;
                audit(
                    &tx,
                    "session",
                    &o.id,
                    "update",
                    &serde_json::json!({
                        "name": [o.name, i.name],
                        "dates": [format!("{}—{}", o.start_date, o.end_date), format!("{}—{}", i.start_date, i.end_date)],
                        "place": [o.place, i.place],
                        "convenor_max_half_days": [o.convenor_max, max],
                        "check_in_items": [o.items.join("、"), items.join("、")],
                    }),
                )?;
                o.id.clone()
            }
        };
        tx.commit()?;
        self.session(&id)
    }

    /// Soft-delete a session (and its activity); everything recorded stays and comes back with it.
    pub fn delete_session(&mut self, id: &str) -> Result<()> {
        self.set_session_deleted(id, true)
    }

    pub fn restore_session(&mut self, id: &str) -> Result<()> {
        self.set_session_deleted(id, false)
    }

    fn set_session_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let st = SessState::load(&self.conn, id)?;
        if st.deleted == delete {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::SESSIONS, id, "name", &st.name)
            .twin(trash::ACTIVITIES, &st.activity_id)
            .apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }

    pub fn sittings(&self, session_id: &str) -> Result<Vec<Sitting>> {
        SessState::load(&self.conn, session_id)?;
        sittings_in(&self.conn, session_id)
    }

    /// Add or edit a sitting: a half-day inside the session's dates.
    pub fn save_sitting(&mut self, mut i: SittingInput) -> Result<Sitting> {
        let s = SessState::load(&self.conn, &i.session_id)?.live()?;
        let old = match &i.id {
            Some(id) => {
                let o = sitting_of(&self.conn, id)?;
                if o.session_id != s.id {
                    return Err(Error::NotFound("该场次不属于本次会议".into()));
                }
                Some(o)
            }
            None => None,
        };
        let mut e = Errs::new();
        i.title = i.title.trim().to_string();
        i.place = i.place.trim().to_string();
        if i.title.is_empty() {
            i.title = i.kind.label().to_string();
        }
        if i.place.is_empty() {
            i.place = s.place.clone();
        }
        let d = e.date("date", "场次日期", &mut i.date);
        match d {
            None if i.date.is_empty() => e.push("date", "请填写场次日期"),
            Some(d) if fmt_date(d) < s.start_date || fmt_date(d) > s.end_date => {
                e.push("date", format!("场次日期应在会期（{} 至 {}）之内", s.start_date, s.end_date))
            }
            _ => {}
        }
        let st = e.time("start_time", "开始时间", &mut i.start_time);
        let et = e.time("end_time", "结束时间", &mut i.end_time);
        if let (Some(a), Some(b)) = (st, et) {
            if b < a {
                e.push("end_time", "结束时间不能早于开始时间");
            }
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let id = i.id.clone().unwrap_or_else(new_id);
        if old.is_none() {
            tx.execute(
                "INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, start_time, end_time, place,
                   created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![id, s.id, i.kind.as_str(), i.title, i.date, i.half.as_str(), i.start_time, i.end_time, i.place, t],
            )?;
        } else {
            tx.execute(
                "UPDATE session_sittings SET kind = ?2, title = ?3, sitting_date = ?4, half = ?5, start_time = ?6,
                   end_time = ?7, place = ?8, updated_at = ?9 WHERE id = ?1",
                params![id, i.kind.as_str(), i.title, i.date, i.half.as_str(), i.start_time, i.end_time, i.place, t],
            )?;
        }
        let new_label = format!("{} {} {}", i.date, i.half.label(), i.title);
        audit(
            &tx,
            "session",
            &s.id,
            if old.is_some() { "sitting_update" } else { "sitting_create" },
            &serde_json::json!({"sitting": [old.as_ref().map(|o| o.label()), new_label]}),
        )?;
        tx.commit()?;
        sitting_of(&self.conn, &id)
    }

    /// Soft-delete a sitting with nothing recorded at it (no sign-in, no leave).
    pub fn delete_sitting(&mut self, sitting_id: &str) -> Result<()> {
        let x = sitting_of(&self.conn, sitting_id)?;
        let s = SessState::load(&self.conn, &x.session_id)?.live()?;
        let used: i64 = self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM session_sign_ins WHERE sitting_id = ?1)
                  + (SELECT COUNT(*) FROM session_leaves WHERE sitting_id = ?1)",
            [sitting_id],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::Conflict(format!("场次“{}”已有签到或请假记录，不能删除", x.label())));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::SITTINGS, sitting_id, "sitting", &x.label())
            .logged_on("session", &s.id, "sitting_delete")
            .delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// A session's list (members, 列席, staff; each in stroke order), filtered; the check-in desk's search.
    pub fn session_attendees(&self, session_id: &str, q: &AttendeeQuery) -> Result<Vec<Attendee>> {
        SessState::load(&self.conn, session_id)?;
        attendees_in(&self.conn, session_id, q)
    }

    pub fn session_attendee(&self, attendee_id: &str) -> Result<Attendee> {
        let a = att(&self.conn, attendee_id)?;
        let mut st = self.conn.prepare_cached(&format!("{ATT_SELECT} WHERE a.id = ?1"))?;
        let mut out = st.query_row([attendee_id], read_attendee)?;
        if let Some(m) = &a.member_id {
            out.roles = roles_by_member(&self.conn, &a.session_id)?.remove(m).unwrap_or_default();
        }
        Ok(out)
    }

    /// Put members on the session's list: those given, or (none given) the default list — every active
    /// member of the session's term, or for a 常委会议 those on the standing committee (`STANDING_ROLES`).
    /// Each also goes on the session's activity's list. Those already on it are left as they are; the
    /// 主席, 副主席 and 秘书长 are seated on the rostrum; a layout made for the session grows to hold them.
    /// Returns how many were added.
    pub fn add_session_members(&mut self, session_id: &str, member_ids: &[String]) -> Result<u32> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        let ids: Vec<String> = if member_ids.is_empty() {
            setup::default_member_ids(&self.conn, &s)?
        } else {
            let mut gone = Vec::new();
            for id in member_ids {
                let row: Option<(String, bool)> = self
                    .conn
                    .query_row("SELECT name, deleted_at IS NOT NULL FROM members WHERE id = ?1", [id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match row {
                    None => return Err(Error::field("member_ids", "所选委员不存在，请重新选择")),
                    Some((n, true)) => gone.push(n),
                    _ => {}
                }
            }
            if !gone.is_empty() {
                return Err(Error::field("member_ids", format!("委员{}已删除，不能列入会议名单", names(&gone))));
            }
            member_ids.to_vec()
        };
        if ids.is_empty() {
            return Err(Error::field("member_ids", setup::no_default_members(s.kind)));
        }
        let tx = self.conn.transaction()?;
        let added = put_members(&tx, &s, &ids, &now())?;
        tx.commit()?;
        Ok(added)
    }

    /// Put an invited non-voting attendee (列席) or a staff member on the list, by name.
    pub fn add_session_person(&mut self, i: PersonAttendeeInput) -> Result<Attendee> {
        let s = SessState::load(&self.conn, &i.session_id)?.live()?;
        let mut e = Errs::new();
        let name = crate::validate::clean_name(&i.name);
        if name.is_empty() {
            e.push("name", "请填写姓名");
        } else if name.chars().count() > 30 {
            e.push("name", "姓名过长，请不超过 30 个字");
        }
        if i.kind == AttendeeKind::Member {
            e.push("kind", "委员请从名册中选择（列入会议名单）");
        }
        let mobile = crate::idcard::clean(&i.mobile);
        if !mobile.is_empty() && !mobile.chars().all(|c| c.is_ascii_digit() || c == '-') {
            e.push("mobile", "手机号只能包含数字，请核对");
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        let id = new_id();
        let t = now();
        tx.execute(
            "INSERT INTO session_attendees (id, session_id, kind, name, unit, mobile, name_pinyin, name_initials,
               stroke_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                id,
                s.id,
                i.kind.as_str(),
                name,
                i.unit.trim(),
                mobile,
                hanzi::pinyin_full(&name),
                hanzi::pinyin_initials(&name),
                crate::names::stroke_key(&tx, &name)?,
                t
            ],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "add_person",
            &serde_json::json!({"person": [null, format!("{name}（{}）", i.kind.label())]}),
        )?;
        setup::grow_layout(&tx, &s)?;
        tx.commit()?;
        self.session_attendee(&id)
    }

    /// Take someone off the list (soft): only while nothing is recorded for them (check-in, sign-in, leave).
    /// Their seat, group, room, table and vehicle places are given up.
    pub fn remove_session_attendee(&mut self, attendee_id: &str) -> Result<()> {
        let (s, a) = live_att(&self.conn, attendee_id)?;
        let recorded: i64 = self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM session_checkins WHERE attendee_id = ?1 AND deleted_at IS NULL)
                  + (SELECT COUNT(*) FROM session_sign_ins WHERE attendee_id = ?1)
                  + (SELECT COUNT(*) FROM session_leaves WHERE attendee_id = ?1)",
            [attendee_id],
            |r| r.get(0),
        )?;
        if recorded > 0 {
            return Err(Error::Conflict(format!(
                "“{}”已有报到、签到或请假记录，不能移出会议名单；如未到会，请在签到中记为“缺席”",
                a.name
            )));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::ATTENDEES, attendee_id, "person", &a.name)
            .logged_on("session", &s.id, "remove_person")
            .delete(&tx)?;
        tx.execute("UPDATE session_attendees SET group_id = NULL, group_role = 'member' WHERE id = ?1", [attendee_id])?;
        for table in ["session_seats", "session_room_guests", "session_table_guests", "session_vehicle_passengers"] {
            tx.execute(&format!("DELETE FROM {table} WHERE attendee_id = ?1"), [attendee_id])?;
        }
        if let Some(p) = &a.participant_id {
            // Off the activity's list too, while nothing is recorded there.
            let free: bool = tx.query_row(
                "SELECT attendance IS NULL AND signed_in_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM leave_requests WHERE participant_id = ?1)
                 FROM participants WHERE id = ?1",
                [p],
                |r| r.get(0),
            )?;
            if free {
                tx.execute("UPDATE session_attendees SET participant_id = NULL WHERE id = ?1", [attendee_id])?;
                tx.execute("DELETE FROM participants WHERE id = ?1", [p])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Seat someone on the rostrum (主席台) or not, and their protocol order among those of the same role.
    pub fn set_rostrum(&mut self, attendee_id: &str, rostrum: bool, protocol_rank: Option<u32>) -> Result<Attendee> {
        let (s, a) = live_att(&self.conn, attendee_id)?;
        if a.kind == AttendeeKind::Staff && rostrum {
            return Err(Error::field("rostrum", format!("“{}”是工作人员，不安排在主席台就座", a.name)));
        }
        if protocol_rank == Some(0) {
            return Err(Error::field("protocol_rank", "排序号从 1 开始，请核对"));
        }
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE session_attendees SET rostrum = ?2, protocol_rank = ?3, updated_at = ?4 WHERE id = ?1",
            params![attendee_id, rostrum, protocol_rank, t],
        )?;
        if !rostrum {
            tx.execute("DELETE FROM session_seats WHERE attendee_id = ?1 AND area = 'rostrum'", [attendee_id])?;
        }
        audit(
            &tx,
            "session",
            &s.id,
            "rostrum",
            &serde_json::json!({"name": [a.name, a.name], "rostrum": [null, rostrum], "protocol_rank": [null, protocol_rank]}),
        )?;
        tx.commit()?;
        self.session_attendee(attendee_id)
    }
}

/// An optional code read back as its enum.
pub(crate) fn opt_level(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<ApproverLevel>> {
    opt_code(r, i, ApproverLevel::parse)
}
