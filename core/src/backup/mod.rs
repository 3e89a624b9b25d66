//! Backups of the office's database: SQLite's online backup API (a consistent copy while the app runs,
//! WAL included), into a folder the office can change (a USB stick), rotated; and restore, which checks
//! the file first and keeps the data it replaces as a backup of its own.
//!
//! Made automatically at start, before a migration, before an import is written, and daily while the
//! app runs (`auto_backup`); by hand from 设置 → 数据安全 or `liaison backup`.

pub mod types;

pub use types::{BackupCheck, BackupFile, BackupOverview, BackupReason, RestoreOutcome};

use crate::crypto::Passphrase;
use crate::db::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::Db;
use chrono::{Datelike, Local, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The settings key of the backup folder the office chose.
const DIR_KEY: &str = "backup_dir";
/// Automatic backups kept: the newest few whatever their age, then one a day, then one a week.
const KEEP_NEWEST: usize = 3;
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;
const PREFIX: &str = "liaison-backup-";

pub fn rotation_text() -> String {
    format!("自动备份保留最近 {KEEP_NEWEST} 份，以及最近 {KEEP_DAYS} 天每天 1 份、最近 {KEEP_WEEKS} 周每周 1 份；手动备份不会自动删除")
}

/// `liaison-backup-2026-11-30-203512-pre_import.db`
fn file_name(at: NaiveDateTime, reason: BackupReason) -> String {
    format!("{PREFIX}{}-{}.db", at.format("%Y-%m-%d-%H%M%S"), reason.as_str())
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let (stamp, reason) = (rest.get(..17)?, rest.get(18..)?);
    let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
    // A second backup in the same second carries a counter: pre_import-2.
    let code = reason.rsplit_once('-').filter(|(_, n)| n.parse::<u32>().is_ok()).map_or(reason, |(c, _)| c);
    Some((at, BackupReason::parse(code)?))
}

fn describe(path: &Path) -> Option<BackupFile> {
    let name = path.file_name()?.to_str()?;
    let (at, reason) = parse_name(name)?;
    let bytes = std::fs::metadata(path).ok()?.len();
    Some(BackupFile {
        path: path.display().to_string(),
        file_name: name.to_string(),
        reason,
        made_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
        bytes,
        encrypted: crate::crypto::is_encrypted(path).unwrap_or(false),
    })
}

/// The backups in `dir`, newest first (other files are left alone).
pub fn list(dir: &Path) -> Vec<BackupFile> {
    // Ordered by the second in the name, then by when the file was written: several backups in one
    // second (`…-pre_import.db`, `…-pre_import-2.db`, `…-start.db` … `-10`) sort by their names wrongly.
    let mut out: Vec<(String, Option<std::time::SystemTime>, BackupFile)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let f = describe(&e.path())?;
                let written = e.metadata().and_then(|m| m.modified()).ok();
                Some((f.made_at.clone(), written, f))
            })
            .collect(),
        Err(_) => vec![],
    };
    out.sort_by(|a, b| (&b.0, b.1, &b.2.file_name).cmp(&(&a.0, a.1, &a.2.file_name)));
    out.into_iter().map(|(_, _, f)| f).collect()
}

/// Which automatic backups to delete: keep the newest `KEEP_NEWEST`, the newest of each of the last
/// `KEEP_DAYS` days that have one, and the newest of each of the last `KEEP_WEEKS` ISO weeks. Manual
/// backups are never deleted. `files` newest first.
pub fn to_prune(files: &[BackupFile]) -> Vec<&BackupFile> {
    let auto: Vec<&BackupFile> = files.iter().filter(|f| f.reason != BackupReason::Manual).collect();
    let mut keep = vec![false; auto.len()];
    let (mut days, mut weeks) = (Vec::new(), Vec::new());
    for (i, f) in auto.iter().enumerate() {
        if i < KEEP_NEWEST {
            keep[i] = true;
        }
        let Ok(at) = NaiveDateTime::parse_from_str(&f.made_at, "%Y-%m-%d %H:%M:%S") else {
            keep[i] = true;
            continue;
        };
        let day = at.date();
        if !days.contains(&day) && days.len() < KEEP_DAYS {
            days.push(day);
            keep[i] = true;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKS {
            weeks.push(week);
            keep[i] = true;
        }
    }
    auto.into_iter().zip(keep).filter(|(_, k)| !k).map(|(f, _)| f).collect()
}

/// Copy the database behind `conn` into `out`, whole or not at all (a temporary file renamed when
/// complete), readable by the user only, then check the copy. An encrypted database gives an encrypted
/// copy with the same passphrase (the backup API copies pages between databases keyed alike).
fn copy_to(conn: &Connection, key: Option<&Passphrase>, out: &Path) -> Result<()> {
    crate::export::write_whole(out, |tmp| {
        let mut dst = Connection::open(tmp)?;
        if let Some(k) = key {
            dst.pragma_update(None, "key", k.expose())?;
        }
        {
            let b = rusqlite::backup::Backup::new(conn, &mut dst)?;
            // One step: the source is read in one read transaction, so the copy is one moment's data.
            b.step(-1)?;
        }
        let ok: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(Error::Conflict(format!("备份文件检查未通过：{ok}")));
        }
        Ok(())
    })
}

/// A free name for a backup made now in `dir` (created, the user's alone).
fn next_backup_path(dir: &Path, reason: BackupReason) -> Result<PathBuf> {
    crate::export::private_dir(dir)?;
    let now = Local::now().naive_local();
    let mut path = dir.join(file_name(now, reason));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{PREFIX}{}-{}-{n}.db", now.format("%Y-%m-%d-%H%M%S"), reason.as_str()));
        n += 1;
    }
    Ok(path)
}

/// After a backup was written to `path`: the rotation (an automatic backup only), then its description.
fn finish_backup(dir: &Path, path: &Path, reason: BackupReason) -> Result<BackupFile> {
    if reason != BackupReason::Manual {
        let made = path.display().to_string();
        for f in to_prune(&list(dir)) {
            // The backup just made is never the one to go, however the folder's files are dated.
            if f.path != made {
                let _ = std::fs::remove_file(&f.path);
            }
        }
    }
    describe(path).ok_or_else(|| Error::Conflict("备份文件写入后无法读取".into()))
}

/// An automatic backup to make (`Db::auto_backup_job`): the database file, its key, the folder.
pub struct BackupJob {
    source: PathBuf,
    key: Option<Passphrase>,
    dir: PathBuf,
    reason: BackupReason,
}

impl BackupJob {
    /// Copy the database through a read-only connection of its own: one read transaction, so the copy
    /// is one moment's data, however the app writes meanwhile.
    pub fn run(self) -> Result<BackupFile> {
        let conn = crate::crypto::open_file(
            &self.source,
            self.key.as_ref(),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let path = next_backup_path(&self.dir, self.reason)?;
        copy_to(&conn, self.key.as_ref(), &path)?;
        drop(conn);
        finish_backup(&self.dir, &path, self.reason)
    }
}

impl Db {
    /// The folder backups go to: the office's choice, else `backups` beside the database.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        Ok(match self.local_setting(DIR_KEY)? {
            Some(d) if !d.trim().is_empty() => PathBuf::from(d),
            _ => self.default_backup_dir(),
        })
    }

    pub fn default_backup_dir(&self) -> PathBuf {
        let p = Path::new(self.path());
        p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
    }

    /// Choose the backup folder (empty: back to the default). The folder must be writable: it is
    /// created if missing and tried with a small file.
    pub fn set_backup_dir(&mut self, dir: &str) -> Result<BackupOverview> {
        let dir = dir.trim();
        if !dir.is_empty() {
            let p = Path::new(dir);
            if !p.is_absolute() {
                return Err(Error::Validation(vec![crate::FieldError {
                    field: "dir".into(),
                    message: "请选择一个完整的文件夹路径".into(),
                }]));
            }
            crate::export::private_dir(p)?;
            let probe = p.join(".liaison-write-test");
            std::fs::write(&probe, b"ok")
                .and_then(|_| std::fs::remove_file(&probe))
                .map_err(|e| Error::Conflict(format!("无法写入备份文件夹 {dir}：{e}")))?;
        }
        self.set_local_setting(DIR_KEY, dir)?;
        self.backup_overview()
    }

    pub fn backup_overview(&self) -> Result<BackupOverview> {
        let dir = self.backup_dir()?;
        Ok(BackupOverview {
            files: list(&dir),
            dir: dir.display().to_string(),
            default_dir: self.default_backup_dir().display().to_string(),
            rotation: rotation_text(),
        })
    }

    /// A backup into the backup folder now; automatic ones are rotated afterwards.
    pub fn backup_now(&self, reason: BackupReason) -> Result<BackupFile> {
        let dir = self.backup_dir()?;
        let path = next_backup_path(&dir, reason)?;
        copy_to(&self.conn, self.key.as_ref(), &path)?;
        finish_backup(&dir, &path, reason)
    }

    /// A copy of the database to a file the user names (`liaison backup --out FILE`).
    pub fn backup_to(&self, out: &Path) -> Result<u64> {
        copy_to(&self.conn, self.key.as_ref(), out)?;
        Ok(std::fs::metadata(out)?.len())
    }

    /// The automatic backups: skipped for an office with nothing in it yet (nothing to lose), and for
    /// `Daily` when the newest backup is less than a day old.
    pub fn auto_backup(&self, reason: BackupReason) -> Result<Option<BackupFile>> {
        if !self.backup_due(reason)? {
            return Ok(None);
        }
        self.backup_now(reason).map(Some)
    }

    /// The automatic backup due now, if any, as a job that copies the database through a connection of
    /// its own (`BackupJob::run`): the app decides under its lock and copies outside it, so that the
    /// window's commands go on while a district's database is copied (WAL: the copy's read transaction
    /// and the app's writes do not wait for each other). None: nothing is due (see `auto_backup`), or the
    /// database is in memory (no file for a second connection).
    pub fn auto_backup_job(&self, reason: BackupReason) -> Result<Option<BackupJob>> {
        if self.path() == ":memory:" || !self.backup_due(reason)? {
            return Ok(None);
        }
        Ok(Some(BackupJob {
            source: PathBuf::from(self.path()),
            key: self.key.clone(),
            dir: self.backup_dir()?,
            reason,
        }))
    }

    fn backup_due(&self, reason: BackupReason) -> Result<bool> {
        if self.is_empty_office()? {
            return Ok(false);
        }
        if reason == BackupReason::Daily {
            if let Some(newest) = list(&self.backup_dir()?).first() {
                if let Ok(at) = NaiveDateTime::parse_from_str(&newest.made_at, "%Y-%m-%d %H:%M:%S") {
                    if Local::now().naive_local() - at < chrono::Duration::hours(24) {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    fn is_empty_office(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM liaison_groups) + (SELECT COUNT(*) FROM activities)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Restore from the backup `file_name` of the backup folder (what the app's 恢复 button names: no other
    /// path comes from the window). `key`: the backup's passphrase when it is not the database's own.
    pub fn restore_named(&mut self, file_name: &str, key: Option<Passphrase>) -> Result<RestoreOutcome> {
        let file = list(&self.backup_dir()?)
            .into_iter()
            .find(|f| f.file_name == file_name)
            .ok_or_else(|| Error::NotFound(format!("备份文件夹中没有 {file_name}：请刷新列表后重试")))?;
        self.restore_from(Path::new(&file.path), key)
    }

    /// Restore the database from a backup file: the file is checked first (`check_backup`), the current
    /// data is kept as a backup of its own (`pre_restore`), then the backup's content replaces it in one
    /// step (SQLite's backup API into this connection: all or nothing) and is brought to this version's
    /// schema. An encrypted backup is read with `key`, else with the database's own passphrase. The
    /// database keeps its own passphrase (or stays plain): a backup keyed otherwise is first converted
    /// into a temporary copy keyed like the database, removed afterwards.
    pub fn restore_from(&mut self, file: &Path, key: Option<Passphrase>) -> Result<RestoreOutcome> {
        let file_key = if crate::crypto::is_encrypted(file)? { key.or_else(|| self.key.clone()) } else { None };
        let checked = check_backup(file, file_key.as_ref())?;
        let previous = self.backup_now(BackupReason::PreRestore)?;
        let converted;
        let source = if file_key == self.key {
            file
        } else {
            let mut name = file.file_name().unwrap_or_default().to_owned();
            name.push(".restore-tmp");
            let tmp = self.backup_dir()?.join(name);
            crate::crypto::convert_file(file, file_key.as_ref(), &tmp, self.key.as_ref())?;
            converted = tmp;
            converted.as_path()
        };
        let copied = (|| -> Result<()> {
            let src = crate::crypto::open_file(source, self.key.as_ref(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let b = rusqlite::backup::Backup::new(&src, &mut self.conn)?;
            b.step(-1)?;
            Ok(())
        })();
        if source != file {
            let _ = std::fs::remove_file(source);
        }
        copied?;
        self.conn.flush_prepared_statement_cache();
        self.migrate()?;
        self.conn.execute_batch("PRAGMA optimize = 0x10002")?;
        Ok(RestoreOutcome { restored: checked, previous })
    }
}

/// Check a file before a restore: an SQLite database of this app, whole (integrity check), made by this
/// version or an older one; an encrypted one opened with `key`. Every refusal says why, in Chinese.
pub fn check_backup(file: &Path, key: Option<&Passphrase>) -> Result<BackupCheck> {
    let name = file.display().to_string();
    if !file.is_file() {
        return Err(Error::NotFound(format!("找不到备份文件 {name}")));
    }
    let not_ours = || Error::Conflict(format!("{name} 不是委员联络工作台的备份文件"));
    let encrypted = crate::crypto::is_encrypted(file)?;
    let conn = match crate::crypto::open_file(file, key, OpenFlags::SQLITE_OPEN_READ_ONLY) {
        Ok(c) => c,
        Err(e @ (Error::Locked(_) | Error::WrongPassphrase(_))) => {
            // A file that is not SQLite at all reads like an encrypted one: say both.
            return Err(match e {
                Error::Locked(_) => {
                    Error::Locked(format!("{name} 已加密（或不是委员联络工作台的备份文件）：请输入加密它时的口令"))
                }
                e => e,
            });
        }
        Err(_) => return Err(not_ours()),
    };
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| not_ours())?;
    if ok != "ok" {
        return Err(Error::Conflict(format!("备份文件 {name} 已损坏（完整性检查：{ok}），不能用于恢复")));
    }
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if v > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { db: v, supported: SCHEMA_VERSION });
    }
    let has = |t: &str| -> bool {
        conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [t], |_| Ok(())).is_ok()
    };
    if v < 1 || !has("members") || !has("settings") {
        return Err(not_ours());
    }
    let office: String =
        conn.query_row("SELECT value FROM settings WHERE key = 'office_name'", [], |r| r.get(0)).unwrap_or_default();
    let count = |sql: &str| -> u32 { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or(0) as u32 };
    Ok(BackupCheck {
        path: name,
        schema_version: v,
        office_name: office,
        members: count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"),
        activities: count("SELECT COUNT(*) FROM activities WHERE deleted_at IS NULL"),
        encrypted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, reason: BackupReason) -> BackupFile {
        let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        BackupFile {
            path: file_name(t, reason),
            file_name: file_name(t, reason),
            reason,
            made_at: s.into(),
            bytes: 1,
            encrypted: false,
        }
    }

    #[test]
    fn names_read_back() {
        let t = NaiveDateTime::parse_from_str("2026-11-30 20:35:12", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(file_name(t, BackupReason::PreImport), "liaison-backup-2026-11-30-203512-pre_import.db");
        assert_eq!(parse_name("liaison-backup-2026-11-30-203512-pre_import.db"), Some((t, BackupReason::PreImport)));
        assert_eq!(parse_name("liaison-backup-2026-11-30-203512-pre_import-2.db"), Some((t, BackupReason::PreImport)));
        assert_eq!(parse_name("liaison-backup-2026-11-30-203512-manual.db"), Some((t, BackupReason::Manual)));
        assert_eq!(parse_name("liaison.db"), None);
        assert_eq!(parse_name("liaison-backup-2026-11-30-203512-other.db"), None);
    }

    #[test]
    fn rotation_keeps_the_newest_then_one_a_day_then_one_a_week() {
        // Newest first: four today, one on each of the 10 days before, a manual one long ago.
        let mut files = vec![
            at("2026-11-30 18:00:00", BackupReason::Daily),
            at("2026-11-30 12:00:00", BackupReason::PreImport),
            at("2026-11-30 09:00:00", BackupReason::Start),
            at("2026-11-30 08:00:00", BackupReason::Start),
        ];
        for d in 1..=40 {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() - chrono::Duration::days(d);
            files.push(at(&format!("{day} 09:00:00"), BackupReason::Start));
        }
        files.push(at("2025-01-01 09:00:00", BackupReason::Manual));
        let pruned: Vec<&str> = to_prune(&files).iter().map(|f| f.made_at.as_str()).collect();
        let kept: Vec<&str> = files.iter().map(|f| f.made_at.as_str()).filter(|m| !pruned.contains(m)).collect();
        // The 3 newest (all today), one a day for 7 days (today … 11-24), then the newest of each
        // further ISO week until 4 weeks are covered, and the manual one.
        assert_eq!(
            kept,
            [
                "2026-11-30 18:00:00",
                "2026-11-30 12:00:00",
                "2026-11-30 09:00:00",
                "2026-11-29 09:00:00",
                "2026-11-28 09:00:00",
                "2026-11-27 09:00:00",
                "2026-11-26 09:00:00",
                "2026-11-25 09:00:00",
                "2026-11-24 09:00:00",
                "2026-11-22 09:00:00",
                "2026-11-15 09:00:00",
                "2025-01-01 09:00:00",
            ]
        );
    }
}
