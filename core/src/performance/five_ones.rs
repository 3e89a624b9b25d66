//! 五个一: five items the office words each year (提交一篇社情民意, 参加一次视察, 引一个项目或一笔资金 …),
//! each fed by a kind of record where one exists — counted from the same facts as the ledger — or
//! ticked by hand. Progress per member per year.

use super::ledger::{count_facts, members};
use super::types::*;
use crate::db::{audit, changes, now, Db};
use crate::error::{Error, FieldError, Result};
use crate::rows::code;
use rusqlite::{params, Connection};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// Whether a fact's item counts for a 五个一 item.
fn feeds(item: &FiveOnesItem, fact: &str) -> bool {
    use FiveOnesSource::*;
    match item.source {
        Manual => false,
        Opinion => fact == "opinion.submitted" || fact == "opinion.co",
        Proposal => fact == "proposal.lead" || fact == "proposal.co",
        Speech => fact == "speech.submitted",
        Plenary => fact == "plenary.session",
        Project => fact == "deed.project",
        Deed => fact == "deed.deed",
        Reflection => fact.starts_with("activity.") && fact.ends_with(".report"),
        Activity => {
            let Some(rest) = fact.strip_prefix("activity.") else { return false };
            let Some((kind, role)) = rest.rsplit_once('.') else { return false };
            role != "report" && (item.activity_kind.is_empty() || item.activity_kind == kind)
        }
    }
}

pub(crate) fn items(conn: &Connection, year: i32) -> Result<Vec<FiveOnesItem>> {
    let mut st = conn.prepare_cached(
        "SELECT seq, title, source, activity_kind, target FROM five_ones_items WHERE year = ?1 ORDER BY seq",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(FiveOnesItem {
            seq: r.get(0)?,
            title: r.get(1)?,
            source: code(r, 2, FiveOnesSource::parse)?,
            activity_kind: r.get(3)?,
            target: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The office's usual wording, offered for a year that has none.
pub fn default_items() -> Vec<FiveOnesItem> {
    let it = |seq, title: &str, source, kind: &str| FiveOnesItem {
        seq,
        title: title.into(),
        source,
        activity_kind: kind.into(),
        target: 1,
    };
    vec![
        it(1, "提交一篇社情民意信息", FiveOnesSource::Opinion, ""),
        it(2, "参加一次视察或调研", FiveOnesSource::Activity, "inspection"),
        it(3, "撰写一篇学习心得", FiveOnesSource::Reflection, ""),
        it(4, "引一个项目或一笔资金", FiveOnesSource::Project, ""),
        it(5, "办一件实事", FiveOnesSource::Deed, ""),
    ]
}

fn progress_rows(
    conn: &Connection,
    year: i32,
    only: Option<&str>,
) -> Result<(Vec<FiveOnesItem>, Vec<FiveOnesProgress>)> {
    let items = items(conn, year)?;
    let ms = members(conn, only)?;
    let index: HashMap<&str, usize> = ms.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let counts = count_facts(conn, year, &index, ms.len(), only)?;
    let ticks: HashSet<(String, u32)> = {
        let mut st = conn.prepare_cached(
            "SELECT member_id, seq FROM five_ones_ticks WHERE year = ?1 AND (?2 IS NULL OR member_id = ?2)",
        )?;
        let rows = st.query_map(params![year, only], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        let mut marks = Vec::new();
        for it in &items {
            let count: u32 = counts.per_member[i]
                .iter()
                .filter(|(ii, _)| feeds(it, &counts.items[*ii as usize]))
                .map(|(_, n)| n)
                .sum();
            let ticked = ticks.contains(&(m.id.clone(), it.seq));
            marks.push(FiveOnesMark { seq: it.seq, count, done: ticked || count >= it.target, ticked });
        }
        let done = marks.iter().filter(|k| k.done).count() as u32;
        out.push(FiveOnesProgress {
            year,
            member_id: m.id.clone(),
            name: m.name.clone(),
            group: m.group.clone(),
            items: vec![],
            marks,
            done,
        });
    }
    Ok((items, out))
}

impl Db {
    /// The year's five items (empty: not worded yet; `five_ones_defaults` offers the usual ones).
    pub fn five_ones_items(&self, year: i32) -> Result<Vec<FiveOnesItem>> {
        items(&self.conn, year)
    }

    pub fn five_ones_defaults(&self) -> Vec<FiveOnesItem> {
        default_items()
    }

    /// Word the year's items (one to five, numbered in order); one transaction with its audit entry.
    pub fn save_five_ones_items(&mut self, year: i32, list: Vec<FiveOnesItem>) -> Result<Vec<FiveOnesItem>> {
        let mut errs = Vec::new();
        if list.is_empty() || list.len() > 5 {
            errs.push(FieldError::new("items", format!("五个一应有 1 至 5 项（现有 {} 项）", list.len())));
        }
        for (i, it) in list.iter().enumerate() {
            if it.title.trim().is_empty() {
                errs.push(FieldError::new(&format!("items[{i}].title"), format!("第 {} 项请填写内容", i + 1)));
            }
            if it.target == 0 {
                errs.push(FieldError::new(&format!("items[{i}].target"), format!("第 {} 项的数量至少为 1", i + 1)));
            }
            if it.source == FiveOnesSource::Activity
                && !it.activity_kind.is_empty()
                && crate::activities::types::ActivityKind::parse(&it.activity_kind).is_none()
            {
                errs.push(FieldError::new(
                    &format!("items[{i}].activity_kind"),
                    format!("第 {} 项的活动类别“{}”无法识别", i + 1, it.activity_kind),
                ));
            }
        }
        if !errs.is_empty() {
            return Err(Error::Validation(errs));
        }
        let old = items(&self.conn, year)?;
        let tx = self.conn.transaction()?;
        let t = now();
        for (i, it) in list.iter().enumerate() {
            tx.execute(
                "INSERT INTO five_ones_items (year, seq, title, source, activity_kind, target, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (year, seq) DO UPDATE SET title = ?3, source = ?4, activity_kind = ?5, target = ?6, updated_at = ?7
                 WHERE title <> ?3 OR source <> ?4 OR activity_kind <> ?5 OR target <> ?6",
                params![
                    year,
                    i as u32 + 1,
                    it.title.trim(),
                    it.source.as_str(),
                    if it.source == FiveOnesSource::Activity { it.activity_kind.as_str() } else { "" },
                    it.target,
                    t
                ],
            )?;
        }
        tx.execute("DELETE FROM five_ones_items WHERE year = ?1 AND seq > ?2", params![year, list.len() as u32])?;
        tx.execute("DELETE FROM five_ones_ticks WHERE year = ?1 AND seq > ?2", params![year, list.len() as u32])?;
        let snap = |l: &[FiveOnesItem]| {
            serde_json::Value::Object(
                l.iter()
                    .map(|i| (format!("item{}", i.seq), json!(format!("{}（{}）", i.title.trim(), i.source.label()))))
                    .collect(),
            )
        };
        let numbered: Vec<FiveOnesItem> =
            list.iter().enumerate().map(|(i, it)| FiveOnesItem { seq: i as u32 + 1, ..it.clone() }).collect();
        audit(&tx, "five_ones", &year.to_string(), "update", &changes(Some(&snap(&old)), &snap(&numbered)))?;
        tx.commit()?;
        items(&self.conn, year)
    }

    /// Tick (or untick) an item by hand for a member.
    pub fn set_five_ones_tick(
        &mut self,
        year: i32,
        seq: u32,
        member_id: &str,
        done: bool,
        note: &str,
    ) -> Result<FiveOnesProgress> {
        let its = items(&self.conn, year)?;
        let Some(it) = its.iter().find(|i| i.seq == seq) else {
            return Err(Error::NotFound(format!("{year}年五个一没有第 {seq} 项")));
        };
        let name: String = self
            .conn
            .query_row("SELECT name FROM members WHERE id = ?1 AND deleted_at IS NULL", [member_id], |r| r.get(0))
            .map_err(|_| Error::NotFound("该委员不存在".into()))?;
        let tx = self.conn.transaction()?;
        let n = if done {
            tx.execute(
                "INSERT INTO five_ones_ticks (year, seq, member_id, done_date, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING",
                params![year, seq, member_id, crate::dates::fmt_date(crate::dates::today()), note, now()],
            )?
        } else {
            tx.execute(
                "DELETE FROM five_ones_ticks WHERE year = ?1 AND seq = ?2 AND member_id = ?3",
                params![year, seq, member_id],
            )?
        };
        if n > 0 {
            audit(
                &tx,
                "member",
                member_id,
                "five_ones_tick",
                &json!({ "five_ones": [if done { "" } else { it.title.as_str() }, if done { it.title.as_str() } else { "" }],
                         "year": [year, year], "name": [name, name] }),
            )?;
        }
        tx.commit()?;
        self.five_ones_progress(member_id, year)
    }

    /// A member's 五个一 for a year.
    pub fn five_ones_progress(&self, member_id: &str, year: i32) -> Result<FiveOnesProgress> {
        let (items, rows) = progress_rows(&self.conn, year, Some(member_id))?;
        let mut p = rows.into_iter().next().ok_or_else(|| Error::NotFound("该委员不存在或已不在册".into()))?;
        p.items = items;
        Ok(p)
    }

    /// Every active member's 五个一 for a year, with how many have each item done.
    pub fn five_ones_table(&self, year: i32) -> Result<FiveOnesTable> {
        let (items, rows) = progress_rows(&self.conn, year, None)?;
        let done_counts = (0..items.len()).map(|i| rows.iter().filter(|r| r.marks[i].done).count() as u32).collect();
        Ok(FiveOnesTable { year, items, rows, done_counts })
    }
}
