//! Exchange between laptops: the office's baseline, laptops that join from it, their changes merged at
//! the office with conflicts exactly where both sides changed a row, refusals with a reason, the
//! table coverage, the file reader on hostile bytes, and the CLI.

use crate::common::{id_number, liaison};
use liaison_core::exchange::{self, ConflictChoice, ConflictKind, ExchangeKind, Resolution};
use liaison_core::Db;
use std::path::{Path, PathBuf};

struct Office {
    dir: tempfile::TempDir,
    office: Db,
    /// The baseline file the office exported.
    baseline: PathBuf,
}

impl Office {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn join(&self, name: &str) -> Db {
        let (db, o) = Db::exchange_join(&self.path(&format!("{name}.db")), &self.baseline, Some(name), None).unwrap();
        assert_eq!(o.laptop_name, name);
        db
    }
}

fn office(members: u32) -> Office {
    let dir = tempfile::tempdir().unwrap();
    // Each laptop's database in a folder of its own, as on separate laptops.
    let mut office = Db::open(dir.path().join("office.db")).unwrap();
    office.load_demo(members, None).unwrap();
    office.set_laptop_name("政协联络办公室").unwrap();
    let baseline = dir.path().join("baseline.ldx");
    let o = office.exchange_export(&baseline, ExchangeKind::Baseline, None).unwrap();
    assert_eq!(o.header.sequence, 1);
    assert!(o.rows > members);
    Office { dir, office, baseline }
}

/// The ids of the first `n` live members, by id.
fn member_ids(db: &Db, n: usize) -> Vec<String> {
    let mut st = db.conn().prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id LIMIT ?1").unwrap();
    st.query_map([n as i64], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

/// A change made as the app or the CLI makes it: a field and the modification time.
fn set(db: &Db, id: &str, column: &str, value: &str) {
    let n = db
        .conn()
        .execute(
            &format!("UPDATE members SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
            rusqlite::params![id, value, liaison_core::db::now()],
        )
        .unwrap();
    assert_eq!(n, 1);
    // Two saves in the same millisecond would carry the same time.
    std::thread::sleep(std::time::Duration::from_millis(2));
}

fn get(db: &Db, id: &str, column: &str) -> String {
    db.conn().query_row(&format!("SELECT {column} FROM members WHERE id = ?1"), [id], |r| r.get(0)).unwrap()
}

/// Every exchanged table's rows, as text, for comparing two databases.
fn content(db: &Db, tables: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tables {
        let mut st = db.conn().prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2")).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{t}: {}", r.unwrap())));
    }
    out
}

#[test]
fn every_table_is_exchanged_or_deliberately_local_and_can_be_merged() {
    let (_d, db) = crate::common::open();
    let roles = exchange::table_roles(db.conn()).unwrap();
    let all: Vec<String> = {
        let mut st = db.conn().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(roles.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(), all, "every table has a role");
    for (t, exchanged) in &roles {
        if !exchanged {
            assert!(
                exchange::LOCAL_TABLES.contains(&t.as_str())
                    || t.starts_with("sqlite_")
                    // The shadow tables of a listed virtual table (FTS5: _data, _idx, _docsize, _config …).
                    || exchange::LOCAL_TABLES.iter().any(|v| t
                        .strip_prefix(v)
                        .and_then(|r| r.strip_prefix('_'))
                        .is_some_and(|s| matches!(s, "data" | "idx" | "content" | "docsize" | "config"))),
                "{t} is local without being named in exchange::LOCAL_TABLES"
            );
            continue;
        }
        // A primary key that two laptops cannot both hand out: no rowid key (INTEGER PRIMARY KEY,
        // AUTOINCREMENT) and no table without one.
        let cols: Vec<(String, String, i64)> = {
            let mut st = db.conn().prepare(&format!("PRAGMA table_info(\"{t}\")")).unwrap();
            st.query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(5)?))).unwrap().map(|r| r.unwrap()).collect()
        };
        let pk: Vec<&(String, String, i64)> = cols.iter().filter(|c| c.2 > 0).collect();
        assert!(!pk.is_empty(), "table {t} travels in the exchange but has no PRIMARY KEY: give it a UUID key");
        assert!(
            !(pk.len() == 1 && pk[0].1.eq_ignore_ascii_case("INTEGER")),
            "table {t} has an INTEGER PRIMARY KEY (a rowid two laptops could both hand out): use a UUID text key"
        );
        let sql: String =
            db.conn().query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [t], |r| r.get(0)).unwrap();
        assert!(!sql.to_uppercase().contains("AUTOINCREMENT"), "{t} uses AUTOINCREMENT");
    }
    for t in exchange::LOCAL_TABLES {
        assert!(all.iter().any(|a| a == t), "LOCAL_TABLES names {t}, which does not exist");
    }
    // The rule for full-text search: a virtual table and its shadow tables stay local.
    let fts = vec!["search".to_string()];
    assert!(exchange::is_local_table("search", &fts));
    assert!(exchange::is_local_table("search_data", &fts));
    assert!(exchange::is_local_table("search_idx", &fts));
    assert!(!exchange::is_local_table("searches", &fts));
    assert!(!exchange::is_local_table("members", &fts));
}

#[test]
fn two_laptops_edit_different_and_the_same_rows_and_the_office_merges_both() {
    let mut o = office(40);
    let mut a = o.join("城关镇联络组笔记本");
    let mut b = o.join("东港街道联络组笔记本");
    assert_eq!(a.office_id().unwrap(), o.office.office_id().unwrap());
    assert_ne!(a.laptop_id().unwrap(), o.office.laptop_id().unwrap());
    assert_ne!(a.laptop_id().unwrap(), b.laptop_id().unwrap());
    let members = |db: &Db| crate::common::count(db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL");
    assert_eq!(members(&a), members(&o.office));

    let ids = member_ids(&o.office, 6);
    // A alone: 0 and 1; B alone: 2; both, differently: 3 and 4; both, the same: 5.
    set(&a, &ids[0], "mobile", "13900000001");
    set(&a, &ids[1], "work_unit", "城关镇人民政府");
    set(&b, &ids[2], "job_title", "校长");
    set(&a, &ids[3], "work_unit", "甲单位");
    set(&b, &ids[3], "work_unit", "乙单位");
    set(&a, &ids[4], "notes", "A 的备注");
    set(&b, &ids[4], "address", "B 的地址");
    set(&a, &ids[5], "job_title", "主任");
    set(&b, &ids[5], "job_title", "主任");
    // B also deletes (softly) a member A did not touch.
    let gone: String = member_ids(&o.office, 10)[9].clone();
    b.conn()
        .execute(
            "UPDATE members SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            rusqlite::params![gone, liaison_core::db::now()],
        )
        .unwrap();

    assert_eq!(a.exchange_status(None).unwrap().pending_rows, 5);
    let fa = o.path("a-1.ldx");
    let ea = a.exchange_export(&fa, ExchangeKind::Changes, None).unwrap();
    assert_eq!((ea.header.sequence, ea.rows), (1, 5));
    assert_eq!(ea.header.base, "政协联络办公室 第 1 号");
    assert_eq!(a.exchange_status(None).unwrap().pending_rows, 0, "exported rows are no longer pending");
    let fb = o.path("b-1.ldx");
    let eb = b.exchange_export(&fb, ExchangeKind::Changes, None).unwrap();
    assert_eq!((eb.header.sequence, eb.rows), (1, 5));

    let ia = o.office.exchange_import(&fa, None).unwrap();
    assert_eq!((ia.inserted, ia.updated, ia.deleted, ia.conflicts), (0, 5, 0, 0), "{ia:?}");
    assert!(ia.backup.is_some());
    let ib = o.office.exchange_import(&fb, None).unwrap();
    // Rows 3 and 4 were changed on both sides; row 5 the same way on both: not a conflict (B's
    // modification time is taken).
    assert_eq!((ib.updated, ib.conflicts), (3, 2), "{ib:?}");

    let office = &o.office;
    assert_eq!(get(office, &ids[0], "mobile"), "13900000001");
    assert_eq!(get(office, &ids[1], "work_unit"), "城关镇人民政府");
    assert_eq!(get(office, &ids[2], "job_title"), "校长");
    assert_eq!(get(office, &ids[3], "work_unit"), "甲单位", "the office's row (A's) is kept");
    assert_eq!(get(office, &ids[5], "job_title"), "主任");
    assert!(office
        .conn()
        .query_row("SELECT deleted_at IS NOT NULL FROM members WHERE id = ?1", [&gone], |r| r.get::<_, bool>(0))
        .unwrap());

    let conflicts = office.exchange_conflicts(false, false).unwrap();
    let mut rows: Vec<&str> = conflicts
        .iter()
        .map(|c| c.fields.iter().find(|f| f.column == "id").unwrap().local.as_deref().unwrap())
        .collect();
    rows.sort();
    assert_eq!(rows, vec![ids[3].as_str(), ids[4].as_str()], "the conflicts are exactly the rows edited on both");
    let c3 = conflicts.iter().find(|c| c.fields.iter().any(|f| f.local.as_deref() == Some(ids[3].as_str()))).unwrap();
    assert_eq!(c3.kind, ConflictKind::Data);
    assert_eq!(c3.table_label, "委员");
    assert_eq!(c3.source, "东港街道联络组笔记本 第 1 号");
    let wu = c3.fields.iter().find(|f| f.column == "work_unit").unwrap();
    assert_eq!(
        (wu.label.as_str(), wu.local.as_deref(), wu.theirs.as_deref(), wu.differs),
        ("工作单位", Some("甲单位"), Some("乙单位"), true)
    );
    assert!(c3.fields.iter().all(|f| f.column != "stroke_key"), "derived columns are not shown");

    // Importing the same files again changes nothing.
    let before = content(office, &["members", "audit_log", "exchange_conflicts", "exchange_imports"]);
    let again = o.office.exchange_import(&fb, None).unwrap();
    assert!(again.already_imported);
    assert_eq!(o.office.exchange_import(&fa, None).unwrap().conflicts, 0);
    assert_eq!(content(&o.office, &["members", "audit_log", "exchange_conflicts", "exchange_imports"]), before);

    // The user settles: row 3 takes B's 工作单位 (per field), row 4 keeps the office's.
    let c4 = o.office.exchange_conflicts(false, false).unwrap().into_iter().find(|c| c.id != c3.id).unwrap();
    let r = o
        .office
        .exchange_resolve(&ConflictChoice {
            id: c3.id.clone(),
            resolution: Resolution::Fields,
            fields: vec!["work_unit".into()],
        })
        .unwrap();
    assert_eq!(r.resolution, Some(Resolution::Fields));
    assert_eq!(get(&o.office, &ids[3], "work_unit"), "乙单位");
    o.office
        .exchange_resolve(&ConflictChoice { id: c4.id.clone(), resolution: Resolution::Local, fields: vec![] })
        .unwrap();
    assert_eq!(get(&o.office, &ids[4], "notes"), "A 的备注");
    assert!(o.office.exchange_conflicts(false, false).unwrap().is_empty());
    assert_eq!(o.office.exchange_conflicts(true, false).unwrap().len(), 2);
    let err = o
        .office
        .exchange_resolve(&ConflictChoice { id: c4.id.clone(), resolution: Resolution::Theirs, fields: vec![] })
        .unwrap_err();
    assert!(err.to_string().contains("已经处理过"), "{err}");
    let audited = crate::common::count(&o.office, "SELECT COUNT(*) FROM audit_log WHERE action = 'exchange_resolve'");
    assert_eq!(audited, 2);
    assert!(o.office.check().unwrap().is_empty());

    // The office sends a new baseline back: the laptops end with the office's rows, each one's own
    // changes included, and no conflict (neither changed anything since its export).
    let fo = o.path("office-2.ldx");
    let eo = o.office.exchange_export(&fo, ExchangeKind::Baseline, None).unwrap();
    assert_eq!(eo.header.sequence, 2);
    let back_a = a.exchange_import(&fo, None).unwrap();
    assert_eq!(back_a.conflicts, 0, "{back_a:?}");
    let back_b = b.exchange_import(&fo, None).unwrap();
    assert_eq!(back_b.conflicts, 0, "{back_b:?}");
    let tables = ["members", "ref_items", "terms", "liaison_groups", "group_members", "activities", "settings"];
    assert_eq!(content(&a, &tables), content(&o.office, &tables), "laptop A holds the office's data");
    assert_eq!(content(&b, &tables), content(&o.office, &tables), "laptop B holds the office's data");
    assert!(a.check().unwrap().is_empty() && b.check().unwrap().is_empty());
}

#[test]
fn the_same_id_number_entered_on_two_laptops_is_a_conflict_and_nothing_is_lost() {
    let mut o = office(10);
    let a = o.join("甲");
    let b = o.join("乙");
    let term: String =
        o.office.conn().query_row("SELECT id FROM terms WHERE is_current = 1", [], |r| r.get(0)).unwrap();
    let idn = id_number("1970-03-04", 15);
    let add = |db: &Db, name: &str, mobile: &str| -> String {
        let id = liaison_core::db::new_id();
        let now = liaison_core::db::now();
        db.conn()
            .execute(
                "INSERT INTO members (id, name, gender, id_number, mobile, created_at, updated_at) VALUES (?1, ?2, '男', ?3, ?4, ?5, ?5)",
                rusqlite::params![id, name, idn, mobile, now],
            )
            .unwrap();
        db.conn()
            .execute("INSERT INTO member_terms (member_id, term_id) VALUES (?1, ?2)", rusqlite::params![id, term])
            .unwrap();
        id
    };
    let ida = add(&a, "张新委员", "13811112222");
    let idb = add(&b, "张新委员", "13933334444");
    let fa = o.path("a.ldx");
    let fb = o.path("b.ldx");
    let mut a = a;
    let mut b = b;
    a.exchange_export(&fa, ExchangeKind::Changes, None).unwrap();
    b.exchange_export(&fb, ExchangeKind::Changes, None).unwrap();
    assert_eq!(o.office.exchange_import(&fa, None).unwrap().conflicts, 0);
    let ib = o.office.exchange_import(&fb, None).unwrap();
    assert!(ib.conflicts >= 1, "{ib:?}");
    let list = o.office.exchange_conflicts(false, false).unwrap();
    let c = list.iter().find(|c| c.kind == ConflictKind::Constraint).expect("a CONSTRAINT conflict");
    assert_eq!(c.table, "members");
    assert!(c.has_local, "the clashing local row (A's) is shown");
    assert!(c.reason.contains("重复"), "{}", c.reason);
    let id_field = c.fields.iter().find(|f| f.column == "id").unwrap();
    assert_eq!((id_field.local.as_deref(), id_field.theirs.as_deref()), (Some(ida.as_str()), Some(idb.as_str())));
    let idf = c.fields.iter().find(|f| f.column == "id_number").unwrap();
    assert!(idf.local.as_deref().unwrap().contains('*'), "ID numbers are masked in the view: {idf:?}");
    // B's term row refers to B's member, which is not here: kept aside too, not lost.
    assert!(list.iter().any(|c| c.kind == ConflictKind::ForeignKey && c.table == "member_terms"), "{list:#?}");
    assert!(o.office.check().unwrap().is_empty(), "no dangling reference is left");
    // Take B's mobile onto A's row.
    o.office
        .exchange_resolve(&ConflictChoice {
            id: c.id.clone(),
            resolution: Resolution::Fields,
            fields: vec!["mobile".into()],
        })
        .unwrap();
    assert_eq!(get(&o.office, &ida, "mobile"), "13933334444");
    assert_eq!(crate::common::count(&o.office, &format!("SELECT COUNT(*) FROM members WHERE id = '{idb}'")), 0);
}

fn flip(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let i = at.min(bytes.len() - 1);
    bytes[i] ^= 0x5a;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn damaged_foreign_out_of_order_newer_and_own_files_are_refused_with_a_reason() {
    let mut o = office(10);
    let mut a = o.join("城关镇");
    let ids = member_ids(&a, 3);
    set(&a, &ids[0], "mobile", "13900000011");
    let f1 = o.path("a-1.ldx");
    a.exchange_export(&f1, ExchangeKind::Changes, None).unwrap();
    set(&a, &ids[1], "mobile", "13900000012");
    let f2 = o.path("a-2.ldx");
    a.exchange_export(&f2, ExchangeKind::Changes, None).unwrap();
    let members_before = content(&o.office, &["members"]);

    // Out of order: the 2nd before the 1st.
    let e = o.office.exchange_import(&f2, None).unwrap_err().to_string();
    assert!(e.contains("第 2 号") && e.contains("还没有导入第 1 号"), "{e}");

    // Damaged: a byte changed in the changeset (the checksum catches it), or in the file's structure, or
    // the file cut short.
    let d = o.path("damaged-payload.ldx");
    std::fs::copy(&f1, &d).unwrap();
    let c = rusqlite::Connection::open(&d).unwrap();
    let mut blob: Vec<u8> = c.query_row("SELECT changeset FROM payload", [], |r| r.get(0)).unwrap();
    blob[20] ^= 0x01;
    c.execute("UPDATE payload SET changeset = ?1", [blob]).unwrap();
    drop(c);
    let e = o.office.exchange_import(&d, None).unwrap_err().to_string();
    assert!(e.contains("已损坏") && e.contains("校验和不符"), "{e}");
    let len = std::fs::metadata(&f1).unwrap().len() as usize;
    for (i, at) in [0, 20, 100].into_iter().enumerate() {
        let d = o.path(&format!("damaged-{i}.ldx"));
        std::fs::copy(&f1, &d).unwrap();
        flip(&d, at);
        if let Err(e) = o.office.exchange_import(&d, None) {
            let e = e.to_string();
            assert!(e.contains("损坏") || e.contains("不是委员联络工作台的交换文件"), "{e}");
        } else {
            panic!("a damaged file (byte {at}) was imported");
        }
    }
    let cut = o.path("cut.ldx");
    std::fs::write(&cut, &std::fs::read(&f1).unwrap()[..len / 3]).unwrap();
    let e = o.office.exchange_import(&cut, None).unwrap_err().to_string();
    assert!(e.contains("损坏") || e.contains("不是"), "{e}");
    let e = o.office.exchange_import(&o.path("missing.ldx"), None).unwrap_err().to_string();
    assert!(e.contains("找不到"), "{e}");

    // Foreign: another office's file.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = Db::open(other_dir.path().join("other.db")).unwrap();
    other.load_demo(5, None).unwrap();
    let ff = other_dir.path().join("other.ldx");
    other.exchange_export(&ff, ExchangeKind::Changes, None).unwrap();
    let e = o.office.exchange_import(&ff, None).unwrap_err().to_string();
    assert!(e.contains("另一个办公室"), "{e}");

    // A newer format, a newer schema.
    for (key, value, says) in [("format", "99", "格式版本为 99"), ("schema_version", "999", "版本较新")] {
        let n = o.path(&format!("newer-{key}.ldx"));
        std::fs::copy(&f1, &n).unwrap();
        let c = rusqlite::Connection::open(&n).unwrap();
        c.execute("UPDATE header SET value = ?2 WHERE key = ?1", [key, value]).unwrap();
        drop(c);
        let e = o.office.exchange_import(&n, None).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
    // Not an exchange file at all.
    let e = o.office.exchange_import(&o.baseline.with_file_name("office.db"), None).unwrap_err().to_string();
    assert!(e.contains("不是委员联络工作台的交换文件"), "{e}");
    // This laptop's own file.
    let e = a.exchange_import(&f1, None).unwrap_err().to_string();
    assert!(e.contains("本机自己导出"), "{e}");
    assert_eq!(content(&o.office, &["members"]), members_before, "nothing refused changed anything");

    // In order, both go in; an older one after is refused.
    assert_eq!(o.office.exchange_import(&f1, None).unwrap().updated, 1);
    assert_eq!(o.office.exchange_import(&f2, None).unwrap().updated, 1);
    assert_eq!(get(&o.office, &ids[1], "mobile"), "13900000012");
}

#[test]
fn a_new_laptop_joins_from_the_baseline_and_an_old_one_catches_up() {
    let mut o = office(30);
    let path = o.path("new.db");
    let (mut new, j) = Db::exchange_join(&path, &o.baseline, Some("新电脑"), None).unwrap();
    assert_eq!(j.office_id, o.office.office_id().unwrap());
    assert_eq!(j.members, 30);
    let tables =
        ["members", "ref_items", "terms", "liaison_groups", "group_members", "activities", "participants", "settings"];
    assert_eq!(content(&new, &tables), content(&o.office, &tables));
    assert!(new.check().unwrap().is_empty());
    // Its first export carries only its own changes.
    let st = new.exchange_status(None).unwrap();
    assert_eq!((st.pending_rows, st.last_sequence, st.imports.len()), (0, 0, 1));
    // A join onto an existing database is refused; a changes file is not a baseline.
    let e = Db::exchange_join(&path, &o.baseline, None, None).err().unwrap().to_string();
    assert!(e.contains("已经有数据库"), "{e}");
    let ids = member_ids(&new, 1);
    set(&new, &ids[0], "mobile", "13700000000");
    let f = o.path("new-1.ldx");
    new.exchange_export(&f, ExchangeKind::Changes, None).unwrap();
    let e = Db::exchange_join(&o.path("other.db"), &f, None, None).err().unwrap().to_string();
    assert!(e.contains("不是基准文件"), "{e}");

    // The office changes rows, then sends a new baseline; a laptop that edited one of them keeps its row
    // as a conflict, takes the rest.
    let oid = member_ids(&o.office, 3);
    set(&o.office, &oid[1], "work_unit", "办公室改的单位");
    set(&o.office, &oid[2], "work_unit", "办公室改的单位2");
    set(&new, &oid[2], "work_unit", "新电脑改的单位");
    let b2 = o.path("baseline-2.ldx");
    let eb = o.office.exchange_export(&b2, ExchangeKind::Baseline, None).unwrap();
    assert_eq!(eb.header.sequence, 2);
    let i = new.exchange_import(&b2, None).unwrap();
    assert_eq!(i.conflicts, 1, "{i:?}");
    assert_eq!(get(&new, &oid[1], "work_unit"), "办公室改的单位");
    assert_eq!(get(&new, &oid[2], "work_unit"), "新电脑改的单位");
}

#[test]
fn the_file_reader_never_panics_on_hostile_bytes() {
    let mut o = office(5);
    let mut a = o.join("甲");
    set(&a, &member_ids(&a, 1)[0], "mobile", "13900000099");
    let f = o.path("a.ldx");
    a.exchange_export(&f, ExchangeKind::Changes, None).unwrap();
    let good = std::fs::read(&f).unwrap();
    let i = exchange::inspect_bytes(&good).unwrap();
    assert_eq!(i.header.origin_name, "甲");
    assert_eq!(i.counts, i.header.counts);
    assert!(exchange::inspect_bytes(&[]).is_err());
    assert!(exchange::inspect_bytes(b"SQLite format 3\0").is_err());
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut refused = 0;
    for round in 0..300 {
        let mut b = good.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + next() % 8 {
                    let i = (next() as usize) % b.len();
                    b[i] = next() as u8;
                }
            }
            1 => b.truncate((next() as usize) % b.len()),
            _ => b = (0..(next() % 4096) as usize).map(|_| next() as u8).collect(),
        }
        refused += exchange::inspect_bytes(&b).is_err() as u32;
    }
    assert!(refused > 100, "{refused}");
    let _ = &mut o;
}

#[test]
fn cli_exports_imports_and_lists_conflicts() {
    let o = office(10);
    let a = o.path("cli-a.db");
    let out = liaison(&a, &["exchange", "join", o.baseline.to_str().unwrap(), "--name", "城关镇"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已从基准文件加入"));
    let db = Db::open(&a).unwrap();
    set(&db, &member_ids(&db, 1)[0], "mobile", "13900000123");
    drop(db);
    let f = o.path("cli-a-1.ldx");
    let out = liaison(&a, &["exchange", "export", "--out", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let office = o.path("office.db");
    let out = liaison(&office, &["--json", "exchange", "import", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["updated"].as_u64(), v["conflicts"].as_u64(), v["sequence"].as_u64()), (Some(1), Some(0), Some(1)));
    assert_eq!(v["origin_name"], "城关镇");
    let out = liaison(&office, &["--json", "exchange", "import", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["already_imported"], true);
    let out = liaison(&office, &["--json", "exchange", "conflicts"]);
    assert!(out.status.success());
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().map(|a| a.len()), Some(0));
    let out = liaison(&office, &["exchange", "import", o.path("nothing.ldx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到交换文件"));
    let b = o.path("cli-b.ldx");
    let out = liaison(&office, &["exchange", "baseline", "--out", b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = liaison(&office, &["exchange", "inspect", b.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("基准文件"), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn every_database_gets_an_office_identity_and_a_laptop_identity_of_its_own() {
    let (_d1, a) = crate::common::open();
    let (_d2, b) = crate::common::open();
    let uuid = |s: &str| s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4 && s.as_bytes()[14] == b'4';
    for db in [&a, &b] {
        assert!(uuid(&db.office_id().unwrap()), "{}", db.office_id().unwrap());
        assert!(uuid(&db.laptop_id().unwrap()), "{}", db.laptop_id().unwrap());
    }
    assert_ne!(a.office_id().unwrap(), b.office_id().unwrap());
    assert_ne!(a.laptop_id().unwrap(), b.laptop_id().unwrap());
    assert_ne!(a.office_id().unwrap(), a.laptop_id().unwrap());
    assert!(a.laptop_name().unwrap().starts_with("未命名电脑"));
}

/// Make the file at `path` look as version `version` of the program left it: what later migrations
/// created is dropped, the columns they added too, and `user_version` says `version`.
fn downgrade(path: &Path, version: usize) {
    use rusqlite::Connection;
    let objects = |c: &Connection| -> Vec<(String, String)> {
        let mut st = c.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    let columns = |c: &Connection, t: &str| -> Vec<String> {
        let mut st = c.prepare(&format!("SELECT name FROM pragma_table_info('{t}')")).unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let old = Connection::open_in_memory().unwrap();
    for m in &liaison_core::db::MIGRATIONS[..version] {
        old.execute_batch(m).unwrap();
    }
    let kept = objects(&old);
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "foreign_keys", false).unwrap();
    let now = objects(&c);
    for ty in ["trigger", "view", "index", "table"] {
        for (t, name) in now.iter().filter(|(t, _)| t == ty) {
            if !kept.contains(&(t.clone(), name.clone())) {
                c.execute_batch(&format!("DROP {ty} IF EXISTS \"{name}\"")).unwrap();
            }
        }
    }
    for (_, table) in kept.iter().filter(|(t, _)| t == "table") {
        let was = columns(&old, table);
        if columns(&c, table) == was {
            continue;
        }
        // A later migration changed the table (a column added, or the table rebuilt with new CHECKs):
        // rebuild it in its old shape, with its old indexes, keeping the old columns' data.
        // (Rows the old shape cannot hold — kinds added later — are left out.)
        let sql = |kind: &str| -> Vec<String> {
            let mut st = old
                .prepare("SELECT sql FROM sqlite_master WHERE type = ?1 AND tbl_name = ?2 AND sql IS NOT NULL")
                .unwrap();
            st.query_map([kind, table.as_str()], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        let create = sql("table").remove(0);
        let tmp = format!("{table}__old_shape");
        let cols = was.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        c.execute_batch(&format!(
            "{}; INSERT OR IGNORE INTO \"{tmp}\" ({cols}) SELECT {cols} FROM \"{table}\"; DROP TABLE \"{table}\";
             ALTER TABLE \"{tmp}\" RENAME TO \"{table}\";",
            create.replacen(&format!("CREATE TABLE {table}"), &format!("CREATE TABLE \"{tmp}\""), 1)
        ))
        .unwrap();
        for i in sql("index") {
            c.execute_batch(&i).unwrap();
        }
    }
    c.pragma_update(None, "user_version", version as i64).unwrap();
}

#[test]
fn an_upgrade_between_two_exchanges_migrates_the_snapshot_and_sends_only_what_changed() {
    let o = office(30);
    let mut office = Db::open(o.path("office.db")).unwrap();
    let laptop = o.join("城关镇");
    let path = o.path("城关镇.db");
    let snapshot = laptop.exchange_snapshot_path();
    let id = member_ids(&laptop, 1).remove(0);
    drop(laptop);
    // The laptop joined with version 7 of the program (the first that exchanged) and edited a member
    // with it; then the app was upgraded, and the next open migrated the database — not the snapshot.
    downgrade(&path, 7);
    downgrade(&snapshot, 7);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE members SET work_unit = '城关镇农技站', updated_at = ?2 WHERE id = ?1",
            [&id, &liaison_core::db::now()],
        )
        .unwrap();
    let mut laptop = Db::open(&path).unwrap();
    assert_eq!(laptop.schema_version().unwrap(), liaison_core::db::SCHEMA_VERSION);
    // The migrations ran on the snapshot too, and only the edit is pending: they are deterministic.
    let st = laptop.exchange_status(None).unwrap();
    assert_eq!((st.pending_rows, st.last_sequence), (1, 0));
    let v: i64 =
        rusqlite::Connection::open(&snapshot).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, liaison_core::db::SCHEMA_VERSION);

    let file = o.path("城关镇-1.ldx");
    let out = laptop.exchange_export(&file, ExchangeKind::Changes, None).unwrap();
    let changed: Vec<_> = out.header.counts.iter().filter(|c| c.inserts + c.updates + c.deletes > 0).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!((changed[0].table.as_str(), changed[0].updates), ("members", 1));
    let imported = office.exchange_import(&file, None).unwrap();
    assert_eq!((imported.updated, imported.conflicts), (1, 0));
    assert_eq!(get(&office, &id, "work_unit"), "城关镇农技站");

    // A snapshot written by a newer program is refused, saying so.
    rusqlite::Connection::open(&snapshot)
        .unwrap()
        .pragma_update(None, "user_version", liaison_core::db::SCHEMA_VERSION + 1)
        .unwrap();
    let err = laptop.exchange_status(None).unwrap_err().to_string();
    assert!(err.contains("较新版本"), "{err}");
    let err = laptop.exchange_export(&o.path("x.ldx"), ExchangeKind::Changes, None).unwrap_err().to_string();
    assert!(err.contains("较新版本"), "{err}");
}

/// What the search index holds (filters and words), in a fixed order.
fn search_index(db: &Db) -> Vec<String> {
    let mut st = db
        .conn()
        .prepare(
            "SELECT d.kind || '|' || d.id || '|' || COALESCE(d.year, '') || '|' || d.state || '|' || d.sector || '|' ||
                    d.submitter || '|' || d.member_ids || '|' || t.submitter || '|' || t.title || '|' || t.body
             FROM search_docs d JOIN search_text t ON t.rowid = d.rowid ORDER BY d.kind, d.id",
        )
        .unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

#[test]
fn an_import_makes_again_just_the_texts_it_touches_and_the_index_equals_a_rebuild() {
    let o = office(40);
    let mut office = Db::open(o.path("office.db")).unwrap();
    let laptop = o.join("城关镇");
    // A member who leads a proposal is renamed, a report retitled, a sector renamed.
    let lead: String = laptop
        .conn()
        .query_row(
            "SELECT member_id FROM proposal_proposers WHERE role = 'lead' AND member_id IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    set(&laptop, &lead, "name", "欧阳测试");
    let now = liaison_core::db::now();
    let report: String =
        laptop.conn().query_row("SELECT id FROM opinions WHERE deleted_at IS NULL LIMIT 1", [], |r| r.get(0)).unwrap();
    laptop
        .conn()
        .execute(
            "UPDATE opinions SET title = '关于规范校外培训收费的建议', updated_at = ?2 WHERE id = ?1",
            [&report, &now],
        )
        .unwrap();
    laptop
        .conn()
        .execute(
            "UPDATE ref_items SET name = '教育界（含科技）', updated_at = ?1 WHERE kind = 'sector' AND name = '教育界'",
            [&now],
        )
        .unwrap();
    let mut laptop = laptop;
    let file = o.path("城关镇-1.ldx");
    laptop.exchange_export(&file, ExchangeKind::Changes, None).unwrap();
    office.exchange_import(&file, None).unwrap();

    let find = |db: &Db, text: &str| {
        db.search(&liaison_core::search::SearchQuery { text: text.into(), limit: Some(500), ..Default::default() })
            .unwrap()
            .groups
            .iter()
            .flat_map(|g| g.hits.iter().map(|h| h.id.clone()))
            .collect::<Vec<_>>()
    };
    let led: i64 = office
        .conn()
        .query_row("SELECT COUNT(DISTINCT proposal_id) FROM proposal_proposers WHERE member_id = ?1", [&lead], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(find(&office, "欧阳测试").len() as i64 >= led, "the renamed member's texts carry the new name");
    assert_eq!(find(&office, "规范校外培训收费"), [report.clone()]);
    // The index made piece by piece is the index made from scratch.
    let refreshed = search_index(&office);
    office.search_rebuild().unwrap();
    let rebuilt = search_index(&office);
    let differ: Vec<_> = refreshed.iter().filter(|r| !rebuilt.contains(r)).collect();
    assert!(
        differ.is_empty() && refreshed.len() == rebuilt.len(),
        "{} texts differ, e.g. {:?}",
        differ.len(),
        differ.first()
    );
    assert!(refreshed.iter().any(|r| r.contains("教育界（含科技）")), "the renamed sector is in the index");
}
