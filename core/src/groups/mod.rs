//! Liaison groups (联络组): one per township or street, with a leader, deputies, a contact person
//! and members. A member is in at most one group per term (enforced by the schema too). The group
//! member lists export is in `export`, the IPC types in `types`.

pub mod export;
pub mod types;

pub use types::*;

use crate::db::{audit, exists, new_id, now, Db};
use crate::error::{Error, FieldError, Result};
use crate::masks::mask_phone;
use crate::trash;
use rusqlite::{params, Connection, OptionalExtension};

impl Db {
    /// Groups of a term (None: the current term), in their display order.
    pub fn groups(&self, term_id: Option<&str>) -> Result<Vec<GroupSummary>> {
        let term = match term_id {
            Some(t) => t.to_string(),
            None => match self.current_term_id_opt()? {
                Some(t) => t,
                None => return Ok(vec![]),
            },
        };
        self.summaries("g.term_id = ?1", &term)
    }

    fn group_summary(&self, id: &str) -> Result<GroupSummary> {
        self.summaries("g.id = ?1", id)?.pop().ok_or_else(|| Error::NotFound("该联络组不存在或已删除".into()))
    }

    /// Group summaries matching one condition, in display order: two set-wise queries.
    fn summaries(&self, cond: &str, arg: &str) -> Result<Vec<GroupSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT g.id, g.term_id, g.name, g.township_id, COALESCE(t.name, ''), g.contact_person, g.contact_phone, g.notes,
                    COUNT(m.id), g.updated_at,
                    (SELECT COUNT(*) FROM ({groups}) ag JOIN activities a ON a.id = ag.activity_id
                      WHERE ag.group_id = g.id AND a.deleted_at IS NULL AND a.status <> 'cancelled')
             FROM liaison_groups g
             LEFT JOIN ref_items t ON t.id = g.township_id
             LEFT JOIN group_members gm ON gm.group_id = g.id
             LEFT JOIN members m ON m.id = gm.member_id AND m.deleted_at IS NULL
             WHERE {cond} AND g.deleted_at IS NULL
             GROUP BY g.id ORDER BY g.sort, g.name COLLATE NUMBERED, g.id",
            groups = crate::activities::ACTIVITY_GROUPS
        ))?;
        let mut groups: Vec<GroupSummary> = st
            .query_map([arg], |r| {
                Ok(GroupSummary {
                    id: r.get(0)?,
                    term_id: r.get(1)?,
                    name: r.get(2)?,
                    township_id: r.get(3)?,
                    township: r.get(4)?,
                    leaders: vec![],
                    contact_person: r.get(5)?,
                    contact_phone: r.get(6)?,
                    notes: r.get(7)?,
                    member_count: r.get(8)?,
                    updated_at: r.get(9)?,
                    activity_count: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT gm.group_id, m.name FROM liaison_groups g
             JOIN group_members gm ON gm.group_id = g.id JOIN members m ON m.id = gm.member_id
             WHERE {cond} AND g.deleted_at IS NULL AND gm.role IN ('leader','deputy') AND m.deleted_at IS NULL
             ORDER BY CASE gm.role WHEN 'leader' THEN 0 ELSE 1 END, m.stroke_key"
        ))?;
        let mut leaders: std::collections::HashMap<String, Vec<String>> = Default::default();
        for row in st.query_map([arg], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (g, n) = row?;
            leaders.entry(g).or_default().push(n);
        }
        for g in &mut groups {
            g.leaders = leaders.remove(&g.id).unwrap_or_default();
        }
        Ok(groups)
    }

    /// A group with its members: leader, deputies, then members in stroke order.
    pub fn group(&self, id: &str) -> Result<GroupDetail> {
        let group = self.group_summary(id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT m.id, m.name, gm.role, m.gender, COALESCE(s.name, ''), COALESCE(p.name, ''), m.work_unit, m.mobile
             FROM group_members gm JOIN members m ON m.id = gm.member_id
             LEFT JOIN ref_items s ON s.id = m.sector_id LEFT JOIN ref_items p ON p.id = m.party_id
             WHERE gm.group_id = ?1 AND m.deleted_at IS NULL
             ORDER BY CASE gm.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, m.stroke_key",
        )?;
        let members = st
            .query_map([id], |r| {
                Ok(GroupMember {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    role: GroupRole::parse(&r.get::<_, String>(2)?),
                    gender: r.get(3)?,
                    sector: r.get(4)?,
                    party: r.get(5)?,
                    work_unit: r.get(6)?,
                    mobile: mask_phone(&r.get::<_, String>(7)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(GroupDetail { group, members })
    }

    /// Create or update a group (the form, and the import through `save_group_tx`).
    pub fn save_group(&mut self, input: GroupInput) -> Result<GroupSummary> {
        let term = match &input.term_id {
            Some(t) => t.clone(),
            None => self.current_term_id()?,
        };
        let tx = self.conn.transaction()?;
        let id = save_group_tx(&tx, &input, &term)?;
        tx.commit()?;
        self.group_summary(&id)
    }

    /// Soft-delete an empty group. A group with members must be emptied first, so nobody is dropped by a click.
    pub fn delete_group(&mut self, id: &str) -> Result<()> {
        let g = self.group_summary(id)?;
        if g.member_count > 0 {
            return Err(Error::Conflict(format!(
                "联络组“{}”还有 {} 名成员，请先把成员移到其他组或移出后再删除",
                g.name, g.member_count
            )));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::GROUPS, id, "name", &g.name).delete(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The deleted groups of a term (None: the current term), last deleted first: the 回收站.
    pub fn deleted_groups(&self, term_id: Option<&str>) -> Result<Vec<DeletedGroup>> {
        let term = match term_id {
            Some(t) => t.to_string(),
            None => match self.current_term_id_opt()? {
                Some(t) => t,
                None => return Ok(vec![]),
            },
        };
        let mut st = self.conn.prepare_cached(
            "SELECT g.id, g.name, COALESCE(t.name, ''), g.deleted_at
             FROM liaison_groups g LEFT JOIN ref_items t ON t.id = g.township_id
             WHERE g.term_id = ?1 AND g.deleted_at IS NOT NULL
             ORDER BY g.deleted_at DESC, g.sort, g.name COLLATE NUMBERED, g.id",
        )?;
        let rows = st.query_map([term], |r| {
            Ok(DeletedGroup { id: r.get(0)?, name: r.get(1)?, township: r.get(2)?, deleted_at: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Bring back a deleted group, in its place in the list. It had no members left when it was deleted
    /// (`delete_group` refuses otherwise); members deleted before it kept their place in it and are
    /// there again when they are restored. Refused, writing nothing, while a live group of the term has
    /// its name or while its 乡镇/街道 is deleted.
    pub fn restore_group(&mut self, id: &str) -> Result<GroupSummary> {
        let (name, term, township, deleted): (String, String, Option<(String, bool)>, bool) = self
            .conn
            .query_row(
                "SELECT g.name, g.term_id, t.name, t.deleted_at IS NOT NULL, g.deleted_at IS NOT NULL
                 FROM liaison_groups g LEFT JOIN ref_items t ON t.id = g.township_id WHERE g.id = ?1",
                [id],
                |r| {
                    let tw: Option<String> = r.get(2)?;
                    let tw_deleted: bool = r.get(3)?;
                    Ok((r.get(0)?, r.get(1)?, tw.map(|n| (n, tw_deleted)), r.get(4)?))
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("该联络组不存在".into()))?;
        if !deleted {
            return self.group_summary(id);
        }
        let taken = exists(
            &self.conn,
            "SELECT 1 FROM liaison_groups WHERE term_id = ?1 AND name = ?2 AND deleted_at IS NULL",
            params![term, name],
        )?;
        if taken {
            return Err(Error::Conflict(format!("联络组「{name}」已存在，无法恢复：请先改名或删除现有的同名项")));
        }
        if let Some((tw, true)) = township {
            return Err(Error::Conflict(format!(
                "联络组「{name}」所属的乡镇/街道「{tw}」已删除：请先在“设置 → 基础数据 → 乡镇/街道”的回收站中恢复它"
            )));
        }
        let tx = self.conn.transaction()?;
        trash::row(trash::GROUPS, id, "name", &name).restore(&tx)?;
        tx.commit()?;
        self.group_summary(id)
    }

    /// Put members in a group. A member already in another group of the same term is refused,
    /// naming the group, unless `move_from_other` is set: then they are moved.
    pub fn add_group_members(
        &mut self,
        group_id: &str,
        member_ids: &[String],
        role: GroupRole,
        move_from_other: bool,
    ) -> Result<GroupDetail> {
        let g = self.group_summary(group_id)?;
        let tx = self.conn.transaction()?;
        let t = now();
        let mut conflicts = Vec::new();
        for mid in member_ids {
            let (name, deleted): (String, bool) = tx
                .query_row("SELECT name, deleted_at IS NOT NULL FROM members WHERE id = ?1", [mid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| Error::NotFound("所选委员不存在".into()))?;
            if deleted {
                return Err(Error::Conflict(format!("委员“{name}”已删除，不能加入联络组")));
            }
            let in_term = exists(
                &tx,
                "SELECT 1 FROM member_terms WHERE member_id = ?1 AND term_id = ?2",
                params![mid, g.term_id],
            )?;
            if !in_term {
                return Err(Error::Conflict(format!("委员“{name}”不是本届委员，不能加入本届的联络组")));
            }
            let current: Option<(String, String)> = tx
                .query_row(
                    "SELECT gm.group_id, g.name FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
                     WHERE gm.member_id = ?1 AND gm.term_id = ?2",
                    params![mid, g.term_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match current {
                Some((cg, _)) if cg == group_id => {
                    tx.execute(
                        "UPDATE group_members SET role = ?3 WHERE group_id = ?1 AND member_id = ?2",
                        params![group_id, mid, role.as_str()],
                    )?;
                    audit(
                        &tx,
                        "member",
                        mid,
                        "group_role",
                        &serde_json::json!({"group": [g.name, g.name], "role": [null, role.label()]}),
                    )?;
                    continue;
                }
                Some((_, cname)) if !move_from_other => {
                    conflicts.push(format!("{name}（已在“{cname}”）"));
                    continue;
                }
                Some((_, cname)) => {
                    tx.execute(
                        "DELETE FROM group_members WHERE member_id = ?1 AND term_id = ?2",
                        params![mid, g.term_id],
                    )?;
                    audit(&tx, "member", mid, "group_move", &serde_json::json!({"group": [cname, g.name]}))?;
                }
                None => {
                    audit(&tx, "member", mid, "group_join", &serde_json::json!({"group": [null, g.name]}))?;
                }
            }
            tx.execute(
                "INSERT INTO group_members (group_id, member_id, term_id, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![group_id, mid, g.term_id, role.as_str(), t],
            )?;
        }
        if !conflicts.is_empty() {
            return Err(Error::Conflict(format!(
                "一名委员每届只能在一个联络组：{} 已在其他联络组。如需调整，请选择“移入本组”",
                conflicts.join("、")
            )));
        }
        if role == GroupRole::Leader {
            // One leader per group: an earlier leader becomes a deputy.
            let n = tx.execute(
                "UPDATE group_members SET role = 'deputy' WHERE group_id = ?1 AND role = 'leader' AND member_id NOT IN (SELECT value FROM json_each(?2))",
                params![group_id, serde_json::to_string(member_ids).expect("json")],
            )?;
            let _ = n;
        }
        tx.commit()?;
        self.group(group_id)
    }

    pub fn set_group_role(&mut self, group_id: &str, member_id: &str, role: GroupRole) -> Result<GroupDetail> {
        let in_group = exists(
            &self.conn,
            "SELECT 1 FROM group_members WHERE group_id = ?1 AND member_id = ?2",
            params![group_id, member_id],
        )?;
        if !in_group {
            return Err(Error::NotFound("该委员不在此联络组".into()));
        }
        self.add_group_members(group_id, &[member_id.to_string()], role, false)
    }

    pub fn remove_group_member(&mut self, group_id: &str, member_id: &str) -> Result<GroupDetail> {
        let g = self.group_summary(group_id)?;
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM group_members WHERE group_id = ?1 AND member_id = ?2",
            params![group_id, member_id],
        )?;
        if n == 0 {
            return Err(Error::NotFound("该委员不在此联络组".into()));
        }
        audit(&tx, "member", member_id, "group_leave", &serde_json::json!({"group": [g.name, null]}))?;
        tx.commit()?;
        self.group(group_id)
    }
}

/// Create or update a group in the caller's transaction: the one write path of groups (the form, the
/// import). Validates first and writes nothing when anything is wrong; a new group goes to the end of
/// its term's list (MAX(sort) + 10). `term` is the group's term. Returns the group's id.
pub(crate) fn save_group_tx(tx: &Connection, input: &GroupInput, term: &str) -> Result<String> {
    let name = input.name.trim().to_string();
    let mut errs = Vec::new();
    if name.is_empty() {
        errs.push(FieldError::new("name", "请填写联络组名称"));
    }
    let phone = input.contact_phone.trim().to_string();
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        errs.push(FieldError::new("contact_phone", "联系电话只能包含数字和“-”"));
    }
    if let Some(tid) = &input.township_id {
        let ok =
            exists(tx, "SELECT 1 FROM ref_items WHERE id = ?1 AND kind = 'township' AND deleted_at IS NULL", [tid])?;
        if !ok {
            errs.push(FieldError::new("township_id", "所选乡镇/街道已不存在，请重新选择"));
        }
    }
    let dup: Option<String> = tx
        .query_row(
            "SELECT id FROM liaison_groups WHERE term_id = ?1 AND name = ?2 AND deleted_at IS NULL",
            params![term, name],
            |r| r.get(0),
        )
        .optional()?;
    if dup.is_some() && dup != input.id {
        errs.push(FieldError::new("name", format!("本届已有名为“{name}”的联络组")));
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let t = now();
    let id = match &input.id {
        Some(id) => {
            crate::db::check_fresh(tx, "liaison_groups", id, input.updated_at.as_deref(), &format!("联络组“{name}”"))?;
            let old: serde_json::Value = tx
                .query_row(
                    "SELECT g.name, COALESCE(t.name, ''), g.contact_person, g.contact_phone, g.notes
                     FROM liaison_groups g LEFT JOIN ref_items t ON t.id = g.township_id
                     WHERE g.id = ?1 AND g.deleted_at IS NULL",
                    [id],
                    |r| {
                        Ok(serde_json::json!({
                            "name": r.get::<_, String>(0)?, "township": r.get::<_, String>(1)?,
                            "contact_person": r.get::<_, String>(2)?, "contact_phone": r.get::<_, String>(3)?,
                            "notes": r.get::<_, String>(4)?,
                        }))
                    },
                )
                .optional()?
                .ok_or_else(|| Error::NotFound("该联络组不存在或已删除".into()))?;
            tx.execute(
                    "UPDATE liaison_groups SET name = ?2, township_id = ?3, contact_person = ?4, contact_phone = ?5, notes = ?6, updated_at = ?7 WHERE id = ?1",
                    params![id, name, input.township_id, input.contact_person.trim(), phone, input.notes.trim(), t],
                )?;
            let township: String = match &input.township_id {
                Some(tid) => tx.query_row("SELECT name FROM ref_items WHERE id = ?1", [tid], |r| r.get(0))?,
                None => String::new(),
            };
            let new = serde_json::json!({
                "name": name, "township": township, "contact_person": input.contact_person.trim(),
                "contact_phone": phone, "notes": input.notes.trim(),
            });
            // The name stays in the entry (the same twice) so that the history names the group.
            let mut ch = crate::db::changes(Some(&old), &new);
            ch.as_object_mut().expect("object").entry("name").or_insert(serde_json::json!([name, name]));
            audit(tx, "group", id, "update", &ch)?;
            id.clone()
        }
        None => {
            let id = new_id();
            let sort: i64 = tx.query_row(
                "SELECT COALESCE(MAX(sort), 0) + 10 FROM liaison_groups WHERE term_id = ?1",
                [&term],
                |r| r.get(0),
            )?;
            tx.execute(
                    "INSERT INTO liaison_groups (id, term_id, name, township_id, contact_person, contact_phone, notes, sort, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![id, term, name, input.township_id, input.contact_person.trim(), phone, input.notes.trim(), sort, t],
                )?;
            audit(tx, "group", &id, "create", &serde_json::json!({"name": [null, name]}))?;
            id
        }
    };
    Ok(id)
}
