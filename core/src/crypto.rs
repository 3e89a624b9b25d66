//! Encryption at rest: the database (and its backups) encrypted whole with a passphrase, by SQLCipher
//! (AES-256 pages, the key derived from the passphrase with PBKDF2-HMAC-SHA512, 256,000 rounds).
//!
//! - `Passphrase`: the one place core code holds the unlocked passphrase (wiped from memory when
//!   dropped); `Db::passphrase()` hands it to whatever must encrypt with it (backups, exchange files).
//! - `is_encrypted`: an encrypted file is told from a plain one without the key — a plain SQLite file
//!   begins with "SQLite format 3\0", an encrypted one with random salt.
//! - `Db::set_passphrase`: set, change or remove the passphrase. The data is copied into a new file
//!   beside the database with `sqlcipher_export` (encrypting, re-encrypting or decrypting on the way),
//!   the copy is checked (integrity, every table's row count), then renamed over the old file in one
//!   step; a backup is made first, and the WAL is checkpointed and emptied so no old page lingers there.
//!   The backups in the backup folder follow the database (converted to the new passphrase) or are
//!   deleted, as the user chooses: a plaintext copy on a USB stick is the very leak encryption stops.

use crate::backup::{BackupFile, BackupReason};
use crate::codes::coded_enum;
use crate::error::{Error, Result};
use crate::Db;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// What every plain SQLite file begins with.
pub const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The shortest passphrase accepted when one is set.
pub const MIN_LEN: usize = 8;

/// The local setting (this laptop's) of the idle lock, in minutes; 0 or missing: never.
pub const IDLE_LOCK_KEY: &str = "idle_lock_minutes";

/// A passphrase, wiped from memory when dropped. Never printed (`Debug` shows stars).
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(s: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(s.into()))
    }

    /// The passphrase's text, for the code that keys a cipher with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// Whether the file at `path` is an encrypted database: it exists, is not empty, and does not begin
/// with SQLite's plain header. Read without any key.
pub fn is_encrypted(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n > 0 && head[..n] != SQLITE_HEADER[..n])
}

/// Once per process, before core opens its first connection: SQLite's initialisation runs whole on one
/// thread (SQLCipher registers `sqlcipher_export` for every later connection at its end: a connection
/// opened by another thread half-way through would lack it), and SQLCipher's own log is silenced (a
/// wrong passphrase would print "hmac check failed" lines to stderr; core says it in Chinese instead).
pub(crate) fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(c) = Connection::open_in_memory() {
            let _ = c.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        }
    });
}

/// Key a fresh connection (`PRAGMA key`, the first thing on it), then read the schema to prove the key:
/// a wrong passphrase cannot decrypt page 1 ("file is not a database"). Nothing is written either way.
pub(crate) fn unlock(conn: &Connection, key: &Passphrase, wrong: impl FnOnce() -> Error) -> Result<()> {
    if key.expose().is_empty() {
        return Err(wrong());
    }
    conn.pragma_update(None, "key", key.expose())?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => Err(wrong()),
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn wrong_db_passphrase() -> Error {
    Error::WrongPassphrase("口令不正确，数据库没有打开：请注意大小写、全角/半角和输入法后重新输入".into())
}

/// Open a database file that is not the app's own (a backup, a copy) with its key, if any: a plain file
/// needs none; an encrypted one without `key` is `Locked`, with the wrong one `WrongPassphrase`.
pub(crate) fn open_file(path: &Path, key: Option<&Passphrase>, flags: OpenFlags) -> Result<Connection> {
    init();
    let encrypted = is_encrypted(path)?;
    let name = path.display().to_string();
    if encrypted && key.is_none() {
        return Err(Error::Locked(format!("{name} 已加密：请输入加密它的口令")));
    }
    let conn = Connection::open_with_flags(path, flags)?;
    if let (true, Some(k)) = (encrypted, key) {
        unlock(&conn, k, || {
            Error::WrongPassphrase(format!("口令不正确：{name} 不是用这个口令加密的，请输入加密它时的口令"))
        })?;
    }
    crate::names::register_collation(&conn)?;
    Ok(conn)
}

/// Copy the whole database open on `conn` into the new file `dst`, encrypted with `key` (None: plain),
/// with SQLCipher's `sqlcipher_export`; its schema version goes along. `dst` must not exist.
pub(crate) fn export_to(conn: &Connection, dst: &Path, key: Option<&Passphrase>) -> Result<()> {
    let k = Zeroizing::new(key.map(|k| k.expose().to_string()).unwrap_or_default());
    conn.execute("ATTACH DATABASE ?1 AS liaison_export KEY ?2", rusqlite::params![dst.display().to_string(), *k])?;
    let done = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('liaison_export')", [], |_| Ok(()))?;
        let v: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.pragma_update(Some("liaison_export"), "user_version", v)?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE liaison_export");
    done?;
    detached?;
    Ok(())
}

/// Each table's row count, to compare a copy with its original.
pub(crate) fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let n: i64 =
            conn.query_row(&format!("SELECT COUNT(*) FROM \"{}\"", t.replace('"', "\"\"")), [], |r| r.get(0))?;
        out.push((t, n));
    }
    Ok(out)
}

/// Check a copy made by `export_to` against its original: whole (quick check), the same schema version
/// and the same rows in every table.
fn verify_copy(original: &Connection, copy: &Path, key: Option<&Passphrase>) -> Result<()> {
    let c = open_file(copy, key, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let v = |conn: &Connection| -> Result<i64> { Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?) };
    if ok != "ok" {
        return Err(Error::Conflict(format!("新文件检查未通过（{ok}），数据库未改动")));
    }
    if v(&c)? != v(original)? || table_counts(&c)? != table_counts(original)? {
        return Err(Error::Conflict("新文件与原数据库的记录数不一致，数据库未改动".into()));
    }
    Ok(())
}

/// A file's `-wal` / `-shm` companions.
fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Flush a folder's entries (a rename) to the disk (Unix; elsewhere the rename is as durable as the OS makes it).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Copy the database file `src` (key `src_key`) to `dst` with the key `dst_key`, whole or not at all,
/// checked; `dst` may be `src` itself (converted in place by a rename).
pub(crate) fn convert_file(
    src: &Path,
    src_key: Option<&Passphrase>,
    dst: &Path,
    dst_key: Option<&Passphrase>,
) -> Result<()> {
    let conn = open_file(src, src_key, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    crate::export::write_whole(dst, |tmp| {
        export_to(&conn, tmp, dst_key)?;
        verify_copy(&conn, tmp, dst_key)
    })
}

coded_enum! {
    /// What happens to the backups in the backup folder when the passphrase is set, changed or removed.
    OldBackups {
        /// Re-encrypted with the new passphrase (decrypted when it is removed), like the database.
        Convert = "convert", "随数据库一起转换";
        /// Deleted: the backup made just before the change stays, converted.
        Delete = "delete", "删除";
        /// Left as they are (a plain backup stays readable by anyone who has the file).
        Keep = "keep", "保留原样";
    }
}

/// The result of setting, changing or removing the passphrase.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EncryptionOutcome {
    /// Whether the database is now encrypted.
    pub encrypted: bool,
    /// The backup made just before the change (converted like the database unless `keep` was chosen).
    pub backup: BackupFile,
    /// Backups converted to the new passphrase (or decrypted).
    pub converted: u32,
    pub deleted: u32,
    /// Backups left as they were: kept by choice, or encrypted with some other passphrase (named here).
    pub left: Vec<String>,
}

/// Whether the database is encrypted and this laptop's idle lock.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SecurityStatus {
    pub encrypted: bool,
    /// Locked: the database is closed until the passphrase is given.
    pub locked: bool,
    /// Lock after this many minutes without use (0: never). This laptop's setting.
    pub idle_lock_minutes: u32,
    /// Backups in the backup folder that are not encrypted (while the database is): a plaintext copy.
    pub plain_backups: u32,
    pub db_path: String,
}

/// A new passphrase typed by the user: long enough, not blank.
pub fn check_new(p: &str, field: &str) -> Result<Passphrase> {
    if p.trim().is_empty() {
        return Err(Error::field(field, "请输入口令"));
    }
    if p.chars().count() < MIN_LEN {
        return Err(Error::field(
            field,
            format!("口令至少 {MIN_LEN} 个字符：建议用一句只有自己知道的话，或字母、数字、符号混合"),
        ));
    }
    Ok(Passphrase::new(p))
}

impl Db {
    /// The passphrase this database was opened with (None: not encrypted). The one place core code
    /// gets it: backups and exchange files are encrypted with it.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn security_status(&self) -> Result<SecurityStatus> {
        let plain_backups = if self.is_encrypted() {
            crate::backup::list(&self.backup_dir()?).iter().filter(|f| !f.encrypted).count() as u32
        } else {
            0
        };
        Ok(SecurityStatus {
            encrypted: self.is_encrypted(),
            locked: false,
            idle_lock_minutes: self.idle_lock_minutes()?,
            plain_backups,
            db_path: self.path().to_string(),
        })
    }

    pub fn idle_lock_minutes(&self) -> Result<u32> {
        Ok(self.local_setting(IDLE_LOCK_KEY)?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Lock after `minutes` without use (0: never), on this laptop.
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<SecurityStatus> {
        if minutes > 24 * 60 {
            return Err(Error::field("idle_lock_minutes", "自动锁定时间最长 1440 分钟（24 小时）"));
        }
        self.set_local_setting(IDLE_LOCK_KEY, &minutes.to_string())?;
        self.security_status()
    }

    /// Set (`new` Some on a plain database), change (Some on an encrypted one) or remove (None) the
    /// passphrase. An encrypted database asks for its `current` passphrase first. The data goes into a
    /// new file beside the database (`sqlcipher_export`), which is checked and renamed over the old
    /// one; a backup is made before, and the backups in the backup folder follow as `old_backups` says.
    /// Nothing changes if any step before the rename fails.
    pub fn set_passphrase(
        &mut self,
        current: Option<&str>,
        new: Option<Passphrase>,
        old_backups: OldBackups,
    ) -> Result<EncryptionOutcome> {
        if self.path() == ":memory:" {
            return Err(Error::Conflict("内存数据库不能加密".into()));
        }
        if let Some(key) = &self.key {
            if current != Some(key.expose()) {
                return Err(Error::field("current", "当前口令不正确"));
            }
        } else if new.is_none() {
            return Err(Error::Conflict("数据库没有加密，无需取消".into()));
        }
        if let Some(n) = &new {
            check_new(n.expose(), "new")?;
        }
        let action = match (&self.key, &new) {
            (None, _) => "encrypt",
            (Some(_), Some(_)) => "rekey",
            (Some(_), None) => "decrypt",
        };
        let old_key = self.key.clone();
        let path = PathBuf::from(self.path());

        // A copy of the data as it is, before anything happens (with the old key).
        let backup = self
            .backup_now(BackupReason::PreEncryption)
            .map_err(|e| Error::Conflict(format!("修改口令前的自动备份没有成功，数据库未改动：{e}")))?;

        // Empty the WAL into the database, so that the copy is the whole data and no page is left in
        // the -wal; busy means another program (the CLI) has the database open.
        let (busy, _, _): (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if busy != 0 {
            return Err(Error::Conflict(
                "另一个程序正在使用此数据库（如命令行工具）：请关闭后重试，数据库未改动".into(),
            ));
        }

        let tmp = companion(&path, ".rekey-tmp");
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(companion(&tmp, "-journal"));
        let made = export_to(&self.conn, &tmp, new.as_ref()).and_then(|_| verify_copy(&self.conn, &tmp, new.as_ref()));
        if let Err(e) = made {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        crate::export::private_file(&tmp)?;

        // Close this connection (SQLite checkpoints and deletes the -wal and -shm), then put the new
        // file in place in one rename. A -wal left with pages in it belongs to another connection.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        let wal = companion(&path, "-wal");
        if std::fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) {
            let _ = std::fs::remove_file(&tmp);
            *self = Db::open_with(&path, old_key)?;
            return Err(Error::Conflict(
                "另一个程序正在使用此数据库（如命令行工具）：请关闭后重试，数据库未改动".into(),
            ));
        }
        let _ = std::fs::remove_file(&wal);
        let _ = std::fs::remove_file(companion(&path, "-shm"));
        std::fs::rename(&tmp, &path)?;
        sync_dir(path.parent().unwrap_or(Path::new(".")));
        *self = Db::open_with(&path, new.clone())?;
        crate::db::audit(&self.conn, "database", "encryption", action, &serde_json::json!({}))?;

        // The backups follow.
        let mut out = EncryptionOutcome { encrypted: new.is_some(), backup, converted: 0, deleted: 0, left: vec![] };
        for f in crate::backup::list(&self.backup_dir()?) {
            let p = Path::new(&f.path);
            let just_made = f.file_name == out.backup.file_name;
            // A backup this change can read: plain, or encrypted with the old passphrase.
            let key = if f.encrypted { old_key.as_ref() } else { None };
            let readable = !f.encrypted || open_file(p, key, OpenFlags::SQLITE_OPEN_READ_ONLY).is_ok();
            let state_matches = f.encrypted == new.is_some() && key == new.as_ref();
            match old_backups {
                _ if state_matches => {}
                OldBackups::Keep => out.left.push(f.file_name.clone()),
                _ if !readable => out.left.push(f.file_name.clone()),
                OldBackups::Delete if !just_made => {
                    std::fs::remove_file(p)?;
                    out.deleted += 1;
                }
                _ => {
                    convert_file(p, key, p, new.as_ref())?;
                    out.converted += 1;
                }
            }
        }
        if let Some(b) =
            crate::backup::list(&self.backup_dir()?).into_iter().find(|f| f.file_name == out.backup.file_name)
        {
            out.backup = b;
        }
        Ok(out)
    }
}
