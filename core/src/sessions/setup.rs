//! Setting a session up so that no tool waits on something the clerk was never told about:
//!
//! - `plan_sittings`: the default sittings over the session's days (开幕会, 分组讨论, 大会发言, 闭幕会 for a
//!   全体会议; one 全体会议 a day for a 常委会议), shown in the form and edited before the session is saved;
//! - the default list: the term's members, or for a 常委会议 the members of the standing committee (those
//!   holding the 政协职务 主席, 副主席, 秘书长 or 常委);
//! - `size_hall`: a hall layout sized to the people to seat — rows, seats per row and aisles for the hall,
//!   rostrum rows for those seated on the rostrum (主席, 副主席, 秘书长) —, made with the session, grown
//!   with its list, and fitted again on demand (`fit_session_layout`);
//! - `readiness`: what each tool needs, whether it is there, and where it is fixed.

use super::{put_sitting, sittings_in, SessState};
use crate::dates::{fmt_date, parse_date};
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::sessions::types::*;
use crate::validate::Errs;
use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};

/// The 政协职务 of the members of the standing committee (常委会组成人员): the 主席, 副主席 and 秘书长 are
/// members of it by office, the 常委 by election. A 常委会议's default list.
pub const STANDING_ROLES: [&str; 4] = ["主席", "副主席", "秘书长", "常委"];

/// The default sittings of a session from `start` to `end` (YYYY-MM-DD, end ≥ start).
///
/// 全体会议: 开幕会 on the first morning and 闭幕会 on the last half-day; between them 分组讨论, with a
/// 大会发言 as the second of them when there are at least two (a one-day session: 开幕会, 闭幕会 — add a
/// 分组讨论 by hand if it has one). 常委会议: one 全体会议 each morning, no 分组讨论.
pub fn plan_sittings(kind: SessionKind, start: &str, end: &str) -> Result<Vec<SittingInput>> {
    let mut e = Errs::new();
    let (mut s, mut en) = (start.to_string(), end.to_string());
    let a = e.date("start_date", "开始日期", &mut s);
    if en.trim().is_empty() {
        en = s.clone();
    }
    let b = e.date("end_date", "结束日期", &mut en);
    e.done()?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(Error::field("start_date", "请先填写会期，再生成场次"));
    };
    if b < a || (b - a).num_days() > 30 {
        return Err(Error::field("end_date", "会期应在 1 至 31 天之间，请核对结束日期"));
    }
    let days = (b - a).num_days() + 1;
    let sitting = |d: i64, half: HalfDay, kind: SittingKind, title: &str| SittingInput {
        kind,
        title: title.to_string(),
        date: fmt_date(a + Duration::days(d)),
        half,
        start_time: if half == HalfDay::Am { "09:00".into() } else { "14:30".into() },
        ..Default::default()
    };
    let mut out = Vec::new();
    match kind {
        SessionKind::Standing => {
            for d in 0..days {
                let title = if days == 1 {
                    "全体会议".to_string()
                } else {
                    super::grouping::group_name(d as usize + 1).replace('组', "次全体会议")
                };
                out.push(sitting(d, HalfDay::Am, SittingKind::Plenary, &title));
            }
        }
        SessionKind::Plenary => {
            let halves: Vec<(i64, HalfDay)> = (0..days).flat_map(|d| [(d, HalfDay::Am), (d, HalfDay::Pm)]).collect();
            let n = halves.len();
            for (k, (d, half)) in halves.into_iter().enumerate() {
                let (kind, title) = if k == 0 {
                    (SittingKind::Opening, "开幕会")
                } else if k == n - 1 {
                    (SittingKind::Closing, "闭幕会")
                } else if k == 2 && n > 4 {
                    (SittingKind::Speech, "大会发言")
                } else {
                    (SittingKind::Group, "分组讨论")
                };
                out.push(sitting(d, half, kind, title));
            }
        }
    }
    Ok(out)
}

/// A hall layout for `hall` people in the hall and `rostrum` on the rostrum (named by the caller).
///
/// The hall: a few spare seats (5 %, at least 2), in rows about 1.6 times as wide as the hall is deep;
/// up to 12 seats a row one block, up to 40 three blocks (左区, 中区, 右区, the middle one twice as wide),
/// wider halls blocks of about 20 seats; an aisle between blocks. The rostrum: rows of the rostrum people
/// and two spare seats (odd, so that No. 1 sits in the middle; 5 to 15 a row), at most 10 rows; one row of
/// 5 when nobody holds a rostrum role. Stays inside a layout's limits (200 × 200, rostrum 10 × 60) for
/// up to about 30,000 people.
pub fn size_hall(hall: u32, rostrum: u32) -> HallLayoutInput {
    let target = (hall + (hall / 20).max(2)).max(8);
    let width = ((f64::from(target) * 1.6).sqrt().round() as u32).clamp(4, 180);
    let widths: Vec<u32> = if width <= 12 {
        vec![width]
    } else if width <= 40 {
        let side = (width as f32 / 4.0).round() as u32;
        vec![side, width - 2 * side, side]
    } else {
        let mut k = width.div_ceil(20);
        if k.is_multiple_of(2) {
            k += 1;
        }
        let base = width / k;
        let extra = width % k;
        // The remainder goes to the middle blocks.
        let first = (k - extra) / 2;
        (0..k).map(|i| base + u32::from(i >= first && i < first + extra)).collect()
    };
    let mut aisles = Vec::new();
    let mut col = 0;
    for (i, w) in widths.iter().enumerate() {
        col += w;
        if i + 1 < widths.len() {
            col += 1;
            aisles.push(col);
        }
    }
    let seat_columns = col;
    let rows = target.div_ceil(width).clamp(1, 200);
    let (rostrum_rows, rostrum_seats) = if rostrum == 0 {
        (1, 5)
    } else {
        let mut seats = (rostrum + 2).clamp(5, 15);
        if seats.is_multiple_of(2) {
            seats += 1;
        }
        let rows = rostrum.div_ceil(seats);
        if rows <= 10 {
            (rows, seats)
        } else {
            (10, rostrum.div_ceil(10).min(60))
        }
    };
    HallLayoutInput {
        id: None,
        name: String::new(),
        rows,
        seat_columns,
        aisle_columns: aisles,
        section_names: if widths.len() == 3 { vec!["左区".into(), "中区".into(), "右区".into()] } else { vec![] },
        rostrum_rows,
        rostrum_seats,
    }
}

/// The members a session lists by default: the term's active members, or (常委会议) those of them on the
/// standing committee; in stroke order.
pub(crate) fn default_member_ids(conn: &Connection, s: &SessState) -> Result<Vec<String>> {
    let sql = match s.kind {
        SessionKind::Plenary => "SELECT m.id FROM member_terms mt JOIN members m ON m.id = mt.member_id
             WHERE mt.term_id = ?1 AND m.deleted_at IS NULL AND m.status = 'active' ORDER BY m.stroke_key"
            .to_string(),
        SessionKind::Standing => format!(
            "SELECT m.id FROM member_terms mt JOIN members m ON m.id = mt.member_id
             WHERE mt.term_id = ?1 AND m.deleted_at IS NULL AND m.status = 'active'
               AND EXISTS (SELECT 1 FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id
                           WHERE mr.member_id = m.id AND r.kind = 'role' AND r.deleted_at IS NULL AND r.name IN ({}))
             ORDER BY m.stroke_key",
            STANDING_ROLES.iter().map(|r| format!("'{r}'")).collect::<Vec<_>>().join(",")
        ),
    };
    let mut st = conn.prepare(&sql)?;
    let v = st.query_map([&s.term_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// What to say when the default list is empty.
pub(crate) fn no_default_members(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Plenary => "本届没有可列入名单的委员：请先在委员名册中为委员设置届次",
        SessionKind::Standing => {
            "本届没有常委会组成人员：请先在委员名册中为委员设置政协职务（主席、副主席、秘书长或常委），或用“选择委员”逐个列入"
        }
    }
}

/// People to seat: (hall, rostrum). Staff are not seated.
pub(crate) fn to_seat(conn: &Connection, session_id: &str) -> Result<(u32, u32)> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(rostrum = 0), 0), COALESCE(SUM(rostrum <> 0), 0) FROM session_attendees
         WHERE session_id = ?1 AND deleted_at IS NULL AND kind <> 'staff'",
        [session_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A layout name no live layout has: the session's name + 会场, then （2）, （3） …
fn free_name(conn: &Connection, session_name: &str) -> Result<String> {
    let base = format!("{session_name}会场");
    for k in 1.. {
        let name = if k == 1 { base.clone() } else { format!("{base}（{k}）") };
        let taken =
            crate::db::exists(conn, "SELECT 1 FROM hall_layouts WHERE name = ?1 AND deleted_at IS NULL", [&name])?;
        if !taken {
            return Ok(name);
        }
    }
    unreachable!()
}

/// Make a layout for the session sized to its list, and choose it. Returns the layout's id.
pub(crate) fn make_layout(tx: &Connection, s: &SessState, t: &str) -> Result<String> {
    let (hall, rostrum) = to_seat(tx, &s.id)?;
    let l = size_hall(hall, rostrum);
    let id = new_id();
    let name = free_name(tx, &s.name)?;
    tx.execute(
        "INSERT INTO hall_layouts (id, name, hall_rows, seat_columns, aisle_columns, section_names, rostrum_rows,
           rostrum_seats, made_for, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id,
            name,
            l.rows,
            l.seat_columns,
            join(&l.aisle_columns),
            l.section_names.join(","),
            l.rostrum_rows,
            l.rostrum_seats,
            s.id,
            t
        ],
    )?;
    tx.execute("UPDATE sessions SET layout_id = ?2, updated_at = ?3 WHERE id = ?1", params![s.id, id, t])?;
    audit(
        tx,
        "session",
        &s.id,
        "layout_fit",
        &serde_json::json!({"layout": [null, format!("{name}（{}×{}，主席台 {}×{}）", l.rows, l.seat_columns, l.rostrum_rows, l.rostrum_seats)]}),
    )?;
    Ok(id)
}

fn join(v: &[u32]) -> String {
    v.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",")
}

/// After the list grew: a layout made for this session gets rows at the back of the hall (and of the
/// rostrum) until everyone fits; every seat taken stays where it is. A clerk's own layout is left alone.
pub(crate) fn grow_layout(tx: &Connection, s: &SessState) -> Result<()> {
    let Some(lid) = &s.layout_id else { return Ok(()) };
    let row: Option<(u32, u32, String, u32, u32)> = tx
        .query_row(
            "SELECT hall_rows, seat_columns, aisle_columns, rostrum_rows, rostrum_seats FROM hall_layouts
             WHERE id = ?1 AND made_for = ?2 AND deleted_at IS NULL",
            params![lid, s.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((rows, cols, aisles, rrows, rseats)) = row else { return Ok(()) };
    let per_row = cols - super::split_list(&aisles).len() as u32;
    let (hall, rostrum) = to_seat(tx, &s.id)?;
    let new_rows = rows.max(hall.div_ceil(per_row.max(1))).min(200);
    let new_rrows = if rseats == 0 { rrows } else { rrows.max(rostrum.div_ceil(rseats)).min(10) };
    if (new_rows, new_rrows) != (rows, rrows) {
        tx.execute(
            "UPDATE hall_layouts SET hall_rows = ?2, rostrum_rows = ?3, updated_at = ?4 WHERE id = ?1",
            params![lid, new_rows, new_rrows, now()],
        )?;
    }
    Ok(())
}

/// Check the sittings planned in the session form and write them (creation only).
pub(crate) fn check_plan(e: &mut Errs, plan: &mut [SittingInput], start: &str, end: &str) {
    for (k, x) in plan.iter_mut().enumerate() {
        let label = if x.title.trim().is_empty() { x.kind.label().to_string() } else { x.title.trim().to_string() };
        let what = |m: &str| format!("第 {} 个场次（{label}）：{m}", k + 1);
        let mut date = x.date.clone();
        match parse_date(&date) {
            Ok(Some(d)) if fmt_date(d).as_str() >= start && fmt_date(d).as_str() <= end => date = fmt_date(d),
            Ok(Some(_)) => e.push("sittings", what(&format!("日期应在会期（{start} 至 {end}）之内"))),
            _ => e.push("sittings", what("请填写正确的日期")),
        }
        x.date = date;
        let mut sub = Errs::new();
        let a = sub.time("start_time", "开始时间", &mut x.start_time);
        let b = sub.time("end_time", "结束时间", &mut x.end_time);
        if let Err(Error::Validation(fs)) = sub.done() {
            for f in fs {
                e.push("sittings", what(&f.message));
            }
        } else if let (Some(a), Some(b)) = (a, b) {
            if b < a {
                e.push("sittings", what("结束时间不能早于开始时间"));
            }
        }
    }
}

/// What each tool needs (see `Prerequisite`).
pub(crate) fn readiness(conn: &Connection, s: &SessState) -> Result<Vec<Prerequisite>> {
    let sittings = sittings_in(conn, &s.id)?.len();
    let (hall, rostrum) = to_seat(conn, &s.id)?;
    let (members, groups, seated): (u32, u32, u32) = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM session_attendees WHERE session_id = ?1 AND deleted_at IS NULL AND kind = 'member'),
                (SELECT COUNT(*) FROM session_groups WHERE session_id = ?1),
                (SELECT COUNT(*) FROM session_seats WHERE session_id = ?1)",
        [&s.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let layout = match &s.layout_id {
        Some(l) => Some(super::seating::layout_in(conn, l)?),
        None => None,
    };
    let list = match s.kind {
        SessionKind::Plenary => "列入本届委员",
        SessionKind::Standing => "列入常委会组成人员",
    };
    let p = |step, ok, status: String, needed_for: &str, fix: String, tab: &str| Prerequisite {
        step,
        ok,
        status,
        needed_for: needed_for.into(),
        fix,
        tab: tab.into(),
    };
    let mut out = vec![
        p(
            SessionStep::Sittings,
            sittings > 0,
            if sittings > 0 { format!("{sittings} 场") } else { "还没有场次".into() },
            "签到考勤、请假、签到表、出席情况统计",
            "概况 → 按会期排场次（或新增场次）".into(),
            "overview",
        ),
        p(
            SessionStep::Attendees,
            hall + rostrum > 0,
            if hall + rostrum > 0 {
                format!("委员 {members} 人，就座 {} 人", hall + rostrum)
            } else {
                "名单为空".into()
            },
            "报到台、签到、分组、座次和全部名单",
            format!("概况 → {list}"),
            "overview",
        ),
    ];
    let (layout_ok, layout_status) = match &layout {
        None => (false, "还没有会场布局".to_string()),
        Some(l) if l.hall_capacity < hall || l.rostrum_capacity < rostrum => (
            false,
            format!(
                "“{}” 会场 {} 座、主席台 {} 座，需 {} 座、主席台 {} 座",
                l.name, l.hall_capacity, l.rostrum_capacity, hall, rostrum
            ),
        ),
        Some(l) => (true, format!("“{}” 会场 {} 座、主席台 {} 座", l.name, l.hall_capacity, l.rostrum_capacity)),
    };
    out.push(p(
        SessionStep::Layout,
        layout_ok,
        layout_status,
        "自动排座、座次表、座位票",
        "概况 → 按名单生成会场布局（或在“座次”中选择、编辑布局）".into(),
        "overview",
    ));
    if s.kind == SessionKind::Plenary {
        out.push(p(
            SessionStep::Groups,
            groups > 0,
            if groups > 0 { format!("{groups} 个组") } else { "还没有分组".into() },
            "分组名单、按组排座、召集人审批请假",
            "分组讨论 → 自动分组".into(),
            "groups",
        ));
    }
    out.push(p(
        SessionStep::Seats,
        seated > 0,
        if seated > 0 { format!("已排 {seated} 座") } else { "还没有排座".into() },
        "座次表、座位票",
        "座次 → 自动排座".into(),
        "seating",
    ));
    Ok(out)
}

impl Db {
    /// Fit the session's hall layout to its list (see `size_hall`): a layout made for this session is
    /// resized in place; otherwise (none chosen, or a saved hall) a new one is made and chosen. Seats that
    /// are no longer in the layout are given up (auto-seat again). One transaction.
    pub fn fit_session_layout(&mut self, session_id: &str) -> Result<LayoutFit> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        let (hall, rostrum) = to_seat(&self.conn, &s.id)?;
        if hall + rostrum == 0 {
            return Err(Error::field(
                "layout_id",
                "会议名单中还没有要就座的人：请先在“概况”中列入委员，再按名单生成会场布局",
            ));
        }
        let own: Option<String> = match &s.layout_id {
            Some(l) => self
                .conn
                .query_row(
                    "SELECT id FROM hall_layouts WHERE id = ?1 AND made_for = ?2 AND deleted_at IS NULL",
                    params![l, s.id],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        let tx = self.conn.transaction()?;
        let t = now();
        let id = match own {
            None => make_layout(&tx, &s, &t)?,
            Some(id) => {
                let l = size_hall(hall, rostrum);
                tx.execute(
                    "UPDATE hall_layouts SET hall_rows = ?2, seat_columns = ?3, aisle_columns = ?4, section_names = ?5,
                       rostrum_rows = ?6, rostrum_seats = ?7, updated_at = ?8 WHERE id = ?1",
                    params![
                        id,
                        l.rows,
                        l.seat_columns,
                        join(&l.aisle_columns),
                        l.section_names.join(","),
                        l.rostrum_rows,
                        l.rostrum_seats,
                        t
                    ],
                )?;
                audit(
                    &tx,
                    "session",
                    &s.id,
                    "layout_fit",
                    &serde_json::json!({"layout": [null, format!("{}×{}，主席台 {}×{}", l.rows, l.seat_columns, l.rostrum_rows, l.rostrum_seats)]}),
                )?;
                id
            }
        };
        let layout = super::seating::layout_in(&tx, &id)?;
        // Seats outside the new grid (or on an aisle) are given up.
        let taken: Vec<(String, String, u32, u32)> = {
            let mut st =
                tx.prepare("SELECT attendee_id, area, row_no, col_no FROM session_seats WHERE session_id = ?1")?;
            let v = st
                .query_map([&s.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            v
        };
        let mut removed = 0u32;
        for (aid, area, row, col) in taken {
            let fits = if area == "rostrum" {
                row <= layout.rostrum_rows && col <= layout.rostrum_seats
            } else {
                row <= layout.rows && col <= layout.seat_columns && !layout.aisle_columns.contains(&col)
            };
            if !fits {
                tx.execute("DELETE FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2", params![s.id, aid])?;
                removed += 1;
            }
        }
        tx.commit()?;
        Ok(LayoutFit { layout, hall, rostrum, seats_removed: removed })
    }

    /// The session that gives a 常委会 made in the activities flow the meeting tools (check-in desk, sign-in
    /// per sitting, seating, papers): made on first use from the activity — its title, dates and place, the
    /// default sittings, its invited members (or, none invited, the standing committee), a hall fitted to
    /// them —, the same one afterwards. One transaction.
    pub fn session_for_activity(&mut self, activity_id: &str) -> Result<SessionDetail> {
        let existing: Option<(String, bool, String)> = self
            .conn
            .query_row(
                "SELECT id, deleted_at IS NOT NULL, name FROM sessions WHERE activity_id = ?1",
                [activity_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, deleted, name)) = existing {
            if deleted {
                return Err(Error::Conflict(format!("会议“{name}”已删除：请先在“全会”的回收站中恢复")));
            }
            return self.session(&id);
        }
        let deleted: Option<bool> = self
            .conn
            .query_row("SELECT deleted_at IS NOT NULL FROM activities WHERE id = ?1", [activity_id], |r| r.get(0))
            .optional()?;
        match deleted {
            None => return Err(Error::NotFound("该活动不存在".into())),
            Some(true) => return Err(Error::Conflict("该活动已删除，请先恢复".into())),
            _ => {}
        }
        let a = crate::activities::input_of(&self.conn, activity_id)?;
        let kind = match a.kind {
            crate::activities::ActivityKind::Standing => SessionKind::Standing,
            crate::activities::ActivityKind::Plenary => SessionKind::Plenary,
            k => {
                return Err(Error::field(
                    "kind",
                    format!("{}不使用会务工具；常委会和全会才有报到台、分场次签到和座次", k.label()),
                ))
            }
        };
        if a.date.is_empty() {
            return Err(Error::field("date", "请先在活动中填写日期，再使用会务工具"));
        }
        let end = if a.end_date.is_empty() { a.date.clone() } else { a.end_date.clone() };
        let plan = plan_sittings(kind, &a.date, &end)?;
        let term = self.current_term_id()?;
        let invited: Vec<String> = {
            let mut st = self.conn.prepare(
                "SELECT p.member_id FROM participants p JOIN members m ON m.id = p.member_id
                 WHERE p.activity_id = ?1 AND p.invited = 1 AND m.deleted_at IS NULL ORDER BY m.stroke_key",
            )?;
            let v = st.query_map([activity_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        let tx = self.conn.transaction()?;
        let t = now();
        let id = new_id();
        tx.execute(
            "INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, place, kind, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![id, activity_id, term, a.title, a.date, end, a.place, kind.as_str(), t],
        )?;
        audit(
            &tx,
            "session",
            &id,
            "create",
            &serde_json::json!({"name": [null, a.title], "kind": [null, kind.label()], "dates": [null, format!("{}—{}", a.date, end)]}),
        )?;
        let s = SessState::load(&tx, &id)?;
        for x in &plan {
            put_sitting(&tx, &s, x, &t)?;
        }
        let ids = if invited.is_empty() { default_member_ids(&tx, &s)? } else { invited };
        super::put_members(&tx, &s, &ids, &t)?;
        if !ids.is_empty() {
            make_layout(&tx, &s, &t)?;
        }
        tx.commit()?;
        self.session(&id)
    }

    /// Add the default sittings (`plan_sittings`) to a session that has none.
    pub fn plan_session_sittings(&mut self, session_id: &str) -> Result<Vec<Sitting>> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        if !sittings_in(&self.conn, &s.id)?.is_empty() {
            return Err(Error::Conflict(format!(
                "会议“{}”已有场次：请在场次表中逐个修改，或删除后再按会期排场次",
                s.name
            )));
        }
        let plan = plan_sittings(s.kind, &s.start_date, &s.end_date)?;
        let tx = self.conn.transaction()?;
        let t = now();
        for x in &plan {
            put_sitting(&tx, &s, x, &t)?;
        }
        audit(&tx, "session", &s.id, "sittings_plan", &serde_json::json!({"sittings": [null, plan.len()]}))?;
        tx.commit()?;
        sittings_in(&self.conn, &s.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(l: &HallLayoutInput) -> u32 {
        l.rows * (l.seat_columns - l.aisle_columns.len() as u32)
    }

    #[test]
    fn hall_fits_the_list_without_waste() {
        for n in [0u32, 1, 7, 30, 60, 130, 141, 300, 500, 1_000, 6_000, 10_000, 30_000] {
            let l = size_hall(n, 8);
            let cap = seats(&l);
            assert!(cap >= n, "{n}: {cap} seats");
            assert!(cap <= (n as f64 * 1.25) as u32 + 16, "{n}: {cap} seats is too many ({l:?})");
            assert!((1..=200).contains(&l.rows) && (1..=200).contains(&l.seat_columns), "{n}: {l:?}");
            // Wider than deep, but not a corridor.
            let per_row = l.seat_columns - l.aisle_columns.len() as u32;
            assert!(l.rows <= per_row + 2 && per_row <= l.rows * 3 + 4, "{n}: {} rows of {per_row}", l.rows);
            // No aisle at an edge, none next to another.
            for w in l.aisle_columns.windows(2) {
                assert!(w[1] > w[0] + 1, "{n}: {l:?}");
            }
            assert!(l.aisle_columns.iter().all(|a| *a > 1 && *a < l.seat_columns), "{n}: {l:?}");
        }
        let l = size_hall(130, 6);
        assert_eq!((l.rows, l.seat_columns, l.aisle_columns.clone()), (10, 17, vec![5, 13]), "{l:?}");
        assert_eq!(l.section_names, ["左区", "中区", "右区"]);
    }

    #[test]
    fn rostrum_rows_hold_those_seated_there() {
        assert_eq!(size_hall(100, 0).rostrum_rows * size_hall(100, 0).rostrum_seats, 5);
        for r in [1u32, 3, 6, 13, 14, 30, 150, 151, 600] {
            let l = size_hall(100, r);
            assert!(l.rostrum_rows * l.rostrum_seats >= r, "{r}: {l:?}");
            assert!(l.rostrum_rows <= 10 && l.rostrum_seats <= 60, "{r}: {l:?}");
        }
        let l = size_hall(100, 6);
        assert_eq!((l.rostrum_rows, l.rostrum_seats), (1, 9));
    }

    #[test]
    fn default_sittings_follow_the_days_and_the_kind() {
        let kinds =
            |v: Vec<SittingInput>| v.iter().map(|x| (x.date.clone(), x.half, x.title.clone())).collect::<Vec<_>>();
        let p = plan_sittings(SessionKind::Plenary, "2027-01-12", "2027-01-14").unwrap();
        let titles: Vec<&str> = p.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(titles, ["开幕会", "分组讨论", "大会发言", "分组讨论", "分组讨论", "闭幕会"]);
        assert_eq!(p[0].kind, SittingKind::Opening);
        assert_eq!(p[5].kind, SittingKind::Closing);
        assert_eq!((p[5].date.as_str(), p[5].half), ("2027-01-14", HalfDay::Pm));
        let two = plan_sittings(SessionKind::Plenary, "2027-01-12", "2027-01-13").unwrap();
        assert_eq!(
            two.iter().map(|x| x.kind).collect::<Vec<_>>(),
            [SittingKind::Opening, SittingKind::Group, SittingKind::Group, SittingKind::Closing]
        );
        let one = plan_sittings(SessionKind::Plenary, "2027-01-12", "").unwrap();
        assert_eq!(kinds(one).len(), 2);
        let st = plan_sittings(SessionKind::Standing, "2027-03-01", "2027-03-02").unwrap();
        assert_eq!(
            kinds(st),
            [
                ("2027-03-01".to_string(), HalfDay::Am, "第一次全体会议".to_string()),
                ("2027-03-02".to_string(), HalfDay::Am, "第二次全体会议".to_string())
            ]
        );
        assert!(plan_sittings(SessionKind::Standing, "2027-03-01", "2027-03-01")
            .unwrap()
            .iter()
            .all(|x| x.kind != SittingKind::Group));
        assert!(plan_sittings(SessionKind::Plenary, "", "").is_err());
        assert!(plan_sittings(SessionKind::Plenary, "2027-03-02", "2027-03-01").is_err());
    }
}
