//! Import runs: an import that writes something is one run (`import_runs`, migration 8) — who, when,
//! which file, what it did — and its audit entries carry the run's id. Undoing a run reverses exactly
//! what it did, in one transaction: the members it created are soft-deleted (their group memberships
//! go with them, as with any deleted member), the members it updated are written back as they were
//! (every field, from the form input kept in `import_run_members.before`), and the list values it
//! added go too when nothing uses them any more. A member changed after the import (edited, deleted,
//! anything in its audit trail after the run) would lose that change: the undo is refused and lists
//! them.

use super::types::{ChangedAfterImport, ImportRun, ImportUndo};
use crate::db::{actor, audit, now, Db};
use crate::error::{Error, Result};
use crate::members::{MemberDetail, MemberInput, MemberWriter};
use crate::trash;
use rusqlite::{params, Connection, OptionalExtension};

/// The members a run writes, gathered while it writes them.
#[derive(Default)]
pub(crate) struct RunWriter {
    /// (member id, the member before as form input JSON; None when new)
    members: Vec<(String, Option<String>)>,
    created: u32,
    updated: u32,
}

impl RunWriter {
    pub(crate) fn wrote(&mut self, id: &str, old: Option<&MemberDetail>) {
        match old {
            Some(m) => {
                self.updated += 1;
                let before = serde_json::to_string(&m.as_input()).expect("json");
                self.members.push((id.to_string(), Some(before)));
            }
            None => {
                self.created += 1;
                self.members.push((id.to_string(), None));
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Record the run in the caller's transaction (after the members are written, `t` being the
    /// time they were stamped with), tag the audit entries written since `mark` with its id, and log
    /// the run itself. Returns its id.
    pub(crate) fn finish(self, tx: &Connection, mark: i64, t: &str, file: &str, lists_added: u32) -> Result<String> {
        let id = crate::db::new_id();
        let file = std::path::Path::new(file)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string());
        tx.execute(
            "INSERT INTO import_runs (id, at, actor, file, created, updated, lists_added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, t, actor(tx), file, self.created, self.updated, lists_added],
        )?;
        let mut st = tx.prepare_cached(
            "INSERT INTO import_run_members (run_id, member_id, before, stamp) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (m, before) in &self.members {
            st.execute(params![id, m, before, t])?;
        }
        audit(
            tx,
            "import",
            &id,
            "import",
            &serde_json::json!({
                "file": [null, file], "created": [null, self.created], "updated": [null, self.updated],
                "lists_added": [null, lists_added],
            }),
        )?;
        crate::db::audit_tag_run(tx, mark, &id)?;
        Ok(id)
    }
}

const RUN_SELECT: &str =
    "SELECT id, at, actor, file, created, updated, lists_added, undone_at, undone_by FROM import_runs";

fn read_run(r: &rusqlite::Row) -> rusqlite::Result<ImportRun> {
    Ok(ImportRun {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        file: r.get(3)?,
        created: r.get(4)?,
        updated: r.get(5)?,
        lists_added: r.get(6)?,
        undone_at: r.get(7)?,
        undone_by: r.get(8)?,
    })
}

/// What a run's undo would do: the members to delete and to write back, the list values to drop
/// (the unused ones the run created), and the members changed since.
struct UndoPlan {
    run: ImportRun,
    delete: Vec<(String, String)>,
    revert: Vec<(String, MemberInput)>,
    lists: Vec<(String, String, String)>,
    changed: Vec<ChangedAfterImport>,
}

fn plan(conn: &Connection, run_id: &str) -> Result<UndoPlan> {
    let run = conn
        .prepare_cached(&format!("{RUN_SELECT} WHERE id = ?1"))?
        .query_row([run_id], read_run)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {run_id} 的导入记录")))?;
    if let Some(at) = &run.undone_at {
        return Err(Error::Conflict(format!(
            "这次导入（{}）已于 {} 由 {} 撤销，不能再撤销",
            run.file,
            crate::db::local_time(at),
            run.undone_by.clone().unwrap_or_default()
        )));
    }
    // The run's last audit entry: anything on its records after it is a later change.
    let last: i64 =
        conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM audit_log WHERE run_id = ?1", [run_id], |r| r.get(0))?;
    let mut delete = Vec::new();
    let mut revert = Vec::new();
    let mut changed = Vec::new();
    let mut st = conn.prepare_cached(
        "SELECT r.member_id, r.before, r.stamp, m.name, m.updated_at, m.deleted_at
         FROM import_run_members r JOIN members m ON m.id = r.member_id WHERE r.run_id = ?1 ORDER BY m.stroke_key",
    )?;
    let rows = st.query_map([run_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    for row in rows {
        let (id, before, stamp, name, updated_at, deleted_at) = row?;
        let later: Option<(String, String)> = conn
            .prepare_cached(
                "SELECT actor, at FROM audit_log WHERE entity_id = ?1 AND rowid > ?2 ORDER BY rowid DESC LIMIT 1",
            )?
            .query_row(params![id, last], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if updated_at != stamp || later.is_some() {
            let (by, at) = later.unwrap_or_else(|| (String::new(), updated_at.clone()));
            let what = if deleted_at.is_some() { "已删除" } else { "已编辑" };
            changed.push(ChangedAfterImport { member_id: id, name, by, at, what: what.into() });
            continue;
        }
        match before {
            None => delete.push((id, name)),
            Some(b) => {
                let input: MemberInput = serde_json::from_str(&b)
                    .map_err(|e| Error::Conflict(format!("导入记录中委员“{name}”的原值无法读取：{e}")))?;
                revert.push((id, input));
            }
        }
    }
    // The list values the run created (its audit entries say which), while no live member or later
    // change uses them; the last made first (a new group before the new township it is in).
    let mut lists = Vec::new();
    let mut st = conn.prepare_cached(
        "SELECT entity, entity_id, COALESCE(json_extract(changes, '$.name[1]'), '') FROM audit_log
         WHERE run_id = ?1 AND action = 'create' AND entity IN ('sector', 'party', 'committee', 'role', 'township', 'group')
         ORDER BY rowid DESC",
    )?;
    for row in
        st.query_map([run_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
    {
        let (entity, id, name) = row?;
        let later =
            crate::db::exists(conn, "SELECT 1 FROM audit_log WHERE entity_id = ?1 AND rowid > ?2", params![id, last])?;
        if !later {
            lists.push((entity, id, name));
        }
    }
    Ok(UndoPlan { run, delete, revert, lists, changed })
}

/// Whether a list value is used by a live member (or, for a township, a live group).
fn in_use(tx: &Connection, entity: &str, id: &str) -> Result<bool> {
    let sql = match entity {
        "group" => {
            "SELECT 1 FROM group_members gm JOIN members m ON m.id = gm.member_id
                   WHERE gm.group_id = ?1 AND m.deleted_at IS NULL"
        }
        "role" => {
            "SELECT 1 FROM member_roles r JOIN members m ON m.id = r.member_id
                  WHERE r.role_id = ?1 AND m.deleted_at IS NULL"
        }
        "township" => "SELECT 1 FROM liaison_groups WHERE township_id = ?1 AND deleted_at IS NULL",
        _ => {
            "SELECT 1 FROM members WHERE deleted_at IS NULL
               AND (party_id = ?1 OR sector_id = ?1 OR committee_id = ?1)"
        }
    };
    crate::db::exists(tx, sql, [id])
}

impl Db {
    /// The import runs, newest first.
    pub fn import_runs(&self) -> Result<Vec<ImportRun>> {
        let mut st = self.conn.prepare(&format!("{RUN_SELECT} ORDER BY at DESC, id DESC"))?;
        let rows = st.query_map([], read_run)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What undoing a run would do, and the members changed after it (writes nothing).
    pub fn import_undo_check(&self, run_id: &str) -> Result<ImportUndo> {
        let p = plan(&self.conn, run_id)?;
        Ok(ImportUndo {
            run: p.run,
            delete_members: p.delete.len() as u32,
            revert_members: p.revert.len() as u32,
            delete_lists: p.lists.len() as u32,
            changed: p.changed,
            done: false,
        })
    }

    /// Undo an import run in one transaction (see the module). Refused, naming them, while members
    /// it wrote were changed after it.
    pub fn undo_import(&mut self, run_id: &str) -> Result<ImportUndo> {
        let p = plan(&self.conn, run_id)?;
        if !p.changed.is_empty() {
            let names: Vec<String> = p.changed.iter().take(10).map(|c| format!("{}（{}）", c.name, c.what)).collect();
            let more = if p.changed.len() > 10 { format!(" 等 {} 人", p.changed.len()) } else { String::new() };
            return Err(Error::Conflict(format!(
                "这次导入之后，{}{more}又被修改过，撤销会丢掉这些修改，因此未撤销。请先在“操作记录”中查看这些修改",
                names.join("、")
            )));
        }
        let current_term = self.current_term_id_opt()?;
        let tx = self.conn.transaction()?;
        let t = now();
        let mut w = MemberWriter::new(&tx, current_term.as_deref(), &t);
        let mut reverted = 0u32;
        for (id, input) in &p.revert {
            let old = crate::members::member_in(&tx, id)?;
            w.write(input, Some(&old))?;
            reverted += 1;
        }
        w.finish()?;
        for (id, name) in &p.delete {
            trash::row(trash::MEMBERS, id, "name", name).delete(&tx)?;
        }
        let mut lists = 0u32;
        for (entity, id, name) in &p.lists {
            if in_use(&tx, entity, id)? {
                continue;
            }
            let table =
                if entity == "group" { trash::GROUPS } else { trash::REF_ITEMS.as_entity(entity_static(entity)) };
            let live = crate::db::exists(
                &tx,
                &format!("SELECT 1 FROM {} WHERE id = ?1 AND deleted_at IS NULL", table.name),
                [id],
            )?;
            if live {
                trash::row(table, id, "name", name).delete(&tx)?;
                lists += 1;
            }
        }
        let who = actor(&tx);
        tx.execute("UPDATE import_runs SET undone_at = ?2, undone_by = ?3 WHERE id = ?1", params![run_id, t, who])?;
        audit(
            &tx,
            "import",
            run_id,
            "undo",
            &serde_json::json!({
                "file": [p.run.file, p.run.file], "deleted_members": [null, p.delete.len()],
                "reverted_members": [null, reverted], "deleted_lists": [null, lists],
            }),
        )?;
        tx.commit()?;
        let run = self.conn.query_row(&format!("{RUN_SELECT} WHERE id = ?1"), [run_id], read_run)?;
        Ok(ImportUndo {
            run,
            delete_members: p.delete.len() as u32,
            revert_members: reverted,
            delete_lists: lists,
            changed: vec![],
            done: true,
        })
    }
}

/// The entity name of a list kind as the trash wants it (a static str).
fn entity_static(kind: &str) -> &'static str {
    match kind {
        "sector" => "sector",
        "party" => "party",
        "committee" => "committee",
        "role" => "role",
        _ => "township",
    }
}
