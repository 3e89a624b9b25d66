//! Leave (请假) for one sitting or the whole session, with a reason, decided by rule.
//!
//! The rule is the session's `convenor_max_half_days` (default 1, set in the session's form): a request
//! covering at most that many half-days (a sitting is one; the whole session is every sitting) may be
//! decided by a convenor (召集人) of the member's discussion group — not their own request — or by the
//! secretariat (秘书处); a longer one only by the secretariat. 待批 → 准假 or 不准, once. An approved leave
//! turns a missing sign-in into 请假 when the sitting's attendance is confirmed.

use super::{live_att, opt_level, sitting_of, sittings_in, SessState};
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::code;
use crate::sessions::types::*;
use crate::validate::Errs;
use rusqlite::{params, OptionalExtension};

const LEAVE_SELECT: &str = "SELECT l.id, l.attendee_id, COALESCE(m.name, a.name), COALESCE(g.name, ''), l.sitting_id,
        CASE WHEN x.id IS NULL THEN '全程'
             ELSE x.sitting_date || ' ' || CASE x.half WHEN 'am' THEN '上午' WHEN 'pm' THEN '下午' ELSE '晚上' END
                  || ' ' || x.title END,
        l.half_days, l.reason, l.approver_level, l.approver, l.decided_by, l.status, l.requested_at, l.decided_at,
        l.decision_note
     FROM session_leaves l
     JOIN session_attendees a ON a.id = l.attendee_id
     LEFT JOIN members m ON m.id = a.member_id
     LEFT JOIN session_groups g ON g.id = a.group_id
     LEFT JOIN session_sittings x ON x.id = l.sitting_id";

fn read_leave(r: &rusqlite::Row) -> rusqlite::Result<SessionLeave> {
    Ok(SessionLeave {
        id: r.get(0)?,
        attendee_id: r.get(1)?,
        name: r.get(2)?,
        group: r.get(3)?,
        sitting_id: r.get(4)?,
        period: r.get(5)?,
        half_days: r.get(6)?,
        reason: r.get(7)?,
        approver_level: code(r, 8, ApproverLevel::parse)?,
        approver: r.get(9)?,
        decided_by: opt_level(r, 10)?,
        status: code(r, 11, LeaveStatus::parse)?,
        requested_at: r.get(12)?,
        decided_at: r.get(13)?,
        decision_note: r.get(14)?,
    })
}

/// Who decides a request of `half_days` under a rule of `convenor_max` half-days.
pub fn approver_level(half_days: u32, convenor_max: u32) -> ApproverLevel {
    if half_days <= convenor_max {
        ApproverLevel::Convenor
    } else {
        ApproverLevel::Secretariat
    }
}

/// 半天, 1 天, 1.5 天 …
fn days(half_days: u32) -> String {
    if half_days == 1 {
        "半天".into()
    } else if half_days % 2 == 0 {
        format!("{} 天", half_days / 2)
    } else {
        format!("{}.5 天", half_days / 2)
    }
}

impl Db {
    pub fn session_leave(&self, id: &str) -> Result<SessionLeave> {
        self.conn
            .prepare_cached(&format!("{LEAVE_SELECT} WHERE l.id = ?1"))?
            .query_row([id], read_leave)
            .optional()?
            .ok_or_else(|| Error::NotFound("该请假申请不存在".into()))
    }

    /// A session's leave requests, oldest first; with a sitting, those covering it (its own and 全程).
    pub fn session_leaves(&self, session_id: &str, sitting_id: Option<&str>) -> Result<Vec<SessionLeave>> {
        SessState::load(&self.conn, session_id)?;
        let mut st = self.conn.prepare_cached(&format!(
            "{LEAVE_SELECT} WHERE a.session_id = ?1 AND a.deleted_at IS NULL
               AND (?2 IS NULL OR l.sitting_id = ?2 OR l.sitting_id IS NULL)
             ORDER BY l.requested_at, l.id"
        ))?;
        let rows = st.query_map(params![session_id, sitting_id], read_leave)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ask for leave for a sitting, or (no sitting) the whole session. Who must decide it follows the rule.
    pub fn request_session_leave(&mut self, i: SessionLeaveInput) -> Result<SessionLeave> {
        let (s, a) = live_att(&self.conn, &i.attendee_id)?;
        let mut e = Errs::new();
        let reason = i.reason.trim().to_string();
        if reason.is_empty() {
            e.push("reason", "请填写请假事由");
        } else if reason.chars().count() > 200 {
            e.push("reason", "请假事由过长，请不超过 200 个字");
        }
        if a.kind == AttendeeKind::Staff {
            e.push("attendee_id", format!("“{}”是工作人员，不需要请假", a.name));
        }
        let sitting = match i.sitting_id.as_deref().filter(|x| !x.is_empty()) {
            Some(x) => {
                let x = sitting_of(&self.conn, x)?;
                if x.session_id != s.id {
                    return Err(Error::field("sitting_id", "所选场次不属于本次会议，请重新选择"));
                }
                if x.finalised {
                    e.push(
                        "sitting_id",
                        format!("场次“{}”的考勤已确认，不能再请假：如需更正，请修改考勤结果", x.label()),
                    );
                }
                Some(x)
            }
            None => None,
        };
        let half_days = match &sitting {
            Some(_) => 1,
            None => sittings_in(&self.conn, &s.id)?.len() as u32,
        };
        if half_days == 0 {
            e.push("sitting_id", "本次会议还没有安排场次：请先在“概况”中点“按会期排场次”或“新增场次”，再请假");
        }
        e.done()?;
        // The same period asked for already, or covered by a whole-session request.
        let open: Option<(Option<String>, String)> = self
            .conn
            .prepare_cached(
                "SELECT sitting_id, status FROM session_leaves WHERE attendee_id = ?1 AND status IN ('pending','approved')
                   AND (sitting_id IS NULL OR ?2 IS NULL OR sitting_id = ?2) ORDER BY requested_at DESC LIMIT 1",
            )?
            .query_row(params![a.id, sitting.as_ref().map(|x| &x.id)], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((sid, st)) = open {
            let what = if sid.is_none() { "全程" } else { "该场次" };
            let state = if st == "pending" {
                "已有待批的请假申请，请先审批"
            } else {
                "已准假，不需要再请假"
            };
            return Err(Error::Conflict(format!("{}{what}{state}", a.name)));
        }
        if let Some(x) = &sitting {
            let signed: Option<String> = self
                .conn
                .query_row(
                    "SELECT outcome FROM session_sign_ins WHERE sitting_id = ?1 AND attendee_id = ?2
                       AND outcome IN ('present','late')",
                    params![x.id, a.id],
                    |r| r.get(0),
                )
                .optional()?;
            if signed.is_some() {
                return Err(Error::Conflict(format!("{}已在场次“{}”签到，不能再请假", a.name, x.label())));
            }
        }
        let level = approver_level(half_days, s.convenor_max);
        let tx = self.conn.transaction()?;
        let id = new_id();
        let t = now();
        tx.execute(
            "INSERT INTO session_leaves (id, attendee_id, sitting_id, reason, half_days, approver_level, status,
               requested_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7, ?7)",
            params![id, a.id, sitting.as_ref().map(|x| &x.id), reason, half_days, level.as_str(), t],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "leave_request",
            &serde_json::json!({
                "name": [a.name, a.name],
                "period": [null, sitting.as_ref().map(|x| x.label()).unwrap_or_else(|| "全程".into())],
                "reason": [null, reason],
                "approver_level": [null, level.label()],
            }),
        )?;
        tx.commit()?;
        self.session_leave(&id)
    }

    /// Decide a pending request as a convenor or the secretariat, under the session's rule.
    pub fn decide_session_leave(&mut self, d: SessionLeaveDecision) -> Result<SessionLeave> {
        let l = self.session_leave(&d.leave_id)?;
        let (s, a) = live_att(&self.conn, &l.attendee_id)?;
        let approver = crate::validate::clean_name(&d.approver);
        if approver.is_empty() {
            return Err(Error::field("approver", "请填写审批人"));
        }
        if l.status != LeaveStatus::Pending {
            return Err(Error::Conflict(format!("{}的请假申请已审批（{}），不能重复审批", l.name, l.status.label())));
        }
        if let Some(x) = &l.sitting_id {
            if sitting_of(&self.conn, x)?.finalised {
                return Err(Error::Conflict(format!(
                    "场次“{}”的考勤已确认，不能再审批请假：如需更正，请修改考勤结果",
                    l.period
                )));
            }
        }
        if d.level == ApproverLevel::Convenor {
            if l.approver_level == ApproverLevel::Secretariat {
                return Err(Error::field(
                    "level",
                    format!(
                        "请假{}（{}），超过召集人审批权限（{}以内），须由秘书处审批",
                        if l.half_days == 1 { "半天".to_string() } else { format!(" {}", days(l.half_days)) },
                        l.period,
                        if s.convenor_max == 0 { "无".to_string() } else { days(s.convenor_max) }
                    ),
                ));
            }
            let Some(g) = &a.group_id else {
                return Err(Error::field("level", format!("“{}”尚未分组，没有召集人，请由秘书处审批", a.name)));
            };
            let (group, convenors): (String, Vec<String>) = {
                let group: String =
                    self.conn.query_row("SELECT name FROM session_groups WHERE id = ?1", [g], |r| r.get(0))?;
                let mut st = self.conn.prepare_cached(
                    "SELECT COALESCE(m.name, a.name) FROM session_attendees a LEFT JOIN members m ON m.id = a.member_id
                     WHERE a.group_id = ?1 AND a.group_role = 'convenor' AND a.deleted_at IS NULL",
                )?;
                let v = st.query_map([g], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                (group, v)
            };
            if !convenors.contains(&approver) {
                let list = if convenors.is_empty() {
                    "本组尚未确定召集人".to_string()
                } else {
                    format!("召集人：{}", convenors.join("、"))
                };
                return Err(Error::field(
                    "approver",
                    format!("“{approver}”不是{group}的召集人（{list}），不能审批本组人员的请假"),
                ));
            }
            if approver == a.name {
                return Err(Error::field("approver", "召集人不能审批本人的请假，请由秘书处审批"));
            }
        }
        let status = if d.approve { LeaveStatus::Approved } else { LeaveStatus::Refused };
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE session_leaves SET status = ?2, approver = ?3, decided_by = ?4, decided_at = ?5, decision_note = ?6,
               updated_at = ?5 WHERE id = ?1",
            params![l.id, status.as_str(), approver, d.level.as_str(), t, d.note.trim()],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "leave_decide",
            &serde_json::json!({
                "name": [l.name, l.name],
                "leave": [l.status.label(), status.label()],
                "approver": [null, format!("{approver}（{}）", d.level.label())],
            }),
        )?;
        tx.commit()?;
        self.session_leave(&l.id)
    }
}
