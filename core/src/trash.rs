//! Soft delete and restore: the one write path that sets or clears a row's `deleted_at`, carries the
//! same stamp to the rows that go and come back with it, and writes the audit entry — all in the
//! caller's transaction. Every domain deletes through it; the rules (what may be deleted, what must
//! be restored first, which name is already taken) stay with the domain, before the call.
//!
//! One audit shape for every deletion and restore, the log's field-by-field `{field: [old, new]}`:
//!
//! ```json
//! {"deleted_at": [null, "2026-11-27T08:00:00.000Z"], "name": ["城关镇联络组", "城关镇联络组"], "visits": [3, 0]}
//! ```
//!
//! the timestamp that changed; what names the row (unchanged, so a reader sees it as context); what the
//! caller adds (`with`); and how many rows went or came back with it (`children` … `Some("visits")`).
//! The entry is on the row itself (`delete` / `restore`), or for a part of a record — a follow-up, a
//! reflection, an attachment, a sitting — on the record, with the part's own action (`logged_on`).
//!
//! ```ignore
//! trash::row(trash::VISIT_ROUNDS, id, "title", &title)
//!     .children(trash::ACTIVITIES, "round_id", Some("visits"))
//!     .delete(&tx)?;
//! ```

use crate::db::{audit, now};
use crate::error::{Error, Result};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A table whose rows are deleted softly, and the entity its rows are audited as.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) entity: &'static str,
    /// Whether the table has an `updated_at`, stamped with the deletion or restore.
    pub(crate) updated_at: bool,
}

impl Table {
    const fn new(name: &'static str, entity: &'static str) -> Table {
        Table { name, entity, updated_at: true }
    }

    /// The same table, audited as another entity (a reference item as its kind: `sector`, `party` …).
    pub(crate) const fn as_entity(self, entity: &'static str) -> Table {
        Table { entity, ..self }
    }
}

pub(crate) const MEMBERS: Table = Table::new("members", "member");
pub(crate) const GROUPS: Table = Table::new("liaison_groups", "group");
/// Audited as their kind: `REF_ITEMS.as_entity(kind.as_str())`.
pub(crate) const REF_ITEMS: Table = Table::new("ref_items", "ref_item");
pub(crate) const ACTIVITIES: Table = Table::new("activities", "activity");
pub(crate) const VISIT_ROUNDS: Table = Table::new("visit_rounds", "visit_round");
pub(crate) const FOLLOW_UPS: Table = Table::new("follow_ups", "follow_up");
pub(crate) const REFLECTIONS: Table = Table::new("reflections", "reflection");
pub(crate) const ATTACHMENTS: Table = Table { name: "activity_attachments", entity: "attachment", updated_at: false };
pub(crate) const SESSIONS: Table = Table::new("sessions", "session");
pub(crate) const SITTINGS: Table = Table::new("session_sittings", "sitting");
pub(crate) const CHECK_INS: Table = Table::new("session_checkins", "check_in");
pub(crate) const ATTENDEES: Table = Table::new("session_attendees", "attendee");
pub(crate) const OPINIONS: Table = Table::new("opinions", "opinion");
pub(crate) const BULLETINS: Table = Table::new("bulletin_issues", "bulletin");
pub(crate) const PROPOSALS: Table = Table::new("proposals", "proposal");
pub(crate) const SPEECHES: Table = Table::new("speeches", "speech");
pub(crate) const HANDLING_UNITS: Table = Table::new("handling_units", "handling_unit");
pub(crate) const DEEDS: Table = Table::new("member_deeds", "deed");
pub(crate) const SCORE_ADJUSTMENTS: Table = Table::new("score_adjustments", "score_adjustment");
pub(crate) const UPPER_MEMBERS: Table = Table::new("upper_members", "upper_member");

/// Rows that go and come back with the one deleted.
enum Cascade<'a> {
    /// The live rows of `table` whose `column` is the row's id take its stamp, and those carrying that
    /// stamp come back with it (a round's visits; one deleted before stays deleted). `count` names the
    /// number in the audit entry.
    Children { table: Table, column: &'static str, count: Option<&'static str> },
    /// One row that shares the record's state whatever its own (a session's activity).
    Twin { table: Table, id: &'a str },
}

/// One soft delete or restore, built by [`row`] and done by [`SoftDelete::delete`] or [`SoftDelete::restore`].
#[must_use = "nothing is written until .delete(tx) or .restore(tx)"]
pub(crate) struct SoftDelete<'a> {
    table: Table,
    id: &'a str,
    label: (&'static str, String),
    on: Option<(&'a str, &'a str, &'a str)>,
    with: Map<String, Value>,
    cascades: Vec<Cascade<'a>>,
}

/// The row `id` of `table`, named in the audit entry by `field` = `label` (e.g. `"name"`, `"王伟"`).
pub(crate) fn row<'a>(table: Table, id: &'a str, field: &'static str, label: &str) -> SoftDelete<'a> {
    SoftDelete { table, id, label: (field, label.to_string()), on: None, with: Map::new(), cascades: vec![] }
}

impl<'a> SoftDelete<'a> {
    /// Write the audit entry on the record the row is part of, with the part's own action
    /// (a follow-up: `("activity", activity_id, "follow_up_delete")`).
    pub(crate) fn logged_on(mut self, entity: &'a str, id: &'a str, action: &'a str) -> Self {
        self.on = Some((entity, id, action));
        self
    }

    /// One more field in the audit entry, old → new (context: the same value twice).
    pub(crate) fn with(mut self, field: &str, old: impl Serialize, new: impl Serialize) -> Self {
        self.with.insert(field.into(), json!([old, new]));
        self
    }

    /// The live rows of `table` whose `column` is this row's id go and come back with it.
    pub(crate) fn children(mut self, table: Table, column: &'static str, count: Option<&'static str>) -> Self {
        self.cascades.push(Cascade::Children { table, column, count });
        self
    }

    /// The row `id` of `table` is deleted and restored with this one, whatever its own state.
    pub(crate) fn twin(mut self, table: Table, id: &'a str) -> Self {
        self.cascades.push(Cascade::Twin { table, id });
        self
    }

    /// Soft-delete the live row (refused as not found when it is not live) and what goes with it;
    /// returns the stamp they carry.
    pub(crate) fn delete(self, tx: &Connection) -> Result<String> {
        let t = now();
        if set(tx, self.table, Some(&t), &t, "id = ?1 AND deleted_at IS NULL", &[self.id])? == 0 {
            return Err(Error::NotFound("该记录不存在或已删除".into()));
        }
        let mut counts = Vec::new();
        for c in &self.cascades {
            match c {
                Cascade::Children { table, column, count } => {
                    let n =
                        set(tx, *table, Some(&t), &t, &format!("{column} = ?1 AND deleted_at IS NULL"), &[self.id])?;
                    if let Some(k) = count {
                        counts.push((*k, json!([n, 0])));
                    }
                }
                Cascade::Twin { table, id } => {
                    set(tx, *table, Some(&t), &t, "id = ?1", &[id])?;
                }
            }
        }
        self.log(tx, json!([null, t]), counts, "delete")?;
        Ok(t)
    }

    /// Bring back the deleted row (refused as not found when it is not deleted) and what went with it;
    /// returns the stamp it carried.
    pub(crate) fn restore(self, tx: &Connection) -> Result<String> {
        let at: Option<String> = tx
            .prepare_cached(&format!("SELECT deleted_at FROM {} WHERE id = ?1", self.table.name))?
            .query_row([self.id], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(at) = at else {
            return Err(Error::NotFound("该记录不存在或未删除".into()));
        };
        let t = now();
        set(tx, self.table, None, &t, "id = ?1 AND deleted_at = ?2", &[self.id, &at])?;
        let mut counts = Vec::new();
        for c in &self.cascades {
            match c {
                Cascade::Children { table, column, count } => {
                    let n = set(tx, *table, None, &t, &format!("{column} = ?1 AND deleted_at = ?2"), &[self.id, &at])?;
                    if let Some(k) = count {
                        counts.push((*k, json!([0, n])));
                    }
                }
                Cascade::Twin { table, id } => {
                    set(tx, *table, None, &t, "id = ?1", &[id])?;
                }
            }
        }
        self.log(tx, json!([at, null]), counts, "restore")?;
        Ok(at)
    }

    /// `delete` or `restore`, as `delete` says (for the domains' `set_deleted(id, delete)`).
    pub(crate) fn apply(self, tx: &Connection, delete: bool) -> Result<String> {
        if delete {
            self.delete(tx)
        } else {
            self.restore(tx)
        }
    }

    fn log(self, tx: &Connection, stamp: Value, counts: Vec<(&str, Value)>, action: &str) -> Result<()> {
        let mut changes = self.with;
        changes.insert("deleted_at".into(), stamp);
        changes.insert(self.label.0.into(), json!([self.label.1, self.label.1]));
        for (k, v) in counts {
            changes.insert(k.into(), v);
        }
        let (entity, id, action) = self.on.unwrap_or((self.table.entity, self.id, action));
        audit(tx, entity, id, action, &Value::Object(changes))
    }
}

/// `UPDATE table SET deleted_at = ?, updated_at = ? WHERE cond`: `cond` uses ?1 … for `args`.
fn set(tx: &Connection, table: Table, deleted_at: Option<&str>, t: &str, cond: &str, args: &[&str]) -> Result<usize> {
    let n = args.len();
    let mut sql = format!("UPDATE {} SET deleted_at = ?{}", table.name, n + 1);
    let mut values: Vec<Option<&str>> = args.iter().map(|a| Some(*a)).collect();
    values.push(deleted_at);
    if table.updated_at {
        sql.push_str(&format!(", updated_at = ?{}", n + 2));
        values.push(Some(t));
    }
    sql.push_str(" WHERE ");
    sql.push_str(cond);
    Ok(tx.prepare_cached(&sql)?.execute(params_from_iter(values))?)
}
