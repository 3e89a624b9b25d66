//! The order of names: lists organisations published 按姓氏笔画为序 (core/tests/fixtures/stroke-order/), the
//! office's choice 同姓单名在前 in a roster export and a session's seating order, re-keying a database made
//! by the earlier key, and the natural order of numbered groups.

use crate::common::{open, sector};
use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::export::RosterExport;
use liaison_core::hanzi::{natural_cmp, stroke_sort_key_with, NameOrder};
use liaison_core::model::*;
use liaison_core::sessions::*;
use liaison_core::Db;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stroke-order")
}

/// One published list: its order convention, the swaps where our rule differs (each `a b -> b a`), and
/// its names in the published order (a file may hold several lists, separated by `---`).
struct Published {
    file: String,
    order: NameOrder,
    differ: Vec<(Vec<String>, Vec<String>)>,
    lists: Vec<Vec<String>>,
}

fn read(path: &Path) -> Published {
    let text = std::fs::read_to_string(path).unwrap();
    let mut p = Published {
        file: path.file_name().unwrap().to_string_lossy().into(),
        order: NameOrder::default(),
        differ: Vec::new(),
        lists: vec![Vec::new()],
    };
    let mut seen_order = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(v) = line.strip_prefix("# order:") {
            p.order.single_given_first = match v.trim() {
                "single_given_first" => true,
                "plain" => false,
                other => panic!("{}: unknown order {other}", p.file),
            };
            seen_order = true;
        } else if let Some(v) = line.strip_prefix("# we-differ:") {
            let (a, b) = v.split_once("->").unwrap();
            let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
            p.differ.push((words(a), words(b)));
        } else if line.starts_with('#') {
            continue;
        } else if line == "---" {
            p.lists.push(Vec::new());
        } else {
            p.lists.last_mut().unwrap().push(line.to_string());
        }
    }
    assert!(seen_order, "{}: every fixture says its convention (# order: …)", p.file);
    assert!(p.lists.iter().all(|l| l.len() >= 10), "{}: a list of at least 10 names", p.file);
    p
}

/// A fixed shuffle (no two names keep their neighbours), so that the sort has something to do.
fn shuffled(names: &[String]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().rev().cloned().collect();
    let n = v.len();
    for i in 0..n {
        v.swap(i, (i * 7 + 3) % n);
    }
    v
}

#[test]
fn published_lists_in_stroke_order() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut names = 0;
    for path in files {
        let p = read(&path);
        for published in &p.lists {
            // Where the publisher followed another rule, our expected order is theirs with the stated swaps
            // applied; each swap must find its pair, so a note cannot outlive the difference.
            let mut expected = published.clone();
            for (from, to) in &p.differ {
                let Some(at) = expected.windows(from.len()).position(|w| w == &from[..]) else {
                    continue;
                };
                expected.splice(at..at + from.len(), to.iter().cloned());
            }
            let mut sorted = shuffled(published);
            assert_ne!(sorted, *published);
            sorted.sort_by_key(|n| stroke_sort_key_with(n, p.order));
            assert_eq!(sorted, expected, "{}", p.file);
            names += published.len();
        }
        if !p.differ.is_empty() {
            assert!(
                p.lists.iter().any(|l| {
                    let mut s = l.clone();
                    s.sort_by_key(|n| stroke_sort_key_with(n, p.order));
                    s != *l
                }),
                "{}: a noted difference that no longer differs",
                p.file
            );
        }
    }
    assert!(names > 120, "{names}");
}

/// The lists that use 同姓单名在前 do not come out in their order without it: the setting is what makes them.
#[test]
fn single_given_first_lists_need_the_setting() {
    for f in ["cpc20-politburo.txt", "cpc20-delegates-head.txt"] {
        let p = read(&fixtures().join(f));
        assert!(p.order.single_given_first);
        let mut plain = p.lists[0].clone();
        plain.sort_by_key(|n| stroke_sort_key_with(n, NameOrder::default()));
        assert_ne!(plain, p.lists[0], "{f}");
    }
}

fn add(db: &mut Db, name: &str) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(sector(db, "教育界")),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap()
    .id
}

fn exported_names(db: &Db, out: &Path) -> Vec<String> {
    db.export_roster(&RosterExport::default(), out).unwrap();
    let mut wb: Xlsx<_> = open_workbook(out).unwrap();
    let range = wb.worksheet_range("委员名册").unwrap();
    range
        .rows()
        .skip(3)
        .map(|r| match &r[1] {
            Data::String(s) => s.replace('\u{3000}', ""),
            other => panic!("{other:?}"),
        })
        .collect()
}

const PEOPLE: [&str; 6] = ["杨士彬", "杨轶", "李强", "李干杰", "杜震宇", "李希"];

#[test]
fn the_setting_orders_the_roster_export_and_the_seating_and_rekeys_in_one_go() {
    let (dir, mut db) = open();
    for n in PEOPLE {
        add(&mut db, n);
    }
    let sid = crate::sessions::session(&mut db, 3);
    db.add_session_members(&sid, &[]).unwrap();
    db.add_session_person(PersonAttendeeInput {
        session_id: sid.clone(),
        kind: AttendeeKind::Observer,
        name: "杨帆".into(),
        unit: "区委".into(),
        ..Default::default()
    })
    .unwrap();

    // Off (the default): character by character; 杜 before 李 before 杨 on the whole stroke sequence.
    assert!(!db.name_order().unwrap().single_given_first);
    let plain = ["杜震宇", "李干杰", "李希", "李强", "杨士彬", "杨轶"];
    assert_eq!(exported_names(&db, &dir.path().join("a.xlsx")), plain);
    assert_eq!(
        db.seating_chart(&sid).unwrap().unseated,
        ["杜震宇", "李干杰", "李希", "李强", "杨士彬", "杨帆", "杨轶"]
    );

    // On: one-character given names first within a surname, in the export and in the seating order alike
    // (the observer's key, stored with the attendee, is re-keyed too).
    db.set_name_order(NameOrderSettings { single_given_first: true }).unwrap();
    assert!(db.name_order().unwrap().single_given_first);
    assert_eq!(exported_names(&db, &dir.path().join("b.xlsx")), ["杜震宇", "李希", "李强", "李干杰", "杨轶", "杨士彬"]);
    assert_eq!(
        db.seating_chart(&sid).unwrap().unseated,
        ["杜震宇", "李希", "李强", "李干杰", "杨帆", "杨轶", "杨士彬"]
    );
    // A member saved after the change gets a key in the new order.
    add(&mut db, "李丹");
    let names = exported_names(&db, &dir.path().join("c.xlsx"));
    assert_eq!(names[1..5], ["李丹", "李希", "李强", "李干杰"]);
    // The change is in the audit log, once.
    let n: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'setting' AND entity_id LIKE 'name_order%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    // Back off: the keys are the plain ones again.
    db.set_name_order(NameOrderSettings { single_given_first: false }).unwrap();
    let names = exported_names(&db, &dir.path().join("d.xlsx"));
    assert_eq!(names[1..5], ["李干杰", "李丹", "李希", "李强"]);
}

#[test]
fn a_database_keyed_by_the_earlier_algorithm_is_rekeyed_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut db = Db::open(&path).unwrap();
        for n in ["李娜", "杜鹃", "杨洋"] {
            add(&mut db, n);
        }
        // What a database written by the previous version holds: keys of another layout (here: stale
        // bytes that put 李 first) and no stamp of the key version.
        let c = db.conn();
        c.execute("UPDATE members SET stroke_key = x'07' WHERE name = '李娜'", []).unwrap();
        c.execute("UPDATE members SET stroke_key = x'0701' WHERE name = '杜鹃'", []).unwrap();
        c.execute("DELETE FROM settings WHERE key = 'stroke_key_version'", []).unwrap();
        let first: String =
            c.query_row("SELECT name FROM members ORDER BY stroke_key LIMIT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(first, "李娜");
    }
    let mut db = Db::open(&path).unwrap();
    let order: Vec<String> = {
        let mut st = db.conn().prepare("SELECT name FROM members ORDER BY stroke_key").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(order, ["杜鹃", "李娜", "杨洋"]);
    let stamp: String =
        db.conn().query_row("SELECT value FROM settings WHERE key = 'stroke_key_version'", [], |r| r.get(0)).unwrap();
    assert_eq!(stamp, liaison_core::hanzi::STROKE_KEY_VERSION.to_string());
    // Opening again re-keys nothing.
    assert_eq!(db.ensure_name_keys().unwrap(), 0);
    // A stamp of another version (or of the other choice) is re-keyed: the rows whose key differs are
    // written (here the one made stale), the others are left alone.
    db.conn().execute("UPDATE settings SET value = '1' WHERE key = 'stroke_key_version'", []).unwrap();
    db.conn().execute("UPDATE members SET stroke_key = 'stale' WHERE name = '杨洋'", []).unwrap();
    assert_eq!(db.ensure_name_keys().unwrap(), 1);
    assert_eq!(db.ensure_name_keys().unwrap(), 0);
    let last: String =
        db.conn().query_row("SELECT name FROM members ORDER BY stroke_key DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(last, "杨洋");
}

#[test]
fn numbered_groups_sort_naturally_everywhere() {
    let (dir, mut db) = open();
    let term = db.current_term().unwrap().unwrap().id;
    let expected = [
        "第一联络组",
        "第二联络组",
        "第三联络组",
        "第九联络组",
        "第十联络组",
        "第十一联络组",
        "第十二联络组",
        "机关联络组",
    ];
    // The code point order, which an import of new values used to give them: 机关 第一 第三 第九 第二 ….
    let mut labels = expected;
    labels.sort();
    assert_eq!(labels[..5], ["机关联络组", "第一联络组", "第三联络组", "第九联络组", "第二联络组"]);
    // A first import into an empty database adds the groups it names: they go in their natural order.
    let csv = dir.path().join("名册.csv");
    let mut text = String::from("姓名,性别,界别,联络组\n");
    for (i, l) in labels.iter().enumerate() {
        text.push_str(&format!("王{},男,教育界,{l}\n", ["一", "二", "三", "四", "五", "六", "七", "八"][i]));
    }
    std::fs::write(&csv, text).unwrap();
    let opts = liaison_core::import::ImportOptions { add_unknown: true, ..Default::default() };
    let p = db.import_commit(&csv, &opts, liaison_core::import::CommitMode::ValidRows).unwrap();
    assert_eq!(p.summary.new, 8, "{:?}", p.summary);
    let listed: Vec<String> = db.groups(Some(&term)).unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(listed, expected);
    // The same order in Rust.
    let mut v = labels.to_vec();
    v.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(v, expected);
    // The group lists' export: sheets after 汇总 in that order.
    let out = dir.path().join("联络组.xlsx");
    db.export_group_lists(&liaison_core::export_lists::GroupListExport::default(), &out).unwrap();
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    let sheets: Vec<String> = wb.sheet_names().into_iter().skip(1).collect();
    assert_eq!(sheets, expected);
    // Groups typed in one by one keep the order they were made in (the office's own order); among groups
    // of one position (equal sort), the natural order decides: the NUMBERED collation in SQL.
    let order: Vec<String> = {
        let mut st = db
            .conn()
            .prepare("SELECT name FROM (SELECT '第十组' AS name UNION SELECT '第二组' UNION SELECT '第3组') ORDER BY name COLLATE NUMBERED")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(order, ["第二组", "第3组", "第十组"]);
}
