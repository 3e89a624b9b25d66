//! What keeps one office's file safe from the app itself: one window per database, file names made
//! safe, exports written whole or not at all.

use liaison_core::db::InstanceLock;

#[test]
fn a_second_window_on_the_same_database_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office").join("liaison.db");
    let first = InstanceLock::acquire(&path).unwrap();
    let err = InstanceLock::acquire(&path).unwrap_err().to_string();
    assert!(err.contains("已经在另一个窗口打开") && err.contains("liaison.db"), "{err}");
    // Another database is another matter.
    let other = InstanceLock::acquire(&dir.path().join("other.db")).unwrap();
    drop(first);
    InstanceLock::acquire(&path).expect("free again once the first window is gone");
    drop(other);
}

#[test]
fn a_note_over_the_cell_limit_is_cut_not_a_failed_export() {
    use liaison_core::export::{RosterColumn, RosterExport};
    use liaison_core::model::*;
    let (dir, mut db) = crate::common::open();
    let term = db.current_term().unwrap().unwrap().id;
    let sector = crate::common::sector(&db, "教育界");
    db.save_member(MemberInput {
        name: "王伟".into(),
        id_number: crate::common::id_number("1970-01-01", 11),
        sector_id: Some(sector),
        term_ids: vec![term],
        notes: "长".repeat(40_000),
        ..Default::default()
    })
    .unwrap();
    let out = dir.path().join("名册.xlsx");
    let opts = RosterExport {
        query: Default::default(),
        columns: vec![RosterColumn::Name, RosterColumn::Notes],
        with_id: false,
        with_phone: false,
        pad_two_char_names: false,
        drop_empty_defaults: false,
    };
    db.export_roster(&opts, &out).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    let range = wb.worksheet_range("委员名册").unwrap();
    let note = range.used_cells().map(|(_, _, c)| c.to_string()).find(|s| s.starts_with("长长")).unwrap();
    assert_eq!(note.chars().count(), 32_767);
    assert!(note.ends_with("全文请在程序中查看）"));
}

#[cfg(unix)]
#[test]
fn the_database_and_its_folder_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("liaison-desk");
    let path = folder.join("liaison.db");
    let db = liaison_core::Db::open(&path).unwrap();
    db.conn().execute_batch("INSERT INTO settings (key, value) VALUES ('x', 'y')").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&path), 0o600);
    let wal = folder.join("liaison.db-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600, "SQLite gives the WAL the database's rights");
}

#[test]
fn a_write_transaction_takes_the_write_lock_when_it_begins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let a = liaison_core::Db::open(&path).unwrap();
    let b = liaison_core::Db::open(&path).unwrap();
    b.conn().busy_timeout(std::time::Duration::from_millis(50)).unwrap();
    // A's transaction has written nothing yet, but holds the write lock from its BEGIN (IMMEDIATE) …
    let tx = a.conn().unchecked_transaction().unwrap();
    let err = b.conn().execute("INSERT INTO settings (key, value) VALUES ('b', '1')", []).unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");
    tx.commit().unwrap();
    // … and once it ends, B writes.
    b.conn().execute("INSERT INTO settings (key, value) VALUES ('b', '1')", []).unwrap();
}

#[test]
fn an_export_with_whole_numbers_is_in_the_audit_log_and_a_masked_one_is_not() {
    use liaison_core::export::{RosterColumn, RosterExport};
    let (dir, mut db) = crate::common::open();
    db.load_demo(10, None).unwrap();
    let logged = |db: &liaison_core::Db| -> Vec<(String, String, String)> {
        let mut st = db
            .conn()
            .prepare("SELECT actor, entity_id, changes FROM audit_log WHERE action = 'export_personal' ORDER BY at")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let masked = RosterExport {
        query: Default::default(),
        columns: vec![RosterColumn::Name, RosterColumn::IdNumber, RosterColumn::Mobile],
        with_id: false,
        with_phone: false,
        pad_two_char_names: false,
        drop_empty_defaults: false,
    };
    db.export_roster(&masked, &dir.path().join("masked.xlsx")).unwrap();
    // Asking for whole ID numbers without the column exports none: not logged either.
    db.export_roster(
        &RosterExport { with_id: true, columns: vec![RosterColumn::Name], ..masked.clone() },
        &dir.path().join("n.xlsx"),
    )
    .unwrap();
    assert!(logged(&db).is_empty());
    let full = dir.path().join("full.xlsx");
    db.export_roster(&RosterExport { with_id: true, with_phone: true, ..masked.clone() }, &full).unwrap();
    let entries = logged(&db);
    assert_eq!(entries.len(), 1);
    let (actor, file, changes) = &entries[0];
    assert!(!actor.is_empty());
    assert_eq!(file, &full.display().to_string());
    let v: serde_json::Value = serde_json::from_str(changes).unwrap();
    assert_eq!(
        (v["document"].as_str(), v["id_numbers"].as_bool(), v["phones"].as_bool(), v["rows"].as_u64()),
        (Some("委员名册"), Some(true), Some(true), Some(10))
    );
}
