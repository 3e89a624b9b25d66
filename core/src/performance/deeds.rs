//! The records offices keep that had no place yet: a member's deeds (引一个项目或一笔资金, 办一件实事:
//! what, for whom, how much, when), scored by the rules (`deed.project`, `deed.deed`) and counted by
//! the 五个一; and the manual entries of the ledger (rewards, outside training) with their reason.
//! Each write is one transaction with its audit entry; deletions are soft, through `trash`.

use super::types::*;
use crate::db::{audit, changes, check_fresh, new_id, now, Db};
use crate::error::{Error, FieldError, Result};
use crate::rows::code;
use crate::trash;
use crate::validate::Errs;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

fn member_name(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM members WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

const DEED_SELECT: &str = "SELECT d.id, d.member_id, m.name, d.kind, d.what, d.for_whom, d.amount, d.deed_date, d.note,
        d.updated_at, d.deleted_at IS NOT NULL FROM member_deeds d JOIN members m ON m.id = d.member_id";

fn read_deed(r: &rusqlite::Row) -> rusqlite::Result<Deed> {
    Ok(Deed {
        id: r.get(0)?,
        member_id: r.get(1)?,
        member: r.get(2)?,
        kind: code(r, 3, DeedKind::parse)?,
        what: r.get(4)?,
        for_whom: r.get(5)?,
        amount: r.get(6)?,
        deed_date: r.get(7)?,
        note: r.get(8)?,
        updated_at: r.get(9)?,
        deleted: r.get(10)?,
    })
}

fn deed_in(conn: &Connection, id: &str) -> Result<Deed> {
    conn.prepare_cached(&format!("{DEED_SELECT} WHERE d.id = ?1"))?
        .query_row([id], read_deed)
        .optional()?
        .ok_or_else(|| Error::NotFound("该实事或项目记录不存在".into()))
}

const ADJ_SELECT: &str =
    "SELECT a.id, a.member_id, m.name, a.year, a.kind, a.points, a.reason, a.entry_date, a.updated_at,
        a.deleted_at IS NOT NULL FROM score_adjustments a JOIN members m ON m.id = a.member_id";

fn read_adj(r: &rusqlite::Row) -> rusqlite::Result<ScoreAdjustment> {
    Ok(ScoreAdjustment {
        id: r.get(0)?,
        member_id: r.get(1)?,
        member: r.get(2)?,
        year: r.get(3)?,
        kind: code(r, 4, AdjustmentKind::parse)?,
        points: r.get(5)?,
        reason: r.get(6)?,
        entry_date: r.get(7)?,
        updated_at: r.get(8)?,
        deleted: r.get(9)?,
    })
}

fn adj_in(conn: &Connection, id: &str) -> Result<ScoreAdjustment> {
    conn.prepare_cached(&format!("{ADJ_SELECT} WHERE a.id = ?1"))?
        .query_row([id], read_adj)
        .optional()?
        .ok_or_else(|| Error::NotFound("该手工加减分记录不存在".into()))
}

fn fail(errs: Errs) -> Result<()> {
    if errs.list.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errs.list))
    }
}

impl Db {
    /// Deeds matching a query, newest first.
    pub fn deeds(&self, q: &DeedQuery) -> Result<Vec<Deed>> {
        let (from, to) = q.year.map(super::ledger::bounds).unzip();
        let mut st = self.conn.prepare_cached(&format!(
            "{DEED_SELECT} WHERE (d.deleted_at IS NOT NULL) = ?1 AND (?2 IS NULL OR d.deed_date >= ?2)
               AND (?3 IS NULL OR d.deed_date < ?3) AND (?4 IS NULL OR d.member_id = ?4) AND (?5 IS NULL OR d.kind = ?5)
             ORDER BY d.deed_date DESC, d.created_at DESC, d.id"
        ))?;
        let rows = st.query_map(
            params![q.deleted, from, to, q.member_id.as_deref().filter(|s| !s.is_empty()), q.kind.map(|k| k.as_str())],
            read_deed,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Record a deed or edit one; checked first, one transaction with its audit entry.
    pub fn save_deed(&mut self, mut input: DeedInput) -> Result<Deed> {
        let mut errs = Errs::new();
        input.what = input.what.trim().to_string();
        input.for_whom = input.for_whom.trim().to_string();
        if input.what.is_empty() {
            errs.push("what", "请填写做了什么（项目名称或实事内容）");
        }
        if member_name(&self.conn, &input.member_id)?.is_none() {
            errs.push("member_id", "请选择委员");
        }
        if errs.date("deed_date", "日期", &mut input.deed_date).is_none() && input.deed_date.is_empty() {
            errs.push("deed_date", "请填写日期");
        }
        if let Some(a) = input.amount {
            if !a.is_finite() || a < 0.0 {
                errs.push("amount", "金额不能为负数，单位万元；没有金额请留空");
            }
        }
        fail(errs)?;
        let tx = self.conn.transaction()?;
        let t = now();
        let snap = json!({ "member_id": input.member_id, "kind": input.kind.as_str(), "what": input.what,
                           "for_whom": input.for_whom, "amount": input.amount, "deed_date": input.deed_date,
                           "note": input.note });
        let id = match &input.id {
            Some(id) => {
                let old = deed_in(&tx, id)?;
                if old.deleted {
                    return Err(Error::NotFound("该实事或项目记录已删除，请先恢复".into()));
                }
                check_fresh(&tx, "member_deeds", id, input.loaded_at.as_deref(), &format!("“{}”", old.what))?;
                tx.execute(
                    "UPDATE member_deeds SET member_id = ?2, kind = ?3, what = ?4, for_whom = ?5, amount = ?6,
                            deed_date = ?7, note = ?8, updated_at = ?9 WHERE id = ?1",
                    params![
                        id,
                        input.member_id,
                        input.kind.as_str(),
                        input.what,
                        input.for_whom,
                        input.amount,
                        input.deed_date,
                        input.note,
                        t
                    ],
                )?;
                let was = json!({ "member_id": old.member_id, "kind": old.kind.as_str(), "what": old.what,
                                  "for_whom": old.for_whom, "amount": old.amount, "deed_date": old.deed_date,
                                  "note": old.note });
                audit(&tx, "deed", id, "update", &changes(Some(&was), &snap))?;
                id.clone()
            }
            None => {
                let id = new_id();
                tx.execute(
                    "INSERT INTO member_deeds (id, member_id, kind, what, for_whom, amount, deed_date, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![id, input.member_id, input.kind.as_str(), input.what, input.for_whom, input.amount,
                            input.deed_date, input.note, t],
                )?;
                audit(&tx, "deed", &id, "create", &changes(None, &snap))?;
                id
            }
        };
        tx.commit()?;
        deed_in(&self.conn, &id)
    }

    pub fn delete_deed(&mut self, id: &str) -> Result<()> {
        self.set_deed_deleted(id, true)
    }

    pub fn restore_deed(&mut self, id: &str) -> Result<()> {
        self.set_deed_deleted(id, false)
    }

    fn set_deed_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let d = deed_in(&self.conn, id)?;
        let tx = self.conn.transaction()?;
        trash::row(trash::DEEDS, id, "what", &d.what).with("member", &d.member, &d.member).apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }

    /// The manual entries of a year (of one member), by date.
    pub fn score_adjustments(&self, year: i32, member_id: Option<&str>) -> Result<Vec<ScoreAdjustment>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{ADJ_SELECT} WHERE a.deleted_at IS NULL AND a.year = ?1 AND (?2 IS NULL OR a.member_id = ?2)
             ORDER BY a.entry_date, a.created_at, a.id"
        ))?;
        let rows = st.query_map(params![year, member_id], read_adj)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Add or edit a manual entry: a reason is required; one transaction with its audit entry.
    pub fn save_score_adjustment(&mut self, mut input: ScoreAdjustmentInput) -> Result<ScoreAdjustment> {
        let mut errs = Errs::new();
        input.reason = input.reason.trim().to_string();
        if input.reason.is_empty() {
            errs.push("reason", "请填写加减分的理由（如：获评优秀政协委员、参加市政协委员培训班）");
        }
        if member_name(&self.conn, &input.member_id)?.is_none() {
            errs.push("member_id", "请选择委员");
        }
        if !input.points.is_finite() || input.points == 0.0 || input.points.abs() > 1000.0 {
            errs.list.push(FieldError::new("points", "分值应为非零的数字（扣分填负数），且不超过 1000"));
        }
        if !(2000..=2100).contains(&input.year) {
            errs.push("year", "年度不在 2000–2100 之间");
        }
        errs.date("entry_date", "日期", &mut input.entry_date);
        fail(errs)?;
        let date = Some(input.entry_date.clone()).filter(|d| !d.is_empty());
        let tx = self.conn.transaction()?;
        let t = now();
        let snap = json!({ "member_id": input.member_id, "year": input.year, "kind": input.kind.as_str(),
                           "points": input.points, "reason": input.reason, "entry_date": date });
        let id = match &input.id {
            Some(id) => {
                let old = adj_in(&tx, id)?;
                if old.deleted {
                    return Err(Error::NotFound("该手工加减分记录已删除，请先恢复".into()));
                }
                check_fresh(&tx, "score_adjustments", id, input.loaded_at.as_deref(), "这条加减分")?;
                tx.execute(
                    "UPDATE score_adjustments SET member_id = ?2, year = ?3, kind = ?4, points = ?5, reason = ?6,
                            entry_date = ?7, updated_at = ?8 WHERE id = ?1",
                    params![id, input.member_id, input.year, input.kind.as_str(), input.points, input.reason, date, t],
                )?;
                let was = json!({ "member_id": old.member_id, "year": old.year, "kind": old.kind.as_str(),
                                  "points": old.points, "reason": old.reason, "entry_date": old.entry_date });
                audit(&tx, "score_adjustment", id, "update", &changes(Some(&was), &snap))?;
                id.clone()
            }
            None => {
                let id = new_id();
                tx.execute(
                    "INSERT INTO score_adjustments (id, member_id, year, kind, points, reason, entry_date, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![id, input.member_id, input.year, input.kind.as_str(), input.points, input.reason, date, t],
                )?;
                audit(&tx, "score_adjustment", &id, "create", &changes(None, &snap))?;
                id
            }
        };
        tx.commit()?;
        adj_in(&self.conn, &id)
    }

    pub fn delete_score_adjustment(&mut self, id: &str) -> Result<()> {
        self.set_adjustment_deleted(id, true)
    }

    pub fn restore_score_adjustment(&mut self, id: &str) -> Result<()> {
        self.set_adjustment_deleted(id, false)
    }

    fn set_adjustment_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let a = adj_in(&self.conn, id)?;
        let tx = self.conn.transaction()?;
        trash::row(trash::SCORE_ADJUSTMENTS, id, "reason", &a.reason)
            .with("member", &a.member, &a.member)
            .apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }
}
