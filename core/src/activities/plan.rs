//! The schedule of an inspection or research trip (its stops: time, place, host unit, host contact),
//! reflections (心得体会) after a study session, counted per member and per group, and the files kept
//! with any activity (by path).

use super::types::*;
use super::ActState;
use crate::dates::fmt_date;
use crate::db::{audit, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::masks::mask_phones;
use crate::trash;
use crate::validate::Errs;
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) fn stops_in(conn: &Connection, activity_id: &str) -> Result<Vec<Stop>> {
    let mut st = conn.prepare_cached(
        "SELECT id, seq, stop_date, stop_time, place, host_unit, host_contact, note
         FROM activity_stops WHERE activity_id = ?1 ORDER BY seq",
    )?;
    let rows = st.query_map([activity_id], |r| {
        Ok(Stop {
            id: r.get(0)?,
            seq: r.get(1)?,
            date: r.get(2)?,
            time: r.get(3)?,
            place: r.get(4)?,
            host_unit: r.get(5)?,
            host_contact: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn attachments_in(conn: &Connection, activity_id: &str) -> Result<Vec<Attachment>> {
    let mut st = conn.prepare_cached(
        "SELECT id, path, label, created_at FROM activity_attachments
         WHERE activity_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let rows = st.query_map([activity_id], |r| {
        Ok(Attachment { id: r.get(0)?, path: r.get(1)?, label: r.get(2)?, created_at: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stop as one line of the audit log (contacts' numbers masked).
fn stop_line(date: &str, time: &str, place: &str, host: &str, contact: &str) -> String {
    [date, time, place, host, &mask_phones(contact)]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

const REFLECTION_SELECT: &str = "SELECT rf.id, rf.activity_id, a.title, rf.member_id, m.name, COALESCE(g.name, ''),
        rf.title, rf.body, rf.file_path, rf.created_at
     FROM reflections rf JOIN activities a ON a.id = rf.activity_id JOIN members m ON m.id = rf.member_id
     LEFT JOIN group_members gm ON gm.member_id = rf.member_id AND gm.term_id = ?1
     LEFT JOIN liaison_groups g ON g.id = gm.group_id AND g.deleted_at IS NULL";

fn read_reflection(r: &rusqlite::Row) -> rusqlite::Result<Reflection> {
    Ok(Reflection {
        id: r.get(0)?,
        activity_id: r.get(1)?,
        activity_title: r.get(2)?,
        member_id: r.get(3)?,
        member_name: r.get(4)?,
        group: r.get(5)?,
        title: r.get(6)?,
        body: r.get(7)?,
        file_path: r.get(8)?,
        created_at: r.get(9)?,
    })
}

impl Db {
    pub fn stops(&self, activity_id: &str) -> Result<Vec<Stop>> {
        stops_in(&self.conn, activity_id)
    }

    /// Replace an activity's schedule with these stops, in this order (第 1 站, 第 2 站 …). Each stop
    /// needs a place; a stop's date must fall within the activity's days.
    pub fn save_stops(&mut self, activity_id: &str, stops: Vec<StopInput>) -> Result<Vec<Stop>> {
        let st = ActState::load(&self.conn, activity_id)?.live()?.not_cancelled("修改日程")?;
        let mut stops = stops;
        let mut e = Errs::new();
        for (i, s) in stops.iter_mut().enumerate() {
            let mut se = Errs::at(format!("stops[{i}]."), format!("第 {} 站：", i + 1));
            for f in [&mut s.place, &mut s.host_unit, &mut s.host_contact, &mut s.note] {
                *f = f.trim().to_string();
            }
            if s.place.is_empty() {
                se.push("place", "请填写地点");
            }
            se.time("time", "时间", &mut s.time);
            if let (Some(d), Some(start)) = (se.date("date", "日期", &mut s.date), st.date) {
                let end = st.end_date.unwrap_or(start);
                if d < start || d > end {
                    let span = if end == start {
                        fmt_date(start)
                    } else {
                        format!("{} 至 {}", fmt_date(start), fmt_date(end))
                    };
                    se.push("date", format!("日期不在活动日期（{span}）内，请核对"));
                }
            }
            e.extend(se);
        }
        e.done()?;
        let old: Vec<String> = stops_in(&self.conn, activity_id)?
            .iter()
            .map(|s| stop_line(s.date.as_deref().unwrap_or(""), &s.time, &s.place, &s.host_unit, &s.host_contact))
            .collect();
        let new: Vec<String> =
            stops.iter().map(|s| stop_line(&s.date, &s.time, &s.place, &s.host_unit, &s.host_contact)).collect();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM activity_stops WHERE activity_id = ?1", [activity_id])?;
        for (i, s) in stops.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO activity_stops (id, activity_id, seq, stop_date, stop_time, place, host_unit, host_contact, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                new_id(),
                activity_id,
                i as i64 + 1,
                if s.date.is_empty() { None } else { Some(&s.date) },
                s.time,
                s.place,
                s.host_unit,
                s.host_contact,
                s.note
            ])?;
        }
        if old != new {
            tx.execute("UPDATE activities SET updated_at = ?2 WHERE id = ?1", params![activity_id, now()])?;
            audit(&tx, "activity", activity_id, "stops", &serde_json::json!({"stops": [old, new]}))?;
        }
        tx.commit()?;
        stops_in(&self.conn, activity_id)
    }

    /// Add (id None) or edit a member's reflection (心得体会): a title, and the text or a file. The member
    /// must be on the activity's list.
    pub fn save_reflection(&mut self, input: ReflectionInput) -> Result<Reflection> {
        let (activity_id, member_id, old) = match &input.id {
            Some(id) => {
                let r = self.reflection(id)?;
                (r.activity_id.clone(), r.member_id.clone(), Some(r))
            }
            None => (input.activity_id.clone(), input.member_id.clone(), None),
        };
        let st = ActState::load(&self.conn, &activity_id)?.live()?.not_cancelled("提交心得体会")?;
        let mut e = Errs::new();
        let title = input.title.trim().to_string();
        let body = input.body.trim().to_string();
        let file = input.file_path.trim().to_string();
        if title.is_empty() {
            e.push("title", "请填写心得体会的题目");
        } else if title.chars().count() > 100 {
            e.push("title", "题目过长，请不超过 100 个字");
        }
        if body.is_empty() && file.is_empty() {
            e.push("body", "请填写心得体会正文，或选择文件");
        }
        if !file.is_empty() && !std::path::Path::new(&file).is_file() {
            e.push("file_path", format!("找不到文件“{file}”，请重新选择"));
        }
        if member_id.is_empty() {
            e.push("member_id", "请选择委员");
        } else {
            let name: Option<String> =
                self.conn.query_row("SELECT name FROM members WHERE id = ?1", [&member_id], |r| r.get(0)).optional()?;
            let listed = exists(
                &self.conn,
                "SELECT 1 FROM participants WHERE activity_id = ?1 AND member_id = ?2",
                params![activity_id, member_id],
            )?;
            match name {
                None => e.push("member_id", "所选委员不存在，请重新选择"),
                Some(n) if !listed => e.push("member_id", format!("{n}不在本次活动的参加名单中：请先把该委员加入名单")),
                _ => {}
            }
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let id = match &old {
            Some(o) => {
                tx.execute(
                    "UPDATE reflections SET title = ?2, body = ?3, file_path = ?4, updated_at = ?5 WHERE id = ?1",
                    params![o.id, title, body, file, t],
                )?;
                audit(
                    &tx,
                    "activity",
                    &st.id,
                    "reflection",
                    &serde_json::json!({"member": [o.member_name, o.member_name], "title": [o.title, title], "file_path": [o.file_path, file]}),
                )?;
                o.id.clone()
            }
            None => {
                let id = new_id();
                tx.execute(
                    "INSERT INTO reflections (id, activity_id, member_id, title, body, file_path, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![id, activity_id, member_id, title, body, file, t],
                )?;
                let name: String =
                    tx.query_row("SELECT name FROM members WHERE id = ?1", [&member_id], |r| r.get(0))?;
                audit(
                    &tx,
                    "activity",
                    &st.id,
                    "reflection",
                    &serde_json::json!({"member": [null, name], "title": [null, title], "file_path": [null, file]}),
                )?;
                id
            }
        };
        tx.commit()?;
        self.reflection(&id)
    }

    pub fn reflection(&self, id: &str) -> Result<Reflection> {
        let term = self.current_term_id_opt()?.unwrap_or_default();
        self.conn
            .prepare_cached(&format!("{REFLECTION_SELECT} WHERE rf.id = ?2 AND rf.deleted_at IS NULL"))?
            .query_row(params![term, id], read_reflection)
            .optional()?
            .ok_or_else(|| Error::NotFound("该心得体会不存在或已删除".into()))
    }

    pub fn delete_reflection(&mut self, id: &str) -> Result<()> {
        let r = self.reflection(id)?;
        let tx = self.conn.transaction()?;
        trash::row(trash::REFLECTIONS, id, "title", &r.title)
            .logged_on("activity", &r.activity_id, "reflection_delete")
            .with("member", &r.member_name, &r.member_name)
            .delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Reflections of an activity and/or a member (None: any), oldest first.
    pub fn reflections(&self, activity_id: Option<&str>, member_id: Option<&str>) -> Result<Vec<Reflection>> {
        let term = self.current_term_id_opt()?.unwrap_or_default();
        let mut st = self.conn.prepare_cached(&format!(
            "{REFLECTION_SELECT} WHERE rf.deleted_at IS NULL AND a.deleted_at IS NULL
               AND (?2 = '' OR rf.activity_id = ?2) AND (?3 = '' OR rf.member_id = ?3)
             ORDER BY rf.created_at, rf.id"
        ))?;
        let rows = st.query_map(params![term, activity_id.unwrap_or(""), member_id.unwrap_or("")], read_reflection)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reflections counted per member (most first) and per liaison group of the current term (in the
    /// groups' order; members in no group last), for activities in `year` (None: all).
    pub fn reflection_counts(&self, year: Option<i32>) -> Result<ReflectionCounts> {
        let term = self.current_term_id_opt()?.unwrap_or_default();
        let y = year.map(|y| format!("{y:04}")).unwrap_or_default();
        let from =
            "FROM reflections rf JOIN activities a ON a.id = rf.activity_id JOIN members m ON m.id = rf.member_id
             WHERE rf.deleted_at IS NULL AND a.deleted_at IS NULL AND m.deleted_at IS NULL
               AND (?1 = '' OR substr(a.start_date, 1, 4) = ?1)";
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT rf.member_id, m.name, COUNT(*) {from} GROUP BY rf.member_id ORDER BY COUNT(*) DESC, m.stroke_key, m.id"
        ))?;
        let by_member: Vec<ReflectionCount> = st
            .query_map([&y], |r| Ok(ReflectionCount { id: r.get(0)?, name: r.get(1)?, count: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT g.id, COALESCE(g.name, '未分组'), COUNT(*)
             FROM (SELECT rf.member_id AS member_id {from}) x
             LEFT JOIN group_members gm ON gm.member_id = x.member_id AND gm.term_id = ?2
             LEFT JOIN liaison_groups g ON g.id = gm.group_id AND g.deleted_at IS NULL
             GROUP BY g.id ORDER BY g.id IS NULL, g.sort, g.name COLLATE NUMBERED, g.id"
        ))?;
        let by_group: Vec<ReflectionCount> = st
            .query_map(params![y, term], |r| Ok(ReflectionCount { id: r.get(0)?, name: r.get(1)?, count: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ReflectionCounts { total: by_member.iter().map(|c| c.count).sum(), by_member, by_group })
    }

    /// Keep a file with an activity (方案, 通知, 照片, 报告), by its path; the label defaults to the file's name.
    pub fn add_attachment(&mut self, input: AttachmentInput) -> Result<Attachment> {
        let st = ActState::load(&self.conn, &input.activity_id)?.live()?;
        let path = input.path.trim().to_string();
        if path.is_empty() {
            return Err(Error::field("path", "请选择文件"));
        }
        let p = std::path::Path::new(&path);
        if !p.is_file() {
            return Err(Error::field("path", format!("找不到文件“{path}”，请重新选择")));
        }
        let label = match input.label.trim() {
            "" => p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            l => l.to_string(),
        };
        let tx = self.conn.transaction()?;
        let id = new_id();
        tx.execute(
            "INSERT INTO activity_attachments (id, activity_id, path, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, st.id, path, label, now()],
        )?;
        audit(
            &tx,
            "activity",
            &st.id,
            "attachment",
            &serde_json::json!({"attachment": [null, label], "path": [null, path]}),
        )?;
        tx.commit()?;
        attachments_in(&self.conn, &st.id)?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| Error::NotFound("附件".into()))
    }

    /// Take a file off an activity (the record is kept, soft-deleted; the file itself is not touched).
    pub fn remove_attachment(&mut self, id: &str) -> Result<()> {
        let (activity_id, label): (String, String) = self
            .conn
            .query_row(
                "SELECT activity_id, label FROM activity_attachments WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("该附件不存在或已删除".into()))?;
        let tx = self.conn.transaction()?;
        trash::row(trash::ATTACHMENTS, id, "attachment", &label)
            .logged_on("activity", &activity_id, "attachment_remove")
            .delete(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
