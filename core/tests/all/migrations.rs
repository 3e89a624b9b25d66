//! The schema's numbered, forward-only migrations (core/migrations, run by `Db::open`): a new database
//! gets every one, an older one is brought up to date, a newer one is refused; and no migration that has
//! shipped is ever edited (core/tests/shipped_migrations.txt keeps each one's SHA-256).

use crate::common::{count, day};
use crate::sessions::{attendee, session, sitting};
use liaison_core::db::{MIGRATIONS, SCHEMA_VERSION};
use liaison_core::model::*;
use liaison_core::sessions::*;
use liaison_core::{Db, Error};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The list of shipped migrations: `NNNN_name.sql <SHA-256>` per line, `#` comments.
const SHIPPED_LIST: &str = "core/tests/shipped_migrations.txt";

fn shipped_list() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shipped_migrations.txt")).unwrap()
}

fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

/// The `.sql` files of a migrations folder, by name (which starts with the number: the order they run in).
fn sql_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect()
}

/// SHA-256 of a migration as hex, its line endings taken as LF (a Windows checkout may have CRLF).
fn sha256(path: &Path) -> String {
    let text = std::fs::read(path).unwrap();
    let mut lf = Vec::with_capacity(text.len());
    for (i, &b) in text.iter().enumerate() {
        if !(b == b'\r' && text.get(i + 1) == Some(&b'\n')) {
            lf.push(b);
        }
    }
    Sha256::digest(&lf).iter().map(|b| format!("{b:02x}")).collect()
}

/// The migration's number: the digits its file name starts with.
fn number(file: &str) -> &str {
    file.split('_').next().unwrap_or(file)
}

/// Compare the migrations in `dir` with the shipped list (the text of shipped_migrations.txt): every
/// problem, each in a sentence that says what to do, or nothing.
fn check_shipped(dir: &Path, list: &str) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut shipped = BTreeMap::new();
    for (i, line) in list.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [file, hash] if file.ends_with(".sql") && hash.len() == 64 => {
                if shipped.insert(file.to_string(), hash.to_ascii_lowercase()).is_some() {
                    problems.push(format!("{SHIPPED_LIST} line {}: {file} is listed twice", i + 1));
                }
            }
            _ => problems
                .push(format!("{SHIPPED_LIST} line {}: expected `NNNN_name.sql <SHA-256>`, got `{line}`", i + 1)),
        }
    }
    let files = sql_files(dir);
    for (file, hash) in &shipped {
        let n = number(file);
        match files.get(file) {
            None => problems.push(format!(
                "migration {n} was already shipped: add a new migration instead of editing it \
                 ({file} is missing from {}: put it back as it was)",
                dir.display()
            )),
            Some(path) => {
                let now = sha256(path);
                if &now != hash {
                    problems.push(format!(
                        "migration {n} was already shipped: add a new migration instead of editing it \
                         ({file} has SHA-256 {now}, shipped as {hash}; to undo the edit: git checkout {})",
                        path.display()
                    ));
                }
            }
        }
    }
    for (file, path) in &files {
        if !shipped.contains_key(file) {
            problems.push(format!(
                "migration {} ({file}) is new: add it to the list of shipped migrations, {SHIPPED_LIST}, \
                 with the line\n    {file} {}",
                number(file),
                sha256(path)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[test]
fn shipped_migrations_are_unchanged() {
    if let Err(problems) = check_shipped(&migrations_dir(), &shipped_list()) {
        panic!("{}", problems.join("\n"));
    }
}

/// The check itself: on a copy of the migrations, an edit to a shipped one, a missing one and a new one
/// each fail it, with a message that says what to do. (Problems the real folder has already, say a new
/// migration not listed yet, are shipped_migrations_are_unchanged's to report: only new ones count here.)
#[test]
fn the_shipped_check_fails_on_an_edited_a_missing_and_a_new_migration() {
    let list = shipped_list();
    let copy = || {
        let dir = tempfile::tempdir().unwrap();
        for (file, path) in sql_files(&migrations_dir()) {
            std::fs::copy(path, dir.path().join(file)).unwrap();
        }
        dir
    };
    let problems = |dir: &Path| check_shipped(dir, &list).err().unwrap_or_default();
    let first = shipped_list()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.split_whitespace().next())
        .expect("a shipped migration")
        .to_string();
    let n = number(&first).to_string();

    let dir = copy();
    let before = problems(dir.path());
    let new_problems =
        |dir: &Path| -> Vec<String> { problems(dir).into_iter().filter(|p| !before.contains(p)).collect() };
    // CRLF line endings (a Windows checkout) are the same migration.
    let path = dir.path().join(&first);
    let crlf = std::fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    std::fs::write(&path, crlf).unwrap();
    assert_eq!(new_problems(dir.path()), Vec::<String>::new(), "line endings are not an edit");

    // One statement more in the first migration.
    let mut sql = std::fs::read_to_string(&path).unwrap();
    sql.push_str("CREATE INDEX idx_edited ON members (name);\r\n");
    std::fs::write(&path, sql).unwrap();
    let found = new_problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!("migration {n} was already shipped: add a new migration instead of editing it")),
        "{}",
        found[0]
    );

    // The first migration gone (e.g. renamed), and a new one not yet in the list.
    let dir = copy();
    std::fs::remove_file(dir.path().join(&first)).unwrap();
    std::fs::write(dir.path().join("9999_new.sql"), "CREATE TABLE t (id TEXT PRIMARY KEY);\n").unwrap();
    let found = new_problems(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with(&format!("migration {n} was already shipped")), "{}", found[0]);
    assert!(found[0].contains("missing"), "{}", found[0]);
    assert!(found[1].starts_with("migration 9999 (9999_new.sql) is new: add it to the list"), "{}", found[1]);
    let line = format!("9999_new.sql {}", sha256(&dir.path().join("9999_new.sql")));
    assert!(found[1].contains(&line), "the line to add: {}", found[1]);

    // A list with a bad line says so.
    let found = check_shipped(copy().path(), &format!("{list}\n0004_x.sql not-a-hash\n")).unwrap_err();
    assert!(found.iter().any(|p| p.contains("expected `NNNN_name.sql <SHA-256>`")), "{found:?}");
}

/// The program runs exactly the migration files, in the order of their numbers 1, 2, 3 …
#[test]
fn the_program_runs_the_migration_files_in_order() {
    let files = sql_files(&migrations_dir());
    assert_eq!(MIGRATIONS.len(), files.len(), "every file in core/migrations is in MIGRATIONS (core/src/db.rs)");
    assert_eq!(SCHEMA_VERSION, files.len() as i64);
    for (i, (file, path)) in files.iter().enumerate() {
        assert_eq!(
            number(file).parse::<usize>().ok(),
            Some(i + 1),
            "{file}: migrations are numbered 0001, 0002 … with no gap"
        );
        assert_eq!(MIGRATIONS[i], std::fs::read_to_string(path).unwrap(), "MIGRATIONS[{i}] is {file}");
    }
}

#[test]
fn migrations_create_and_seed_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), liaison_core::db::SCHEMA_VERSION);
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert_eq!(db.refs(RefKind::Sector).unwrap().len(), 35);
    assert_eq!(db.refs(RefKind::Party).unwrap().len(), 11);
    assert!(db.refs(RefKind::Committee).unwrap().iter().any(|c| c.name == "提案委员会"));
    assert!(db.current_term().unwrap().unwrap().is_current);
    assert!(db.check().unwrap().is_empty());
    drop(db);
    // Reopening runs no migration twice and seeds nothing twice.
    let db = Db::open(&path).unwrap();
    assert_eq!(db.refs(RefKind::Sector).unwrap().len(), 35);
    assert_eq!(db.terms().unwrap().len(), 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Db::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    match Db::open(&path) {
        Err(e @ Error::SchemaTooNew { .. }) => assert!(e.to_string().contains("请升级")),
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("a newer database was opened"),
    }
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_version_1_database_with_members_migrates_to_version_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    // A database as version 1 of the program left it: the first migration, its seed, a member in a group.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        c.execute_batch(liaison_core::db::MIGRATIONS[0]).unwrap();
        let t = "2025-01-01T00:00:00.000Z";
        c.execute(
            "INSERT INTO terms (id, name, start_year, end_year, is_current, sort, created_at, updated_at)
             VALUES ('t1', '第十五届', 2022, 2027, 1, 10, ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO ref_items (id, kind, name, sort, created_at, updated_at) VALUES ('s1', 'sector', '教育界', 10, ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO members (id, name, gender, sector_id, term_list, created_at, updated_at)
             VALUES ('m1', '王伟', '男', 's1', ',t1,', ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute("INSERT INTO member_terms (member_id, term_id) VALUES ('m1', 't1')", []).unwrap();
        c.execute(
            "INSERT INTO liaison_groups (id, term_id, name, created_at, updated_at) VALUES ('g1', 't1', '城关镇联络组', ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO group_members (group_id, member_id, term_id, role, created_at) VALUES ('g1', 'm1', 't1', 'leader', ?1)",
            [t],
        )
        .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), liaison_core::db::SCHEMA_VERSION);
    // The data as version 1 left it was kept first, in the backup folder beside the database.
    let kept = liaison_core::backup::list(&dir.path().join("backups"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].reason, liaison_core::backup::BackupReason::PreMigration);
    let check = liaison_core::backup::check_backup(Path::new(&kept[0].path)).unwrap();
    assert_eq!((check.schema_version, check.members), (1, 1));
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    assert_eq!(db.member("m1").unwrap().name, "王伟");
    assert_eq!(db.group("g1").unwrap().members.len(), 1);
    for table in [
        "activities",
        "visit_rounds",
        "visits",
        "follow_ups",
        "activity_stops",
        "participants",
        "leave_requests",
        "reflections",
        "activity_attachments",
    ] {
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM {table}")), 0, "{table}");
    }
    // The old member takes part in a new activity.
    let id = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Group,
            title: "城关镇联络组委员进社区".into(),
            date: day(-2),
            place: "城关镇委员之家".into(),
            content: "听取群众意见".into(),
            responsible: "王伟".into(),
            organiser: Organiser::Group,
            group_id: Some("g1".into()),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let inv =
        db.invite_members(InviteInput { activity_id: id.clone(), group_id: Some("g1".into()), ..Default::default() });
    assert_eq!(inv.unwrap().added, 1);
    db.sign_in(SignInInput { activity_id: id.clone(), member_ids: vec!["m1".into()], ..Default::default() }).unwrap();
    let h = db.member_history("m1").unwrap();
    assert_eq!(h.activities.len(), 1);
    assert_eq!(h.activities[0].attendance, Some(Attendance::Present));
    drop(db);
    // Opening again migrates nothing twice.
    assert_eq!(Db::open(&path).unwrap().schema_version().unwrap(), liaison_core::db::SCHEMA_VERSION);
}

#[test]
fn a_version_2_database_migrates_to_version_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        c.execute_batch(liaison_core::db::MIGRATIONS[0]).unwrap();
        c.execute_batch(liaison_core::db::MIGRATIONS[1]).unwrap();
        let t = "2025-01-01T00:00:00.000Z";
        c.execute(
            "INSERT INTO terms (id, name, start_year, end_year, is_current, sort, created_at, updated_at)
             VALUES ('t1', '第十五届', 2022, 2027, 1, 10, ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO ref_items (id, kind, name, sort, created_at, updated_at) VALUES ('s1', 'sector', '教育界', 10, ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO members (id, name, gender, sector_id, term_list, name_pinyin, name_initials, created_at, updated_at)
             VALUES ('m1', '王伟', '男', 's1', ',t1,', 'wangwei', 'ww', ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute("INSERT INTO member_terms (member_id, term_id) VALUES ('m1', 't1')", []).unwrap();
        c.execute(
            "INSERT INTO activities (id, kind, title, start_date, created_at, updated_at) VALUES ('a1', 'forum', '座谈会', '2025-03-01', ?1, ?1)",
            [t],
        )
        .unwrap();
        c.execute(
            "INSERT INTO participants (id, activity_id, member_id, attendance, created_at, updated_at)
             VALUES ('p1', 'a1', 'm1', 'present', ?1, ?1)",
            [t],
        )
        .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    assert_eq!(db.member_history("m1").unwrap().activities.len(), 1);
    for table in ["sessions", "session_sittings", "session_attendees", "session_seats", "hall_layouts"] {
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM {table}")), 0, "{table}");
    }
    // The old member goes on a new session's list; the session is in the member's history.
    let sid = session(&mut db, -1);
    assert_eq!(db.add_session_members(&sid, &[]).unwrap(), 1);
    let x = sitting(&mut db, &sid, -1, HalfDay::Am, SittingKind::Opening);
    let a = attendee(&db, &sid, "王伟");
    db.sign_in_sitting(SittingSignInInput { sitting_id: x, attendee_ids: vec![a.id], ..Default::default() }).unwrap();
    let h = db.member_history("m1").unwrap();
    assert_eq!(h.activities.len(), 2);
    let plenary = h.activities.iter().find(|a| a.kind == ActivityKind::Plenary).unwrap();
    assert_eq!(plenary.attendance, Some(Attendance::Present));
    drop(db);
    assert_eq!(Db::open(&path).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_version_3_database_migrates_to_version_4() {
    // A database as version 3 left it: a session with its layout, a sitting and a seat.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        for m in &MIGRATIONS[..3] {
            c.execute_batch(m).unwrap();
        }
        let t = "2025-01-01T00:00:00.000Z";
        c.execute_batch(&format!(
            "INSERT INTO terms (id, name, start_year, end_year, is_current, sort, created_at, updated_at)
               VALUES ('t1', '第十五届', 2022, 2027, 1, 10, '{t}', '{t}');
             INSERT INTO activities (id, kind, title, start_date, created_at, updated_at)
               VALUES ('a1', 'plenary', '政协第十五届第三次会议', '2025-01-10', '{t}', '{t}');
             INSERT INTO hall_layouts (id, name, hall_rows, seat_columns, aisle_columns, created_at, updated_at)
               VALUES ('l1', '大礼堂', 20, 30, '9,22', '{t}', '{t}');
             INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, layout_id, created_at, updated_at)
               VALUES ('s1', 'a1', 't1', '政协第十五届第三次会议', '2025-01-10', '2025-01-12', 'l1', '{t}', '{t}');
             INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, created_at, updated_at)
               VALUES ('x1', 's1', 'opening', '开幕会', '2025-01-10', 'am', '{t}', '{t}');"
        ))
        .unwrap();
        c.pragma_update(None, "user_version", 3).unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    // The old session is a 全体会议; its hall is the clerk's (never resized by the app).
    let d = db.session("s1").unwrap();
    assert_eq!(d.session.kind, liaison_core::sessions::SessionKind::Plenary);
    assert_eq!(d.sittings.len(), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM hall_layouts WHERE made_for IS NULL"), 1);
    let fit = db.fit_session_layout("s1");
    assert!(fit.is_err(), "nobody on the list yet");
    assert_eq!(db.hall_layout("l1").unwrap().rows, 20);
}

/// Migration 0005 (seat numbering): a hall layout saved before it numbers its seats as before (顺序号).
#[test]
fn hall_layouts_from_before_seat_numbering_keep_sequential_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        for sql in &MIGRATIONS[..3] {
            c.execute_batch(sql).unwrap();
        }
        c.execute(
            "INSERT INTO hall_layouts (id, name, hall_rows, seat_columns, aisle_columns, rostrum_rows, rostrum_seats,
               created_at, updated_at) VALUES ('l1', '礼堂', 5, 9, '5', 1, 5, 't', 't')",
            [],
        )
        .unwrap();
        c.pragma_update(None, "user_version", 3).unwrap();
    }
    let db = Db::open(&path).unwrap();
    let numbering: String = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row("SELECT numbering FROM hall_layouts WHERE id = 'l1'", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(numbering, "sequential");
    assert_eq!(db.hall_layout("l1").unwrap().name, "礼堂");
}

#[test]
fn the_operator_and_backup_folder_move_to_this_laptops_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    let usb = dir.path().join("U盘备份").display().to_string();
    {
        // The shape version 5 had: both kept with the office's settings, no local table (made by the first
        // five migrations, so that the later ones find none of their tables).
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..5] {
            c.execute_batch(m).unwrap();
        }
        c.execute_batch(&format!(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('operator', '王秘书'), ('backup_dir', '{usb}'),
                 ('office_name', '城关镇政协联络办公室');
             PRAGMA user_version = 5;"
        ))
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.local_setting("operator").unwrap().as_deref(), Some("王秘书"));
    assert_eq!(db.local_setting("backup_dir").unwrap().as_deref(), Some(usb.as_str()));
    // The backup before migrating went to the folder chosen then.
    assert_eq!(liaison_core::backup::list(Path::new(&usb)).len(), 1);
    assert_eq!(db.setting("operator").unwrap(), None);
    assert_eq!(db.setting("backup_dir").unwrap(), None);
    assert_eq!(db.setting("office_name").unwrap().as_deref(), Some("城关镇政协联络办公室"));
}
