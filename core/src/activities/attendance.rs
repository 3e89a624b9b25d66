//! Who takes part: invitations (members by id or a whole liaison group; staff and leaders by name),
//! sign-up (报名参加), leave requests (待批 → 准假 / 不准), sign-in (one by one or in bulk, walk-ins on
//! request), outcomes by hand, and the confirmation of the attendance (未签到 → 缺席, 准假 → 请假).
//! Every change is one transaction with its audit entry on the activity's trail.

use super::types::*;
use super::{attendance_in, ActState};
use crate::dates::{fmt_date, local_now, parse_date, parse_time, today};
use crate::db::{audit, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::{code, opt_code};
use crate::validate::{names, Errs};
use rusqlite::{params, Connection, OptionalExtension};

/// The columns of a Participant: ?1 is the current term (for the member's group).
const PART_SELECT: &str = "SELECT p.id, p.activity_id, p.member_id, COALESCE(m.name, p.name), p.person_kind, p.role,
        p.team, p.invited, p.signup, p.attendance, p.signed_in_at, p.proxy,
        (SELECT l.status FROM leave_requests l WHERE l.participant_id = p.id
          ORDER BY l.requested_at DESC, l.id DESC LIMIT 1),
        COALESCE(g.name, ug.name, ''), COALESCE(s.name, u.sector, ''), p.upper_member_id
     FROM participants p
     LEFT JOIN members m ON m.id = p.member_id
     LEFT JOIN group_members gm ON gm.member_id = p.member_id AND gm.term_id = ?1
     LEFT JOIN liaison_groups g ON g.id = gm.group_id AND g.deleted_at IS NULL
     LEFT JOIN ref_items s ON s.id = m.sector_id
     LEFT JOIN upper_members u ON u.id = p.upper_member_id
     LEFT JOIN liaison_groups ug ON ug.id = u.group_id AND ug.deleted_at IS NULL";

const PART_ORDER: &str =
    "CASE p.person_kind WHEN 'leader' THEN 0 WHEN 'upper' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, m.stroke_key, p.name, p.id";

fn read_participant(r: &rusqlite::Row) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        member_id: r.get(2)?,
        upper_member_id: r.get(15)?,
        name: r.get(3)?,
        person_kind: code(r, 4, PersonKind::parse)?,
        role: code(r, 5, ParticipantRole::parse)?,
        team: r.get(6)?,
        invited: r.get(7)?,
        signup: r.get::<_, Option<String>>(8)?.map(|s| s == "yes"),
        attendance: opt_code(r, 9, Attendance::parse)?,
        signed_in_at: r.get(10)?,
        proxy: r.get(11)?,
        leave: opt_code(r, 12, LeaveStatus::parse)?,
        group: r.get(13)?,
        sector: r.get(14)?,
    })
}

const LEAVE_SELECT: &str =
    "SELECT l.id, p.activity_id, l.participant_id, p.member_id, COALESCE(m.name, p.name), l.reason,
        l.approver, l.status, l.requested_at, l.decided_at, l.decision_note
     FROM leave_requests l JOIN participants p ON p.id = l.participant_id LEFT JOIN members m ON m.id = p.member_id";

fn read_leave(r: &rusqlite::Row) -> rusqlite::Result<LeaveRequest> {
    Ok(LeaveRequest {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        participant_id: r.get(2)?,
        member_id: r.get(3)?,
        name: r.get(4)?,
        reason: r.get(5)?,
        approver: r.get(6)?,
        status: code(r, 7, LeaveStatus::parse)?,
        requested_at: r.get(8)?,
        decided_at: r.get(9)?,
        decision_note: r.get(10)?,
    })
}

/// A member's line on an activity's list, as the rules need it.
struct Part {
    id: String,
    signup: Option<String>,
    attendance: Option<Attendance>,
    signed_in: bool,
    leave: Option<LeaveStatus>,
}

fn part_of(conn: &Connection, activity_id: &str, member_id: &str) -> Result<Option<Part>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id, p.signup, p.attendance, p.signed_in_at IS NOT NULL,
                    (SELECT l.status FROM leave_requests l WHERE l.participant_id = p.id
                      ORDER BY l.requested_at DESC, l.id DESC LIMIT 1)
             FROM participants p WHERE p.activity_id = ?1 AND p.member_id = ?2",
        )?
        .query_row(params![activity_id, member_id], |r| {
            Ok(Part {
                id: r.get(0)?,
                signup: r.get(1)?,
                attendance: opt_code(r, 2, Attendance::parse)?,
                signed_in: r.get(3)?,
                leave: opt_code(r, 4, LeaveStatus::parse)?,
            })
        })
        .optional()?)
}

/// A member's name and whether they are deleted.
fn member_name(conn: &Connection, member_id: &str) -> Result<(String, bool)> {
    conn.prepare_cached("SELECT name, deleted_at IS NOT NULL FROM members WHERE id = ?1")?
        .query_row([member_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound("所选委员不存在".into()))
}

/// When a sign-up deadline (YYYY-MM-DD or YYYY-MM-DD HH:MM) has passed.
fn deadline_passed(dl: &str) -> bool {
    let mut parts = dl.split_whitespace();
    let d = parse_date(parts.next().unwrap_or("")).ok().flatten();
    let t = parse_time(parts.next().unwrap_or("")).ok().flatten();
    match d {
        None => false,
        Some(d) => {
            let end = d.and_time(t.unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(23, 59, 59).expect("time")));
            local_now() > end
        }
    }
}

impl Db {
    fn term_or_none(&self) -> Result<String> {
        Ok(self.current_term_id_opt()?.unwrap_or_default())
    }

    /// An activity's list: leaders, members in stroke order, then staff. `search` finds a name by
    /// characters, full pinyin or initials (quick sign-in).
    pub fn participants(&self, activity_id: &str, search: &str) -> Result<Vec<Participant>> {
        let term = self.term_or_none()?;
        let s = crate::idcard::clean(search).to_lowercase();
        let (cond, pat) = if s.is_empty() {
            ("1 = 1".to_string(), String::new())
        } else if s.chars().all(|c| c.is_ascii_alphabetic()) {
            ("(m.name_pinyin LIKE ?3 OR m.name_initials LIKE ?3)".to_string(), format!("{s}%"))
        } else {
            let name = crate::validate::clean_name(search);
            ("COALESCE(m.name, p.name) LIKE ?3".to_string(), format!("%{}%", name.replace(['%', '_'], "")))
        };
        let mut st = self.conn.prepare_cached(&format!(
            "{PART_SELECT} WHERE p.activity_id = ?2 AND ({cond} OR ?3 = '') ORDER BY {PART_ORDER}"
        ))?;
        let rows = st.query_map(params![term, activity_id, pat], read_participant)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn participant(&self, participant_id: &str) -> Result<Participant> {
        let term = self.term_or_none()?;
        self.conn
            .prepare_cached(&format!("{PART_SELECT} WHERE p.id = ?2"))?
            .query_row(params![term, participant_id], read_participant)
            .optional()?
            .ok_or_else(|| Error::NotFound("名单中没有该人员".into()))
    }

    pub fn attendance_summary(&self, activity_id: &str) -> Result<AttendanceSummary> {
        ActState::load(&self.conn, activity_id)?;
        attendance_in(&self.conn, activity_id)
    }

    /// Invite members by id and/or every current member of a liaison group. Members already on the
    /// list are left as they are.
    pub fn invite_members(&mut self, input: InviteInput) -> Result<InviteOutcome> {
        let st = ActState::load(&self.conn, &input.activity_id)?.live()?.not_cancelled("邀请委员")?;
        let mut ids: Vec<String> = input.member_ids.iter().filter(|s| !s.is_empty()).cloned().collect();
        if let Some(g) = input.group_id.as_deref().filter(|g| !g.is_empty()) {
            let ok = exists(&self.conn, "SELECT 1 FROM liaison_groups WHERE id = ?1 AND deleted_at IS NULL", [g])?;
            if !ok {
                return Err(Error::field("group_id", "所选联络组已不存在，请重新选择"));
            }
            let mut q = self.conn.prepare_cached(
                "SELECT gm.member_id FROM group_members gm JOIN members m ON m.id = gm.member_id
                 WHERE gm.group_id = ?1 AND m.deleted_at IS NULL ORDER BY m.stroke_key",
            )?;
            for id in q.query_map([g], |r| r.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
        // 按界别邀请: the live members of each sector chosen.
        for sid in input.sector_ids.iter().filter(|s| !s.is_empty()) {
            let ok = exists(
                &self.conn,
                "SELECT 1 FROM ref_items WHERE id = ?1 AND kind = 'sector' AND deleted_at IS NULL",
                [sid],
            )?;
            if !ok {
                return Err(Error::field("sector_ids", "所选界别已不存在，请重新选择"));
            }
            let mut q = self.conn.prepare_cached(
                "SELECT id FROM members WHERE sector_id = ?1 AND deleted_at IS NULL AND status = 'active'
                 ORDER BY stroke_key, id",
            )?;
            for id in q.query_map([sid], |r| r.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(id.clone()));
        let mut uppers: Vec<(String, String)> = Vec::new();
        for uid in input.upper_member_ids.iter().filter(|s| !s.is_empty()) {
            let u: Option<(String, bool)> = self
                .conn
                .query_row("SELECT name, deleted_at IS NOT NULL FROM upper_members WHERE id = ?1", [uid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match u {
                None => return Err(Error::field("upper_member_ids", "所选上级政协委员已不存在，请重新选择")),
                Some((name, true)) => {
                    return Err(Error::field("upper_member_ids", format!("上级政协委员{name}已删除，不能邀请")))
                }
                Some((name, false)) => {
                    if !uppers.iter().any(|(u, _)| u == uid) {
                        uppers.push((uid.clone(), name));
                    }
                }
            }
        }
        if ids.is_empty() && uppers.is_empty() {
            if !input.sector_ids.is_empty() {
                return Err(Error::field("sector_ids", "所选界别中没有在任的委员"));
            }
            return Err(Error::field("member_ids", "请选择要邀请的委员、联络组、界别或上级政协委员"));
        }
        let mut gone = Vec::new();
        for id in &ids {
            let (name, deleted) = member_name(&self.conn, id)?;
            if deleted {
                gone.push(name);
            }
        }
        if !gone.is_empty() {
            return Err(Error::field("member_ids", format!("委员{}已删除，不能邀请", names(&gone))));
        }
        let tx = self.conn.transaction()?;
        let t = now();
        let (mut added, mut already) = (0, 0);
        let mut added_names = Vec::new();
        for id in &ids {
            let n = tx
                .prepare_cached(
                    "INSERT INTO participants (id, activity_id, member_id, person_kind, role, team, invited, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 'member', ?4, ?5, 1, ?6, ?6) ON CONFLICT (activity_id, member_id) DO NOTHING",
                )?
                .execute(params![new_id(), st.id, id, input.role.as_str(), input.team.trim(), t])?;
            if n == 1 {
                added += 1;
                added_names.push(member_name(&tx, id)?.0);
            } else {
                already += 1;
            }
        }
        for (uid, name) in &uppers {
            let n = tx
                .prepare_cached(
                    "INSERT INTO participants (id, activity_id, upper_member_id, name, person_kind, role, team, invited,
                       created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'upper', ?5, ?6, 1, ?7, ?7) ON CONFLICT (activity_id, upper_member_id) DO NOTHING",
                )?
                .execute(params![new_id(), st.id, uid, name, input.role.as_str(), input.team.trim(), t])?;
            if n == 1 {
                added += 1;
                added_names.push(name.clone());
            } else {
                already += 1;
            }
        }
        if added > 0 {
            tx.execute("UPDATE activities SET updated_at = ?2 WHERE id = ?1", params![st.id, t])?;
            audit(&tx, "activity", &st.id, "invite", &serde_json::json!({"invited": [null, added_names]}))?;
        }
        tx.commit()?;
        Ok(InviteOutcome { added, already })
    }

    /// Put a non-member on the list: staff or a leader (带队领导, 工作人员).
    pub fn add_person(&mut self, input: PersonInput) -> Result<Participant> {
        let st = ActState::load(&self.conn, &input.activity_id)?.live()?.not_cancelled("添加人员")?;
        let mut e = Errs::new();
        let name = crate::validate::clean_name(&input.name);
        if name.is_empty() {
            e.push("name", "请填写姓名");
        }
        if input.person_kind == PersonKind::Member {
            e.push("person_kind", "委员请从名册中选择（邀请委员）");
        }
        if input.person_kind == PersonKind::Upper {
            e.push("person_kind", "上级政协委员请从“驻地上级政协委员”名单中选择（邀请）");
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        let id = new_id();
        let t = now();
        tx.execute(
            "INSERT INTO participants (id, activity_id, name, person_kind, role, team, invited, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
            params![id, st.id, name, input.person_kind.as_str(), input.role.as_str(), input.team.trim(), t],
        )?;
        audit(
            &tx,
            "activity",
            &st.id,
            "add_person",
            &serde_json::json!({"person": [null, format!("{name}（{}）", input.person_kind.label())]}),
        )?;
        tx.commit()?;
        self.participant(&id)
    }

    /// Change someone's role (带队, 主持, 发言 …) or team (分组) on an activity's list.
    pub fn update_participant(
        &mut self,
        participant_id: &str,
        role: ParticipantRole,
        team: &str,
    ) -> Result<Participant> {
        let p = self.participant(participant_id)?;
        ActState::load(&self.conn, &p.activity_id)?.live()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE participants SET role = ?2, team = ?3, updated_at = ?4 WHERE id = ?1",
            params![participant_id, role.as_str(), team.trim(), now()],
        )?;
        audit(
            &tx,
            "activity",
            &p.activity_id,
            "participant",
            &serde_json::json!({"name": [p.name, p.name], "role": [p.role.label(), role.label()], "team": [p.team, team.trim()]}),
        )?;
        tx.commit()?;
        self.participant(participant_id)
    }

    /// Take someone off the list — only while nothing is recorded for them (sign-in, leave, outcome).
    pub fn remove_participant(&mut self, participant_id: &str) -> Result<()> {
        let p = self.participant(participant_id)?;
        ActState::load(&self.conn, &p.activity_id)?.live()?;
        if p.attendance.is_some() || p.signed_in_at.is_some() || p.leave.is_some() {
            return Err(Error::Conflict(format!(
                "“{}”已有签到、请假或考勤记录，不能移出名单；如未到会，请记为“缺席”",
                p.name
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM participants WHERE id = ?1", [participant_id])?;
        audit(&tx, "activity", &p.activity_id, "uninvite", &serde_json::json!({"person": [p.name, null]}))?;
        tx.commit()?;
        Ok(())
    }

    /// An invited member's answer: signs up (报名) or declines. Declining an activity that must be
    /// attended is a leave request instead; no answers after the deadline or once it is over.
    pub fn sign_up(&mut self, activity_id: &str, member_id: &str, attending: bool) -> Result<Participant> {
        let st = ActState::load(&self.conn, activity_id)?.live()?.not_cancelled("报名")?;
        if st.is_over() {
            return Err(Error::Conflict(format!("活动“{}”已结束，不能再报名", st.title)));
        }
        if let Some(dl) = &st.signup_deadline {
            if deadline_passed(dl) {
                return Err(Error::Conflict(format!(
                    "活动“{}”的报名已于 {dl} 截止：如仍要参加，请联系组织者添加",
                    st.title
                )));
            }
        }
        let (name, _) = member_name(&self.conn, member_id)?;
        let part = part_of(&self.conn, activity_id, member_id)?
            .ok_or_else(|| Error::field("member_id", format!("{name}不在本次活动的邀请名单中，请先邀请")))?;
        if st.signup_mode == SignupMode::Required && !attending {
            return Err(Error::field("attending", "本次活动须参加：不能参加的请提交请假申请"));
        }
        let new = if attending { "yes" } else { "no" };
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE participants SET signup = ?2, signup_at = ?3, updated_at = ?3 WHERE id = ?1",
            params![part.id, new, t],
        )?;
        let label = |s: Option<&str>| match s {
            Some("yes") => "报名",
            Some("no") => "不参加",
            _ => "",
        };
        audit(
            &tx,
            "activity",
            activity_id,
            "sign_up",
            &serde_json::json!({"name": [name, name], "signup": [label(part.signup.as_deref()), label(Some(new))]}),
        )?;
        tx.commit()?;
        self.participant(&part.id)
    }

    /// A member on the list asks for leave (reason required). Refused once the activity is over (an
    /// absence already past is recorded as an outcome instead) and for one who has signed in.
    pub fn request_leave(&mut self, input: LeaveInput) -> Result<LeaveRequest> {
        let st = ActState::load(&self.conn, &input.activity_id)?.live()?.not_cancelled("请假")?;
        if st.is_over() {
            let when = st.date.map(|d| format!("（{}）", fmt_date(d))).unwrap_or_default();
            return Err(Error::Conflict(format!(
                "活动“{}”已结束{when}，不能再请假：如需补记，请在考勤中把该委员记为“请假”",
                st.title
            )));
        }
        let mut e = Errs::new();
        let reason = input.reason.trim().to_string();
        if reason.is_empty() {
            e.push("reason", "请填写请假事由");
        }
        if input.member_id.is_empty() {
            e.push("member_id", "请选择请假的委员");
        }
        e.done()?;
        let (name, _) = member_name(&self.conn, &input.member_id)?;
        let part = part_of(&self.conn, &input.activity_id, &input.member_id)?
            .ok_or_else(|| Error::field("member_id", format!("{name}不在本次活动的参加名单中，不需要请假")))?;
        if matches!(part.attendance, Some(Attendance::Present | Attendance::Late)) {
            return Err(Error::Conflict(format!("{name}已签到，不能再请假")));
        }
        match part.leave {
            Some(LeaveStatus::Pending) => {
                return Err(Error::Conflict(format!("{name}已有一条待批的请假申请，请先审批")));
            }
            Some(LeaveStatus::Approved) => return Err(Error::Conflict(format!("{name}已准假，不需要再请假"))),
            _ => {}
        }
        let tx = self.conn.transaction()?;
        let id = new_id();
        let t = now();
        tx.execute(
            "INSERT INTO leave_requests (id, participant_id, reason, approver, status, requested_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5, ?5)",
            params![id, part.id, reason, input.approver.trim(), t],
        )?;
        audit(
            &tx,
            "activity",
            &st.id,
            "leave_request",
            &serde_json::json!({"name": [name, name], "leave": [null, LeaveStatus::Pending.label()], "reason": [null, reason]}),
        )?;
        tx.commit()?;
        self.leave_request(&id)
    }

    /// Approve (准假) or refuse (不准) a pending request; the approver is required. A request may be
    /// decided after the activity (补批) until the attendance is confirmed.
    pub fn decide_leave(&mut self, d: LeaveDecision) -> Result<LeaveRequest> {
        let l = self.leave_request(&d.leave_id)?;
        let approver = d.approver.trim().to_string();
        if approver.is_empty() {
            return Err(Error::field("approver", "请填写审批人"));
        }
        if l.status != LeaveStatus::Pending {
            return Err(Error::Conflict(format!("{}的请假申请已审批（{}），不能重复审批", l.name, l.status.label())));
        }
        let st = ActState::load(&self.conn, &l.activity_id)?.live()?.not_cancelled("审批请假")?;
        if st.finalised {
            return Err(Error::Conflict(
                "考勤已确认，不能再审批请假：如需更正，请直接修改该委员的考勤结果".to_string(),
            ));
        }
        let status = if d.approve { LeaveStatus::Approved } else { LeaveStatus::Refused };
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE leave_requests SET status = ?2, approver = ?3, decided_at = ?4, decision_note = ?5, updated_at = ?4
             WHERE id = ?1",
            params![l.id, status.as_str(), approver, t, d.note.trim()],
        )?;
        audit(
            &tx,
            "activity",
            &l.activity_id,
            "leave_decide",
            &serde_json::json!({"name": [l.name, l.name], "leave": [l.status.label(), status.label()], "approver": [l.approver, approver]}),
        )?;
        tx.commit()?;
        self.leave_request(&l.id)
    }

    pub fn leave_request(&self, id: &str) -> Result<LeaveRequest> {
        self.conn
            .prepare_cached(&format!("{LEAVE_SELECT} WHERE l.id = ?1"))?
            .query_row([id], read_leave)
            .optional()?
            .ok_or_else(|| Error::NotFound("该请假申请不存在".into()))
    }

    /// An activity's leave requests, oldest first.
    pub fn leave_requests(&self, activity_id: &str) -> Result<Vec<LeaveRequest>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{LEAVE_SELECT} WHERE p.activity_id = ?1 ORDER BY l.requested_at, l.id"))?;
        let rows = st.query_map([activity_id], read_leave)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sign in one member or many: 出席 (or 迟到). Someone not on the list is refused, naming them,
    /// unless `walk_in` says to add them (现场增加). Those already signed in are left as they were.
    pub fn sign_in(&mut self, input: SignInInput) -> Result<SignInOutcome> {
        let st = ActState::load(&self.conn, &input.activity_id)?.live()?.not_cancelled("签到")?.begun("签到")?;
        let mut e = Errs::new();
        let mut time = input.time.clone();
        let tm = e.time("time", "签到时间", &mut time);
        if input.member_ids.is_empty() {
            e.push("member_ids", "请选择要签到的委员");
        }
        e.done()?;
        let at = match tm {
            Some(tm) => {
                let t = today();
                let day = match (st.date, st.end_date) {
                    (Some(d), Some(ed)) if d <= t && t <= ed => t,
                    (Some(d), _) => d,
                    _ => t,
                };
                format!("{} {}", fmt_date(day), tm.format("%H:%M"))
            }
            None => local_now().format("%Y-%m-%d %H:%M").to_string(),
        };
        let mut parts = Vec::new();
        let mut not_listed = Vec::new();
        for mid in &input.member_ids {
            let (name, deleted) = member_name(&self.conn, mid)?;
            match part_of(&self.conn, &st.id, mid)? {
                Some(p) => parts.push((mid, name, Some(p))),
                None if input.walk_in && !deleted => parts.push((mid, name, None)),
                None => not_listed.push(name),
            }
        }
        if !not_listed.is_empty() {
            return Err(Error::field(
                "member_ids",
                format!("{}不在本次活动的邀请名单中：如确实到会，请选择“现场增加”后再签到", names(&not_listed)),
            ));
        }
        let outcome = if input.late { Attendance::Late } else { Attendance::Present };
        let tx = self.conn.transaction()?;
        let t = now();
        let proxy = input.proxy.trim();
        let mut out = SignInOutcome { signed_in: 0, already: 0, walk_ins: 0 };
        let (mut signed, mut walk) = (Vec::new(), Vec::new());
        for (mid, name, part) in parts {
            match part {
                Some(p) if p.signed_in => out.already += 1,
                Some(p) => {
                    tx.prepare_cached(
                        "UPDATE participants SET attendance = ?2, signed_in_at = ?3, proxy = ?4, updated_at = ?5 WHERE id = ?1",
                    )?
                    .execute(params![p.id, outcome.as_str(), at, proxy, t])?;
                    out.signed_in += 1;
                    signed.push(name);
                }
                None => {
                    tx.prepare_cached(
                        "INSERT INTO participants (id, activity_id, member_id, person_kind, invited, attendance,
                           signed_in_at, proxy, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'member', 0, ?4, ?5, ?6, ?7, ?7)",
                    )?
                    .execute(params![new_id(), st.id, mid, outcome.as_str(), at, proxy, t])?;
                    out.signed_in += 1;
                    out.walk_ins += 1;
                    walk.push(name);
                }
            }
        }
        if out.signed_in > 0 {
            audit(
                &tx,
                "activity",
                &st.id,
                "sign_in",
                &serde_json::json!({"signed_in": [null, signed], "walk_ins": [null, walk], "attendance": [null, outcome.label()], "at": [null, at]}),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Set (or clear) outcomes by hand, e.g. from a paper sign-in sheet, or to correct one.
    pub fn set_attendance(&mut self, activity_id: &str, outcomes: &[OutcomeInput]) -> Result<AttendanceSummary> {
        let st = ActState::load(&self.conn, activity_id)?.live()?.not_cancelled("记录考勤")?.begun("记录考勤")?;
        let mut olds = Vec::new();
        for o in outcomes {
            let p = self.participant(&o.participant_id)?;
            if p.activity_id != st.id {
                return Err(Error::NotFound(format!("“{}”不在本次活动的名单中", p.name)));
            }
            olds.push(p);
        }
        let tx = self.conn.transaction()?;
        let t = now();
        let mut ch = serde_json::Map::new();
        for (o, p) in outcomes.iter().zip(&olds) {
            if o.attendance == p.attendance {
                continue;
            }
            let keep_sign_in = matches!(o.attendance, Some(Attendance::Present | Attendance::Late));
            tx.prepare_cached(
                "UPDATE participants SET attendance = ?2,
                   signed_in_at = CASE WHEN ?3 THEN signed_in_at ELSE NULL END, updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![p.id, o.attendance.map(|a| a.as_str()), keep_sign_in, t])?;
            ch.insert(
                p.name.clone(),
                serde_json::json!([p.attendance.map(|a| a.label()), o.attendance.map(|a| a.label())]),
            );
        }
        if !ch.is_empty() {
            audit(&tx, "activity", &st.id, "attendance", &serde_json::Value::Object(ch))?;
        }
        tx.commit()?;
        attendance_in(&self.conn, activity_id)
    }

    /// Confirm the attendance: invited members with no outcome become 缺席 (in a sign-up activity, only
    /// those who signed up), or 请假 where their leave was approved; the activity becomes 已完成.
    /// Refused while leave requests wait for a decision. May be run again after corrections.
    pub fn finalise_attendance(&mut self, activity_id: &str) -> Result<AttendanceSummary> {
        let st = ActState::load(&self.conn, activity_id)?.live()?.not_cancelled("确认考勤")?.begun("确认考勤")?;
        let pending: Vec<String> = self
            .leave_requests(activity_id)?
            .into_iter()
            .filter(|l| l.status == LeaveStatus::Pending)
            .map(|l| l.name)
            .collect();
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
            "UPDATE participants SET attendance = 'leave', updated_at = ?2
             WHERE activity_id = ?1 AND member_id IS NOT NULL AND attendance IS NULL
               AND (SELECT l.status FROM leave_requests l WHERE l.participant_id = participants.id
                    ORDER BY l.requested_at DESC, l.id DESC LIMIT 1) = 'approved'",
            params![st.id, t],
        )?;
        let absent = tx.execute(
            "UPDATE participants SET attendance = 'absent', updated_at = ?2
             WHERE activity_id = ?1 AND member_id IS NOT NULL AND attendance IS NULL AND invited = 1
               AND (?3 = 'required' OR signup = 'yes')",
            params![st.id, t, st.signup_mode.as_str()],
        )?;
        tx.execute(
            "UPDATE activities SET attendance_final_at = ?2, status = 'done', updated_at = ?2 WHERE id = ?1",
            params![st.id, t],
        )?;
        audit(
            &tx,
            "activity",
            &st.id,
            "finalise",
            &serde_json::json!({"leave": [null, leave], "absent": [null, absent], "status": [st.status.label(), ActivityStatus::Done.label()]}),
        )?;
        tx.commit()?;
        attendance_in(&self.conn, activity_id)
    }
}
