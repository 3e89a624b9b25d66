//! The check-in desk (报到) and the sign-in per sitting (签到).
//!
//! Check-in: once per attendee, in person or by proxy (代报到, with the proxy's name), with the items
//! handed out ticked (of the session's list: 出席证, 会议材料, 餐券 …). Checking in someone already
//! checked in is refused, saying when and by whom (a second key press at the desk must not overwrite the
//! first record); items handed out later are ticked with `set_check_in_items`; a mistaken check-in is
//! undone with `undo_check_in` (kept, soft-deleted).
//!
//! Sign-in per sitting: 出席 or 迟到 at the door, any outcome by hand (from a paper sheet), then the
//! confirmation (`finalise_sitting`): those with no outcome become 请假 where an approved leave covers the
//! sitting, else 缺席. Every change is summed up on the member's line of the session's activity (`sync`):
//! 出席 if they attended any sitting (迟到 if late at one), else 缺席 if absent from any, else 请假 — so
//! `member_history` counts the session once, with its outcome; the per-sitting records stay here for the
//! statistics and the performance points (per half-day).

use super::stats::stat_line_in;
use super::{attendees_in, live_att, sitting_of, split_list, SessState};
use crate::dates::{fmt_date, local_now, parse_date, parse_time, today};
use crate::db::{audit, now, Db};
use crate::error::{Error, Result};
use crate::rows::opt_code;
use crate::sessions::types::*;
use crate::trash;
use crate::validate::{names, Errs};
use rusqlite::{params, Connection, OptionalExtension};

/// Sum each member's outcomes at the live sittings up on their line of the session's activity.
pub(crate) fn sync(tx: &Connection, session_id: &str, t: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE participants SET
           attendance = (SELECT CASE WHEN SUM(o IN ('present','late')) > 0 THEN
                                       CASE WHEN SUM(o = 'late') > 0 THEN 'late' ELSE 'present' END
                                     WHEN SUM(o = 'absent') > 0 THEN 'absent'
                                     WHEN SUM(o = 'leave') > 0 THEN 'leave' END
                         FROM (SELECT si.outcome AS o FROM session_attendees a
                               JOIN session_sign_ins si ON si.attendee_id = a.id
                               JOIN session_sittings x ON x.id = si.sitting_id AND x.deleted_at IS NULL
                               WHERE a.participant_id = participants.id)),
           signed_in_at = (SELECT MIN(si.signed_at) FROM session_attendees a
                           JOIN session_sign_ins si ON si.attendee_id = a.id
                           JOIN session_sittings x ON x.id = si.sitting_id AND x.deleted_at IS NULL
                           WHERE a.participant_id = participants.id AND si.signed_at IS NOT NULL),
           updated_at = ?2
         WHERE id IN (SELECT participant_id FROM session_attendees WHERE session_id = ?1 AND participant_id IS NOT NULL)",
    )?
    .execute(params![session_id, t])?;
    Ok(())
}

/// A time as the desk types it: empty (now), HH:MM (on `day`, else today), or YYYY-MM-DD HH:MM.
fn stamp(e: &mut Errs, field: &str, label: &str, s: &str, day: Option<chrono::NaiveDate>) -> String {
    let s = s.trim();
    if s.is_empty() {
        return local_now().format("%Y-%m-%d %H:%M").to_string();
    }
    let mut parts = s.split_whitespace();
    let (a, b, rest) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let parsed = match (b, rest) {
        (None, _) => parse_time(a).ok().flatten().map(|t| (day.unwrap_or_else(today), t)),
        (Some(b), None) => match (parse_date(a), parse_time(b)) {
            (Ok(Some(d)), Ok(Some(t))) => Some((d, t)),
            _ => None,
        },
        _ => None,
    };
    match parsed {
        Some((d, t)) => format!("{} {}", fmt_date(d), t.format("%H:%M")),
        None => {
            e.push(field, format!("{label}格式应为 08:30 或 2026-01-12 08:30，请核对"));
            String::new()
        }
    }
}

/// Items checked against the session's list; unknown ones reported at `items`.
fn check_items(e: &mut Errs, s: &SessState, items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    for it in items {
        let it = it.trim();
        if it.is_empty() {
            continue;
        }
        if !s.items.iter().any(|x| x == it) {
            unknown.push(it.to_string());
        } else if !out.iter().any(|x| x == it) {
            out.push(it.to_string());
        }
    }
    if !unknown.is_empty() {
        e.push("items", format!("{}不是本次会议的报到物品（可选：{}）", names(&unknown), s.items.join("、")));
    }
    // In the session's order.
    s.items.iter().filter(|x| out.contains(x)).cloned().collect()
}

fn live_checkin(conn: &Connection, attendee_id: &str) -> Result<Option<(String, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, checked_in_at, proxy FROM session_checkins WHERE attendee_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([attendee_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

impl Db {
    /// 报到: check an attendee in, in person or by proxy, with the items handed out. A second check-in of
    /// the same person is refused (see the module's notes). Answers with the attendee and the desk's counts.
    pub fn check_in(&mut self, i: CheckInInput) -> Result<CheckInUpdate> {
        let (s, a) = live_att(&self.conn, &i.attendee_id)?;
        if let Some((_, at, proxy)) = live_checkin(&self.conn, &a.id)? {
            let by = if proxy.is_empty() { String::new() } else { format!("（由{proxy}代报到）") };
            return Err(Error::Conflict(format!(
                "{}已于 {at} 报到{by}，不能重复报到；补发物品请在报到记录中勾选",
                a.name
            )));
        }
        let mut e = Errs::new();
        let items = check_items(&mut e, &s, &i.items);
        let at = stamp(&mut e, "time", "报到时间", &i.time, None);
        let proxy = crate::validate::clean_name(&i.proxy);
        if proxy.chars().count() > 30 {
            e.push("proxy", "代报到人姓名过长，请不超过 30 个字");
        }
        e.done()?;
        let proxy = if proxy == a.name { String::new() } else { proxy };
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "INSERT INTO session_checkins (id, attendee_id, checked_in_at, proxy, items, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![crate::db::new_id(), a.id, at, proxy, items.join(","), t],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "check_in",
            &serde_json::json!({"name": [a.name, a.name], "checked_in_at": [null, at], "proxy": [null, proxy], "items": [null, items.join("、")]}),
        )?;
        tx.commit()?;
        self.check_in_update(&s.id, &a.id)
    }

    /// Tick (or untick) what was handed out to someone already checked in (补发). Answers as `check_in`.
    pub fn set_check_in_items(&mut self, attendee_id: &str, items: &[String]) -> Result<CheckInUpdate> {
        let (s, a) = live_att(&self.conn, attendee_id)?;
        let Some((cid, _, _)) = live_checkin(&self.conn, attendee_id)? else {
            return Err(Error::field("attendee_id", format!("{}还没有报到，请先报到", a.name)));
        };
        let old: String =
            self.conn.query_row("SELECT items FROM session_checkins WHERE id = ?1", [&cid], |r| r.get(0))?;
        let mut e = Errs::new();
        let items = check_items(&mut e, &s, items);
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE session_checkins SET items = ?2, updated_at = ?3 WHERE id = ?1",
            params![cid, items.join(","), t],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "check_in_items",
            &serde_json::json!({"name": [a.name, a.name], "items": [split_list(&old).join("、"), items.join("、")]}),
        )?;
        tx.commit()?;
        self.check_in_update(&s.id, attendee_id)
    }

    /// Undo a mistaken check-in (the record is kept, soft-deleted, and the audit log says so). Answers as
    /// `check_in`.
    pub fn undo_check_in(&mut self, attendee_id: &str) -> Result<CheckInUpdate> {
        let (s, a) = live_att(&self.conn, attendee_id)?;
        let Some((cid, at, _)) = live_checkin(&self.conn, attendee_id)? else {
            return Err(Error::field("attendee_id", format!("{}还没有报到，无需撤销", a.name)));
        };
        let tx = self.conn.transaction()?;
        trash::row(trash::CHECK_INS, &cid, "name", &a.name)
            .logged_on("session", &s.id, "check_in_undo")
            .with("checked_in_at", &at, None::<String>)
            .delete(&tx)?;
        tx.commit()?;
        self.check_in_update(&s.id, attendee_id)
    }

    fn check_in_update(&self, session_id: &str, attendee_id: &str) -> Result<CheckInUpdate> {
        Ok(CheckInUpdate { attendee: self.session_attendee(attendee_id)?, counts: self.check_in_counts(session_id)? })
    }

    /// The desk's live counts: everyone and the members, checked in, by proxy, each item handed out.
    pub fn check_in_counts(&self, session_id: &str) -> Result<CheckInCounts> {
        let s = SessState::load(&self.conn, session_id)?;
        let (expected, checked_in, me, mc, by_proxy): (u32, u32, u32, u32, u32) = self.conn.query_row(
            "SELECT COUNT(*), COUNT(c.id), COALESCE(SUM(a.kind = 'member'), 0),
                    COALESCE(SUM(a.kind = 'member' AND c.id IS NOT NULL), 0), COALESCE(SUM(c.proxy <> ''), 0)
             FROM session_attendees a
             LEFT JOIN session_checkins c ON c.attendee_id = a.id AND c.deleted_at IS NULL
             WHERE a.session_id = ?1 AND a.deleted_at IS NULL",
            [session_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut handed = vec![0u32; s.items.len()];
        let mut st = self.conn.prepare_cached(
            "SELECT c.items FROM session_checkins c JOIN session_attendees a ON a.id = c.attendee_id
             WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND c.deleted_at IS NULL",
        )?;
        for row in st.query_map([session_id], |r| r.get::<_, String>(0))? {
            for it in split_list(&row?) {
                if let Some(k) = s.items.iter().position(|x| *x == it) {
                    handed[k] += 1;
                }
            }
        }
        Ok(CheckInCounts {
            expected,
            checked_in,
            members_expected: me,
            members_checked_in: mc,
            by_proxy,
            items: s.items.iter().zip(handed).map(|(item, handed)| ItemCount { item: item.clone(), handed }).collect(),
        })
    }

    /// Sign attendees in at a sitting: 出席 (or 迟到). Refused before the sitting's day. Those already
    /// signed in are left as they were; one recorded 请假 or 缺席 who comes after all is signed in.
    pub fn sign_in_sitting(&mut self, i: SittingSignInInput) -> Result<SittingSignInOutcome> {
        let x = sitting_of(&self.conn, &i.sitting_id)?;
        let s = SessState::load(&self.conn, &x.session_id)?.live()?;
        let day = parse_date(&x.date).ok().flatten();
        if let Some(d) = day {
            if d > today() {
                return Err(Error::Conflict(format!("场次“{}”在 {} 举行，尚未开始，不能签到", x.title, x.date)));
            }
        }
        let mut e = Errs::new();
        if i.attendee_ids.is_empty() {
            e.push("attendee_ids", "请选择要签到的人员");
        }
        let at = stamp(&mut e, "time", "签到时间", &i.time, day);
        e.done()?;
        let mut people = Vec::new();
        let mut foreign = Vec::new();
        for id in &i.attendee_ids {
            let a = super::att(&self.conn, id)?;
            if a.session_id != s.id || a.deleted {
                foreign.push(a.name);
            } else {
                people.push(a);
            }
        }
        if !foreign.is_empty() {
            return Err(Error::field("attendee_ids", format!("{}不在本次会议的名单中，请先列入名单", names(&foreign))));
        }
        let outcome = if i.late { Attendance::Late } else { Attendance::Present };
        let proxy = crate::validate::clean_name(&i.proxy);
        let tx = self.conn.transaction()?;
        let t = now();
        let mut out = SittingSignInOutcome { signed_in: 0, already: 0 };
        let mut signed = Vec::new();
        for a in &people {
            let old: Option<String> = tx
                .prepare_cached("SELECT outcome FROM session_sign_ins WHERE sitting_id = ?1 AND attendee_id = ?2")?
                .query_row(params![x.id, a.id], |r| r.get(0))
                .optional()?;
            if matches!(old.as_deref(), Some("present" | "late")) {
                out.already += 1;
                continue;
            }
            tx.prepare_cached(
                "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, signed_at, proxy, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (sitting_id, attendee_id) DO UPDATE SET outcome = excluded.outcome,
                   signed_at = excluded.signed_at, proxy = excluded.proxy, updated_at = excluded.updated_at",
            )?
            .execute(params![x.id, a.id, outcome.as_str(), at, proxy, t])?;
            out.signed_in += 1;
            signed.push(a.name.clone());
        }
        if out.signed_in > 0 {
            sync(&tx, &s.id, &t)?;
            audit(
                &tx,
                "session",
                &s.id,
                "sign_in",
                &serde_json::json!({"sitting": [null, x.label()], "signed_in": [null, signed], "outcome": [null, outcome.label()], "at": [null, at]}),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Set (or clear) outcomes at a sitting by hand, e.g. from the paper sign-in sheet.
    pub fn set_sitting_outcomes(&mut self, sitting_id: &str, outcomes: &[SittingOutcomeInput]) -> Result<StatLine> {
        let x = sitting_of(&self.conn, sitting_id)?;
        let s = SessState::load(&self.conn, &x.session_id)?.live()?;
        if let Some(d) = parse_date(&x.date).ok().flatten() {
            if d > today() {
                return Err(Error::Conflict(format!("场次“{}”在 {} 举行，尚未开始，不能记录考勤", x.title, x.date)));
            }
        }
        let mut people = Vec::new();
        for o in outcomes {
            let a = super::att(&self.conn, &o.attendee_id)?;
            if a.session_id != s.id || a.deleted {
                return Err(Error::field("attendee_id", format!("“{}”不在本次会议的名单中", a.name)));
            }
            people.push((a, o.outcome));
        }
        let tx = self.conn.transaction()?;
        let t = now();
        let mut ch = serde_json::Map::new();
        for (a, o) in &people {
            let old: Option<String> = tx
                .prepare_cached("SELECT outcome FROM session_sign_ins WHERE sitting_id = ?1 AND attendee_id = ?2")?
                .query_row(params![x.id, a.id], |r| r.get(0))
                .optional()?;
            let old = old.as_deref().and_then(Attendance::parse);
            if old == *o {
                continue;
            }
            match o {
                None => {
                    tx.execute(
                        "DELETE FROM session_sign_ins WHERE sitting_id = ?1 AND attendee_id = ?2",
                        params![x.id, a.id],
                    )?;
                }
                Some(o) => {
                    let came = matches!(o, Attendance::Present | Attendance::Late);
                    tx.prepare_cached(
                        "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, signed_at, created_at, updated_at)
                         VALUES (?1, ?2, ?3, NULL, ?4, ?4)
                         ON CONFLICT (sitting_id, attendee_id) DO UPDATE SET outcome = excluded.outcome,
                           signed_at = CASE WHEN ?5 THEN signed_at ELSE NULL END, updated_at = excluded.updated_at",
                    )?
                    .execute(params![x.id, a.id, o.as_str(), t, came])?;
                }
            }
            ch.insert(a.name.clone(), serde_json::json!([old.map(|o| o.label()), o.map(|o| o.label())]));
        }
        if !ch.is_empty() {
            ch.insert("sitting".into(), serde_json::json!([null, x.label()]));
            sync(&tx, &s.id, &t)?;
            audit(&tx, "session", &s.id, "attendance", &serde_json::Value::Object(ch))?;
        }
        tx.commit()?;
        stat_line_in(&self.conn, &s.id, &x)
    }

    /// Confirm a sitting's attendance: members and 列席 with no outcome become 请假 where an approved leave
    /// covers the sitting, else 缺席. Refused while a leave request covering it waits for a decision, and
    /// before the sitting's day. May be run again after corrections. When every sitting is confirmed, the
    /// session's activity is 已完成 with its attendance confirmed.
    pub fn finalise_sitting(&mut self, sitting_id: &str) -> Result<StatLine> {
        let x = sitting_of(&self.conn, sitting_id)?;
        let s = SessState::load(&self.conn, &x.session_id)?.live()?;
        if let Some(d) = parse_date(&x.date).ok().flatten() {
            if d > today() {
                return Err(Error::Conflict(format!("场次“{}”在 {} 举行，尚未开始，不能确认考勤", x.title, x.date)));
            }
        }
        let pending: Vec<String> = {
            let mut st = self.conn.prepare_cached(
                "SELECT COALESCE(m.name, a.name) FROM session_leaves l JOIN session_attendees a ON a.id = l.attendee_id
                 LEFT JOIN members m ON m.id = a.member_id
                 WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND l.status = 'pending'
                   AND (l.sitting_id = ?2 OR l.sitting_id IS NULL) ORDER BY l.requested_at",
            )?;
            let v = st.query_map(params![s.id, x.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        if !pending.is_empty() {
            return Err(Error::Conflict(format!(
                "还有 {} 条请假申请待批（{}），请先审批再确认考勤",
                pending.len(),
                pending.join("、")
            )));
        }
        let tx = self.conn.transaction()?;
        let t = now();
        let leave = tx.execute(
            "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, created_at, updated_at)
             SELECT ?2, a.id, 'leave', ?3, ?3 FROM session_attendees a
             WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind <> 'staff'
               AND NOT EXISTS (SELECT 1 FROM session_sign_ins si WHERE si.sitting_id = ?2 AND si.attendee_id = a.id)
               AND EXISTS (SELECT 1 FROM session_leaves l WHERE l.attendee_id = a.id AND l.status = 'approved'
                           AND (l.sitting_id = ?2 OR l.sitting_id IS NULL))",
            params![s.id, x.id, t],
        )?;
        let absent = tx.execute(
            "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, created_at, updated_at)
             SELECT ?2, a.id, 'absent', ?3, ?3 FROM session_attendees a
             WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind <> 'staff'
               AND NOT EXISTS (SELECT 1 FROM session_sign_ins si WHERE si.sitting_id = ?2 AND si.attendee_id = a.id)",
            params![s.id, x.id, t],
        )?;
        tx.execute("UPDATE session_sittings SET final_at = ?2, updated_at = ?2 WHERE id = ?1", params![x.id, t])?;
        sync(&tx, &s.id, &t)?;
        let open: i64 = tx.query_row(
            "SELECT COUNT(*) FROM session_sittings WHERE session_id = ?1 AND deleted_at IS NULL AND final_at IS NULL",
            [&s.id],
            |r| r.get(0),
        )?;
        if open == 0 {
            tx.execute(
                "UPDATE activities SET attendance_final_at = ?2, status = 'done', updated_at = ?2 WHERE id = ?1",
                params![s.activity_id, t],
            )?;
        }
        audit(
            &tx,
            "session",
            &s.id,
            "finalise_sitting",
            &serde_json::json!({"sitting": [null, x.label()], "leave": [null, leave], "absent": [null, absent]}),
        )?;
        tx.commit()?;
        stat_line_in(&self.conn, &s.id, &x)
    }

    /// Everyone's recorded outcome at a sitting with the sign-in time and proxy (those with no record are left
    /// out), for the sign-in screen.
    pub fn sitting_outcomes(&self, sitting_id: &str) -> Result<Vec<SittingOutcome>> {
        let x = sitting_of(&self.conn, sitting_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT si.attendee_id, si.outcome, si.signed_at, si.proxy FROM session_sign_ins si
             JOIN session_attendees a ON a.id = si.attendee_id
             WHERE si.sitting_id = ?1 AND a.deleted_at IS NULL",
        )?;
        let rows = st.query_map([&x.id], |r| {
            Ok(SittingOutcome {
                attendee_id: r.get(0)?,
                outcome: opt_code(r, 1, Attendance::parse)?,
                signed_at: r.get(2)?,
                proxy: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who has not signed in at a sitting yet (members and 列席), in stroke order.
    pub fn sitting_missing(&self, sitting_id: &str) -> Result<Vec<Attendee>> {
        let x = sitting_of(&self.conn, sitting_id)?;
        let signed: std::collections::HashSet<String> = {
            let mut st = self.conn.prepare_cached("SELECT attendee_id FROM session_sign_ins WHERE sitting_id = ?1")?;
            let v = st.query_map([&x.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        Ok(attendees_in(&self.conn, &x.session_id, &AttendeeQuery::default())?
            .into_iter()
            .filter(|a| a.kind != AttendeeKind::Staff && !signed.contains(&a.id))
            .collect())
    }
}
