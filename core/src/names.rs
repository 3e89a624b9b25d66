//! The office's order of names: the stroke keys stored with members and attendees, the office's
//! choice 同姓单名在前, and keeping the stored keys in step with both (a database made by a version
//! with another key algorithm, or a change of the choice, is re-keyed in one transaction).

use crate::db::{audit, Db};
use crate::error::Result;
use crate::hanzi::{self, NameOrder, STROKE_KEY_VERSION};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The setting 同姓单名在前 ('1' on, else off).
const SINGLE_GIVEN_FIRST: &str = "name_order.single_given_first";
/// What the stored stroke keys were made with: the key version and the office's choice.
const KEY_STAMP: &str = "stroke_key_version";

/// Tables holding a stroke key made from a name column: (table, name column).
/// Every table that stores `hanzi::stroke_sort_key` belongs here, so that a re-key reaches it.
const KEYED: &[(&str, &str)] = &[("members", "name"), ("session_attendees", "name")];

/// The office's name order, as the 设置 page shows and changes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct NameOrderSettings {
    /// 同姓单名在前: within a surname, two-character names (王伟) before three-character ones (王小明).
    pub single_given_first: bool,
}

/// The office's name order, read from its settings (the defaults when unset).
pub fn order(conn: &Connection) -> Result<NameOrder> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([SINGLE_GIVEN_FIRST], |r| r.get(0))
        .optional()?;
    Ok(NameOrder { single_given_first: v.as_deref() == Some("1") })
}

/// The stroke key of a name in the office's order (reads the setting: for one write; a run of writes
/// reads `order` once and calls `hanzi::stroke_sort_key_with`).
pub fn stroke_key(conn: &Connection, name: &str) -> Result<Vec<u8>> {
    Ok(hanzi::stroke_sort_key_with(name, order(conn)?))
}

fn stamp(order: NameOrder) -> String {
    format!("{STROKE_KEY_VERSION}{}", if order.single_given_first { "+single" } else { "" })
}

/// Recompute every stored stroke key with `order`, in the caller's transaction; returns how many
/// rows were written.
pub(crate) fn rekey(tx: &Connection, order: NameOrder) -> Result<usize> {
    let mut n = 0;
    for (table, col) in KEYED {
        let rows: Vec<(String, String, Option<Vec<u8>>)> = {
            let mut st = tx.prepare(&format!("SELECT id, {col}, CAST(stroke_key AS BLOB) FROM {table}"))?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // Only the rows whose key is not the current one are written (after an exchange import, most
        // rows already carry it).
        let mut up = tx.prepare(&format!("UPDATE {table} SET stroke_key = ?2 WHERE id = ?1"))?;
        for (id, name, stored) in rows {
            let key = hanzi::stroke_sort_key_with(&name, order);
            if stored.as_deref() != Some(key.as_slice()) {
                up.execute(params![id, key])?;
                n += 1;
            }
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![KEY_STAMP, stamp(order)],
    )?;
    Ok(n)
}

impl Db {
    /// Re-key the stored names when they were keyed by another version of the algorithm or another
    /// choice of the office (one transaction); nothing when they are current. Run at every open.
    /// Returns how many rows were re-keyed.
    pub fn ensure_name_keys(&mut self) -> Result<usize> {
        let order = order(&self.conn)?;
        let stored: Option<String> =
            self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [KEY_STAMP], |r| r.get(0)).optional()?;
        if stored.as_deref() == Some(stamp(order).as_str()) {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        let n = rekey(&tx, order)?;
        tx.commit()?;
        Ok(n)
    }

    pub fn name_order(&self) -> Result<NameOrderSettings> {
        Ok(NameOrderSettings { single_given_first: order(&self.conn)?.single_given_first })
    }

    /// Change the office's name order: the setting, its audit entry and every stored key, together.
    pub fn set_name_order(&mut self, s: NameOrderSettings) -> Result<NameOrderSettings> {
        let old = self.name_order()?;
        if old == s {
            return Ok(s);
        }
        let tx = self.conn.transaction()?;
        let v = if s.single_given_first { "1" } else { "0" };
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SINGLE_GIVEN_FIRST, v],
        )?;
        audit(
            &tx,
            "setting",
            SINGLE_GIVEN_FIRST,
            "update",
            &serde_json::json!({ SINGLE_GIVEN_FIRST: [old.single_given_first, s.single_given_first] }),
        )?;
        rekey(&tx, NameOrder { single_given_first: s.single_given_first })?;
        tx.commit()?;
        Ok(s)
    }
}

/// The collation `NUMBERED` (`hanzi::natural_cmp`): numbered labels in their numbers' order
/// (第二 < 第十 < 第十一; 2组 < 10组). Registered on every connection `Db` opens; use it as
/// `ORDER BY name COLLATE NUMBERED` (no index or schema refers to it, so other tools can still read the file).
pub(crate) fn register_collation(conn: &Connection) -> Result<()> {
    conn.create_collation("NUMBERED", hanzi::natural_cmp)?;
    Ok(())
}
