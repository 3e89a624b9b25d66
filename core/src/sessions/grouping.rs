//! Discussion groups (分组讨论): the automatic split by sector, convenors (召集人), rooms, manual moves.
//!
//! The rule of the automatic split (`plan_groups`), for M members in N groups:
//! 1. The sizes are fixed first: M / N each, the first M mod N groups one more — so they are within one of
//!    each other, always.
//! 2. Sectors that fit in a group are placed first, largest first (ties: the 界别 list's order), each whole
//!    into the group whose room left fits it most tightly (best fit; ties: the first group) — so a sector
//!    stays together wherever it fits.
//! 3. Then the sectors left over — bigger than a group, or no longer fitting whole in any room left — are
//!    split over the room left: a piece goes whole where it fits, else as many of its members as fit (in
//!    stroke order) go to the group with the most room left, and the rest is placed again the same way.
//!    A sector bigger than a group therefore spans as few groups as the room left allows, and the sectors
//!    that fit are never split to make room for it.
//!
//! Members only: 列席 and staff are not split automatically (they can be put in a group by hand). Each
//! group gets convenors: 界别召集人 first, then 常委, then other members, then the 主席, 副主席 and 秘书长
//! (who usually join a group but do not convene it); ties in stroke order. Rooms are given in order.
//! A new automatic split replaces the groups (and their convenors) of the session.

use super::{live_att, roles_by_member, SessState};
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::rows::code;
use crate::sessions::types::*;
use crate::validate::{names, Errs};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// Group sizes for `total` people in `n` groups: within one of each other, larger ones first.
pub fn group_sizes(total: usize, n: usize) -> Vec<usize> {
    let n = n.max(1);
    (0..n).map(|i| total / n + usize::from(i < total % n)).collect()
}

/// Split people into `n` groups by sector (see the module's rule). `sectors[i]` is person i's sector, with
/// people in stroke order and sectors numbered in the list's order. Returns each person's group (0-based).
pub fn plan_groups(sectors: &[usize], n: usize) -> Vec<usize> {
    let total = sectors.len();
    let n = n.clamp(1, total.max(1));
    let mut room = group_sizes(total, n);
    // Members of each sector, in the order given (stroke order).
    let mut by_sector: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, s) in sectors.iter().enumerate() {
        by_sector.entry(*s).or_default().push(i);
    }
    let mut order: Vec<(usize, Vec<usize>)> = by_sector.into_iter().collect();
    order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut out = vec![0usize; total];
    let best_fit = |room: &[usize], need: usize| (0..n).filter(|g| room[*g] >= need).min_by_key(|g| (room[*g], *g));
    // 2. Whole sectors, largest first, best fit; the rest deferred.
    let mut deferred: Vec<Vec<usize>> = Vec::new();
    for (_, people) in order {
        match best_fit(&room, people.len()) {
            Some(g) => {
                for p in &people {
                    out[*p] = g;
                }
                room[g] -= people.len();
            }
            None => deferred.push(people),
        }
    }
    // 3. Deferred sectors split over the room left: a whole piece where it fits, else the most room first.
    for people in deferred {
        let mut rest: &[usize] = &people;
        while !rest.is_empty() {
            let (g, take) = match best_fit(&room, rest.len()) {
                Some(g) => (g, rest.len()),
                None => {
                    let g = (0..n).max_by_key(|g| (room[*g], std::cmp::Reverse(*g))).expect("a group");
                    (g, room[g])
                }
            };
            for p in &rest[..take] {
                out[*p] = g;
            }
            room[g] -= take;
            rest = &rest[take..];
        }
    }
    out
}

/// 第一组, 第二组 … 第九十九组.
pub fn group_name(seq: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = if seq < 10 {
        D[seq].to_string()
    } else if seq < 20 {
        format!("十{}", D[seq % 10])
    } else {
        format!("{}十{}", D[seq / 10], D[seq % 10])
    };
    format!("第{n}组")
}

pub(crate) fn groups_in(conn: &Connection, session_id: &str) -> Result<Vec<DiscussionGroup>> {
    let mut st =
        conn.prepare_cached("SELECT id, seq, name, room FROM session_groups WHERE session_id = ?1 ORDER BY seq")?;
    let mut groups: Vec<DiscussionGroup> = st
        .query_map([session_id], |r| {
            Ok(DiscussionGroup {
                id: r.get(0)?,
                session_id: session_id.to_string(),
                seq: r.get(1)?,
                name: r.get(2)?,
                room: r.get(3)?,
                convenors: vec![],
                size: 0,
                sectors: vec![],
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let idx: HashMap<String, usize> = groups.iter().enumerate().map(|(i, g)| (g.id.clone(), i)).collect();
    let mut sectors: Vec<Vec<(String, u32)>> = vec![vec![]; groups.len()];
    let mut st = conn.prepare_cached(
        "SELECT a.group_id, COALESCE(m.name, a.name), a.group_role, COALESCE(s.name, '')
         FROM session_attendees a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN ref_items s ON s.id = m.sector_id
         WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.group_id IS NOT NULL
         ORDER BY COALESCE(m.stroke_key, a.stroke_key)",
    )?;
    let rows = st.query_map([session_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, code(r, 2, DiscussionRole::parse)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (g, name, role, sector) = row?;
        let Some(&i) = idx.get(&g) else { continue };
        groups[i].size += 1;
        if role == DiscussionRole::Convenor {
            groups[i].convenors.push(name);
        }
        if !sector.is_empty() {
            match sectors[i].iter_mut().find(|(s, _)| *s == sector) {
                Some(e) => e.1 += 1,
                None => sectors[i].push((sector, 1)),
            }
        }
    }
    for (g, mut s) in groups.iter_mut().zip(sectors) {
        s.sort_by(|a, b| b.1.cmp(&a.1));
        g.sectors = s.into_iter().map(|(n, _)| n).collect();
    }
    Ok(groups)
}

/// A member as the split needs them.
struct ToGroup {
    id: String,
    sector: usize,
    convenor_rank: u8,
}

impl Db {
    pub fn discussion_groups(&self, session_id: &str) -> Result<Vec<DiscussionGroup>> {
        SessState::load(&self.conn, session_id)?;
        groups_in(&self.conn, session_id)
    }

    /// Split the session's members into groups by sector (see the module's rule), with convenors and rooms;
    /// replaces the groups the session had. One transaction.
    pub fn auto_group(&mut self, i: AutoGroupInput) -> Result<Vec<DiscussionGroup>> {
        let s = SessState::load(&self.conn, &i.session_id)?.live()?;
        let roles = roles_by_member(&self.conn, &s.id)?;
        let people: Vec<ToGroup> = {
            let mut st = self.conn.prepare_cached(
                "SELECT a.id, a.member_id, COALESCE(s.sort, 1000000) FROM session_attendees a
                 JOIN members m ON m.id = a.member_id LEFT JOIN ref_items s ON s.id = m.sector_id
                 WHERE a.session_id = ?1 AND a.deleted_at IS NULL AND a.kind = 'member'
                 ORDER BY m.stroke_key, a.id",
            )?;
            let v = st
                .query_map([&s.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v.into_iter()
                .map(|(id, mid, sort)| {
                    let rs = roles.get(&mid).map(String::as_str).unwrap_or("");
                    let has = |r: &str| rs.split('、').any(|x| x == r);
                    let convenor_rank = if has("界别召集人") {
                        0
                    } else if has("常委") {
                        1
                    } else if super::ROSTRUM_ROLES.iter().any(|r| has(r)) {
                        3
                    } else {
                        2
                    };
                    ToGroup { id, sector: sort as usize, convenor_rank }
                })
                .collect()
        };
        let mut e = Errs::new();
        if i.groups == 0 {
            e.push("groups", "请填写分组数（至少 1 个组）");
        } else if i.groups > 50 {
            e.push("groups", "分组数不能超过 50 个");
        } else if people.is_empty() {
            e.push("groups", "会议名单中还没有委员，请先列入本届委员");
        } else if i.groups as usize > people.len() {
            e.push("groups", format!("分组数不能多于委员人数（{} 人）", people.len()));
        }
        e.done()?;
        let n = i.groups as usize;
        let sectors: Vec<usize> = people.iter().map(|p| p.sector).collect();
        let plan = plan_groups(&sectors, n);
        let per = i.convenors_per_group.max(1) as usize;
        // Convenors: the best ranked in each group (people are in stroke order, so ties go by strokes).
        let mut members_of: Vec<Vec<usize>> = vec![vec![]; n];
        for (p, g) in plan.iter().enumerate() {
            members_of[*g].push(p);
        }
        let tx = self.conn.transaction()?;
        let t = now();
        tx.execute(
            "UPDATE session_attendees SET group_id = NULL, group_role = 'member', updated_at = ?2
             WHERE session_id = ?1 AND (group_id IS NOT NULL OR group_role <> 'member')",
            params![s.id, t],
        )?;
        tx.execute("DELETE FROM session_groups WHERE session_id = ?1", [&s.id])?;
        let mut set = tx.prepare_cached(
            "UPDATE session_attendees SET group_id = ?2, group_role = ?3, updated_at = ?4 WHERE id = ?1",
        )?;
        for (g, list) in members_of.iter().enumerate() {
            let gid = new_id();
            let room = i.rooms.get(g).map(|r| r.trim().to_string()).unwrap_or_default();
            tx.prepare_cached(
                "INSERT INTO session_groups (id, session_id, seq, name, room, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![gid, s.id, g as u32 + 1, group_name(g + 1), room, t])?;
            let mut ranked = list.clone();
            ranked.sort_by_key(|p| people[*p].convenor_rank); // stable: stroke order within a rank
            let convenors: Vec<usize> = ranked.into_iter().take(per).collect();
            for p in list {
                let role = if convenors.contains(p) { "convenor" } else { "member" };
                set.execute(params![people[*p].id, gid, role, t])?;
            }
        }
        drop(set);
        audit(
            &tx,
            "session",
            &s.id,
            "auto_group",
            &serde_json::json!({"groups": [null, n], "members": [null, people.len()]}),
        )?;
        tx.commit()?;
        groups_in(&self.conn, &s.id)
    }

    /// Add an empty group at the end (for moving people into by hand).
    pub fn add_discussion_group(&mut self, session_id: &str, name: &str, room: &str) -> Result<DiscussionGroup> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        let seq: u32 = self.conn.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM session_groups WHERE session_id = ?1",
            [&s.id],
            |r| r.get(0),
        )?;
        let name = if name.trim().is_empty() { group_name(seq as usize) } else { name.trim().to_string() };
        let tx = self.conn.transaction()?;
        let id = new_id();
        let t = now();
        tx.execute(
            "INSERT INTO session_groups (id, session_id, seq, name, room, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, s.id, seq, name, room.trim(), t],
        )?;
        audit(&tx, "session", &s.id, "group_create", &serde_json::json!({"group": [null, name]}))?;
        tx.commit()?;
        groups_in(&self.conn, &s.id)?
            .into_iter()
            .find(|g| g.id == id)
            .ok_or_else(|| Error::NotFound("该分组不存在".into()))
    }

    /// Rename a group or set its room.
    pub fn save_discussion_group(&mut self, i: DiscussionGroupInput) -> Result<DiscussionGroup> {
        let (session_id, old_name, old_room): (String, String, String) = self
            .conn
            .query_row("SELECT session_id, name, room FROM session_groups WHERE id = ?1", [&i.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| Error::NotFound("该分组不存在".into()))?;
        let s = SessState::load(&self.conn, &session_id)?.live()?;
        let name = i.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::field("name", "请填写组名，如“第一组”"));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE session_groups SET name = ?2, room = ?3, updated_at = ?4 WHERE id = ?1",
            params![i.id, name, i.room.trim(), now()],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "group_update",
            &serde_json::json!({"group": [old_name, name], "room": [old_room, i.room.trim()]}),
        )?;
        tx.commit()?;
        groups_in(&self.conn, &s.id)?
            .into_iter()
            .find(|g| g.id == i.id)
            .ok_or_else(|| Error::NotFound("该分组不存在".into()))
    }

    /// Move people into a group (or out of every group, with None). A convenor moved loses the role.
    pub fn move_to_group(&mut self, attendee_ids: &[String], group_id: Option<&str>) -> Result<Vec<DiscussionGroup>> {
        if attendee_ids.is_empty() {
            return Err(Error::field("attendee_ids", "请选择要调整分组的人员"));
        }
        let (s, _) = live_att(&self.conn, &attendee_ids[0])?;
        let group_name: Option<String> = match group_id {
            None => None,
            Some(g) => Some(
                self.conn
                    .query_row(
                        "SELECT name FROM session_groups WHERE id = ?1 AND session_id = ?2",
                        params![g, s.id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| Error::field("group_id", "所选分组不属于本次会议，请重新选择"))?,
            ),
        };
        let mut people = Vec::new();
        let mut foreign = Vec::new();
        for id in attendee_ids {
            let a = super::att(&self.conn, id)?;
            if a.session_id != s.id || a.deleted {
                foreign.push(a.name);
            } else {
                people.push(a);
            }
        }
        if !foreign.is_empty() {
            return Err(Error::field("attendee_ids", format!("{}不在本次会议的名单中", names(&foreign))));
        }
        let tx = self.conn.transaction()?;
        let t = now();
        let mut moved = Vec::new();
        for a in &people {
            if a.group_id.as_deref() == group_id {
                continue;
            }
            tx.execute(
                "UPDATE session_attendees SET group_id = ?2, group_role = 'member', updated_at = ?3 WHERE id = ?1",
                params![a.id, group_id, t],
            )?;
            moved.push(a.name.clone());
        }
        if !moved.is_empty() {
            audit(
                &tx,
                "session",
                &s.id,
                "group_move",
                &serde_json::json!({"moved": [null, moved], "group": [null, group_name]}),
            )?;
        }
        tx.commit()?;
        groups_in(&self.conn, &s.id)
    }

    /// Make someone a convenor of their group (or not).
    pub fn set_convenor(&mut self, attendee_id: &str, convenor: bool) -> Result<Vec<DiscussionGroup>> {
        let (s, a) = live_att(&self.conn, attendee_id)?;
        if a.group_id.is_none() && convenor {
            return Err(Error::field("attendee_id", format!("“{}”尚未分组，请先把他（她）分到一个组", a.name)));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE session_attendees SET group_role = ?2, updated_at = ?3 WHERE id = ?1",
            params![a.id, if convenor { "convenor" } else { "member" }, now()],
        )?;
        audit(
            &tx,
            "session",
            &s.id,
            "convenor",
            &serde_json::json!({"name": [a.name, a.name], "convenor": [!convenor, convenor]}),
        )?;
        tx.commit()?;
        groups_in(&self.conn, &s.id)
    }
}
