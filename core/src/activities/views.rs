//! Read-only views over the records: a member's participation history with counts per year and kind,
//! and the agenda (upcoming activities as a list, a month as calendar days).

use super::types::*;
use super::{read_row, ROW_ORDER, ROW_SELECT};
use crate::dates::{fmt_date, parse_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::rows::{code, opt_code};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;

impl Db {
    /// Every activity a member is on the list of, or was visited in (deleted activities left out), newest
    /// first, with counts per year and kind (cancelled activities and those with no date not counted).
    pub fn member_history(&self, member_id: &str) -> Result<MemberHistory> {
        let name: String = self
            .conn
            .query_row("SELECT name FROM members WHERE id = ?1", [member_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound("该委员不存在".into()))?;
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.kind, a.title, a.start_date, a.status, 'participant', p.role, p.attendance, a.start_time
             FROM participants p JOIN activities a ON a.id = p.activity_id
             WHERE p.member_id = ?1 AND a.deleted_at IS NULL
             UNION ALL
             SELECT a.id, a.kind, a.title, a.start_date, a.status, 'visited', NULL, NULL, a.start_time
             FROM visits v JOIN activities a ON a.id = v.activity_id
             WHERE v.member_id = ?1 AND a.deleted_at IS NULL",
        )?;
        let mut rows: Vec<(MemberActivity, String)> = st
            .query_map([member_id], |r| {
                Ok((
                    MemberActivity {
                        activity_id: r.get(0)?,
                        kind: code(r, 1, ActivityKind::parse)?,
                        title: r.get(2)?,
                        date: r.get(3)?,
                        status: code(r, 4, ActivityStatus::parse)?,
                        relation: code(r, 5, Relation::parse)?,
                        role: opt_code(r, 6, ParticipantRole::parse)?,
                        attendance: opt_code(r, 7, Attendance::parse)?,
                    },
                    r.get::<_, String>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Newest first; those with no date last.
        rows.sort_by(|(a, at), (b, bt)| {
            (b.date.is_some(), &b.date, bt, &b.activity_id).cmp(&(a.date.is_some(), &a.date, at, &a.activity_id))
        });
        let mut counts: BTreeMap<(std::cmp::Reverse<i32>, usize), YearKindCount> = BTreeMap::new();
        for (m, _) in &rows {
            if m.status == ActivityStatus::Cancelled {
                continue;
            }
            let Some(year) = m.date.as_deref().and_then(|d| parse_date(d).ok().flatten()).map(|d| d.year()) else {
                continue;
            };
            let k = ActivityKind::ALL.iter().position(|k| *k == m.kind).unwrap_or(0);
            let c = counts.entry((std::cmp::Reverse(year), k)).or_insert(YearKindCount {
                year,
                kind: m.kind,
                records: 0,
                attended: 0,
                leave: 0,
                absent: 0,
                visited: 0,
            });
            c.records += 1;
            match (m.relation, m.attendance) {
                (Relation::Visited, _) if m.status == ActivityStatus::Done => c.visited += 1,
                (Relation::Participant, Some(Attendance::Present | Attendance::Late)) => c.attended += 1,
                (Relation::Participant, Some(Attendance::Leave)) => c.leave += 1,
                (Relation::Participant, Some(Attendance::Absent)) => c.absent += 1,
                _ => {}
            }
        }
        Ok(MemberHistory {
            member_id: member_id.to_string(),
            name,
            activities: rows.into_iter().map(|(m, _)| m).collect(),
            counts: counts.into_values().collect(),
        })
    }

    /// Upcoming activities (计划, 已通知, 进行中) from `from` (YYYY-MM-DD; empty: today) for `days` days
    /// (0: no end), by date and time; then those with no date yet. Each row says which 四落实 fields
    /// are missing.
    pub fn agenda(&self, from: &str, days: u32) -> Result<Vec<ActivityRow>> {
        let from = match parse_date(from) {
            Ok(Some(d)) => d,
            Ok(None) => today(),
            Err(_) => return Err(Error::field("from", "日期格式应为 2026-05-12，请核对")),
        };
        let to = if days == 0 { String::new() } else { fmt_date(from + Duration::days(days as i64 - 1)) };
        let mut st = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE a.deleted_at IS NULL AND a.status IN ('planned','notified','ongoing')
               AND (a.start_date IS NULL
                    OR (COALESCE(a.end_date, a.start_date) >= ?1 AND (?2 = '' OR a.start_date <= ?2)))
             ORDER BY {ROW_ORDER}"
        ))?;
        let rows = st.query_map([fmt_date(from), to], read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A month of the calendar: every day of it, each with the activities on that day (an activity over
    /// several days on each of them), by time. Cancelled ones are included, marked by their status.
    pub fn agenda_month(&self, year: i32, month: u32) -> Result<AgendaMonth> {
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| Error::field("month", "月份应为 1 到 12"))?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .ok_or_else(|| Error::field("year", "年份不正确"))?;
        let last = next - Duration::days(1);
        let mut st = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE a.deleted_at IS NULL AND a.start_date <= ?2 AND COALESCE(a.end_date, a.start_date) >= ?1
             ORDER BY {ROW_ORDER}"
        ))?;
        let rows: Vec<ActivityRow> =
            st.query_map([fmt_date(first), fmt_date(last)], read_row)?.collect::<rusqlite::Result<_>>()?;
        let spans: Vec<(NaiveDate, NaiveDate)> = rows
            .iter()
            .map(|r| {
                let s = r.date.as_deref().and_then(|d| parse_date(d).ok().flatten()).unwrap_or(first);
                let e = r.end_date.as_deref().and_then(|d| parse_date(d).ok().flatten()).unwrap_or(s);
                (s, e)
            })
            .collect();
        let mut days = Vec::new();
        let mut d = first;
        while d <= last {
            let mut on: Vec<ActivityRow> =
                rows.iter().zip(&spans).filter(|(_, (s, e))| *s <= d && d <= *e).map(|(r, _)| r.clone()).collect();
            on.sort_by(|a, b| (&a.time, &a.title).cmp(&(&b.time, &b.title)));
            days.push(AgendaDay {
                date: fmt_date(d),
                weekday: d.weekday().number_from_monday() as i32,
                activities: on,
            });
            d += Duration::days(1);
        }
        Ok(AgendaMonth { year, month: month as i32, days })
    }
}
