//! The bulletin 《社情民意》: numbered issues compiled from adopted reports. 第N期 counts within the year,
//! 总第M期 across the years (the next issue continues from the highest); a number used twice is refused.
//! The year's count is shown against the office's target: the year's work plan's (工作计划) when it has one,
//! else the setting `bulletin_target` (default 8); setting it here changes this year's plan too.

use super::types::*;
use super::St;
use crate::dates::{fmt_date, today};
use crate::db::{audit, changes, new_id, now, Db};
use crate::error::{Error, Result};
use crate::trash;
use crate::validate::Errs;
use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// The setting that holds the number of issues the office means to publish a year.
pub const TARGET_KEY: &str = "bulletin_target";
pub const DEFAULT_TARGET: i32 = 8;

const ROW_SELECT: &str = "SELECT b.id, b.year, b.number, b.total_number, b.issue_date, b.signer,
        (SELECT COUNT(*) FROM bulletin_items i WHERE i.issue_id = b.id), b.deleted_at IS NOT NULL
     FROM bulletin_issues b";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<BulletinRow> {
    Ok(BulletinRow {
        id: r.get(0)?,
        year: r.get(1)?,
        number: r.get(2)?,
        total_number: r.get(3)?,
        date: r.get(4)?,
        signer: r.get(5)?,
        reports: r.get(6)?,
        deleted: r.get(7)?,
    })
}

pub(crate) fn issue_reports(conn: &Connection, id: &str) -> Result<Vec<OpinionRef>> {
    let mut st = conn.prepare_cached(
        "SELECT o.id, COALESCE(NULLIF(o.edited_title, ''), o.title), o.state,
                COALESCE((SELECT group_concat(name, '、') FROM
                   (SELECT name FROM opinion_submitters s WHERE s.opinion_id = o.id ORDER BY s.seq)), '')
         FROM bulletin_items i JOIN opinions o ON o.id = i.opinion_id WHERE i.issue_id = ?1 ORDER BY i.seq",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(OpinionRef {
            id: r.get(0)?,
            title: r.get(1)?,
            state: crate::rows::code(r, 2, OpinionState::parse)?,
            submitters: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Db {
    /// Bulletin issues, newest first (`deleted`: the recycle bin instead).
    pub fn bulletins(&self, year: Option<i32>, deleted: bool) -> Result<Vec<BulletinRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE (b.deleted_at IS NOT NULL) = ?1 AND (?2 IS NULL OR b.year = ?2)
             ORDER BY b.total_number DESC, b.year DESC, b.number DESC"
        ))?;
        let rows = st.query_map(params![deleted, year], read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn bulletin(&self, id: &str) -> Result<BulletinDetail> {
        let row = self
            .conn
            .prepare_cached(&format!("{ROW_SELECT} WHERE b.id = ?1"))?
            .query_row([id], read_row)
            .optional()?
            .ok_or_else(|| Error::NotFound("该期《社情民意》不存在".into()))?;
        let (office, send_to, copy_to) =
            self.conn.query_row("SELECT office, send_to, copy_to FROM bulletin_issues WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        Ok(BulletinDetail { row, office, send_to, copy_to, reports: issue_reports(&self.conn, id)? })
    }

    /// The year's issues against the target, and the numbers the next issue takes (第N期 in the year,
    /// 总第M期 continuing across the years), with the last issue's signer and 报送 / 抄送 lines.
    pub fn bulletin_year(&self, year: i32) -> Result<BulletinYear> {
        let (issues, max_n): (i32, i32) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(MAX(number), 0) FROM bulletin_issues WHERE year = ?1 AND deleted_at IS NULL",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let max_total: i32 = self.conn.query_row(
            "SELECT COALESCE(MAX(total_number), 0) FROM bulletin_issues WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        // The year's work plan holds the target when it has one (typed once, there or here); else the setting.
        let target = match crate::workplan::bulletin_target(&self.conn, year)? {
            Some(t) => t,
            None => self.setting(TARGET_KEY)?.and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_TARGET),
        };
        let last: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT signer, send_to, copy_to FROM bulletin_issues WHERE deleted_at IS NULL
                 ORDER BY total_number DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (last_signer, last_send_to, last_copy_to) = last.unwrap_or_default();
        Ok(BulletinYear {
            year,
            issues,
            target,
            next_number: max_n + 1,
            next_total: max_total + 1,
            last_signer,
            last_send_to,
            last_copy_to,
        })
    }

    /// Set the number of issues a year the office aims at.
    pub fn set_bulletin_target(&mut self, target: i32) -> Result<BulletinYear> {
        if !(1..=100).contains(&target) {
            return Err(Error::field("target", "每年的期数目标应在 1 到 100 之间"));
        }
        // The setting and this year's work plan (when it has one) in one transaction.
        let year = today().year();
        let tx = self.conn.transaction()?;
        let old: Option<String> =
            tx.query_row("SELECT value FROM settings WHERE key = ?1", [TARGET_KEY], |r| r.get(0)).optional()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![TARGET_KEY, target.to_string()],
        )?;
        audit(&tx, "setting", TARGET_KEY, "update", &json!({ TARGET_KEY: [old, target.to_string()] }))?;
        crate::workplan::follow_bulletin_target(&tx, year, target)?;
        tx.commit()?;
        self.bulletin_year(year)
    }

    /// Create or change an issue: its numbers (refused when used by another issue), date, signer, lines,
    /// and its reports in order (each adopted, and in no other issue). One transaction.
    pub fn save_bulletin(&mut self, mut input: BulletinInput) -> Result<BulletinDetail> {
        let mut e = Errs::new();
        if input.date.trim().is_empty() {
            input.date = fmt_date(today());
        }
        let d = e.date("date", "日期", &mut input.date);
        if input.year == 0 {
            input.year = d.map(|d| d.year()).unwrap_or_else(|| today().year());
        }
        if !(2000..=2100).contains(&input.year) {
            e.push("year", "年份应在 2000 到 2100 之间");
        }
        let next = self.bulletin_year(input.year)?;
        let old = match &input.id {
            Some(id) => {
                let b = self.bulletin(id)?;
                if b.row.deleted {
                    return Err(Error::Conflict(format!("{}年第{}期已删除，请先恢复再修改", b.row.year, b.row.number)));
                }
                Some(b)
            }
            None => None,
        };
        if input.number == 0 {
            input.number = old.as_ref().map(|b| b.row.number).unwrap_or(next.next_number);
        }
        if input.total_number == 0 {
            input.total_number = old.as_ref().map(|b| b.row.total_number).unwrap_or(next.next_total);
        }
        if input.number < 0 || input.number > 999 {
            e.push("number", "期号应为 1 到 999 的整数");
        }
        if input.total_number < 0 {
            e.push("total_number", "总期号应为正整数");
        }
        let me = input.id.clone().unwrap_or_default();
        let dup: Option<String> = self
            .conn
            .query_row(
                "SELECT issue_date FROM bulletin_issues WHERE year = ?1 AND number = ?2 AND id <> ?3 AND deleted_at IS NULL",
                params![input.year, input.number, me],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(d) = dup {
            e.push(
                "number",
                format!(
                    "{}年第{}期已经编过（{d}），同一期号不能用两次：请改用第{}期",
                    input.year, input.number, next.next_number
                ),
            );
        }
        let dup: Option<(i32, i32)> = self
            .conn
            .query_row(
                "SELECT year, number FROM bulletin_issues WHERE total_number = ?1 AND id <> ?2 AND deleted_at IS NULL",
                params![input.total_number, me],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((y, n)) = dup {
            e.push(
                "total_number",
                format!("总第{}期已是{y}年第{n}期，不能重复：请改用总第{}期", input.total_number, next.next_total),
            );
        }
        input.signer = input.signer.trim().to_string();
        if input.office.trim().is_empty() {
            input.office = self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into());
        }
        input.office = input.office.trim().to_string();
        let mut ids: Vec<String> = Vec::new();
        for i in &input.opinion_ids {
            if !ids.contains(i) {
                ids.push(i.clone());
            }
        }
        if ids.is_empty() {
            e.push("opinion_ids", "请至少选择一篇已采用的社情民意信息");
        }
        for (k, id) in ids.iter().enumerate() {
            let st = St::load(&self.conn, id)?;
            let at = format!("opinion_ids[{k}]");
            if st.deleted {
                e.push(&at, format!("“{}”已删除，不能编入", st.title));
                continue;
            }
            if !(st.state.adopted_or_later() || (st.state == OpinionState::FedBack && st.adopted)) {
                e.push(&at, format!("“{}”尚未采用（当前为“{}”），不能编入《社情民意》", st.title, st.state.label()));
                continue;
            }
            let other: Option<(i32, i32)> = self
                .conn
                .query_row(
                    "SELECT b.year, b.number FROM bulletin_items i JOIN bulletin_issues b ON b.id = i.issue_id
                     WHERE i.opinion_id = ?1 AND b.id <> ?2 AND b.deleted_at IS NULL",
                    params![id, me],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((y, n)) = other {
                e.push(&at, format!("“{}”已编入{y}年第{n}期，不能重复编入", st.title));
            }
        }
        e.done()?;
        let snap = |b: &BulletinInput, titles: Vec<String>| {
            json!({"year": b.year, "number": b.number, "total_number": b.total_number, "date": b.date,
                   "signer": b.signer, "office": b.office, "send_to": b.send_to, "copy_to": b.copy_to, "reports": titles})
        };
        let old_snap = old.as_ref().map(|b| {
            snap(
                &BulletinInput {
                    id: None,
                    year: b.row.year,
                    number: b.row.number,
                    total_number: b.row.total_number,
                    date: b.row.date.clone(),
                    signer: b.row.signer.clone(),
                    office: b.office.clone(),
                    send_to: b.send_to.clone(),
                    copy_to: b.copy_to.clone(),
                    opinion_ids: vec![],
                },
                b.reports.iter().map(|r| r.title.clone()).collect(),
            )
        });
        let tx = self.conn.transaction()?;
        let t = now();
        let id = input.id.clone().unwrap_or_else(new_id);
        if old.is_none() {
            tx.execute(
                "INSERT INTO bulletin_issues (id, year, number, total_number, issue_date, signer, office, send_to, copy_to,
                                              created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    id,
                    input.year,
                    input.number,
                    input.total_number,
                    input.date,
                    input.signer,
                    input.office,
                    input.send_to.trim(),
                    input.copy_to.trim(),
                    t
                ],
            )?;
        } else {
            tx.execute(
                "UPDATE bulletin_issues SET year = ?2, number = ?3, total_number = ?4, issue_date = ?5, signer = ?6,
                        office = ?7, send_to = ?8, copy_to = ?9, updated_at = ?10 WHERE id = ?1",
                params![
                    id,
                    input.year,
                    input.number,
                    input.total_number,
                    input.date,
                    input.signer,
                    input.office,
                    input.send_to.trim(),
                    input.copy_to.trim(),
                    t
                ],
            )?;
            tx.execute("DELETE FROM bulletin_items WHERE issue_id = ?1", [&id])?;
        }
        let mut titles = Vec::new();
        for (seq, oid) in ids.iter().enumerate() {
            tx.execute(
                "INSERT INTO bulletin_items (issue_id, opinion_id, seq) VALUES (?1, ?2, ?3)",
                params![id, oid, seq as i64],
            )?;
            titles.push(St::load(&tx, oid)?.title);
        }
        let ch = changes(old_snap.as_ref(), &snap(&input, titles));
        audit(&tx, "bulletin", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
        tx.commit()?;
        self.bulletin(&id)
    }

    pub fn delete_bulletin(&mut self, id: &str) -> Result<()> {
        self.set_bulletin_deleted(id, true)
    }

    /// Bring an issue back (refused when its numbers or reports were used meanwhile).
    pub fn restore_bulletin(&mut self, id: &str) -> Result<()> {
        self.set_bulletin_deleted(id, false)
    }

    fn set_bulletin_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let b = self.bulletin(id)?;
        if b.row.deleted == delete {
            return Ok(());
        }
        let label = format!("{}年第{}期", b.row.year, b.row.number);
        if !delete {
            let taken: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM bulletin_issues WHERE id <> ?1 AND deleted_at IS NULL
                                AND ((year = ?2 AND number = ?3) OR total_number = ?4))",
                params![id, b.row.year, b.row.number, b.row.total_number],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::Conflict(format!(
                    "{label}（总第{}期）的期号已被另一期使用，不能恢复",
                    b.row.total_number
                )));
            }
            let used: Option<String> = self
                .conn
                .query_row(
                    "SELECT COALESCE(NULLIF(o.edited_title, ''), o.title) FROM bulletin_items i
                     JOIN opinions o ON o.id = i.opinion_id
                     JOIN bulletin_items j ON j.opinion_id = i.opinion_id AND j.issue_id <> i.issue_id
                     JOIN bulletin_issues c ON c.id = j.issue_id AND c.deleted_at IS NULL
                     WHERE i.issue_id = ?1 LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(t) = used {
                return Err(Error::Conflict(format!("其中的“{t}”已编入另一期，{label}不能恢复")));
            }
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::BULLETINS, id, "number", &label).apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }
}
