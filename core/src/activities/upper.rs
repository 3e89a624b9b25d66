//! 驻地上级政协委员: members of the city, provincial or national CPPCC who live or work in the district.
//!
//! They are kept in their own list, not on the roster: they belong to another CPPCC (its 届次, 界别 and
//! assessment), so this office's terms, liaison groups' membership, points and performance files are not
//! theirs. The office invites them to its activities (视察, 座谈, 联谊), where they appear as participants
//! of kind `upper`. One who is also this CPPCC's member (a district member later elected to the city's
//! CPPCC) is linked to the roster (`member_id`) and keeps their own record there.

use super::types::*;
use crate::db::{audit, changes, check_fresh, exists, new_id, now, Db};
use crate::error::{Error, Result};
use crate::masks::mask_phone;
use crate::rows::code;
use crate::trash;
use crate::validate::{clean_mobile, clean_name, is_mobile, Errs};
use rusqlite::{params, OptionalExtension};

const UPPER_SELECT: &str = "SELECT u.id, u.name, u.level, u.term, u.sector, u.unit, u.mobile, u.group_id,
        COALESCE(g.name, ''), u.member_id, COALESCE(m.name, ''), u.notes,
        (SELECT COUNT(*) FROM participants p JOIN activities a ON a.id = p.activity_id
          WHERE p.upper_member_id = u.id AND a.deleted_at IS NULL),
        u.updated_at, u.deleted_at IS NOT NULL
     FROM upper_members u
     LEFT JOIN liaison_groups g ON g.id = u.group_id
     LEFT JOIN members m ON m.id = u.member_id";

fn read_upper(r: &rusqlite::Row, reveal: bool) -> rusqlite::Result<UpperMember> {
    let mobile: String = r.get(6)?;
    Ok(UpperMember {
        id: r.get(0)?,
        name: r.get(1)?,
        level: code(r, 2, UpperLevel::parse)?,
        term: r.get(3)?,
        sector: r.get(4)?,
        unit: r.get(5)?,
        mobile: if reveal { mobile } else { mask_phone(&mobile) },
        group_id: r.get(7)?,
        group: r.get(8)?,
        member_id: r.get(9)?,
        member: r.get(10)?,
        notes: r.get(11)?,
        activities: r.get(12)?,
        updated_at: r.get(13)?,
        deleted: r.get(14)?,
    })
}

fn snapshot(i: &UpperMemberInput) -> serde_json::Value {
    let mut v = serde_json::to_value(i).expect("serialisable");
    let o = v.as_object_mut().expect("object");
    o.remove("id");
    o.remove("updated_at");
    o.insert("mobile".into(), serde_json::json!(mask_phone(&i.mobile)));
    v
}

impl Db {
    /// The 驻地上级政协委员, by level (全国, 省, 市) then name; the deleted ones instead when asked.
    /// Mobile numbers masked unless `reveal`.
    pub fn upper_members(&self, deleted: bool, reveal: bool) -> Result<Vec<UpperMember>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{UPPER_SELECT} WHERE (u.deleted_at IS NOT NULL) = ?1
             ORDER BY CASE u.level WHEN 'national' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, u.name, u.id"
        ))?;
        let rows = st.query_map([deleted], |r| read_upper(r, reveal))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn upper_member(&self, id: &str, reveal: bool) -> Result<UpperMember> {
        self.conn
            .prepare_cached(&format!("{UPPER_SELECT} WHERE u.id = ?1"))?
            .query_row([id], |r| read_upper(r, reveal))
            .optional()?
            .ok_or_else(|| Error::NotFound("该上级政协委员不存在".into()))
    }

    /// Create or update one 驻地上级政协委员. Checks everything first; one transaction with its audit entry.
    pub fn save_upper_member(&mut self, mut i: UpperMemberInput) -> Result<UpperMember> {
        let mut e = Errs::new();
        i.name = clean_name(&i.name);
        for s in [&mut i.term, &mut i.sector, &mut i.unit, &mut i.notes] {
            *s = s.trim().to_string();
        }
        if i.name.is_empty() {
            e.push("name", "请填写姓名");
        } else if i.name.chars().count() > 30 {
            e.push("name", "姓名过长，请不超过 30 个字");
        }
        if !i.mobile.trim().is_empty() {
            let m = clean_mobile(&i.mobile);
            if !is_mobile(&m) {
                e.push("mobile", "手机号应为 11 位数字，以 1 开头，请核对");
            }
            i.mobile = m;
        } else {
            i.mobile.clear();
        }
        for o in [&mut i.group_id, &mut i.member_id] {
            if o.as_deref().map(|s| s.trim().is_empty()).unwrap_or(false) {
                *o = None;
            }
        }
        if let Some(g) = &i.group_id {
            if !exists(&self.conn, "SELECT 1 FROM liaison_groups WHERE id = ?1 AND deleted_at IS NULL", [g])? {
                e.push("group_id", "所选联络组已不存在，请重新选择");
            }
        }
        if let Some(m) = &i.member_id {
            if !exists(&self.conn, "SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL", [m])? {
                e.push("member_id", "所选本级委员已不存在，请重新选择");
            }
        }
        let old = match &i.id {
            Some(id) => {
                let u = self.upper_member(id, true)?;
                if u.deleted {
                    return Err(Error::Conflict(format!("上级政协委员{}已删除，请先恢复再编辑", u.name)));
                }
                check_fresh(
                    &self.conn,
                    "upper_members",
                    id,
                    i.updated_at.as_deref(),
                    &format!("上级政协委员{}", u.name),
                )?;
                Some(UpperMemberInput {
                    id: Some(u.id),
                    updated_at: None,
                    name: u.name,
                    level: u.level,
                    term: u.term,
                    sector: u.sector,
                    unit: u.unit,
                    mobile: u.mobile,
                    group_id: u.group_id,
                    member_id: u.member_id,
                    notes: u.notes,
                })
            }
            None => None,
        };
        // The same person twice at one level is a slip.
        let dup = exists(
            &self.conn,
            "SELECT 1 FROM upper_members WHERE name = ?1 AND level = ?2 AND deleted_at IS NULL AND id <> ?3",
            params![i.name, i.level.as_str(), i.id.as_deref().unwrap_or("")],
        )?;
        if dup {
            e.push("name", format!("{}中已有{}，请勿重复登记", i.level.label(), i.name));
        }
        e.done()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let id = i.id.clone().unwrap_or_else(new_id);
        tx.execute(
            "INSERT INTO upper_members (id, name, level, term, sector, unit, mobile, group_id, member_id, notes,
               created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, term = excluded.term,
               sector = excluded.sector, unit = excluded.unit, mobile = excluded.mobile, group_id = excluded.group_id,
               member_id = excluded.member_id, notes = excluded.notes, updated_at = excluded.updated_at",
            params![
                id,
                i.name,
                i.level.as_str(),
                i.term,
                i.sector,
                i.unit,
                i.mobile,
                i.group_id,
                i.member_id,
                i.notes,
                t
            ],
        )?;
        // Their name on the activities they were invited to follows.
        tx.execute("UPDATE participants SET name = ?2 WHERE upper_member_id = ?1", params![id, i.name])?;
        let ch = changes(old.as_ref().map(snapshot).as_ref(), &snapshot(&i));
        audit(&tx, "upper_member", &id, if old.is_some() { "update" } else { "create" }, &ch)?;
        tx.commit()?;
        self.upper_member(&id, false)
    }

    pub fn delete_upper_member(&mut self, id: &str) -> Result<()> {
        self.set_upper_member_deleted(id, true)
    }

    pub fn restore_upper_member(&mut self, id: &str) -> Result<()> {
        self.set_upper_member_deleted(id, false)
    }

    fn set_upper_member_deleted(&mut self, id: &str, delete: bool) -> Result<()> {
        let u = self.upper_member(id, false)?;
        if u.deleted == delete {
            return Ok(());
        }
        if !delete
            && exists(
                &self.conn,
                "SELECT 1 FROM upper_members WHERE name = ?1 AND level = ?2 AND deleted_at IS NULL AND id <> ?3",
                params![u.name, u.level.as_str(), id],
            )?
        {
            return Err(Error::Conflict(format!(
                "{}中已有{}（后来登记的），不能再恢复这一条：如是同一人，请保留现有的一条",
                u.level.label(),
                u.name
            )));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::UPPER_MEMBERS, id, "name", &u.name).apply(&tx, delete)?;
        tx.commit()?;
        Ok(())
    }
}
