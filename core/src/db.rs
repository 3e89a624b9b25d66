//! The SQLite file: opening, pragmas, numbered forward-only migrations, seeding, and the
//! helpers every write uses (ids, timestamps, audit log). Soft delete and restore, with their audit
//! entry, are in `trash`.

use crate::error::{Error, Result};
use rusqlite::{params, Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Migrations, in order. Migration N brings the schema from version N-1 to N (`PRAGMA user_version`).
/// From 0008 on they must be deterministic (no `random()`, no `now`): the exchange's snapshot goes
/// through them too, and must come out equal where the data was (tests/all/exchange.rs, the upgrade test).
/// Never edit one that has shipped: add the next.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_activities.sql"),
    include_str!("../migrations/0003_sessions.sql"),
    include_str!("../migrations/0004_session_kind.sql"),
    include_str!("../migrations/0005_seat_numbering.sql"),
    include_str!("../migrations/0006_local_settings.sql"),
    include_str!("../migrations/0007_exchange.sql"),
    include_str!("../migrations/0008_history.sql"),
    include_str!("../migrations/0009_opinions.sql"),
    include_str!("../migrations/0010_proposals.sql"),
    include_str!("../migrations/0011_performance.sql"),
    include_str!("../migrations/0012_work_plan.sql"),
    include_str!("../migrations/0013_activity_kinds.sql"),
];

/// The migrations that rebuild tables (SQLite's 12-step procedure, for a changed CHECK), and the tables
/// they rebuild. They run with foreign keys off and `legacy_alter_table` on (the rename of the new table
/// then leaves alone views that name the old one), the foreign keys checked before they commit; the
/// indexes and triggers of those tables that the migration does not make again itself (added by other
/// migrations) are made again as they were.
const REBUILDS: &[(&str, &[&str])] =
    &[(include_str!("../migrations/0013_activity_kinds.sql"), &["activities", "participants"])];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The environment variable that overrides the default database path.
pub const DB_ENV: &str = "LIAISON_DB";

pub struct Db {
    pub(crate) conn: Connection,
    path: String,
    /// The passphrase the database was opened with (None: a plain database). See `crypto`.
    pub(crate) key: Option<crate::crypto::Passphrase>,
    /// The last year's ledger computed (履职积分), with the database state it was computed on: the
    /// ranking and then a member's explanation read it once (see `performance::ledger`).
    pub(crate) ledger_cache: std::cell::RefCell<Option<LedgerCache>>,
}

pub(crate) type LedgerCache = (i32, (i64, u64), std::sync::Arc<crate::performance::types::ScoreLedger>);

/// Where the database lives when neither `--db` nor `LIAISON_DB` says: the OS's app-data folder.
pub fn default_path() -> PathBuf {
    if let Ok(p) = std::env::var(DB_ENV) {
        if !p.is_empty() {
            return PathBuf::from(p);
        }
    }
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    base.join("liaison-desk").join("liaison.db")
}

pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The local setting that names who works on this laptop (the audit log's actor).
pub const OPERATOR_KEY: &str = "operator";

/// Who is making a change, for the audit log: the operator set on this laptop, else the OS user.
pub(crate) fn actor(conn: &Connection) -> String {
    // `local_settings` is missing only while a database older than migration 6 is being migrated.
    let set: Option<String> = conn
        .prepare_cached("SELECT value FROM local_settings WHERE key = 'operator'")
        .and_then(|mut st| st.query_row([], |r| r.get(0)))
        .ok();
    set.filter(|s| !s.is_empty())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// Write one audit entry in the caller's transaction.
pub(crate) fn audit(
    tx: &Connection,
    entity: &str,
    entity_id: &str,
    action: &str,
    changes: &serde_json::Value,
) -> Result<()> {
    let who = actor(tx);
    tx.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![new_id(), now(), who, entity, entity_id, action, changes.to_string()])?;
    Ok(())
}

/// An export that carries whole ID or phone numbers goes in the audit log: who (the actor), when, which
/// file, which document, what it carried and how many rows. Masked exports are not logged.
pub(crate) fn audit_personal_export(
    conn: &Connection,
    document: &str,
    out: &Path,
    id_numbers: bool,
    phones: bool,
    rows: u32,
) -> Result<()> {
    if !id_numbers && !phones {
        return Ok(());
    }
    let file = out.display().to_string();
    audit(
        conn,
        "export",
        &file,
        "export_personal",
        &serde_json::json!({ "document": document, "file": file, "id_numbers": id_numbers, "phones": phones, "rows": rows }),
    )
}

/// The last change to a record in the audit log: (who, when). None when the log has none.
pub(crate) fn last_change(conn: &Connection, entity_id: &str) -> Result<Option<(String, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT actor, at FROM audit_log WHERE entity_id = ?1 ORDER BY at DESC, id DESC LIMIT 1")?
        .query_row([entity_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A stored UTC time (2026-11-30T08:05:00.000Z) as people read it, in this laptop's time zone:
/// 2026-11-30 16:05.
pub fn local_time(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => at.to_string(),
    }
}

/// The first words of the refusal of a save from a stale form: the UI knows it by them and offers to
/// reload the record.
pub const STALE_PREFIX: &str = "此记录已被修改";

/// Refuse a save from a form loaded before the record last changed (someone else — the CLI, an
/// exchange import, another dialog — saved it since): `loaded` is the `updated_at` the form was
/// loaded with (None: the caller does not say, e.g. the importer, and nothing is checked); `what` names
/// the record (委员“王伟”). The refusal says who changed it and when.
pub(crate) fn check_fresh(conn: &Connection, table: &str, id: &str, loaded: Option<&str>, what: &str) -> Result<()> {
    use rusqlite::OptionalExtension;
    let Some(loaded) = loaded.filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    let stored: Option<String> = conn
        .prepare_cached(&format!("SELECT updated_at FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match stored {
        Some(s) if s != loaded => {
            let by = match last_change(conn, id)? {
                Some((who, at)) => format!("{who} 于 {} 修改了{what}", local_time(&at)),
                None => format!("{what}在 {} 被修改过", local_time(&s)),
            };
            Err(Error::Conflict(format!(
                "{STALE_PREFIX}：{by}，这张表单是修改前打开的。请重新载入后再编辑（您的改动未保存）"
            )))
        }
        _ => Ok(()),
    }
}

/// The audit entries written in the current transaction after `mark` (from `audit_mark`) take the run's
/// id: an import run's entries, so that it can be listed and undone as one step. Writes are serialised
/// (every write transaction begins IMMEDIATE), so every entry after the mark is this transaction's.
pub(crate) fn audit_mark(tx: &Connection) -> Result<i64> {
    Ok(tx.query_row("SELECT COALESCE(MAX(rowid), 0) FROM audit_log", [], |r| r.get(0))?)
}

pub(crate) fn audit_tag_run(tx: &Connection, mark: i64, run_id: &str) -> Result<usize> {
    Ok(tx.execute("UPDATE audit_log SET run_id = ?1 WHERE rowid > ?2", params![run_id, mark])?)
}

/// Insert rows with multi-row statements: `head` is "INSERT … (a, b) VALUES ", each row N values.
/// The rows go in 64 at a time, the rest in chunks of 32, 16 … 1, so that a few cached statements
/// serve any count; a statement's own cost (and a constraint's setup, such as the lookup table of a
/// CHECK … IN (…) list) is paid once per chunk instead of once per row.
pub(crate) fn insert_rows<const N: usize>(tx: &Connection, head: &str, rows: &[[&str; N]]) -> Result<()> {
    let one = format!("({})", ["?"; N].join(", "));
    let mut rest = rows;
    let mut size = 64;
    while !rest.is_empty() {
        if rest.len() < size {
            size /= 2;
            continue;
        }
        let mut st = tx.prepare_cached(&format!("{head}{}", vec![one.as_str(); size].join(", ")))?;
        while rest.len() >= size {
            let (chunk, tail) = rest.split_at(size);
            st.execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
            rest = tail;
        }
    }
    Ok(())
}

/// Audit entries for a run of writes in one transaction (an import writes thousands): the actor is
/// looked up once, and the entries go in with multi-row inserts (`insert_rows`), `AUDIT_CHUNK` at a
/// time.
pub(crate) struct AuditBatch {
    actor: String,
    /// (id, at, entity, entity_id, action, changes)
    rows: Vec<[String; 6]>,
}

const AUDIT_CHUNK: usize = 64;

impl AuditBatch {
    pub(crate) fn new(conn: &Connection) -> AuditBatch {
        AuditBatch { actor: actor(conn), rows: Vec::new() }
    }

    /// One entry (its changes as JSON text), written with the next chunk (or by `flush`).
    pub(crate) fn push_text(
        &mut self,
        tx: &Connection,
        entity: &str,
        entity_id: &str,
        action: &str,
        changes: String,
    ) -> Result<()> {
        self.rows.push([new_id(), now(), entity.into(), entity_id.into(), action.into(), changes]);
        if self.rows.len() >= AUDIT_CHUNK {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Write what is pending.
    pub(crate) fn flush(&mut self, tx: &Connection) -> Result<()> {
        let rows = std::mem::take(&mut self.rows);
        let rows: Vec<[&str; 7]> = rows
            .iter()
            .map(|[id, at, entity, entity_id, action, changes]| {
                [id.as_str(), at, entity, entity_id, action, changes, &self.actor]
            })
            .collect();
        insert_rows(tx, "INSERT INTO audit_log (id, at, entity, entity_id, action, changes, actor) VALUES ", &rows)
    }
}

/// Whether a query (`SELECT 1 FROM … WHERE …`) finds a row: a record exists, is live, is on a list.
pub(crate) fn exists(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<bool> {
    use rusqlite::OptionalExtension;
    Ok(conn.prepare_cached(sql)?.query_row(p, |_| Ok(())).optional()?.is_some())
}

/// Field-by-field changes for the audit log ({field: [old, new]}); blank to blank is no change.
pub(crate) fn changes(old: Option<&serde_json::Value>, new: &serde_json::Value) -> serde_json::Value {
    let empty = serde_json::Map::new();
    let o = old.and_then(|v| v.as_object()).unwrap_or(&empty);
    let blank = |v: &serde_json::Value| {
        v.is_null() || v.as_str() == Some("") || v.as_array().map(|a| a.is_empty()).unwrap_or(false)
    };
    let mut out = serde_json::Map::new();
    if let Some(n) = new.as_object() {
        for (k, nv) in n {
            let ov = o.get(k).cloned().unwrap_or(serde_json::Value::Null);
            if ov != *nv && !(blank(&ov) && blank(nv)) {
                out.insert(k.clone(), serde_json::json!([ov, nv]));
            }
        }
    }
    serde_json::Value::Object(out)
}

/// The app's hold on one database file: while one window has it, a second start of the app on the
/// same file is refused (two windows writing the same records would overwrite each other's forms).
/// An OS file lock beside the database (`liaison.db.lock`): released when the app ends, however it ends.
/// The CLI does not take it (SQLite serialises its writes with the app's).
#[derive(Debug)]
pub struct InstanceLock {
    _file: std::fs::File,
}

impl InstanceLock {
    pub fn acquire(db_path: &Path) -> Result<InstanceLock> {
        if let Some(dir) = db_path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let mut name = db_path.as_os_str().to_owned();
        name.push(".lock");
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(PathBuf::from(name))?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Conflict(format!(
                "委员联络工作台已经在另一个窗口打开了数据库 {}：请切换到那个窗口（同一份数据同时只能在一个窗口中使用）",
                db_path.display()
            ))),
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

impl Db {
    /// Open (creating if needed) and migrate the plain database at `path`; an encrypted one is
    /// refused with `Error::Locked` (use `open_with`).
    pub fn open(path: impl AsRef<Path>) -> Result<Db> {
        Self::open_with(path, None)
    }

    /// Open (creating if needed) and migrate the database at `path`, with its passphrase if it is
    /// encrypted. `PRAGMA key` is the first statement on the connection, and the key is proved by
    /// reading the schema before anything else: a wrong passphrase is `Error::WrongPassphrase` and the
    /// file is left byte for byte as it was. A passphrase given for a plain database is not used; one
    /// given for a new (missing or empty) file creates it encrypted.
    pub fn open_with(path: impl AsRef<Path>, key: Option<crate::crypto::Passphrase>) -> Result<Db> {
        let path = path.as_ref();
        crate::crypto::init();
        let encrypted = crate::crypto::is_encrypted(path)?;
        let fresh = std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true);
        if encrypted && key.is_none() {
            return Err(Error::Locked(format!("数据库 {} 已加密：请输入口令", path.display())));
        }
        let key = if encrypted || fresh { key } else { None };
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                // A new folder for the database is the user's alone (0700); an existing one keeps its rights.
                crate::export::private_dir(dir)?;
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(k) = &key {
            crate::crypto::unlock(&conn, k, crate::crypto::wrong_db_passphrase)?;
        }
        // The file holds the members' ID numbers and phones: readable by its owner only (0600). SQLite
        // gives its -wal and -shm files the database's own rights.
        if path.exists() {
            crate::export::private_file(path)?;
        }
        Self::init(conn, path.display().to_string(), key)
    }

    pub fn open_in_memory() -> Result<Db> {
        crate::crypto::init();
        Self::init(Connection::open_in_memory()?, ":memory:".into(), None)
    }

    fn init(mut conn: Connection, path: String, key: Option<crate::crypto::Passphrase>) -> Result<Db> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Every write transaction takes the write lock when it begins (BEGIN IMMEDIATE): a second writer
        // (the CLI beside the app) then waits its turn at the start, instead of failing half-way when a
        // read lock cannot be upgraded.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Room for every statement of the longer writes (a member's save runs a dozen) and the queries
        // around them, so that a run of thousands (an import) prepares each once.
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // An office's whole database fits in memory: a 64 MB page cache and memory-mapped reads keep
        // roster queries off the read() path.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "mmap_size", 268_435_456)?;
        if path != ":memory:" {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        crate::names::register_collation(&conn)?;
        let mut db = Db { conn, path, key, ledger_cache: Default::default() };
        db.migrate()?;
        // Stored stroke keys made by another key algorithm or for another name order: re-keyed here.
        db.ensure_name_keys()?;
        // Let SQLite refresh its planner statistics where they are missing or stale (cheap when fresh).
        db.conn.execute_batch("PRAGMA optimize = 0x10002")?;
        Ok(db)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Apply every migration the file has not had, each in its own transaction.
    /// A database made by a newer version of the program is refused, untouched.
    pub fn migrate(&mut self) -> Result<()> {
        let v = self.schema_version()?;
        if v > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew { db: v, supported: SCHEMA_VERSION });
        }
        // An office's data about to be changed by a newer version is kept as it was first.
        if v >= 1 && v < SCHEMA_VERSION {
            self.backup_now(crate::backup::BackupReason::PreMigration)
                .map_err(|e| Error::Conflict(format!("升级数据库前的自动备份没有成功，数据库未改动：{e}")))?;
        }
        run_migrations(&mut self.conn, v)
    }

    /// Direct access for tests, benchmarks and the CLI's `check`.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; returns the problems found (empty: healthy).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for r in st.query_map([], |r| r.get::<_, String>(0))? {
            let r = r?;
            if r != "ok" {
                problems.push(format!("完整性检查：{r}"));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows =
            st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?;
        for r in rows {
            let (table, rowid, parent) = r?;
            let at = rowid.map(|n| format!("第 {n} 行")).unwrap_or_else(|| "有一行".into());
            problems.push(format!("外键检查：表 {table} {at}引用的 {parent} 记录不存在"));
        }
        let v = self.schema_version()?;
        if v != SCHEMA_VERSION {
            problems.push(format!("数据库结构版本为 {v}，应为 {SCHEMA_VERSION}"));
        }
        Ok(problems)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        put_setting(&tx, "settings", key, value)?;
        tx.commit()?;
        Ok(())
    }

    /// A setting of this laptop (`local_settings`): it stays out of the exchange between laptops.
    pub fn local_setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        // Before migration 6 (the backup taken before migrating) they were kept with the office's.
        let table = if self.schema_version()? < 6 { "settings" } else { "local_settings" };
        let sql = format!("SELECT value FROM {table} WHERE key = ?1");
        Ok(self.conn.query_row(&sql, [key], |r| r.get(0)).optional()?)
    }

    /// Who works on this laptop (the audit log's actor), when set.
    pub fn operator(&self) -> Result<Option<String>> {
        Ok(self.local_setting(OPERATOR_KEY)?.filter(|s| !s.trim().is_empty()))
    }

    /// Set who works on this laptop (asked once at start, changed in 设置): their name as colleagues
    /// know it (王秘书), 1–20 characters.
    pub fn set_operator(&mut self, name: &str) -> Result<String> {
        let name = operator_name(name)?;
        self.set_local_setting(OPERATOR_KEY, &name)?;
        Ok(name)
    }

    pub fn set_local_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        put_setting(&tx, "local_settings", key, value)?;
        tx.commit()?;
        Ok(())
    }
}

/// Apply the migrations after version `from` to `conn`, each in its own transaction (no backup: the
/// caller decides). The database and the exchange's snapshot of it go through the same steps.
pub(crate) fn run_migrations(conn: &mut Connection, from: i64) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let n = i as i64 + 1;
        let rebuild = REBUILDS.iter().find(|(m, _)| m == sql).map(|(_, tables)| *tables);
        // A table rebuilt is dropped and renamed: with foreign keys on, the drop would delete its rows'
        // children (or fail). Off for the migration (outside its transaction, where the pragma works),
        // checked before it commits, back on after.
        let fk: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        if rebuild.is_some() {
            conn.pragma_update(None, "foreign_keys", false)?;
            conn.pragma_update(None, "legacy_alter_table", true)?;
        }
        let run = (|| -> Result<()> {
            let tx = conn.transaction()?;
            // The indexes and triggers on the tables about to be rebuilt, as they are now.
            let kept: Vec<(String, String)> = match rebuild {
                Some(tables) => {
                    let mut st = tx.prepare(
                        "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
                           AND tbl_name IN (SELECT value FROM json_each(?1)) ORDER BY type, name",
                    )?;
                    let rows = st.query_map([serde_json::json!(tables).to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    rows.collect::<rusqlite::Result<_>>()?
                }
                None => Vec::new(),
            };
            tx.execute_batch(sql)?;
            if n == 1 {
                crate::refs::seed(&tx)?;
            }
            if rebuild.is_some() {
                for (name, create) in &kept {
                    if !exists(&tx, "SELECT 1 FROM sqlite_master WHERE name = ?1", [name])? {
                        tx.execute_batch(create)?;
                    }
                }
                let broken: Vec<String> = {
                    let mut st = tx.prepare("PRAGMA foreign_key_check")?;
                    let rows =
                        st.query_map([], |r| Ok(format!("{} → {}", r.get::<_, String>(0)?, r.get::<_, String>(2)?)))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                if !broken.is_empty() {
                    return Err(Error::Conflict(format!(
                        "数据库升级到第 {n} 版时发现引用不存在的记录（{}），数据库未改动",
                        broken.join("，")
                    )));
                }
            }
            tx.pragma_update(None, "user_version", n)?;
            tx.commit()?;
            Ok(())
        })();
        if rebuild.is_some() {
            conn.pragma_update(None, "legacy_alter_table", false)?;
            conn.pragma_update(None, "foreign_keys", fk)?;
        }
        run?;
    }
    Ok(())
}

/// An operator's name as stored: spaces collapsed, 1–20 characters.
pub(crate) fn operator_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::field("operator", "请填写您的名字，如“王秘书”：操作记录中用它记下是谁做的修改"));
    }
    if name.chars().count() > 20 {
        return Err(Error::field("operator", "名字请不超过 20 个字"));
    }
    Ok(name)
}

/// Set a key of `settings` (the office's) or `local_settings` (this laptop's) in the caller's
/// transaction, with its audit entry (old → new).
pub(crate) fn put_setting(tx: &Connection, table: &str, key: &str, value: &str) -> Result<()> {
    use rusqlite::OptionalExtension;
    let (table, entity) = match table {
        "local_settings" => ("local_settings", "local_setting"),
        _ => ("settings", "setting"),
    };
    let old: Option<String> =
        tx.query_row(&format!("SELECT value FROM {table} WHERE key = ?1"), [key], |r| r.get(0)).optional()?;
    tx.execute(
        &format!(
            "INSERT INTO {table} (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        params![key, value],
    )?;
    audit(tx, entity, key, "update", &serde_json::json!({ key: [old, value] }))?;
    Ok(())
}
