//! Attendance statistics (出席情况统计) over the members of a session (列席 and staff not counted):
//! per sitting (应到 = the members on the list), and per discussion group and per sector in member-sittings
//! (人次: members × sittings), with 出席, 迟到, 请假, 缺席, 未记录 and the rate (出席 + 迟到) / (应到 − 未记录): 0 while nothing is recorded.

use super::{sittings_in, SessState};
use crate::db::Db;
use crate::error::Result;
use crate::sessions::types::*;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

impl StatLine {
    fn new(label: impl Into<String>) -> StatLine {
        StatLine { label: label.into(), ..Default::default() }
    }

    fn add(&mut self, outcome: Option<Attendance>) {
        self.expected += 1;
        match outcome {
            Some(Attendance::Present) => self.present += 1,
            Some(Attendance::Late) => self.late += 1,
            Some(Attendance::Leave) => self.leave += 1,
            Some(Attendance::Absent) => self.absent += 1,
            None => self.unrecorded += 1,
        }
    }

    fn finish(mut self) -> StatLine {
        // Over the member-sittings recorded so far: a sitting not yet held does not pull the rate down.
        let recorded = self.expected - self.unrecorded;
        self.rate = if recorded == 0 {
            0.0
        } else {
            ((self.present + self.late) as f64 * 1000.0 / recorded as f64).round() / 10.0
        };
        self
    }
}

/// A member on the list, as the statistics group them.
struct Counted {
    id: String,
    group: (u32, String),
    sector: (i64, String),
}

fn counted(conn: &Connection, session_id: &str) -> Result<Vec<Counted>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, COALESCE(g.seq, 1000000), COALESCE(g.name, '未分组'), COALESCE(s.sort, 1000000),
                COALESCE(s.name, '未填界别')
         FROM session_attendees a JOIN members m ON m.id = a.member_id
         LEFT JOIN session_groups g ON g.id = a.group_id LEFT JOIN ref_items s ON s.id = m.sector_id
         WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind = 'member'",
    )?;
    let rows = st.query_map([session_id], |r| {
        Ok(Counted { id: r.get(0)?, group: (r.get(1)?, r.get(2)?), sector: (r.get(3)?, r.get(4)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Outcomes by (sitting, attendee).
fn outcomes(conn: &Connection, session_id: &str) -> Result<HashMap<(String, String), Attendance>> {
    let mut st = conn.prepare_cached(
        "SELECT si.sitting_id, si.attendee_id, si.outcome FROM session_sign_ins si
         JOIN session_sittings x ON x.id = si.sitting_id AND x.deleted_at IS NULL WHERE x.session_id = ?1",
    )?;
    let rows =
        st.query_map([session_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (x, a, o) = row?;
        if let Some(o) = Attendance::parse(&o) {
            out.insert((x, a), o);
        }
    }
    Ok(out)
}

/// One sitting's line.
pub(crate) fn stat_line_in(conn: &Connection, session_id: &str, x: &Sitting) -> Result<StatLine> {
    let people = counted(conn, session_id)?;
    let out = outcomes(conn, session_id)?;
    let mut l = StatLine::new(x.label());
    for p in &people {
        l.add(out.get(&(x.id.clone(), p.id.clone())).copied());
    }
    Ok(l.finish())
}

impl Db {
    pub fn session_stats(&self, session_id: &str) -> Result<SessionStats> {
        SessState::load(&self.conn, session_id)?;
        let sittings = sittings_in(&self.conn, session_id)?;
        let people = counted(&self.conn, session_id)?;
        let out = outcomes(&self.conn, session_id)?;
        let mut per_sitting = Vec::with_capacity(sittings.len());
        let mut groups: BTreeMap<(u32, String), StatLine> = BTreeMap::new();
        let mut sectors: BTreeMap<(i64, String), StatLine> = BTreeMap::new();
        let mut total = StatLine::new("合计");
        for x in &sittings {
            let mut l = StatLine::new(x.label());
            for p in &people {
                let o = out.get(&(x.id.clone(), p.id.clone())).copied();
                l.add(o);
                groups.entry(p.group.clone()).or_insert_with(|| StatLine::new(p.group.1.clone())).add(o);
                sectors.entry(p.sector.clone()).or_insert_with(|| StatLine::new(p.sector.1.clone())).add(o);
                total.add(o);
            }
            per_sitting.push(l.finish());
        }
        Ok(SessionStats {
            sittings: per_sitting,
            groups: groups.into_values().map(StatLine::finish).collect(),
            sectors: sectors.into_values().map(StatLine::finish).collect(),
            total: total.finish(),
        })
    }
}
