//! Backups and restore: a consistent copy while the database is open (WAL included), the automatic
//! ones (before an import, before a migration, daily), rotation, and a restore that checks the file
//! first and keeps what it replaces.

use crate::common::{count, liaison, open};
use liaison_core::backup::{check_backup, list, BackupReason};
use liaison_core::import::{CommitMode, ImportOptions};
use liaison_core::Db;
use std::path::Path;

fn demo() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = open();
    db.load_demo(30, None).unwrap();
    (dir, db)
}

#[test]
fn backup_change_restore_round_trip() {
    let (dir, mut db) = demo();
    db.set_office_name("政协某区委员会").unwrap();
    let members = count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL");
    let f = db.backup_now(BackupReason::Manual).unwrap();
    assert!(f.path.starts_with(&dir.path().join("backups").display().to_string()));
    assert_eq!(f.reason, BackupReason::Manual);

    // Change: a member deleted, the office renamed (in the WAL: nothing checkpointed yet).
    let victim: String = db.conn().query_row("SELECT id FROM members LIMIT 1", [], |r| r.get(0)).unwrap();
    db.delete_member(&victim).unwrap();
    db.set_office_name("改过的名字").unwrap();
    let after_change = db.backup_now(BackupReason::Manual).unwrap();
    assert_eq!(
        check_backup(Path::new(&after_change.path), None).unwrap().office_name,
        "改过的名字",
        "the WAL is in the copy"
    );

    let out = db.restore_named(&f.file_name, None).unwrap();
    assert_eq!(out.restored.members as i64, members);
    assert_eq!(db.app_info().unwrap().office_name, "政协某区委员会");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), members);
    assert!(db.check().unwrap().is_empty());
    // What the restore replaced was kept.
    assert_eq!(out.previous.reason, BackupReason::PreRestore);
    assert_eq!(check_backup(Path::new(&out.previous.path), None).unwrap().office_name, "改过的名字");
    // The restored data is on disk, for the next start too.
    drop(db);
    let db = Db::open(dir.path().join("t.db")).unwrap();
    assert_eq!(db.app_info().unwrap().office_name, "政协某区委员会");
}

#[test]
fn a_restore_refuses_a_bad_file_and_changes_nothing() {
    let (dir, mut db) = demo();
    db.set_office_name("原来的单位").unwrap();
    let good = db.backup_now(BackupReason::Manual).unwrap();
    let before = list(&db.backup_dir().unwrap()).len();

    let text = dir.path().join("名册.db");
    std::fs::write(&text, "姓名,性别\n王伟,男\n").unwrap();
    let e = db.restore_from(&text, None).unwrap_err().to_string();
    assert!(e.contains("不是委员联络工作台的备份文件"), "{e}");

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE x (a); PRAGMA user_version = 1;").unwrap();
    let e = db.restore_from(&other, None).unwrap_err().to_string();
    assert!(e.contains("不是委员联络工作台的备份文件"), "{e}");

    let newer = dir.path().join("newer.db");
    std::fs::copy(&good.path, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let e = db.restore_from(&newer, None).unwrap_err().to_string();
    assert!(e.contains("数据库版本为 99") && e.contains("请升级"), "{e}");

    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good.path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let e = db.restore_from(&damaged, None).unwrap_err().to_string();
    assert!(e.contains("已损坏") || e.contains("不是委员联络工作台的备份文件"), "{e}");

    let e = db.restore_from(&dir.path().join("missing.db"), None).unwrap_err().to_string();
    assert!(e.contains("找不到备份文件"), "{e}");
    let e = db.restore_named("../other.db", None).unwrap_err().to_string();
    assert!(e.contains("备份文件夹中没有 ../other.db"), "{e}");

    assert_eq!(db.app_info().unwrap().office_name, "原来的单位");
    assert_eq!(list(&db.backup_dir().unwrap()).len(), before, "no pre-restore backup for a refused file");
}

#[test]
fn an_import_is_preceded_by_a_backup_and_an_empty_office_needs_none() {
    let (dir, mut db) = open();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/contacts-gbk.csv");
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    db.import_commit(&fixture, &opts, CommitMode::ValidRows).unwrap();
    assert!(list(&dir.path().join("backups")).is_empty(), "nothing to lose in an empty office");
    let members = count(&db, "SELECT COUNT(*) FROM members");
    assert!(members > 0);
    // The second import of the same file writes nothing: no backup either.
    db.import_commit(&fixture, &opts, CommitMode::ValidRows).unwrap();
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/roster-sample.xlsx");
    db.import_commit(&roster, &opts, CommitMode::ValidRows).unwrap();
    let kept = list(&dir.path().join("backups"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].reason, BackupReason::PreImport);
    assert_eq!(check_backup(Path::new(&kept[0].path), None).unwrap().members as i64, members);
}

#[test]
fn the_daily_backup_waits_a_day_and_the_folder_can_be_changed() {
    let (dir, mut db) = demo();
    assert!(db.auto_backup(BackupReason::Daily).unwrap().is_some(), "none yet: made");
    assert!(db.auto_backup(BackupReason::Daily).unwrap().is_none(), "one today: not again");
    let stick = dir.path().join("U盘").join("备份");
    let o = db.set_backup_dir(stick.to_str().unwrap()).unwrap();
    assert_eq!(o.dir, stick.display().to_string());
    assert!(o.files.is_empty());
    db.backup_now(BackupReason::Manual).unwrap();
    assert_eq!(list(&stick).len(), 1);
    let e = db.set_backup_dir("relative/path").unwrap_err().to_string();
    assert!(e.contains("完整的文件夹路径"), "{e}");
    let o = db.set_backup_dir("").unwrap();
    assert_eq!(o.dir, o.default_dir);
}

/// The app's automatic backup is decided under its lock and copied through a connection of its own: the
/// database stays writable while the copy is made, and the copy is the moment the job began to read.
#[test]
fn an_automatic_backup_job_copies_beside_the_open_database() {
    let (dir, mut db) = demo();
    let members = count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL");
    let before = db.app_info().unwrap().office_name;
    let job = db.auto_backup_job(BackupReason::Start).unwrap().expect("an office with members: due");
    // The app goes on writing while the job runs on another thread.
    let copier = std::thread::spawn(move || job.run());
    db.set_office_name("备份时改的名字").unwrap();
    let f = copier.join().unwrap().unwrap();
    assert_eq!(f.reason, BackupReason::Start);
    assert!(f.path.starts_with(&dir.path().join("backups").display().to_string()));
    let c = check_backup(Path::new(&f.path), None).unwrap();
    assert_eq!(c.members as i64, members);
    assert!(
        [before.as_str(), "备份时改的名字"].contains(&c.office_name.as_str()),
        "one moment's data: {}",
        c.office_name
    );
    // Daily: the start backup is less than a day old.
    assert!(db.auto_backup_job(BackupReason::Daily).unwrap().is_none());
    // An empty office has nothing to lose.
    let (_d, empty) = open();
    assert!(empty.auto_backup_job(BackupReason::Start).unwrap().is_none());
}

#[test]
fn cli_backup_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(liaison(&db, &["demo", "--members", "20"]).status.success());
    let file = dir.path().join("备份.db");
    let out = liaison(&db, &["backup", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已备份到"));
    {
        let d = Db::open(&db).unwrap();
        d.conn().execute_batch("UPDATE members SET deleted_at = '2026-01-01T00:00:00.000Z'").unwrap();
    }
    let out = liaison(&db, &["restore", file.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["restored"]["members"], 20);
    assert_eq!(v["previous"]["reason"], "pre_restore");
    let d = Db::open(&db).unwrap();
    assert_eq!(count(&d, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 20);
    let out = liaison(&db, &["backups"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("恢复前"));
    let out = liaison(&db, &["restore", dir.path().join("nope.db").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到备份文件"));
}

/// Twelve automatic backups in a row (several in one second: `…-pre_import-2.db` … `-10`, other
/// reasons between): each backup_now succeeds, and the three newest kept are the last three made.
#[test]
fn many_backups_in_one_second_keep_the_newest() {
    let (dir, db) = demo();
    let reasons = [BackupReason::PreImport, BackupReason::Start, BackupReason::PreImport];
    let mut made = Vec::new();
    for i in 0..12 {
        made.push(db.backup_now(reasons[i % 3]).unwrap().file_name);
    }
    let kept: Vec<String> = list(&dir.path().join("backups")).into_iter().map(|f| f.file_name).collect();
    assert!(kept.len() >= 3, "{kept:?}");
    let newest: Vec<&String> = made.iter().rev().take(3).collect();
    assert_eq!(kept.iter().take(3).collect::<Vec<_>>(), newest, "made {made:?}");
}
