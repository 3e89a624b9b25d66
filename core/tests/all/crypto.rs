//! Encryption at rest: a wrong passphrase changes nothing, no ID number in the raw bytes of the
//! database, its WAL or its backups, set → change → remove keeps every row, encrypted backups restore
//! with the passphrase, plain backups made before follow the database, and the CLI's passphrase.

use crate::common::{count, liaison};
use liaison_core::backup::{check_backup, list, BackupReason};
use liaison_core::crypto::{is_encrypted, OldBackups, Passphrase};
use liaison_core::error::ErrorCode;
use liaison_core::{Db, Error};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASS: &str = "春风又绿江南岸 2026";
const PASS2: &str = "明月何时照我还!";

fn pass(s: &str) -> Option<Passphrase> {
    Some(Passphrase::new(s))
}

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    memchr::memmem::find(hay, needle.as_bytes()).is_some()
}

/// A demo office of `n` members in a temporary folder, and one member's ID number.
fn demo(n: u32) -> (tempfile::TempDir, PathBuf, Db, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut db = Db::open(&path).unwrap();
    db.load_demo(n, None).unwrap();
    let id: String =
        db.conn().query_row("SELECT id_number FROM members WHERE id_number <> '' LIMIT 1", [], |r| r.get(0)).unwrap();
    (dir, path, db, id)
}

/// Every table's rows, as text, to compare a database before and after.
fn all_rows(db: &Db) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = db
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables
        .into_iter()
        .filter(|t| t != "audit_log")
        .map(|t| {
            let mut st = db.conn().prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| {
                    let cols: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                    Ok(cols.join("|"))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

#[test]
fn a_plain_file_is_told_from_an_encrypted_one_without_the_key() {
    let (dir, path, mut db, _) = demo(5);
    assert!(!is_encrypted(&path).unwrap());
    assert!(!is_encrypted(&dir.path().join("missing.db")).unwrap());
    assert!(!db.is_encrypted() && db.passphrase().is_none());
    db.set_passphrase(None, pass(PASS), OldBackups::Convert).unwrap();
    assert!(is_encrypted(&path).unwrap());
    assert!(db.is_encrypted());
    assert_eq!(db.passphrase().unwrap().expose(), PASS);
    assert_eq!(format!("{:?}", db.passphrase().unwrap()), "Passphrase(***)");
    drop(db);
    // Opened without a passphrase: locked, with its own code.
    let e = Db::open(&path).err().unwrap();
    assert!(matches!(e, Error::Locked(_)), "{e}");
    assert_eq!(e.code(), ErrorCode::Locked);
}

#[test]
fn a_wrong_passphrase_is_refused_and_nothing_changes() {
    let (_dir, path, mut db, _) = demo(20);
    db.set_passphrase(None, pass(PASS), OldBackups::Convert).unwrap();
    drop(db);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let before = sha(&path);
    let wal_before = wal.exists().then(|| sha(&wal));
    for wrong in ["春风又绿江南岸 2025", "", "x", PASS2] {
        let e = Db::open_with(&path, pass(wrong)).err().unwrap();
        assert!(matches!(e, Error::WrongPassphrase(_)), "{wrong}: {e}");
        assert_eq!(e.code(), ErrorCode::WrongPassphrase);
        assert!(e.to_string().contains("口令不正确"), "{e}");
    }
    assert_eq!(sha(&path), before, "the file is byte for byte as it was");
    assert_eq!(wal.exists().then(|| sha(&wal)), wal_before);
    // The right one opens it, with every member.
    let db = Db::open_with(&path, pass(PASS)).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members"), 20);
    assert!(db.check().unwrap().is_empty());
}

#[test]
fn no_id_number_in_the_raw_database_or_its_wal_when_encrypted() {
    let (_dir, path, mut db, id) = demo(50);
    // Plain, the number is there to find (the test can fail).
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    assert!(contains(&std::fs::read(&path).unwrap(), &id), "plain: the ID is in the file");

    db.set_passphrase(None, pass(PASS), OldBackups::Convert).unwrap();
    // A change, left in the WAL (not checkpointed): a new member's ID number and the known one again.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    db.conn().execute_batch("PRAGMA wal_autocheckpoint = 0").unwrap();
    let fresh = "110101199003077777";
    db.conn().execute("UPDATE members SET id_number = ?1, notes = ?2 WHERE id_number = ?3", [fresh, &id, &id]).unwrap();
    let wal_bytes = std::fs::read(&wal).unwrap();
    assert!(wal_bytes.len() > 4096, "the change is in the WAL ({} bytes)", wal_bytes.len());
    for needle in [id.as_str(), fresh] {
        assert!(!contains(&wal_bytes, needle), "{needle} in the WAL");
        assert!(!contains(&std::fs::read(&path).unwrap(), needle), "{needle} in the database");
    }
    // No member's name either (a demo name is plain UTF-8 text in a plain file).
    let name: String = db.conn().query_row("SELECT name FROM members LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(!contains(&std::fs::read(&path).unwrap(), &name));
    // No file beside it from the change holds the old plaintext.
    let dir = path.parent().unwrap();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_file() {
            assert!(!contains(&std::fs::read(&p).unwrap(), &id), "{} holds the ID", p.display());
        }
    }
}

#[test]
fn set_change_remove_round_trip_keeps_every_row() {
    let (_dir, path, mut db, id) = demo(200);
    let rows = all_rows(&db);
    let version = db.schema_version().unwrap();

    let o = db.set_passphrase(None, pass(PASS), OldBackups::Convert).unwrap();
    assert!(o.encrypted);
    assert_eq!(o.backup.reason, BackupReason::PreEncryption);
    assert!(o.backup.encrypted, "the backup made before is converted too");
    assert_eq!(all_rows(&db), rows);
    assert_eq!(db.schema_version().unwrap(), version);
    drop(db);

    // Change: the current passphrase first.
    let mut db = Db::open_with(&path, pass(PASS)).unwrap();
    let e = db.set_passphrase(Some("not it"), pass(PASS2), OldBackups::Convert).unwrap_err();
    assert!(matches!(&e, Error::Validation(f) if f[0].field == "current"), "{e}");
    let e = db.set_passphrase(Some(PASS), pass("short"), OldBackups::Convert).unwrap_err();
    assert!(matches!(&e, Error::Validation(f) if f[0].field == "new"), "{e}");
    db.set_passphrase(Some(PASS), pass(PASS2), OldBackups::Convert).unwrap();
    assert_eq!(all_rows(&db), rows);
    drop(db);
    assert!(matches!(Db::open_with(&path, pass(PASS)).err().unwrap(), Error::WrongPassphrase(_)));
    let mut db = Db::open_with(&path, pass(PASS2)).unwrap();
    // Every backup follows: each opens with the new passphrase, none with the old one.
    for f in list(&db.backup_dir().unwrap()) {
        assert!(f.encrypted, "{}", f.file_name);
        assert!(check_backup(Path::new(&f.path), pass(PASS2).as_ref()).is_ok(), "{}", f.file_name);
        let e = check_backup(Path::new(&f.path), pass(PASS).as_ref()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongPassphrase);
        assert!(!contains(&std::fs::read(&f.path).unwrap(), &id));
    }

    // Remove.
    let o = db.set_passphrase(Some(PASS2), None, OldBackups::Convert).unwrap();
    assert!(!o.encrypted);
    assert_eq!(all_rows(&db), rows);
    drop(db);
    assert!(!is_encrypted(&path).unwrap());
    let db = Db::open(&path).unwrap();
    assert_eq!(all_rows(&db), rows);
    assert!(db.check().unwrap().is_empty());
    // Who did what is in the audit log, with no passphrase in it.
    let actions: Vec<String> = db
        .conn()
        .prepare("SELECT action FROM audit_log WHERE entity = 'database' ORDER BY at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(actions, ["encrypt", "rekey", "decrypt"]);
    let log: String = db.conn().query_row("SELECT group_concat(changes) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert!(!log.contains(PASS) && !log.contains(PASS2));
    // No leftovers beside the database.
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert!(!names.iter().any(|n| n.contains("tmp") || n.ends_with(".part")), "{names:?}");
}

#[test]
fn an_encrypted_backup_holds_no_id_and_restores_with_the_passphrase() {
    let (dir, path, mut db, id) = demo(40);
    db.set_passphrase(None, pass(PASS), OldBackups::Convert).unwrap();
    let members = count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL");
    let f = db.backup_now(BackupReason::Manual).unwrap();
    assert!(f.encrypted);
    let bytes = std::fs::read(&f.path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3\0"));
    assert!(!contains(&bytes, &id));
    // The app's start backup, copied through a connection of its own, is encrypted the same way.
    let job = db.auto_backup_job(BackupReason::Start).unwrap().unwrap().run().unwrap();
    assert!(job.encrypted && !contains(&std::fs::read(&job.path).unwrap(), &id));
    assert_eq!(check_backup(Path::new(&job.path), pass(PASS).as_ref()).unwrap().members as i64, members);
    let out = dir.path().join("U盘备份.db");
    db.backup_to(&out).unwrap();
    assert!(is_encrypted(&out).unwrap() && !contains(&std::fs::read(&out).unwrap(), &id));

    // Without the passphrase a backup is not readable; with a wrong one it is refused by name.
    assert_eq!(check_backup(&out, None).unwrap_err().code(), ErrorCode::Locked);
    assert_eq!(check_backup(&out, pass(PASS2).as_ref()).unwrap_err().code(), ErrorCode::WrongPassphrase);
    let c = check_backup(&out, pass(PASS).as_ref()).unwrap();
    assert!(c.encrypted);
    assert_eq!(c.members as i64, members);

    // Change, then restore: the database's own passphrase reads its backups.
    db.conn().execute_batch("UPDATE members SET deleted_at = '2026-01-01T00:00:00.000Z'").unwrap();
    let r = db.restore_named(&f.file_name, None).unwrap();
    assert_eq!(r.restored.members as i64, members);
    assert!(r.previous.encrypted, "the 恢复前 backup is encrypted too");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), members);
    drop(db);
    assert!(is_encrypted(&path).unwrap());
    let mut db = Db::open_with(&path, pass(PASS)).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), members);

    // A backup under another passphrase restores given that passphrase, and the database keeps its own.
    db.set_passphrase(Some(PASS), pass(PASS2), OldBackups::Keep).unwrap();
    let e = db.restore_from(&out, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongPassphrase, "{e}");
    db.restore_from(&out, pass(PASS)).unwrap();
    drop(db);
    let db = Db::open_with(&path, pass(PASS2)).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), members);
    assert!(db.check().unwrap().is_empty());
}

#[test]
fn plain_backups_made_before_are_converted_deleted_or_kept() {
    for (choice, plain_left) in [(OldBackups::Convert, 0), (OldBackups::Delete, 0), (OldBackups::Keep, 3)] {
        let (_dir, _path, mut db, id) = demo(10);
        for _ in 0..2 {
            db.backup_now(BackupReason::Manual).unwrap();
        }
        let o = db.set_passphrase(None, pass(PASS), choice).unwrap();
        let files = list(&db.backup_dir().unwrap());
        let plain: Vec<_> = files.iter().filter(|f| !f.encrypted).collect();
        assert_eq!(plain.len(), plain_left, "{choice:?}: {files:?}");
        assert_eq!(db.security_status().unwrap().plain_backups as usize, plain_left);
        match choice {
            OldBackups::Convert => {
                assert_eq!((o.converted, files.len()), (3, 3));
                for f in &files {
                    assert!(!contains(&std::fs::read(&f.path).unwrap(), &id));
                }
            }
            // The backup made just before the change stays, encrypted.
            OldBackups::Delete => {
                assert_eq!((o.deleted, files.len()), (2, 1));
                assert!(files[0].encrypted && files[0].reason == BackupReason::PreEncryption);
            }
            OldBackups::Keep => assert_eq!(o.left.len(), 3),
        }
    }
}

#[test]
fn idle_lock_is_this_laptops_setting() {
    let (_dir, _path, mut db, _) = demo(3);
    assert_eq!(db.security_status().unwrap().idle_lock_minutes, 0);
    assert_eq!(db.set_idle_lock_minutes(15).unwrap().idle_lock_minutes, 15);
    assert!(db.set_idle_lock_minutes(100_000).is_err());
    assert_eq!(db.local_setting("idle_lock_minutes").unwrap().as_deref(), Some("15"));
}

fn cli(db: &Path, pass: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_liaison"));
    c.arg("--db").arg(db).args(args).env_remove("LIAISON_PASSPHRASE").env_remove("LIAISON_NEW_PASSPHRASE");
    if let Some(p) = pass {
        c.env("LIAISON_PASSPHRASE", p);
    }
    c.stdin(std::process::Stdio::null()).output().unwrap()
}

#[test]
fn cli_encrypt_rekey_decrypt_and_the_passphrase_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    assert!(liaison(&db, &["demo", "--members", "15"]).status.success());
    let text = |o: &std::process::Output| {
        format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
    };

    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("--db")
        .arg(&db)
        .arg("encrypt")
        .env("LIAISON_NEW_PASSPHRASE", PASS)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("已加密"), "{}", text(&out));
    assert!(is_encrypted(&db).unwrap());

    // No passphrase and no terminal: a clear message, exit 1.
    let out = cli(&db, None, &["members", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("LIAISON_PASSPHRASE"), "{}", text(&out));
    let out = cli(&db, Some("wrong passphrase"), &["members", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("口令不正确"), "{}", text(&out));
    let out = cli(&db, Some("wrong passphrase"), &["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "wrong_passphrase");
    let out = cli(&db, Some(PASS), &["members", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().len(), 15);

    // Rekey, then decrypt.
    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("--db")
        .arg(&db)
        .arg("rekey")
        .env("LIAISON_PASSPHRASE", PASS)
        .env("LIAISON_NEW_PASSPHRASE", PASS2)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(cli(&db, Some(PASS), &["check"]).status.code() == Some(1));
    assert!(cli(&db, Some(PASS2), &["check"]).status.success());
    let out = cli(&db, Some(PASS2), &["decrypt"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!is_encrypted(&db).unwrap());
    assert!(cli(&db, None, &["check"]).status.success());
    // Decrypting a plain database says so.
    let out = cli(&db, None, &["decrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("没有加密"), "{}", text(&out));
}
