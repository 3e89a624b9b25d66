//! Exchange between laptops, with SQLite's session extension (changesets), no server.
//!
//! Each laptop has an identity (`local_settings.laptop_id` and a name the user sets); the office has one
//! shared by all its laptops (`settings.office_id`). What changed since the last exchange is
//! `sqlite3session_diff` of the database against a snapshot kept at the last exchange
//! (`exchange/<db>.last.db` beside the database, made with the backup API, keyed like the database):
//! it catches every change, the CLI's too, with no triggers on the office's tables. An export writes
//! that diff as one file (`file`), then the copy it was taken from becomes the snapshot; an import
//! applies a file in one transaction (`apply`) and then the same changes to the snapshot, so that they
//! are not sent back. A row changed on both sides is a conflict: this side's row is kept, the other's
//! stored in `exchange_conflicts` and shown side by side (`conflicts`) until the user chooses.
//! A baseline is the diff against an empty schema: every exchanged row; a new laptop joins from it.

mod apply;
mod conflicts;
pub mod file;
pub mod types;

pub use file::{inspect_bytes, inspect_bytes_with, inspect_file, FORMAT};
pub use types::{
    ChangeOp, ConflictChoice, ConflictField, ConflictKind, ExchangeConflict, ExchangeHeader, ExchangeImportOutcome,
    ExchangeInspection, ExchangeKind, ExchangeStatus, ExportOutcome, ImportRecord, JoinOutcome, Resolution, TableCount,
};

use crate::backup::BackupReason;
use crate::db::{Db, SCHEMA_VERSION};
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Tables that belong to this laptop and never travel: its own settings and the exchange's bookkeeping.
/// SQLite's own tables and full-text-search tables (virtual tables and their shadow tables) are local by
/// rule (`is_local_table`). Every other table travels: a new table of a later issue takes part unless
/// it is named here (and `tests/all/exchange.rs` checks that it can: a primary key, no rowid key).
/// `search_docs` is the search index's (derived from the records; made again by `after_import`).
pub const LOCAL_TABLES: &[&str] =
    &["local_settings", "exchange_imports", "exchange_conflicts", "search_docs", "search_text", "search_pairs"];

/// The office's identity (`settings`, travels).
pub const OFFICE_ID_KEY: &str = "office_id";
/// This laptop's identity and name (`local_settings`, never travel).
pub const LAPTOP_ID_KEY: &str = "laptop_id";
pub const LAPTOP_NAME_KEY: &str = "laptop_name";
/// When this laptop last exported or imported (`local_settings`).
const LAST_AT_KEY: &str = "exchange_last_at";
/// The sequence number of the last file exported, kept in the snapshot's own `local_settings`: the
/// snapshot and its number are replaced together, in one rename.
const SEQUENCE_KEY: &str = "exchange_sequence";
/// The extension of exchange files.
pub const EXTENSION: &str = "ldx";

/// Whether a table stays on this laptop: named in `LOCAL_TABLES`, SQLite's own, a virtual table (FTS5)
/// or one of a virtual table's shadow tables (`<vtab>_data`, `_idx`, `_content`, `_docsize`, `_config`).
pub fn is_local_table(name: &str, virtual_tables: &[String]) -> bool {
    LOCAL_TABLES.contains(&name)
        || name.starts_with("sqlite_")
        || virtual_tables.iter().any(|v| {
            name == v
                || name
                    .strip_prefix(v.as_str())
                    .and_then(|r| r.strip_prefix('_'))
                    .is_some_and(|s| matches!(s, "data" | "idx" | "content" | "docsize" | "config"))
        })
}

/// Every table of the database and whether it travels: (name, exchanged), by name.
pub fn table_roles(conn: &Connection) -> Result<Vec<(String, bool)>> {
    let all: Vec<(String, String)> = {
        let mut st =
            conn.prepare("SELECT name, COALESCE(sql, '') FROM main.sqlite_master WHERE type = 'table' ORDER BY name")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let virtual_tables: Vec<String> = all
        .iter()
        .filter(|(_, sql)| sql.trim_start().to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE"))
        .map(|(n, _)| n.clone())
        .collect();
    Ok(all.into_iter().map(|(n, _)| (n.clone(), !is_local_table(&n, &virtual_tables))).collect())
}

/// The tables that travel, by name.
pub fn exchanged_tables(conn: &Connection) -> Result<Vec<String>> {
    Ok(table_roles(conn)?.into_iter().filter(|(_, x)| *x).map(|(n, _)| n).collect())
}

/// Derived data kept right after rows came from another laptop (an import, a join, a settled conflict),
/// in the caller's transaction: one hook, so that later issues add theirs (e.g. the search index).
/// `tables`: the tables that changed.
pub(crate) fn after_import(tx: &Connection, changed: &Touched) -> Result<()> {
    // Stroke keys: made by the other laptop's version of the algorithm, or under another name order
    // (only the rows whose key differs are written).
    if ["members", "session_attendees", "settings"].iter().any(|t| changed.contains_key(*t)) {
        crate::names::rekey(tx, crate::names::order(tx)?)?;
    }
    // The search index: the texts whose record, submitter, sector or session came are made again.
    crate::search::refresh(tx, changed)?;
    Ok(())
}

/// The rows an import (or a settled conflict) changed: table → the values of its key's first column
/// (a record's id; for a link table such as `proposal_proposers`, its record's id).
pub(crate) type Touched = std::collections::HashMap<String, HashSet<String>>;

/// A key value as the text `Touched` holds.
pub(crate) fn key_text(v: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
        Value::Null => String::new(),
    }
}

fn local_now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Attach `path` as `alias`, keyed with the passphrase (an empty key: a plain file).
fn attach(conn: &Connection, path: &Path, alias: &str, passphrase: Option<&str>) -> Result<()> {
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {alias} KEY ?2"),
        params![path.display().to_string(), passphrase.unwrap_or("")],
    )?;
    Ok(())
}

/// Attach an empty in-memory schema as `alias` with the exchanged tables of main (same columns, same
/// keys): the diff against it is every row.
fn attach_empty(conn: &Connection, alias: &str, tables: &[String]) -> Result<()> {
    conn.execute(&format!("ATTACH DATABASE ':memory:' AS {alias} KEY ''"), [])?;
    for t in tables {
        let sql: String =
            conn.query_row("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1", [t], |r| r.get(0))?;
        let body = sql.find('(').map(|i| &sql[i..]).ok_or_else(|| Error::Conflict(format!("表 {t} 的结构无法读取")))?;
        conn.execute_batch(&format!("CREATE TABLE {alias}.\"{t}\" {body}"))?;
    }
    Ok(())
}

/// The changes that turn `from` (an attached schema) into main, for every exchanged table: a changeset.
fn diff(conn: &Connection, from: &str, tables: &[String]) -> Result<Vec<u8>> {
    let mut s = rusqlite::session::Session::new(conn)?;
    for t in tables {
        s.attach(Some(t.as_str()))?;
        s.diff(from, t.as_str())?;
    }
    let mut out = Vec::new();
    s.changeset_strm(&mut out)?;
    Ok(out)
}

/// Copy the database behind `src` into `out` with the backup API, keyed like it.
fn copy_db(src: &Connection, out: &Path, passphrase: Option<&str>) -> Result<()> {
    let _ = std::fs::remove_file(out);
    let mut dst = file::open_keyed(out, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE, passphrase)?;
    {
        let b = rusqlite::backup::Backup::new(src, &mut dst)?;
        b.step(-1)?;
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    drop(dst);
    crate::export::private_file(out)?;
    Ok(())
}

fn sequence_in(conn: &Connection, schema: &str) -> Result<u32> {
    let v: Option<String> = conn
        .query_row(&format!("SELECT value FROM {schema}.local_settings WHERE key = ?1"), [SEQUENCE_KEY], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

impl Db {
    /// The folder of the exchange's own files, beside the database.
    pub fn exchange_dir(&self) -> PathBuf {
        let p = Path::new(self.path());
        p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("exchange")
    }

    fn db_stem(&self) -> String {
        Path::new(self.path()).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "liaison".into())
    }

    /// The snapshot of the database at the last exchange.
    pub fn exchange_snapshot_path(&self) -> PathBuf {
        self.exchange_dir().join(format!("{}.last.db", self.db_stem()))
    }

    /// The snapshot, brought to this program's schema when there is one. A newer version of the app
    /// may have migrated the database since the last exchange; the snapshot then goes through the same
    /// migrations, so that the two compare table by table and only the rows changed here differ (the
    /// migrations after 0007 are deterministic, tested). A snapshot from a newer program is refused.
    fn current_snapshot(&self, passphrase: Option<&str>) -> Result<Option<PathBuf>> {
        let last = self.exchange_snapshot_path();
        if self.path() == ":memory:" || !last.exists() {
            return Ok(None);
        }
        let mut conn = file::open_keyed(&last, OpenFlags::SQLITE_OPEN_READ_WRITE, passphrase)?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v > SCHEMA_VERSION {
            return Err(Error::Conflict(format!(
                "上次数据交换时的快照（{}）来自较新版本的委员联络工作台（数据库结构 {v}，本机 {SCHEMA_VERSION}）：请先升级本机的软件",
                last.display()
            )));
        }
        if v < SCHEMA_VERSION {
            crate::db::run_migrations(&mut conn, v)
                .map_err(|e| Error::Conflict(format!("升级上次数据交换时的快照没有成功（{}）：{e}", last.display())))?;
        }
        Ok(Some(last))
    }

    fn require_file(&self) -> Result<()> {
        if self.path() == ":memory:" {
            return Err(Error::Conflict("内存中的数据库不能参与数据交换".into()));
        }
        Ok(())
    }

    pub fn office_id(&self) -> Result<String> {
        self.setting(OFFICE_ID_KEY)?.ok_or_else(|| Error::Conflict("数据库没有办公室标识（office_id）".into()))
    }

    pub fn laptop_id(&self) -> Result<String> {
        self.local_setting(LAPTOP_ID_KEY)?.ok_or_else(|| Error::Conflict("数据库没有本机标识（laptop_id）".into()))
    }

    /// The laptop's name as the user set it, else a stand-in made from its id.
    pub fn laptop_name(&self) -> Result<String> {
        match self.local_setting(LAPTOP_NAME_KEY)? {
            Some(n) if !n.trim().is_empty() => Ok(n),
            _ => Ok(format!("未命名电脑（{}）", &self.laptop_id()?.chars().take(8).collect::<String>())),
        }
    }

    /// Name this laptop (e.g. 城关镇联络组笔记本): it is what the office sees on its files.
    pub fn set_laptop_name(&mut self, name: &str) -> Result<ExchangeStatus> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::field("laptop_name", "请填写本机名称，如 城关镇联络组笔记本"));
        }
        if name.chars().count() > 40 {
            return Err(Error::field("laptop_name", "本机名称最多 40 个字"));
        }
        self.set_local_setting(LAPTOP_NAME_KEY, name)?;
        self.exchange_status(None)
    }

    /// Where this laptop stands: identity, last export, pending rows, open conflicts, files imported.
    pub fn exchange_status(&mut self, passphrase: Option<&str>) -> Result<ExchangeStatus> {
        let snapshot = self.current_snapshot(passphrase)?;
        let (last_sequence, pending_rows) = if self.path() == ":memory:" {
            (0, 0)
        } else if let Some(last) = snapshot {
            attach(&self.conn, &last, "xlast", passphrase)?;
            let r = (|| -> Result<(u32, u32)> {
                let seq = sequence_in(&self.conn, "xlast")?;
                let tables = exchanged_tables(&self.conn)?;
                let d = diff(&self.conn, "xlast", &tables)?;
                Ok((seq, file::count(&d)?.iter().map(|c| c.inserts + c.updates + c.deletes).sum()))
            })();
            self.conn.execute("DETACH DATABASE xlast", [])?;
            r?
        } else {
            let tables = exchanged_tables(&self.conn)?;
            let mut n = 0u32;
            for t in &tables {
                n += self.conn.query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get::<_, i64>(0))? as u32;
            }
            (0, n)
        };
        let imports = {
            let mut st = self.conn.prepare(
                "SELECT kind, origin_laptop_id, origin_name, sequence, created_at, imported_at, inserted, updated, deleted, conflicts
                 FROM exchange_imports ORDER BY imported_at DESC, sequence DESC LIMIT 200",
            )?;
            let rows = st.query_map([], |r| {
                Ok(ImportRecord {
                    kind: ExchangeKind::parse(&r.get::<_, String>(0)?).unwrap_or(ExchangeKind::Changes),
                    origin_laptop_id: r.get(1)?,
                    origin_name: r.get(2)?,
                    sequence: r.get(3)?,
                    created_at: r.get(4)?,
                    imported_at: r.get(5)?,
                    inserted: r.get(6)?,
                    updated: r.get(7)?,
                    deleted: r.get(8)?,
                    conflicts: r.get(9)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let open_conflicts: i64 =
            self.conn
                .query_row("SELECT COUNT(*) FROM exchange_conflicts WHERE resolved_at IS NULL", [], |r| r.get(0))?;
        Ok(ExchangeStatus {
            office_id: self.office_id()?,
            office_name: self.setting("office_name")?.unwrap_or_default(),
            laptop_id: self.laptop_id()?,
            laptop_name: self.local_setting(LAPTOP_NAME_KEY)?.unwrap_or_default(),
            last_sequence,
            last_exchange_at: self.local_setting(LAST_AT_KEY)?,
            pending_rows,
            open_conflicts: open_conflicts as u32,
            imports,
            export_dir: crate::export::export_dir().display().to_string(),
        })
    }

    /// The last file imported here, as the header's `base` names it.
    fn exchange_base(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT origin_name, sequence FROM exchange_imports ORDER BY imported_at DESC, sequence DESC LIMIT 1",
                [],
                |r| Ok(format!("{} 第 {} 号", r.get::<_, String>(0)?, r.get::<_, u32>(1)?)),
            )
            .optional()?
            .unwrap_or_default())
    }

    /// A file name for an export into the export folder: 数据交换-城关镇笔记本-第3号.ldx (the folder's
    /// `new_export_path` adds the time).
    pub fn exchange_file_name(&self, kind: ExchangeKind, sequence: u32) -> Result<String> {
        let what = match kind {
            ExchangeKind::Changes => "数据交换",
            ExchangeKind::Baseline => "数据交换基准",
        };
        let stem = crate::export::file_stem(&format!("{what}-{}-第{sequence}号", self.laptop_name()?));
        Ok(format!("{stem}.{EXTENSION}"))
    }

    /// The sequence number the next export will carry.
    pub fn exchange_next_sequence(&self, passphrase: Option<&str>) -> Result<u32> {
        let Some(last) = self.current_snapshot(passphrase)? else {
            return Ok(1);
        };
        let c = file::open_keyed(&last, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
        Ok(sequence_in(&c, "main")? + 1)
    }

    /// Export what changed here since the last exchange (`Changes`) or every exchanged row (`Baseline`)
    /// into `out`, keyed with `passphrase` when there is one. The copy the changes were read from then
    /// becomes the snapshot of the next exchange, with the sequence number (one rename).
    pub fn exchange_export(
        &mut self,
        out: &Path,
        kind: ExchangeKind,
        passphrase: Option<&str>,
    ) -> Result<ExportOutcome> {
        self.require_file()?;
        let dir = self.exchange_dir();
        crate::export::private_dir(&dir)?;
        let last = self.exchange_snapshot_path();
        self.current_snapshot(passphrase)?;
        let next = dir.join(format!(".{}.next.{}.db", self.db_stem(), std::process::id()));
        let result = (|| -> Result<ExportOutcome> {
            copy_db(&self.conn, &next, passphrase)?;
            let conn = file::open_keyed(&next, OpenFlags::SQLITE_OPEN_READ_WRITE, passphrase)?;
            let tables = exchanged_tables(&conn)?;
            let mut sequence = 1;
            if last.exists() {
                attach(&conn, &last, "last", passphrase)?;
                sequence = sequence_in(&conn, "last")? + 1;
                if kind == ExchangeKind::Baseline {
                    conn.execute("DETACH DATABASE last", [])?;
                }
            }
            if kind == ExchangeKind::Baseline || !last.exists() {
                attach_empty(&conn, "last", &tables)?;
            }
            let payload = diff(&conn, "last", &tables)?;
            conn.execute("DETACH DATABASE last", [])?;
            conn.execute(
                "INSERT INTO local_settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![SEQUENCE_KEY, sequence.to_string()],
            )?;
            drop(conn);
            let counts = file::count(&payload)?;
            let header = ExchangeHeader {
                format: FORMAT,
                kind,
                office_id: self.office_id()?,
                office_name: self.setting("office_name")?.unwrap_or_default(),
                origin_laptop_id: self.laptop_id()?,
                origin_name: self.laptop_name()?,
                sequence,
                base: self.exchange_base()?,
                created_at: local_now(),
                schema_version: SCHEMA_VERSION,
                payload_sha256: file::sha256_hex(&payload),
                payload_bytes: payload.len() as u64,
                counts: counts.clone(),
            };
            file::write(out, &header, &payload, passphrase)?;
            // A copy of every file sent, in case the stick is lost: the office needs them in order.
            let sent = dir.join("sent");
            if crate::export::private_dir(&sent).is_ok() {
                let name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                let _ = std::fs::copy(out, sent.join(name));
            }
            std::fs::rename(&next, &last)?;
            Ok(ExportOutcome {
                path: out.display().to_string(),
                rows: counts.iter().map(|c| c.inserts + c.updates + c.deletes).sum(),
                header,
            })
        })();
        let _ = std::fs::remove_file(&next);
        let r = result?;
        self.set_last_at()?;
        Ok(r)
    }

    fn set_last_at(&self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO local_settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![LAST_AT_KEY, local_now()],
        )?;
        Ok(())
    }

    /// Export into the export folder under a name of its own (`exchange_file_name`): the app's button.
    pub fn exchange_export_to_folder(&mut self, kind: ExchangeKind, passphrase: Option<&str>) -> Result<ExportOutcome> {
        let dir = crate::export::export_dir();
        crate::export::private_dir(&dir)?;
        let seq = self.exchange_next_sequence(passphrase)?;
        let name = self.exchange_file_name(kind, seq)?;
        let stem = name.trim_end_matches(&format!(".{EXTENSION}")).to_string();
        let out = crate::export::new_export_path(&dir, &stem, EXTENSION);
        self.exchange_export(&out, kind, passphrase)
    }

    /// Check a file's header against this database: same office, same schema, not this laptop's own.
    fn check_header(&self, h: &ExchangeHeader) -> Result<()> {
        let office = self.office_id()?;
        if h.office_id != office {
            return Err(Error::Import(format!(
                "这份文件来自另一个办公室（{}，标识 {}），不是本办公室（标识 {}）的数据：不能导入。新电脑请用“从基准文件加入”",
                if h.office_name.is_empty() { "未命名" } else { h.office_name.as_str() },
                &h.office_id.chars().take(8).collect::<String>(),
                &office.chars().take(8).collect::<String>()
            )));
        }
        if h.origin_laptop_id == self.laptop_id()? {
            return Err(Error::Import(format!("这是本机自己导出的文件（第 {} 号）：请在另一台电脑上导入", h.sequence)));
        }
        if h.schema_version > SCHEMA_VERSION {
            return Err(Error::Import(format!(
                "对方（{}）的委员联络工作台版本较新（数据库结构 {}，本机 {}）：请先升级本机的软件再导入",
                h.origin_name, h.schema_version, SCHEMA_VERSION
            )));
        }
        if h.schema_version < SCHEMA_VERSION {
            return Err(Error::Import(format!(
                "对方（{}）的委员联络工作台版本较旧（数据库结构 {}，本机 {}）：请对方升级软件后重新导出",
                h.origin_name, h.schema_version, SCHEMA_VERSION
            )));
        }
        Ok(())
    }

    /// Import an exchange file, in one transaction (a backup is made first). The same file twice changes
    /// nothing; a damaged, foreign, newer-format or out-of-order file is refused, saying why.
    pub fn exchange_import(&mut self, path: &Path, passphrase: Option<&str>) -> Result<ExchangeImportOutcome> {
        self.require_file()?;
        let (h, payload) = file::read(path, passphrase)?;
        self.check_header(&h)?;
        let outcome = |already: bool| ExchangeImportOutcome {
            kind: h.kind,
            origin_laptop_id: h.origin_laptop_id.clone(),
            origin_name: h.origin_name.clone(),
            sequence: h.sequence,
            already_imported: already,
            inserted: 0,
            updated: 0,
            deleted: 0,
            conflicts: 0,
            backup: None,
        };
        let same: Option<String> = self
            .conn
            .query_row(
                "SELECT file_sha256 FROM exchange_imports WHERE origin_laptop_id = ?1 AND sequence = ?2",
                params![h.origin_laptop_id, h.sequence],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sha) = same {
            if sha == h.payload_sha256 {
                return Ok(outcome(true));
            }
            return Err(Error::Import(format!(
                "{} 的第 {} 号文件已经导入过，而这份第 {} 号的内容与之不同：请让对方导出新的文件（不要重复使用旧序号）",
                h.origin_name, h.sequence, h.sequence
            )));
        }
        let last: u32 = self.conn.query_row(
            "SELECT COALESCE(MAX(sequence), 0) FROM exchange_imports WHERE origin_laptop_id = ?1",
            [&h.origin_laptop_id],
            |r| r.get(0),
        )?;
        if h.sequence <= last {
            return Err(Error::Import(format!(
                "这是 {} 的第 {} 号文件，本机已导入到第 {} 号：这份文件较旧，不能再导入",
                h.origin_name, h.sequence, last
            )));
        }
        if h.kind == ExchangeKind::Changes && h.sequence != last + 1 {
            return Err(Error::Import(format!(
                "这是 {} 的第 {} 号文件，但本机还没有导入第 {} 号{}：请按顺序先导入缺少的文件（对方电脑的“exchange/sent”文件夹里留有副本）",
                h.origin_name,
                h.sequence,
                last + 1,
                if h.sequence > last + 2 { format!("至第 {} 号", h.sequence - 1) } else { String::new() }
            )));
        }
        let snapshot = self.exchange_snapshot_path();
        let has_snapshot = self.current_snapshot(passphrase)?.is_some();
        let backup = self
            .backup_now(BackupReason::PreExchange)
            .map_err(|e| Error::Conflict(format!("导入前的自动备份没有成功，数据库未改动：{e}")))?;
        if has_snapshot {
            attach(&self.conn, &snapshot, "xlast", passphrase)?;
        }
        let applied = (|| -> Result<apply::Applied> {
            // The rows changed here since the last exchange: the ones that can conflict.
            let mine = if has_snapshot {
                let tables = exchanged_tables(&self.conn)?;
                Some(apply::keys(&diff(&self.conn, "xlast", &tables)?)?)
            } else {
                None
            };
            apply::apply(&mut self.conn, &payload, &h, mine, has_snapshot.then_some("xlast"))
        })();
        if has_snapshot {
            self.conn.flush_prepared_statement_cache();
            let _ = self.conn.execute("DETACH DATABASE xlast", []);
        }
        let applied = applied?;
        // The snapshot learns the same changes, so that they are not sent back (best effort: if this is
        // lost, they are sent back and found equal on the other side).
        if has_snapshot {
            let _ = apply::apply_to_snapshot(&snapshot, &payload, &applied.conflict_rows, passphrase);
        }
        self.set_last_at()?;
        Ok(ExchangeImportOutcome {
            inserted: applied.inserted,
            updated: applied.updated,
            deleted: applied.deleted,
            conflicts: applied.conflicts,
            backup: Some(backup.file_name),
            ..outcome(false)
        })
    }

    /// Make a new database at `path` from a baseline: it takes the office's identity and every row, and
    /// gets a laptop identity of its own (named `laptop_name` when given). Refused when `path` already
    /// holds a database.
    pub fn exchange_join(
        path: &Path,
        baseline: &Path,
        laptop_name: Option<&str>,
        passphrase: Option<&str>,
    ) -> Result<(Db, JoinOutcome)> {
        if path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(true) {
            return Err(Error::Conflict(format!(
                "{} 已经有数据库：加入办公室会新建一个数据库，请选择一个新的文件名",
                path.display()
            )));
        }
        // The file is checked before a database is made for it.
        let (h, _) = file::read(baseline, passphrase)?;
        Self::check_baseline(&h)?;
        let mut db = Db::open(path)?;
        match db.exchange_join_here(baseline, laptop_name, passphrase) {
            Ok(o) => Ok((db, o)),
            Err(e) => {
                drop(db);
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
                Err(e)
            }
        }
    }

    fn check_baseline(h: &ExchangeHeader) -> Result<()> {
        if h.kind != ExchangeKind::Baseline {
            return Err(Error::Import(format!(
                "这是 {} 的第 {} 号变更文件，不是基准文件：新电脑要从办公室导出的“基准文件”加入",
                h.origin_name, h.sequence
            )));
        }
        if h.schema_version != SCHEMA_VERSION {
            return Err(Error::Import(format!(
                "基准文件的数据库结构版本为 {}，本机软件为 {}：请两边使用相同版本的委员联络工作台",
                h.schema_version, SCHEMA_VERSION
            )));
        }
        Ok(())
    }

    /// Whether this database is still empty: no members, groups or activities, never exchanged. Only
    /// such a database joins an office in place.
    pub fn exchange_can_join(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM liaison_groups) + (SELECT COUNT(*) FROM activities)
                  + (SELECT COUNT(*) FROM exchange_imports)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0 && !self.exchange_snapshot_path().exists())
    }

    /// Join an office from a baseline in this (empty) database: the app's button on a new database, and
    /// the first-run wizard's. Its own starting rows give way to the office's; it keeps its laptop id.
    pub fn exchange_join_here(
        &mut self,
        baseline: &Path,
        laptop_name: Option<&str>,
        passphrase: Option<&str>,
    ) -> Result<JoinOutcome> {
        self.require_file()?;
        if !self.exchange_can_join()? {
            return Err(Error::Conflict(
                "这个数据库里已经有数据：只有新建的空数据库才能从基准文件加入办公室（命令行：liaison --db 新文件 exchange join 基准文件）"
                    .into(),
            ));
        }
        let (h, payload) = file::read(baseline, passphrase)?;
        Self::check_baseline(&h)?;
        apply::join(&mut self.conn, &payload, &h)?;
        if let Some(n) = laptop_name.map(str::trim).filter(|n| !n.is_empty()) {
            self.set_laptop_name(n)?;
        }
        // The new laptop starts in step with the office: its first export carries only its own changes.
        let dir = self.exchange_dir();
        crate::export::private_dir(&dir)?;
        let tmp = dir.join(format!(".{}.join.{}.db", self.db_stem(), std::process::id()));
        copy_db(&self.conn, &tmp, passphrase)?;
        std::fs::rename(&tmp, self.exchange_snapshot_path())?;
        self.set_last_at()?;
        let members: i64 =
            self.conn.query_row("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(JoinOutcome {
            path: self.path().to_string(),
            office_id: self.office_id()?,
            office_name: self.setting("office_name")?.unwrap_or_default(),
            laptop_id: self.laptop_id()?,
            laptop_name: self.laptop_name()?,
            members: members as u32,
            rows: h.counts.iter().map(|c| c.inserts).sum(),
        })
    }

    /// The app's file, as bytes (the window reads the file the user chose): kept in a private file in the
    /// exchange folder while `f` works on it.
    pub fn with_exchange_bytes<T>(&mut self, bytes: &[u8], f: impl FnOnce(&mut Db, &Path) -> Result<T>) -> Result<T> {
        self.require_file()?;
        if bytes.len() as u64 > file::MAX_FILE_BYTES {
            return Err(Error::Import("文件超过交换文件的上限".into()));
        }
        let dir = self.exchange_dir();
        crate::export::private_dir(&dir)?;
        let tmp = dir.join(format!(".incoming.{}.{EXTENSION}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        crate::export::private_file(&tmp)?;
        let r = f(self, &tmp);
        let _ = std::fs::remove_file(&tmp);
        r
    }
}
