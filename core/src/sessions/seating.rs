//! The seating chart (座次): hall layouts saved by name, the rostrum (主席台) by role and protocol order,
//! automatic seating in the hall, manual moves and swaps. A seat is never used twice: the rules check it
//! and `session_seats` has a UNIQUE constraint on (session, area, row, column).
//!
//! The rostrum: those marked 主席台就座 (by default the 主席, 副主席 and 秘书长), ordered by their highest
//! 政协职务 in the role list's (protocol) order — 主席, 副主席, 秘书长, 常委 … —, then by their protocol
//! order (排序号) within the role, then by stroke order; non-members after members. The first row (the
//! front) is filled first; in a row, No. 1 sits in the middle and the others alternate to his left and
//! right (左为上: No. 2 on No. 1's left, i.e. to the audience's right); with an even number of seats No. 1
//! and No. 2 share the middle, No. 1 to the audience's right of it.
//!
//! The hall: members and 列席 not on the rostrum, by discussion group (in group order; those in no group
//! last), then in stroke order (姓氏笔画) within a group, filling the front row first, left to right as the
//! audience sees it, skipping the aisle columns. Staff are not seated.

use super::{live_att, roles_by_member, split_list, SessState, ROSTRUM_ROLES};
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::code;
use crate::sessions::types::*;
use crate::validate::Errs;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// The seats of a hall in filling order: rows front to back, columns left to right, aisles skipped.
pub fn plan_hall(layout: &HallLayout) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(layout.hall_capacity as usize);
    for row in 1..=layout.rows {
        for col in 1..=layout.seat_columns {
            if !layout.aisle_columns.contains(&col) {
                out.push((row, col));
            }
        }
    }
    out
}

/// The rostrum's seats in protocol order (see the module's notes): (row, column), row 1 the front.
pub fn rostrum_positions(rows: u32, seats: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity((rows * seats) as usize);
    for row in 1..=rows {
        // Columns 1..=seats as the audience sees them. No. 1 in the middle (odd), or just right of the middle
        // (even); then alternating: the audience's right of No. 1 (his left), then the audience's left.
        let n = seats as i64;
        let first = if n % 2 == 1 { (n + 1) / 2 } else { n / 2 + 1 };
        let mut cols = vec![first];
        let mut k = 1;
        while (cols.len() as i64) < n {
            // Odd: No. 2 to the audience's right of No. 1; even: No. 2 is the other middle seat, to the left.
            let pair = if n % 2 == 1 { [first + k, first - k] } else { [first - k, first + k] };
            for c in pair {
                if (1..=n).contains(&c) {
                    cols.push(c);
                }
            }
            k += 1;
        }
        out.extend(cols.into_iter().map(|c| (row, c as u32)));
    }
    out
}

/// The blocks of seat columns between aisles, left to right.
fn blocks(seat_columns: u32, aisles: &[u32]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = vec![];
    let mut cur = vec![];
    for c in 1..=seat_columns {
        if aisles.contains(&c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The number of each grid column of a row (index 0 is column 1; 0 for an aisle) under a numbering.
/// 单双号: the centre is the middle of the grid (aisles included); seats from it to the right (as the audience
/// sees the rostrum) get 1, 3, 5 …, seats to the left of it 2, 4, 6 …, each side counted outwards.
pub fn seat_numbers(seat_columns: u32, aisles: &[u32], numbering: SeatNumbering) -> Vec<u32> {
    let mut out = vec![0; seat_columns as usize];
    match numbering {
        SeatNumbering::Sequential => {
            let mut n = 0;
            for c in 1..=seat_columns {
                if !aisles.contains(&c) {
                    n += 1;
                    out[c as usize - 1] = n;
                }
            }
        }
        SeatNumbering::OddEven => {
            // Twice the centre, to stay in integers: column c is right of the centre when 2c >= cols + 1.
            let centre2 = seat_columns + 1;
            let right = (1..=seat_columns).filter(|c| 2 * c >= centre2 && !aisles.contains(c));
            for (i, c) in right.enumerate() {
                out[c as usize - 1] = 2 * i as u32 + 1;
            }
            let left = (1..=seat_columns).rev().filter(|c| 2 * c < centre2 && !aisles.contains(c));
            for (i, c) in left.enumerate() {
                out[c as usize - 1] = 2 * i as u32 + 2;
            }
        }
    }
    out
}

/// How a layout numbers its seats (stored beside it; see migration 0005).
pub(crate) fn numbering_of(conn: &Connection, layout_id: &str) -> Result<SeatNumbering> {
    let v: Option<String> = conn
        .prepare_cached("SELECT numbering FROM hall_layouts WHERE id = ?1")?
        .query_row([layout_id], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref().and_then(SeatNumbering::parse).unwrap_or_default())
}

impl HallLayout {
    /// A seat's number in its row (aisles not counted) and its section's name.
    pub fn seat_label(&self, col: u32) -> (u32, String) {
        let number = (1..=col).filter(|c| !self.aisle_columns.contains(c)).count() as u32;
        let bl = blocks(self.seat_columns, &self.aisle_columns);
        let i = bl.iter().position(|b| b.contains(&col)).unwrap_or(0);
        let name = self.section_names.get(i).cloned().unwrap_or_else(|| match bl.len() {
            2 => ["左区", "右区"][i.min(1)].to_string(),
            3 => ["左区", "中区", "右区"][i.min(2)].to_string(),
            1 => String::new(),
            _ => format!("{}区", i + 1),
        });
        (number, name)
    }
}

const LAYOUT_SELECT: &str = "SELECT id, name, hall_rows, seat_columns, aisle_columns, section_names, rostrum_rows,
        rostrum_seats FROM hall_layouts";

fn read_layout(r: &rusqlite::Row) -> rusqlite::Result<HallLayout> {
    let aisles: Vec<u32> = split_list(&r.get::<_, String>(4)?).iter().filter_map(|s| s.parse().ok()).collect();
    let cols: u32 = r.get(3)?;
    let rows: u32 = r.get(2)?;
    let rr: u32 = r.get(6)?;
    let rs: u32 = r.get(7)?;
    Ok(HallLayout {
        id: r.get(0)?,
        name: r.get(1)?,
        rows,
        seat_columns: cols,
        hall_capacity: rows * (cols - aisles.iter().filter(|c| **c <= cols).count() as u32),
        aisle_columns: aisles,
        section_names: split_list(&r.get::<_, String>(5)?),
        rostrum_rows: rr,
        rostrum_seats: rs,
        rostrum_capacity: rr * rs,
    })
}

pub(crate) fn layout_in(conn: &Connection, id: &str) -> Result<HallLayout> {
    conn.prepare_cached(&format!("{LAYOUT_SELECT} WHERE id = ?1"))?
        .query_row([id], read_layout)
        .optional()?
        .ok_or_else(|| Error::NotFound("该会场布局不存在".into()))
}

fn session_layout(conn: &Connection, s: &SessState) -> Result<HallLayout> {
    match &s.layout_id {
        Some(l) => layout_in(conn, l),
        None => Err(Error::field(
            "layout_id",
            format!("会议“{}”还没有会场布局：请在“概况”中点“按名单生成会场布局”，或在“座次”中选择、新建布局", s.name),
        )),
    }
}

pub(crate) fn seats_in(conn: &Connection, session_id: &str, layout: Option<&HallLayout>) -> Result<Vec<Seat>> {
    let mut st = conn.prepare_cached(
        "SELECT z.attendee_id, COALESCE(m.name, a.name), COALESCE(g.name, ''), z.area, z.row_no, z.col_no
         FROM session_seats z JOIN session_attendees a ON a.id = z.attendee_id
         LEFT JOIN members m ON m.id = a.member_id LEFT JOIN session_groups g ON g.id = a.group_id
         WHERE z.session_id = ?1 ORDER BY z.area DESC, z.row_no, z.col_no",
    )?;
    let rows = st.query_map([session_id], |r| {
        Ok(Seat {
            attendee_id: r.get(0)?,
            name: r.get(1)?,
            group: r.get(2)?,
            area: code(r, 3, SeatArea::parse)?,
            row: r.get(4)?,
            col: r.get(5)?,
            number: 0,
            section: String::new(),
        })
    })?;
    let mut seats: Vec<Seat> = rows.collect::<rusqlite::Result<_>>()?;
    let numbers = match layout {
        Some(l) => seat_numbers(l.seat_columns, &l.aisle_columns, numbering_of(conn, &l.id)?),
        None => vec![],
    };
    for z in &mut seats {
        match (z.area, layout) {
            (SeatArea::Hall, Some(l)) => {
                z.number = numbers.get(z.col as usize - 1).copied().unwrap_or(0);
                z.section = l.seat_label(z.col).1;
            }
            _ => {
                z.number = z.col;
                z.section = SeatArea::Rostrum.label().to_string();
            }
        }
    }
    Ok(seats)
}

/// The session's hall layout and its seats, for the seating chart and the seat tickets: refused while
/// no layout is chosen or nobody is seated yet.
pub(crate) fn seated_in(conn: &Connection, s: &SessState) -> Result<(HallLayout, Vec<Seat>)> {
    let layout = session_layout(conn, s)?;
    let seats = seats_in(conn, &s.id, Some(&layout))?;
    if seats.is_empty() {
        return Err(Error::NotFound(format!("会议“{}”还没有排座位：请先在“座次”中点“自动排座”", s.name)));
    }
    Ok((layout, seats))
}

/// Someone to seat, with what orders them.
struct ToSeat {
    id: String,
    rostrum: bool,
    role_rank: i64,
    protocol_rank: Option<u32>,
    group_seq: Option<u32>,
}

impl Db {
    /// Save a hall layout (new or edited) under its name.
    pub fn save_hall_layout(&mut self, mut i: HallLayoutInput) -> Result<HallLayout> {
        let mut e = Errs::new();
        i.name = i.name.trim().to_string();
        if i.name.is_empty() {
            e.push("name", "请填写布局名称，如“大礼堂”");
        } else {
            let dup: Option<String> = self
                .conn
                .query_row(
                    "SELECT id FROM hall_layouts WHERE name = ?1 AND deleted_at IS NULL AND id <> COALESCE(?2, '')",
                    params![i.name, i.id],
                    |r| r.get(0),
                )
                .optional()?;
            if dup.is_some() {
                e.push("name", format!("已有名为“{}”的会场布局，请换一个名称", i.name));
            }
        }
        if !(1..=200).contains(&i.rows) {
            e.push("rows", "排数应在 1 至 200 之间");
        }
        if !(1..=200).contains(&i.seat_columns) {
            e.push("seat_columns", "每排座位数（含过道）应在 1 至 200 之间");
        }
        i.aisle_columns.sort_unstable();
        i.aisle_columns.dedup();
        if let Some(c) = i.aisle_columns.iter().find(|c| **c == 0 || **c > i.seat_columns) {
            e.push("aisle_columns", format!("过道位置 {c} 超出每排 {} 列的范围，请核对", i.seat_columns));
        } else if i.seat_columns > 0 && i.aisle_columns.len() as u32 >= i.seat_columns {
            e.push("aisle_columns", "每排不能全是过道，请核对过道位置");
        }
        let nblocks = blocks(i.seat_columns, &i.aisle_columns).len();
        let sections: Vec<String> =
            i.section_names.iter().map(|s| s.trim().replace(',', "，")).filter(|s| !s.is_empty()).collect();
        if sections.len() > nblocks {
            e.push("section_names", format!("过道把每排分成 {nblocks} 个区，区名有 {} 个，请核对", sections.len()));
        }
        if i.rostrum_rows > 10 {
            e.push("rostrum_rows", "主席台排数应在 0 至 10 之间");
        }
        if i.rostrum_seats > 60 {
            e.push("rostrum_seats", "主席台每排座位数应在 0 至 60 之间");
        }
        let old = match &i.id {
            Some(id) => Some(layout_in(&self.conn, id)?),
            None => None,
        };
        e.done()?;
        let aisles = i.aisle_columns.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",");
        let tx = self.conn.transaction()?;
        let t = now();
        let id = i.id.clone().unwrap_or_else(new_id);
        if old.is_none() {
            tx.execute(
                "INSERT INTO hall_layouts (id, name, hall_rows, seat_columns, aisle_columns, section_names, rostrum_rows,
                   rostrum_seats, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, i.name, i.rows, i.seat_columns, aisles, sections.join(","), i.rostrum_rows, i.rostrum_seats, t],
            )?;
        } else {
            tx.execute(
                "UPDATE hall_layouts SET name = ?2, hall_rows = ?3, seat_columns = ?4, aisle_columns = ?5,
                   section_names = ?6, rostrum_rows = ?7, rostrum_seats = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id,
                    i.name,
                    i.rows,
                    i.seat_columns,
                    aisles,
                    sections.join(","),
                    i.rostrum_rows,
                    i.rostrum_seats,
                    t
                ],
            )?;
        }
        audit(
            &tx,
            "hall_layout",
            &id,
            if old.is_some() { "update" } else { "create" },
            &serde_json::json!({
                "name": [old.as_ref().map(|o| o.name.clone()), i.name],
                "grid": [old.as_ref().map(|o| format!("{}×{}", o.rows, o.seat_columns)), format!("{}×{}", i.rows, i.seat_columns)],
                "aisles": [old.as_ref().map(|o| o.aisle_columns.clone()), i.aisle_columns],
                "rostrum": [old.as_ref().map(|o| format!("{}×{}", o.rostrum_rows, o.rostrum_seats)), format!("{}×{}", i.rostrum_rows, i.rostrum_seats)],
            }),
        )?;
        tx.commit()?;
        layout_in(&self.conn, &id)
    }

    pub fn hall_layouts(&self) -> Result<Vec<HallLayout>> {
        let mut st = self.conn.prepare_cached(&format!("{LAYOUT_SELECT} WHERE deleted_at IS NULL ORDER BY name"))?;
        let rows = st.query_map([], read_layout)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn hall_layout(&self, id: &str) -> Result<HallLayout> {
        layout_in(&self.conn, id)
    }

    /// The seats taken, the layout, and who has no seat yet.
    pub fn seating_chart(&self, session_id: &str) -> Result<SeatingChart> {
        let s = SessState::load(&self.conn, session_id)?;
        let layout = match &s.layout_id {
            Some(l) => Some(layout_in(&self.conn, l)?),
            None => None,
        };
        let seats = seats_in(&self.conn, &s.id, layout.as_ref())?;
        let mut st = self.conn.prepare_cached(
            "SELECT COALESCE(m.name, a.name) FROM session_attendees a LEFT JOIN members m ON m.id = a.member_id
             WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind <> 'staff'
               AND NOT EXISTS (SELECT 1 FROM session_seats z WHERE z.attendee_id = a.id)
             ORDER BY COALESCE(m.stroke_key, a.stroke_key)",
        )?;
        let unseated: Vec<String> = st.query_map([&s.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let numbering = match &layout {
            Some(l) => numbering_of(&self.conn, &l.id)?,
            None => SeatNumbering::default(),
        };
        let numbers =
            layout.as_ref().map(|l| seat_numbers(l.seat_columns, &l.aisle_columns, numbering)).unwrap_or_default();
        let (people, to_seat, on_rostrum): (u32, u32, u32) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(kind <> 'staff'), 0), COALESCE(SUM(kind <> 'staff' AND rostrum), 0)
             FROM session_attendees WHERE session_id = ?1 AND deleted_at IS NULL",
            [&s.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut warnings = Vec::new();
        if let Some(l) = layout.as_ref().filter(|l| l.rostrum_capacity > 0) {
            if to_seat > 0 && on_rostrum == 0 {
                // Anyone on the list holding a role that sits on the rostrum by default (ROSTRUM_ROLES)?
                let roles: i64 = self.conn.query_row(
                    "SELECT COUNT(*) FROM session_attendees a JOIN member_roles r ON r.member_id = a.member_id
                     JOIN ref_items i ON i.id = r.role_id
                     WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND i.name IN (?2, ?3, ?4)",
                    params![s.id, ROSTRUM_ROLES[0], ROSTRUM_ROLES[1], ROSTRUM_ROLES[2]],
                    |r| r.get(0),
                )?;
                warnings.push(if roles == 0 {
                    format!(
                        "主席台（{} 座）没有人：名单中没有人担任主席、副主席或秘书长（政协职务）。请在“委员名册”中为他们填写政协职务后重新列入名单，或在“概况”的名单中把要上主席台的人设为“主席台就座”，再点“自动排座”。",
                        l.rostrum_capacity
                    )
                } else {
                    format!(
                        "主席台（{} 座）没有人：名单中没有人设为“主席台就座”。请在“概况”的名单中设置，再点“自动排座”。",
                        l.rostrum_capacity
                    )
                });
            }
        }
        Ok(SeatingChart { session_id: s.id, layout, seats, unseated, numbering, numbers, people, to_seat, warnings })
    }

    /// Set how the session's hall layout numbers its seats (顺序号 or 单双号): the chart, the seat tickets
    /// and the exports follow. Answers with the chart.
    pub fn set_seat_numbering(&mut self, i: SeatNumberingInput) -> Result<SeatingChart> {
        let s = SessState::load(&self.conn, &i.session_id)?.live()?;
        let layout = session_layout(&self.conn, &s)?;
        let old = numbering_of(&self.conn, &layout.id)?;
        if old != i.numbering {
            let tx = self.conn.transaction()?;
            tx.execute(
                "UPDATE hall_layouts SET numbering = ?2, updated_at = ?3 WHERE id = ?1",
                params![layout.id, i.numbering.as_str(), now()],
            )?;
            audit(
                &tx,
                "hall_layout",
                &layout.id,
                "update",
                &serde_json::json!({"name": [layout.name, layout.name], "numbering": [old.label(), i.numbering.label()]}),
            )?;
            tx.commit()?;
        }
        self.seating_chart(&s.id)
    }

    /// Seat everyone by the rule (see the module's notes), replacing the session's seating. Refused, with
    /// nothing changed, when the rostrum or the hall has too few seats.
    pub fn auto_seat(&mut self, session_id: &str) -> Result<SeatingOutcome> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        let layout = session_layout(&self.conn, &s)?;
        let roles = roles_by_member(&self.conn, &s.id)?;
        let role_rank: HashMap<String, i64> = {
            let mut st = self
                .conn
                .prepare_cached("SELECT name, sort FROM ref_items WHERE kind = 'role' AND deleted_at IS NULL")?;
            let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        // Everyone to seat, in stroke order.
        let people: Vec<ToSeat> = {
            let mut st = self.conn.prepare_cached(
                "SELECT a.id, a.member_id, a.rostrum, a.protocol_rank, g.seq FROM session_attendees a
                 LEFT JOIN members m ON m.id = a.member_id LEFT JOIN session_groups g ON g.id = a.group_id
                 WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind <> 'staff'
                 ORDER BY COALESCE(m.stroke_key, a.stroke_key), a.id",
            )?;
            let v = st
                .query_map([&s.id], |r| {
                    let mid: Option<String> = r.get(1)?;
                    let rank = mid
                        .as_ref()
                        .and_then(|m| roles.get(m))
                        .and_then(|rs| rs.split('、').filter_map(|x| role_rank.get(x)).min().copied())
                        .unwrap_or(if mid.is_some() { i64::MAX - 1 } else { i64::MAX });
                    Ok(ToSeat {
                        id: r.get(0)?,
                        rostrum: r.get(2)?,
                        role_rank: rank,
                        protocol_rank: r.get(3)?,
                        group_seq: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            v
        };
        let (mut rostrum, mut hall): (Vec<&ToSeat>, Vec<&ToSeat>) = people.iter().partition(|p| p.rostrum);
        // Stable sorts: stroke order stays within equal keys.
        rostrum.sort_by_key(|p| (p.role_rank, p.protocol_rank.unwrap_or(u32::MAX)));
        hall.sort_by_key(|p| p.group_seq.unwrap_or(u32::MAX));
        let mut e = Errs::new();
        if rostrum.len() as u32 > layout.rostrum_capacity {
            e.push(
                "rostrum",
                format!(
                    "主席台只有 {} 个座位，安排在主席台就座的有 {} 人：请在会场布局“{}”中增加主席台座位，或减少主席台人员",
                    layout.rostrum_capacity,
                    rostrum.len(),
                    layout.name
                ),
            );
        }
        if hall.len() as u32 > layout.hall_capacity {
            e.push(
                "layout_id",
                format!(
                    "会场布局“{}”只有 {} 个座位，需就座 {} 人：请在“概况”中点“按名单调整会场布局”，或增加排数、每排座位，或换一个会场布局",
                    layout.name,
                    layout.hall_capacity,
                    hall.len()
                ),
            );
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM session_seats WHERE session_id = ?1", [&s.id])?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO session_seats (session_id, attendee_id, area, row_no, col_no) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (p, (row, col)) in rostrum.iter().zip(rostrum_positions(layout.rostrum_rows, layout.rostrum_seats)) {
                ins.execute(params![s.id, p.id, "rostrum", row, col])?;
            }
            for (p, (row, col)) in hall.iter().zip(plan_hall(&layout)) {
                ins.execute(params![s.id, p.id, "hall", row, col])?;
            }
        }
        audit(
            &tx,
            "session",
            &s.id,
            "auto_seat",
            &serde_json::json!({"layout": [null, layout.name], "rostrum": [null, rostrum.len()], "hall": [null, hall.len()]}),
        )?;
        tx.commit()?;
        Ok(SeatingOutcome { hall: hall.len() as u32, rostrum: rostrum.len() as u32 })
    }

    /// Move someone to a seat. If it is taken, its occupant takes the mover's old seat (a swap); a taken
    /// seat cannot be given to someone who has no seat yet.
    pub fn move_seat(&mut self, i: SeatMoveInput) -> Result<SeatingChart> {
        let (s, a) = live_att(&self.conn, &i.attendee_id)?;
        let layout = session_layout(&self.conn, &s)?;
        let rostrum_flag = |id: &str| -> Result<bool> {
            Ok(self.conn.query_row("SELECT rostrum FROM session_attendees WHERE id = ?1", [id], |r| r.get(0))?)
        };
        let mut e = Errs::new();
        if a.kind == AttendeeKind::Staff {
            e.push("attendee_id", format!("“{}”是工作人员，不安排座位", a.name));
        }
        match i.area {
            SeatArea::Hall => {
                if i.row == 0 || i.row > layout.rows {
                    e.push("row", format!("排号应在 1 至 {} 之间", layout.rows));
                }
                if i.col == 0 || i.col > layout.seat_columns {
                    e.push("col", format!("列号应在 1 至 {} 之间", layout.seat_columns));
                } else if layout.aisle_columns.contains(&i.col) {
                    e.push("col", format!("第 {} 列是过道，不能安排座位", i.col));
                }
            }
            SeatArea::Rostrum => {
                if i.row == 0 || i.row > layout.rostrum_rows {
                    e.push("row", format!("主席台排号应在 1 至 {} 之间", layout.rostrum_rows));
                }
                if i.col == 0 || i.col > layout.rostrum_seats {
                    e.push("col", format!("主席台座号应在 1 至 {} 之间", layout.rostrum_seats));
                }
                if !rostrum_flag(&a.id)? {
                    e.push("area", format!("“{}”不在主席台就座名单中，请先设为主席台就座", a.name));
                }
            }
        }
        e.done()?;
        let current: Option<(String, u32, u32)> = self
            .conn
            .query_row(
                "SELECT area, row_no, col_no FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2",
                params![s.id, a.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let occupant: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT z.attendee_id, COALESCE(m.name, x.name) FROM session_seats z
                 JOIN session_attendees x ON x.id = z.attendee_id LEFT JOIN members m ON m.id = x.member_id
                 WHERE z.session_id = ?1 AND z.area = ?2 AND z.row_no = ?3 AND z.col_no = ?4",
                params![s.id, i.area.as_str(), i.row, i.col],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((oid, oname)) = &occupant {
            if *oid == a.id {
                return self.seating_chart(&s.id);
            }
            match &current {
                None => {
                    return Err(Error::Conflict(format!(
                        "该座位已安排给“{oname}”；“{}”还没有座位，请选择空座位，或先为“{oname}”调整座位",
                        a.name
                    )))
                }
                Some((area, _, _)) if area == "rostrum" && !rostrum_flag(oid)? => {
                    return Err(Error::Conflict(format!("“{oname}”不在主席台就座名单中，不能与“{}”对调座位", a.name)))
                }
                _ => {}
            }
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2", params![s.id, a.id])?;
        if let Some((oid, _)) = &occupant {
            tx.execute("DELETE FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2", params![s.id, oid])?;
            let (area, row, col) = current.clone().expect("checked above");
            tx.execute(
                "INSERT INTO session_seats (session_id, attendee_id, area, row_no, col_no) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id, oid, area, row, col],
            )?;
        }
        tx.execute(
            "INSERT INTO session_seats (session_id, attendee_id, area, row_no, col_no) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.id, a.id, i.area.as_str(), i.row, i.col],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            if occupant.is_some() { "seat_swap" } else { "seat_move" },
            &serde_json::json!({
                "name": [a.name, a.name],
                "seat": [current.map(|(ar, r, c)| format!("{ar} {r}-{c}")), format!("{} {}-{}", i.area.as_str(), i.row, i.col)],
                "swapped_with": [null, occupant.map(|o| o.1)],
            }),
        )?;
        tx.commit()?;
        self.seating_chart(&s.id)
    }

    /// Swap two people's seats (both must have one).
    pub fn swap_seats(&mut self, a_id: &str, b_id: &str) -> Result<SeatingChart> {
        let (s, b) = live_att(&self.conn, b_id)?;
        let seat: Option<(String, u32, u32)> = self
            .conn
            .query_row(
                "SELECT area, row_no, col_no FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2",
                params![s.id, b.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((area, row, col)) = seat else {
            return Err(Error::field("attendee_id", format!("“{}”还没有座位，不能对调", b.name)));
        };
        let (_, a) = live_att(&self.conn, a_id)?;
        let has: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_seats WHERE session_id = ?1 AND attendee_id = ?2)",
            params![s.id, a.id],
            |r| r.get(0),
        )?;
        if !has {
            return Err(Error::field("attendee_id", format!("“{}”还没有座位，不能对调", a.name)));
        }
        self.move_seat(SeatMoveInput { attendee_id: a.id, area: SeatArea::parse(&area).unwrap_or_default(), row, col })
    }
}
