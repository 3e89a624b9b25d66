//! Applying a changeset from another laptop, in one transaction, with SQLite's conflict handler: a row
//! changed on both sides (DATA), changed there and deleted here (NOTFOUND), added on both sides with
//! other values (CONFLICT), breaking a rule here such as the same ID number (CONSTRAINT) or referring
//! to a record missing here (FOREIGN_KEY) keeps this side's row and stores the other side's version in
//! `exchange_conflicts`. Rows equal on both sides (the modification time aside) are not conflicts.

use super::types::{ChangeOp, ConflictKind, ExchangeHeader, ExchangeKind};
use crate::db::{audit, new_id, now};
use crate::error::{Error, Result};
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter, ConflictAction, ConflictType};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// A column that changes with every save: two sides that differ only there hold the same row.
const STAMP: &str = "updated_at";

/// A table's columns and primary key.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    pub cols: Vec<String>,
    /// Indexes of the primary key's columns, in key order.
    pub pk: Vec<usize>,
}

pub(crate) fn table_info(conn: &Connection, schema: &str, table: &str) -> Result<TableInfo> {
    let mut st = conn.prepare(&format!("PRAGMA {schema}.table_info(\"{table}\")"))?;
    let rows: Vec<(String, i64)> =
        st.query_map([], |r| Ok((r.get(1)?, r.get(5)?)))?.collect::<rusqlite::Result<_>>()?;
    let cols: Vec<String> = rows.iter().map(|(c, _)| c.clone()).collect();
    let mut pk: Vec<(i64, usize)> =
        rows.iter().enumerate().filter(|(_, (_, k))| *k > 0).map(|(i, (_, k))| (*k, i)).collect();
    pk.sort();
    Ok(TableInfo { cols, pk: pk.into_iter().map(|(_, i)| i).collect() })
}

/// One foreign key: child columns → parent table and columns.
#[derive(Debug, Clone)]
struct ForeignKey {
    parent: String,
    from: Vec<String>,
    to: Vec<String>,
}

fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<ForeignKey>> {
    let mut st = conn.prepare(&format!("PRAGMA main.foreign_key_list(\"{table}\")"))?;
    let rows: Vec<(i64, String, String, Option<String>)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<(i64, ForeignKey)> = Vec::new();
    for (id, parent, from, to) in rows {
        let to = match to {
            Some(t) => t,
            None => {
                let info = table_info(conn, "main", &parent)?;
                info.pk.first().map(|&i| info.cols[i].clone()).unwrap_or_else(|| "rowid".into())
            }
        };
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, fk)) => {
                fk.from.push(from);
                fk.to.push(to);
            }
            None => out.push((id, ForeignKey { parent, from: vec![from], to: vec![to] })),
        }
    }
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// A value as JSON: numbers and text as themselves, a blob as {"blob": "hex"}.
pub(crate) fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::json!(i),
        Value::Real(f) => serde_json::json!(f),
        Value::Text(s) => serde_json::json!(s),
        Value::Blob(b) => serde_json::json!({ "blob": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
    }
}

pub(crate) fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(*b as i64),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => {
            let hex = o.get("blob").and_then(|h| h.as_str()).unwrap_or("");
            Value::Blob(
                (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()).collect(),
            )
        }
        serde_json::Value::Array(_) => Value::Text(v.to_string()),
    }
}

/// The key of a row across the exchange: its table and primary key values.
pub(crate) fn row_key(table: &str, pk: &[Value]) -> String {
    format!("{table}\u{1f}{}", serde_json::Value::Array(pk.iter().map(to_json).collect()))
}

fn pk_json(pk: &[Value]) -> String {
    serde_json::Value::Array(pk.iter().map(to_json).collect()).to_string()
}

/// The keys of the rows a changeset touches.
pub(crate) fn keys(changeset: &[u8]) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    walk(changeset, |c| {
        out.insert(row_key(&c.table, &c.pk_values()));
        Ok(())
    })?;
    Ok(out)
}

/// One change of a changeset, read whole.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub table: String,
    pub op: ChangeOp,
    pub pk: Vec<usize>,
    /// Old values (UPDATE: the changed columns and the key; DELETE: every column); None: not recorded.
    pub old: Vec<Option<Value>>,
    /// New values (INSERT: every column; UPDATE: the changed ones).
    pub new: Vec<Option<Value>>,
}

impl Change {
    fn read(item: &ChangesetItem) -> rusqlite::Result<Change> {
        let op = item.op()?;
        let n = op.number_of_columns().max(0) as usize;
        let code = match op.code() {
            Action::SQLITE_INSERT => ChangeOp::Insert,
            Action::SQLITE_DELETE => ChangeOp::Delete,
            _ => ChangeOp::Update,
        };
        let table = op.table_name().to_string();
        let pk: Vec<usize> = item.pk()?.iter().enumerate().filter(|(_, f)| **f != 0).map(|(i, _)| i).collect();
        let old = if code == ChangeOp::Insert {
            vec![None; n]
        } else {
            (0..n).map(|i| item.old_value(i).ok().and_then(|v| Value::try_from(v).ok())).collect()
        };
        let new = if code == ChangeOp::Delete {
            vec![None; n]
        } else {
            (0..n).map(|i| item.new_value(i).ok().and_then(|v| Value::try_from(v).ok())).collect()
        };
        Ok(Change { table, op: code, pk, old, new })
    }

    pub fn pk_values(&self) -> Vec<Value> {
        let src = if self.op == ChangeOp::Insert { &self.new } else { &self.old };
        self.pk.iter().map(|&i| src.get(i).cloned().flatten().unwrap_or(Value::Null)).collect()
    }

    fn key(&self) -> String {
        row_key(&self.table, &self.pk_values())
    }
}

fn walk(changeset: &[u8], mut f: impl FnMut(Change) -> Result<()>) -> Result<()> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut it = ChangesetIter::start_strm(&reader)?;
    while let Some(item) = it.next()? {
        f(Change::read(item)?)?;
    }
    Ok(())
}

/// A conflict found, before it is stored.
#[derive(Debug, Clone)]
struct Pending {
    kind: ConflictKind,
    op: ChangeOp,
    table: String,
    pk: Vec<Value>,
    local_pk: Option<Vec<Value>>,
    local_row: Option<Vec<Option<Value>>>,
    their_row: Vec<Option<Value>>,
    changed: Vec<usize>,
}

/// What the handler saw.
#[derive(Default)]
struct Seen {
    pending: Vec<Pending>,
    /// Changes left out (kept this side's row, or found equal), by op.
    omitted: [u32; 3],
    foreign_key: bool,
}

fn op_index(op: ChangeOp) -> usize {
    match op {
        ChangeOp::Insert => 0,
        ChangeOp::Update => 1,
        ChangeOp::Delete => 2,
    }
}

/// The result of an import's apply.
pub(crate) struct Applied {
    pub inserted: u32,
    pub updated: u32,
    pub deleted: u32,
    pub conflicts: u32,
    /// The rows set aside as conflicts (table, key), the other side's and this side's.
    pub conflict_rows: Vec<(String, Vec<Value>)>,
}

/// The conflict handler's decision for one change (no database access: the handler runs inside
/// SQLite's apply). `mine`: the keys of rows changed here since the last exchange (None: all of them).
fn decide(
    ct: ConflictType,
    item: &ChangesetItem,
    stamp: &HashMap<String, usize>,
    mine: &Option<HashSet<String>>,
    seen: &mut Seen,
) -> ConflictAction {
    if ct == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        // Called once at the end, with no change to read (the iterator is not on a row). Committed for
        // now; the rows concerned are found and set aside after the apply.
        seen.foreign_key = true;
        return ConflictAction::SQLITE_CHANGESET_OMIT;
    }
    let Ok(c) = Change::read(item) else { return ConflictAction::SQLITE_CHANGESET_ABORT };
    let n = c.new.len();
    let local: Option<Vec<Option<Value>>> =
        matches!(ct, ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT)
            .then(|| (0..n).map(|i| item.conflict(i).ok().and_then(|v| Value::try_from(v).ok())).collect());
    let stamp_col = stamp.get(&c.table).copied();
    // Every column the other side sets holds the same value here (the modification time aside).
    let same = |local: &[Option<Value>]| {
        c.new.iter().enumerate().all(|(i, v)| v.is_none() || Some(i) == stamp_col || local.get(i) == Some(v))
    };
    let omit = |seen: &mut Seen| {
        seen.omitted[op_index(c.op)] += 1;
        ConflictAction::SQLITE_CHANGESET_OMIT
    };
    let changed: Vec<usize> = (0..n).filter(|i| c.new[*i].is_some() && !c.pk.contains(i)).collect();
    let keep = |seen: &mut Seen, kind: ConflictKind, local: Option<Vec<Option<Value>>>, their: Vec<Option<Value>>| {
        seen.pending.push(Pending {
            kind,
            op: c.op,
            table: c.table.clone(),
            pk: c.pk_values(),
            local_pk: local.as_ref().map(|_| c.pk_values()),
            local_row: local,
            their_row: their,
            changed: changed.clone(),
        });
        omit(seen)
    };
    match ct {
        ConflictType::SQLITE_CHANGESET_DATA => {
            let local = local.unwrap_or_default();
            if c.op == ChangeOp::Update && same(&local) {
                // The same values on both sides: the other side's modification time is taken, so that
                // the two rows end equal.
                return ConflictAction::SQLITE_CHANGESET_REPLACE;
            }
            // Their version: the change's values over their old ones.
            let their: Vec<Option<Value>> = (0..n).map(|i| c.new[i].clone().or_else(|| c.old[i].clone())).collect();
            let their = if c.op == ChangeOp::Delete { vec![] } else { their };
            keep(seen, ConflictKind::Data, Some(local), their)
        }
        ConflictType::SQLITE_CHANGESET_NOTFOUND => {
            if c.op == ChangeOp::Delete {
                return omit(seen); // gone on both sides
            }
            let their: Vec<Option<Value>> = (0..n).map(|i| c.new[i].clone().or_else(|| c.old[i].clone())).collect();
            keep(seen, ConflictKind::Notfound, None, their)
        }
        ConflictType::SQLITE_CHANGESET_CONFLICT => {
            let local = local.unwrap_or_default();
            if same(&local) {
                return ConflictAction::SQLITE_CHANGESET_REPLACE;
            }
            let changed_here = mine.as_ref().is_none_or(|m| m.contains(&c.key()));
            if !changed_here {
                // Not touched here since the last exchange: the other side's row is the newer.
                return ConflictAction::SQLITE_CHANGESET_REPLACE;
            }
            keep(seen, ConflictKind::Conflict, Some(local), c.new.clone())
        }
        ConflictType::SQLITE_CHANGESET_CONSTRAINT => {
            let their: Vec<Option<Value>> = (0..n).map(|i| c.new[i].clone().or_else(|| c.old[i].clone())).collect();
            keep(seen, ConflictKind::Constraint, None, their)
        }
        _ => ConflictAction::SQLITE_CHANGESET_ABORT,
    }
}

fn select_row(
    tx: &Connection,
    schema: &str,
    table: &str,
    info: &TableInfo,
    pk: &[Value],
) -> Result<Option<Vec<Option<Value>>>> {
    let cols = info.cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let cond = info.pk.iter().map(|&i| format!("\"{}\" IS ?", info.cols[i])).collect::<Vec<_>>().join(" AND ");
    let sql = format!("SELECT {cols} FROM {schema}.\"{table}\" WHERE {cond}");
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(params_from_iter(pk.iter()), |r| {
            (0..info.cols.len()).map(|i| r.get::<_, Value>(i).map(Some)).collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

fn delete_row(tx: &Connection, table: &str, info: &TableInfo, pk: &[Value]) -> Result<()> {
    let cond = info.pk.iter().map(|&i| format!("\"{}\" IS ?", info.cols[i])).collect::<Vec<_>>().join(" AND ");
    tx.execute(&format!("DELETE FROM main.\"{table}\" WHERE {cond}"), params_from_iter(pk.iter()))?;
    Ok(())
}

pub(crate) fn insert_row(tx: &Connection, table: &str, info: &TableInfo, row: &[Option<Value>]) -> Result<()> {
    let cols = info.cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let qs = vec!["?"; info.cols.len()].join(", ");
    let vals: Vec<Value> = row.iter().map(|v| v.clone().unwrap_or(Value::Null)).collect();
    tx.execute(&format!("INSERT INTO main.\"{table}\" ({cols}) VALUES ({qs})"), params_from_iter(vals.iter()))?;
    Ok(())
}

/// Set columns of a row: (column index, value).
pub(crate) fn update_row(
    tx: &Connection,
    table: &str,
    info: &TableInfo,
    pk: &[Value],
    set: &[(usize, Value)],
) -> Result<()> {
    if set.is_empty() {
        return Ok(());
    }
    let sets = set.iter().map(|(i, _)| format!("\"{}\" = ?", info.cols[*i])).collect::<Vec<_>>().join(", ");
    let cond = info.pk.iter().map(|&i| format!("\"{}\" IS ?", info.cols[i])).collect::<Vec<_>>().join(" AND ");
    let vals: Vec<&Value> = set.iter().map(|(_, v)| v).chain(pk.iter()).collect();
    tx.execute(&format!("UPDATE main.\"{table}\" SET {sets} WHERE {cond}"), params_from_iter(vals))?;
    Ok(())
}

/// The local row a CONSTRAINT conflict clashes with: the row holding the same values in one of the
/// table's UNIQUE indexes (a live one first).
fn clashing_row(tx: &Connection, table: &str, info: &TableInfo, their: &[Option<Value>]) -> Result<Option<Vec<Value>>> {
    let indexes: Vec<String> = {
        let mut st = tx.prepare(&format!("PRAGMA main.index_list(\"{table}\")"))?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, u, o)| *u == 1 && o != "pk")
            .map(|(n, _, _)| n)
            .collect()
    };
    let live = if info.cols.iter().any(|c| c == "deleted_at") { " ORDER BY deleted_at IS NOT NULL" } else { "" };
    let pk_cols = info.pk.iter().map(|&i| format!("\"{}\"", info.cols[i])).collect::<Vec<_>>().join(", ");
    let their_pk: Vec<Value> =
        info.pk.iter().map(|&i| their.get(i).cloned().flatten().unwrap_or(Value::Null)).collect();
    for ix in indexes {
        let cols: Vec<String> = {
            let mut st = tx.prepare(&format!("PRAGMA main.index_info(\"{ix}\")"))?;
            let rows = st.query_map([], |r| r.get::<_, Option<String>>(2))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().flatten().collect()
        };
        let Some(idx): Option<Vec<usize>> = cols.iter().map(|c| info.cols.iter().position(|x| x == c)).collect() else {
            continue;
        };
        let vals: Vec<Value> = idx.iter().map(|&i| their.get(i).cloned().flatten().unwrap_or(Value::Null)).collect();
        if vals.iter().any(|v| *v == Value::Null) {
            continue;
        }
        let cond = cols.iter().map(|c| format!("\"{c}\" = ?")).collect::<Vec<_>>().join(" AND ");
        let mut st = tx.prepare(&format!("SELECT {pk_cols} FROM main.\"{table}\" WHERE {cond}{live}"))?;
        let mut rows = st.query(params_from_iter(vals.iter()))?;
        while let Some(r) = rows.next()? {
            let pk: Vec<Value> = (0..info.pk.len()).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<_>>()?;
            if pk != their_pk {
                return Ok(Some(pk));
            }
        }
    }
    Ok(None)
}

/// Rows of exchanged tables whose foreign key points at nothing: (table, primary key, the foreign key).
fn violations(
    tx: &Connection,
    infos: &HashMap<String, TableInfo>,
    fks: &HashMap<String, Vec<ForeignKey>>,
) -> Result<Vec<(String, Vec<Value>, ForeignKey, Vec<Value>)>> {
    let mut out = Vec::new();
    for (table, list) in fks {
        let info = &infos[table];
        let pk_cols = info.pk.iter().map(|&i| format!("c.\"{}\"", info.cols[i])).collect::<Vec<_>>().join(", ");
        for fk in list {
            let from = fk.from.iter().map(|f| format!("c.\"{f}\"")).collect::<Vec<_>>().join(", ");
            let not_null = fk.from.iter().map(|f| format!("c.\"{f}\" IS NOT NULL")).collect::<Vec<_>>().join(" AND ");
            let join = fk
                .from
                .iter()
                .zip(&fk.to)
                .map(|(f, t)| format!("p.\"{t}\" = c.\"{f}\""))
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                "SELECT {pk_cols}, {from} FROM main.\"{table}\" c WHERE {not_null} AND NOT EXISTS (SELECT 1 FROM main.\"{}\" p WHERE {join})",
                fk.parent
            );
            let mut st = tx.prepare(&sql)?;
            let k = info.pk.len();
            let rows = st.query_map([], |r| {
                let pk = (0..k).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>()?;
                let parent =
                    (0..fk.from.len()).map(|i| r.get::<_, Value>(k + i)).collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((pk, parent))
            })?;
            for r in rows {
                let (pk, parent) = r?;
                out.push((table.clone(), pk, fk.clone(), parent));
            }
        }
    }
    Ok(out)
}

/// Apply a changeset from another laptop to `conn` in one transaction, storing conflicts and the import.
/// `snapshot`: the attached snapshot's schema name (fills in the other side's row for NOTFOUND).
pub(crate) fn apply(
    conn: &mut Connection,
    payload: &[u8],
    h: &ExchangeHeader,
    mine: Option<HashSet<String>>,
    snapshot: Option<&str>,
) -> Result<Applied> {
    let tables = super::exchanged_tables(conn)?;
    let mut infos: HashMap<String, TableInfo> = HashMap::new();
    let mut fks: HashMap<String, Vec<ForeignKey>> = HashMap::new();
    for t in &tables {
        infos.insert(t.clone(), table_info(conn, "main", t)?);
        let f = foreign_keys(conn, t)?;
        if !f.is_empty() {
            fks.insert(t.clone(), f);
        }
    }
    let parents: HashSet<&str> = fks.values().flatten().map(|f| f.parent.as_str()).collect();
    // A first walk: totals, the rows it adds, and what the repairs of foreign keys may need.
    let mut totals = [0u32; 3];
    let mut inserted_keys: HashSet<String> = HashSet::new();
    let mut fk_updates: Vec<(String, Vec<Value>)> = Vec::new();
    let mut deleted_rows: HashMap<String, Vec<Option<Value>>> = HashMap::new();
    let mut touched = super::Touched::new();
    walk(payload, |c| {
        let Some(info) = infos.get(&c.table) else {
            return Err(Error::Import(format!(
                "交换文件中有本机不交换的表 {}：文件不是本办公室同版本的软件导出的，未导入",
                c.table
            )));
        };
        if info.cols.len() != c.new.len() {
            return Err(Error::Import(format!(
                "交换文件中表 {} 有 {} 列，本机有 {} 列：两边的软件版本不同，请使用相同版本后重新导出",
                c.table,
                c.new.len(),
                info.cols.len()
            )));
        }
        totals[op_index(c.op)] += 1;
        touched
            .entry(c.table.clone())
            .or_default()
            .insert(c.pk_values().first().map(super::key_text).unwrap_or_default());
        match c.op {
            ChangeOp::Insert => {
                inserted_keys.insert(c.key());
            }
            ChangeOp::Update => {
                if let Some(list) = fks.get(&c.table) {
                    let fk_cols: HashSet<&str> = list.iter().flat_map(|f| f.from.iter().map(String::as_str)).collect();
                    if (0..c.new.len()).any(|i| c.new[i].is_some() && fk_cols.contains(info.cols[i].as_str())) {
                        fk_updates.push((c.table.clone(), c.pk_values()));
                    }
                }
            }
            ChangeOp::Delete => {
                if parents.contains(c.table.as_str()) {
                    deleted_rows.insert(c.key(), c.old.clone());
                }
            }
        }
        Ok(())
    })?;

    let tx = conn.transaction()?;
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    // This side's rows before an update that changes a foreign key (to put back if it points at nothing).
    let mut before: HashMap<String, Vec<Option<Value>>> = HashMap::new();
    for (t, pk) in &fk_updates {
        if let Some(row) = select_row(&tx, "main", t, &infos[t], pk)? {
            before.insert(row_key(t, pk), row);
        }
    }
    let stamp: HashMap<String, usize> =
        infos.iter().filter_map(|(t, i)| i.cols.iter().position(|c| c == STAMP).map(|p| (t.clone(), p))).collect();
    let seen = Arc::new(Mutex::new(Seen::default()));
    {
        let seen = seen.clone();
        let mine = Arc::new(mine);
        let stamp = Arc::new(stamp);
        let mut input: &[u8] = payload;
        tx.apply_strm(&mut input, None::<fn(&str) -> bool>, move |ct, item| {
            let mut s = seen.lock().unwrap_or_else(|e| e.into_inner());
            decide(ct, item, &stamp, &mine, &mut s)
        })
        .map_err(|e| Error::Import(format!("交换文件中的变更无法应用，未导入任何内容：{e}")))?;
    }
    let Seen { mut pending, omitted, foreign_key } =
        std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    let mut applied = [totals[0] - omitted[0], totals[1] - omitted[1], totals[2] - omitted[2]];
    tx.pragma_update(None, "defer_foreign_keys", true)?;

    // Rows that point at nothing: their row set aside (theirs added: removed; theirs changed: this
    // side's put back), or the row they deleted that is still used here put back.
    if foreign_key {
        let mut handled: HashSet<String> = HashSet::new();
        for _round in 0..16 {
            let found = violations(&tx, &infos, &fks)?;
            if found.is_empty() {
                break;
            }
            let mut progress = false;
            for (table, pk, fk, parent_vals) in found {
                let key = row_key(&table, &pk);
                let info = &infos[&table];
                if inserted_keys.contains(&key) && !handled.contains(&key) {
                    if let Some(row) = select_row(&tx, "main", &table, info, &pk)? {
                        delete_row(&tx, &table, info, &pk)?;
                        pending.push(Pending {
                            kind: ConflictKind::ForeignKey,
                            op: ChangeOp::Insert,
                            table: table.clone(),
                            pk: pk.clone(),
                            local_pk: None,
                            local_row: None,
                            changed: (0..info.cols.len()).filter(|i| !info.pk.contains(i)).collect(),
                            their_row: row,
                        });
                        applied[0] = applied[0].saturating_sub(1);
                        handled.insert(key);
                        progress = true;
                    }
                } else if let Some(old) = before.get(&key).filter(|_| !handled.contains(&key)) {
                    let theirs = select_row(&tx, "main", &table, info, &pk)?.unwrap_or_default();
                    let changed: Vec<usize> = (0..info.cols.len())
                        .filter(|&i| !info.pk.contains(&i) && theirs.get(i) != old.get(i))
                        .collect();
                    let set: Vec<(usize, Value)> = (0..info.cols.len())
                        .filter(|i| !info.pk.contains(i))
                        .map(|i| (i, old[i].clone().unwrap_or(Value::Null)))
                        .collect();
                    update_row(&tx, &table, info, &pk, &set)?;
                    pending.push(Pending {
                        kind: ConflictKind::ForeignKey,
                        op: ChangeOp::Update,
                        table: table.clone(),
                        pk: pk.clone(),
                        local_pk: Some(pk.clone()),
                        local_row: Some(old.clone()),
                        their_row: theirs,
                        changed,
                    });
                    applied[1] = applied[1].saturating_sub(1);
                    handled.insert(key);
                    progress = true;
                } else {
                    let parent_key = row_key(&fk.parent, &parent_vals);
                    if let Some(row) = deleted_rows.get(&parent_key).filter(|_| !handled.contains(&parent_key)) {
                        let pinfo = &infos[&fk.parent];
                        insert_row(&tx, &fk.parent, pinfo, row)?;
                        pending.push(Pending {
                            kind: ConflictKind::ForeignKey,
                            op: ChangeOp::Delete,
                            table: fk.parent.clone(),
                            pk: parent_vals.clone(),
                            local_pk: Some(parent_vals.clone()),
                            local_row: Some(row.clone()),
                            their_row: vec![],
                            changed: vec![],
                        });
                        applied[2] = applied[2].saturating_sub(1);
                        handled.insert(parent_key);
                        progress = true;
                    }
                }
            }
            if !progress {
                let (t, _, fk, _) = violations(&tx, &infos, &fks)?.into_iter().next().expect("found above");
                return Err(Error::Import(format!(
                    "交换文件中的表 {t} 有记录引用了本机不存在的 {} 记录，且无法单独搁置：未导入任何内容",
                    fk.parent
                )));
            }
        }
    }

    // The other side's whole row where this side lost it (NOTFOUND): the snapshot's row with their changes.
    for p in pending.iter_mut() {
        let info = &infos[&p.table];
        if p.kind == ConflictKind::Notfound {
            if let Some(schema) = snapshot {
                if let Some(base) = select_row(&tx, schema, &p.table, info, &p.pk)? {
                    for (i, v) in base.into_iter().enumerate() {
                        if p.their_row.get(i).is_some_and(|x| x.is_none()) {
                            p.their_row[i] = v;
                        }
                    }
                }
            }
        }
        if p.kind == ConflictKind::Constraint {
            let local_pk = if p.op == ChangeOp::Insert {
                clashing_row(&tx, &p.table, info, &p.their_row)?
            } else {
                Some(p.pk.clone())
            };
            if let Some(lpk) = local_pk {
                p.local_row = select_row(&tx, "main", &p.table, info, &lpk)?;
                p.local_pk = p.local_row.as_ref().map(|_| lpk);
            }
        }
    }

    let import_id = new_id();
    let conflicts = pending.len() as u32;
    tx.execute(
        "INSERT INTO exchange_imports (id, kind, origin_laptop_id, origin_name, sequence, file_sha256, created_at, imported_at,
            inserted, updated, deleted, conflicts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            import_id,
            h.kind.as_str(),
            h.origin_laptop_id,
            h.origin_name,
            h.sequence,
            h.payload_sha256,
            h.created_at,
            super::local_now(),
            applied[0],
            applied[1],
            applied[2],
            conflicts
        ],
    )?;
    let row_obj = |info: &TableInfo, row: &[Option<Value>]| -> String {
        let mut m = serde_json::Map::new();
        for (i, v) in row.iter().enumerate() {
            if let (Some(v), Some(c)) = (v, info.cols.get(i)) {
                m.insert(c.clone(), to_json(v));
            }
        }
        serde_json::Value::Object(m).to_string()
    };
    {
        let mut st = tx.prepare(
            "INSERT INTO exchange_conflicts (id, import_id, kind, table_name, op, pk, local_pk, local_row, their_row, changed, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let at = now();
        for p in &pending {
            let info = &infos[&p.table];
            let changed: Vec<&str> = p.changed.iter().filter_map(|&i| info.cols.get(i).map(String::as_str)).collect();
            st.execute(params![
                new_id(),
                import_id,
                p.kind.as_str(),
                p.table,
                p.op.as_str(),
                pk_json(&p.pk),
                p.local_pk.as_ref().map(|k| pk_json(k)),
                p.local_row.as_ref().map(|r| row_obj(info, r)),
                (!p.their_row.is_empty()).then(|| row_obj(info, &p.their_row)),
                serde_json::to_string(&changed).unwrap_or_else(|_| "[]".into()),
                at,
            ])?;
        }
    }
    audit(
        &tx,
        "exchange",
        &import_id,
        "exchange_import",
        &serde_json::json!({
            "kind": h.kind.as_str(), "origin": h.origin_name, "origin_laptop_id": h.origin_laptop_id,
            "sequence": h.sequence, "inserted": applied[0], "updated": applied[1], "deleted": applied[2],
            "conflicts": conflicts,
        }),
    )?;
    super::after_import(&tx, &touched)?;
    tx.commit()?;
    let mut conflict_rows = Vec::new();
    for p in pending {
        if let Some(k) = p.local_pk.filter(|k| *k != p.pk) {
            conflict_rows.push((p.table.clone(), k));
        }
        conflict_rows.push((p.table, p.pk));
    }
    Ok(Applied { inserted: applied[0], updated: applied[1], deleted: applied[2], conflicts, conflict_rows })
}

/// A new database takes a baseline: its own starting rows (the seeded lists, its own office id) give way
/// to the office's, in one transaction.
pub(crate) fn join(conn: &mut Connection, payload: &[u8], h: &ExchangeHeader) -> Result<()> {
    let tables = super::exchanged_tables(conn)?;
    {
        let tx = conn.transaction()?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        for t in &tables {
            tx.execute(&format!("DELETE FROM main.\"{t}\""), [])?;
        }
        tx.commit()?;
    }
    let mut h = h.clone();
    h.kind = ExchangeKind::Baseline;
    // The office id now comes with the baseline's settings row.
    apply(conn, payload, &h, Some(HashSet::new()), None)?;
    let office: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'office_id'", [], |r| r.get(0)).optional()?;
    if office.as_deref() != Some(h.office_id.as_str()) {
        return Err(Error::Import("基准文件中没有办公室标识：文件不完整，请让办公室重新导出基准文件".into()));
    }
    Ok(())
}

/// Apply an imported changeset to the snapshot too (the other side's version wins there), so that the
/// next export does not send it back. The rows set aside as conflicts leave the snapshot: whatever this
/// side keeps or chooses for them travels whole in its next export (an insert, which a laptop that has
/// not touched the row since takes as it comes), so that every side ends with the same row.
pub(crate) fn apply_to_snapshot(
    snapshot: &std::path::Path,
    payload: &[u8],
    conflict_rows: &[(String, Vec<Value>)],
    passphrase: Option<&str>,
) -> Result<()> {
    let mut conn = super::file::open_keyed(snapshot, OpenFlags::SQLITE_OPEN_READ_WRITE, passphrase)?;
    let tx = conn.transaction()?;
    let mut input: &[u8] = payload;
    tx.apply_strm(&mut input, None::<fn(&str) -> bool>, |ct, _item| match ct {
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            ConflictAction::SQLITE_CHANGESET_REPLACE
        }
        _ => ConflictAction::SQLITE_CHANGESET_OMIT,
    })?;
    let mut infos: HashMap<String, TableInfo> = HashMap::new();
    for (t, pk) in conflict_rows {
        if !infos.contains_key(t) {
            infos.insert(t.clone(), table_info(&tx, "main", t)?);
        }
        delete_row(&tx, t, &infos[t], pk)?;
    }
    tx.commit()?;
    Ok(())
}
