//! Import of the messy fixture files (built by scripts/gen-import-fixtures.py; the outcome each row
//! must have is in fixtures/import/expected.json), commit in one transaction, idempotent re-import,
//! the error report, remembered column choices, and export → import changing nothing.

use crate::common::{open, ref_id};
use calamine::{open_workbook, Reader, Xlsx};
use liaison_core::export::{RosterColumn, RosterExport};
use liaison_core::import::{
    CellFix, ColumnChoice, CommitMode, ImportOptions, ImportOutcome, ImportPreview, ImportSession, RowRef,
};
use liaison_core::model::*;
use liaison_core::{Db, Error};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn id_number(area_birth_seq: &str) -> String {
    format!("{area_birth_seq}{}", liaison_core::idcard::check_char(area_birth_seq))
}

/// The database the fixtures expect: three groups, and two members the 东城片 sheet updates
/// (何振东, another work unit) and repeats unchanged (吕秀英).
pub(crate) fn setup() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = open();
    let term = db.current_term().unwrap().unwrap().id;
    let mut groups = BTreeMap::new();
    for g in ["城关联络组", "东城联络组", "西城联络组"] {
        let s = db.save_group(GroupInput { name: g.into(), ..Default::default() }).unwrap();
        groups.insert(g, s.id);
    }
    db.save_member(MemberInput {
        name: "何振东".into(),
        id_number: id_number("33010619620418057"),
        party_id: Some(ref_id(&db, RefKind::Party, "中共党员")),
        sector_id: Some(ref_id(&db, RefKind::Sector, "中国共产党")),
        group_id: Some(groups["东城联络组"].clone()),
        work_unit: "东港区东城街道办事处".into(),
        job_title: "党工委书记".into(),
        mobile: "13012345678".into(),
        term_ids: vec![term.clone()],
        ..Default::default()
    })
    .unwrap();
    db.save_member(MemberInput {
        name: "吕秀英".into(),
        id_number: id_number("33010619640930068"),
        party_id: Some(ref_id(&db, RefKind::Party, "民盟盟员")),
        sector_id: Some(ref_id(&db, RefKind::Sector, "中国民主同盟")),
        committee_id: Some(ref_id(&db, RefKind::Committee, "文化文史和学习委员会")),
        group_id: Some(groups["东城联络组"].clone()),
        work_unit: "东港区图书馆".into(),
        job_title: "馆长".into(),
        mobile: "13112345678".into(),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap();
    (dir, db)
}

fn expected(file: &str) -> BTreeMap<String, (String, Option<String>)> {
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).unwrap()).unwrap();
    all[file]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), (v[0].as_str().unwrap().to_string(), v[1].as_str().map(str::to_string))))
        .collect()
}

fn outcomes(p: &ImportPreview) -> BTreeMap<String, (String, Option<String>)> {
    p.rows
        .iter()
        .map(|r| {
            let o = serde_json::to_value(r.outcome).unwrap().as_str().unwrap().to_string();
            let code =
                if matches!(r.outcome, ImportOutcome::Error | ImportOutcome::Skipped) { r.code.clone() } else { None };
            (format!("{}!{}", r.sheet, r.row), (o, code))
        })
        .collect()
}

fn member_by_name(db: &Db, name: &str) -> MemberDetail {
    let page = db.roster(&RosterQuery { search: name.into(), limit: 10, ..Default::default() }).unwrap();
    let row = page.rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name} not found"));
    db.member(&row.id).unwrap()
}

fn count(db: &Db) -> u32 {
    db.roster(&RosterQuery::default()).unwrap().total
}

#[test]
fn every_row_of_every_fixture_gets_its_expected_outcome() {
    for file in ["messy-roster.xlsx", "contacts-gbk.csv", "contacts-utf8-bom.csv", "legacy.xls", "district-roster.xlsx"]
    {
        let (_d, db) = setup();
        let p = db.import_preview(&fixture(file), &ImportOptions::default()).unwrap();
        let got = outcomes(&p);
        let want = expected(file);
        for (k, v) in &want {
            assert_eq!(
                got.get(k),
                Some(v),
                "{file} {k}: {:?}",
                p.rows.iter().find(|r| format!("{}!{}", r.sheet, r.row) == *k)
            );
        }
        assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "{file}: rows reported");
        // Every error names its cell and says why in Chinese.
        for r in p.rows.iter().filter(|r| r.outcome == ImportOutcome::Error) {
            assert!(r.column.is_some(), "{file} row {}: no column", r.row);
            assert!(r.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", r.message);
        }
    }
}

#[test]
fn the_wizard_sends_the_contents_and_gets_the_same_answer() {
    let (_d, mut db) = setup();
    let data = std::fs::read(fixture("contacts-gbk.csv")).unwrap();
    let mut stages = Vec::new();
    let p = db
        .import_preview_bytes("contacts-gbk.csv", &data, &ImportOptions::default(), &mut |s| stages.push(s.stage))
        .unwrap();
    assert_eq!(outcomes(&p), expected("contacts-gbk.csv"));
    assert!(stages.contains(&"读取".to_string()) && stages.contains(&"检查".to_string()));
    let p = db
        .import_commit_bytes("contacts-gbk.csv", &data, &ImportOptions::default(), CommitMode::ValidRows, &mut |_| {})
        .unwrap();
    assert_eq!(p.summary.new, 2);
    let ouyang = member_by_name(&db, "欧阳明");
    assert_eq!((ouyang.gender.as_str(), ouyang.party.as_str()), ("男", "民盟盟员"));
    assert_eq!(member_by_name(&db, "单丹").mobile, "13912345678");
}

#[test]
fn the_messy_roster_is_cleaned_on_the_way_in() {
    let (_d, mut db) = setup();
    let before = count(&db);
    let p = db.import_commit(&fixture("messy-roster.xlsx"), &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    assert!(p.committed);
    assert_eq!((p.summary.new, p.summary.update, p.summary.unchanged), (9, 1, 1));
    assert_eq!(count(&db), before + 9);

    let wang = member_by_name(&db, "王伟");
    assert_eq!((wang.gender.as_str(), wang.birth_date.as_str(), wang.ethnicity.as_str()), ("男", "1968-05-12", "汉族"));
    assert_eq!(
        (wang.party.as_str(), wang.sector.as_str(), wang.group.as_str()),
        ("民盟盟员", "中国民主同盟", "城关联络组")
    );
    assert_eq!((wang.mobile.as_str(), wang.phone.as_str()), ("13800138000", "0571-87654321"));
    // 工作单位及职务 split into the two fields.
    assert_eq!((wang.work_unit.as_str(), wang.job_title.as_str()), ("东港区第一中学", "校长"));
    // Gender from the ID number; the group from a cell merged down over two rows.
    let li = member_by_name(&db, "李娜");
    assert_eq!((li.gender.as_str(), li.group.as_str()), ("女", "城关联络组"));
    assert!(li.id_number.ends_with('X') && li.id_number.len() == 18);
    // A 15-digit number upgraded to 18; two mobiles in one cell.
    let qian = member_by_name(&db, "钱永年");
    assert_eq!(qian.id_number, id_number("33010619520708051"));
    assert_eq!(
        (qian.mobile.as_str(), qian.phone.as_str(), qian.group.as_str()),
        ("13600136000", "13500135000", "城关联络组")
    );
    assert_eq!(member_by_name(&db, "孙丽").id_number, id_number("33010619800214064"));
    // A date cell, a serial number, a year/month.
    assert_eq!(member_by_name(&db, "吴晓梅").birth_date, "1970-03-08");
    assert_eq!(member_by_name(&db, "郑涛").birth_date, "1968-06-11");
    assert_eq!(member_by_name(&db, "郑涛").sector, "医药卫生界");
    // A note that looks like a formula stays text.
    assert_eq!(member_by_name(&db, "陈思远").notes, "=SUM(A1:A2)");
    assert_eq!(member_by_name(&db, "陈思远").birth_date, "1966-08-15");
    // Only year and month known, no ID number.
    let yan = member_by_name(&db, "严华");
    assert_eq!((yan.birth_date.as_str(), yan.committee.as_str()), ("1986-05", "教科卫体委员会"));
    // The update: what the file gives replaces, what it leaves out stays.
    let he = member_by_name(&db, "何振东");
    assert_eq!(
        (he.work_unit.as_str(), he.committee.as_str(), he.phone.as_str()),
        ("东港区东城街道", "提案委员会", "0571-86001234")
    );
    assert_eq!(he.job_title, "党工委书记");
    // Rows with errors wrote nothing.
    for name in ["赵国庆", "周建华", "冯博", "褚明", "施文杰", "张敏", "孔令辉", "曹阳"] {
        assert!(
            db.roster(&RosterQuery { search: name.into(), ..Default::default() }).unwrap().rows.is_empty(),
            "{name}"
        );
    }
    // Audit entries for the new members.
    assert!(!db.audit_log(&wang.id).unwrap().is_empty());

    // The same file again changes nothing.
    let again =
        db.import_commit(&fixture("messy-roster.xlsx"), &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    assert_eq!(
        (again.summary.new, again.summary.update),
        (0, 0),
        "{:?}",
        again.rows.iter().filter(|r| r.outcome == ImportOutcome::Update).map(|r| &r.message).collect::<Vec<_>>()
    );
    assert_eq!(again.summary.unchanged, 11);
    assert_eq!(count(&db), before + 9);
}

#[test]
fn all_or_nothing_and_dry_runs_write_nothing() {
    let (_d, mut db) = setup();
    let before = count(&db);
    let p = db.import_preview(&fixture("messy-roster.xlsx"), &ImportOptions::default()).unwrap();
    assert!(!p.committed && p.summary.error > 0);
    assert_eq!(count(&db), before);
    let p =
        db.import_commit(&fixture("messy-roster.xlsx"), &ImportOptions::default(), CommitMode::AllOrNothing).unwrap();
    assert!(!p.committed);
    assert_eq!(count(&db), before);
    assert_eq!(member_by_name(&db, "何振东").work_unit, "东港区东城街道办事处");
    // A file without errors goes in whole.
    let p = db.import_commit(&fixture("legacy.xls"), &ImportOptions::default(), CommitMode::AllOrNothing).unwrap();
    assert!(p.committed);
    assert_eq!(count(&db), before + 3);
    assert_eq!(member_by_name(&db, "水云清").group, "西城联络组");
    assert_eq!(member_by_name(&db, "水云清").party, "台盟盟员");
}

#[test]
fn unknown_values_are_reported_and_can_be_added() {
    let (_d, mut db) = setup();
    let p = db.import_preview(&fixture("messy-roster.xlsx"), &ImportOptions::default()).unwrap();
    assert!(p.unknown.iter().any(|u| u.kind == "sector" && u.value == "外星界" && u.rows == 1));
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    let p = db.import_commit(&fixture("messy-roster.xlsx"), &opts, CommitMode::ValidRows).unwrap();
    assert!(p.rows.iter().any(|r| r.name == "褚明" && r.outcome == ImportOutcome::New));
    assert_eq!(member_by_name(&db, "褚明").sector, "外星界");
    assert!(db.refs(RefKind::Sector).unwrap().iter().any(|r| r.name == "外星界"));
}

#[test]
fn a_group_written_three_ways_is_added_once() {
    let (_dir, mut db) = open();
    let p = db.import_preview(&fixture("messy-roster.xlsx"), &ImportOptions::default()).unwrap();
    let groups: Vec<(&str, u32)> =
        p.unknown.iter().filter(|u| u.kind == "group").map(|u| (u.value.as_str(), u.rows)).collect();
    // 城关联络组 (merged over two rows, and the duplicate row), 城关 and 城关组: one group.
    assert_eq!(groups, vec![("东城联络组", 7), ("城关联络组", 5)]);
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    db.import_commit(&fixture("messy-roster.xlsx"), &opts, CommitMode::ValidRows).unwrap();
    let names: Vec<String> = db.groups(None).unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(member_by_name(&db, "孙丽").group, "城关联络组");
    assert_eq!(member_by_name(&db, "钱永年").group, "城关联络组");
}

#[test]
fn the_shared_sample_roster_imports_whole_with_its_groups_and_townships() {
    // docs/DESIGN.md's sample: 60 invented members, groups written as 第一联络组(城关镇).
    let (_dir, mut db) = open();
    let file = fixture("roster-sample.xlsx");
    let p = db.import_preview(&file, &ImportOptions::default()).unwrap();
    assert!(p.unknown.iter().any(|u| u.kind == "group" && u.value == "第一联络组(城关镇)"));
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    let p = db.import_commit(&file, &opts, CommitMode::AllOrNothing).unwrap();
    assert!(p.committed);
    assert_eq!((p.summary.new, p.summary.error), (60, 0));
    let groups = db.groups(None).unwrap();
    assert_eq!(groups.len(), 10);
    let first = groups.iter().find(|g| g.name == "第一联络组").expect("group named without its township");
    assert_eq!((first.township.as_str(), first.member_count), ("城关镇", 6));
    // Again: nothing changes, and the groups are matched as written.
    let p = db.import_commit(&file, &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    assert_eq!((p.summary.unchanged, p.summary.new, p.summary.error), (60, 0, 0));
}

#[test]
fn new_members_without_a_sector_take_the_chosen_default_or_are_refused() {
    let (dir, db) = setup();
    let path = dir.path().join("no-sector.csv");
    std::fs::write(&path, "姓名,性别,出生年月\n林小雨,女,1990.01\n").unwrap();
    let p = db.import_preview(&path, &ImportOptions::default()).unwrap();
    assert_eq!(p.rows[1].code.as_deref(), Some("missing_sector"));
    let opts =
        ImportOptions { default_sector_id: Some(ref_id(&db, RefKind::Sector, "经济界")), ..Default::default() };
    let p = db.import_preview(&path, &opts).unwrap();
    assert_eq!(p.rows[1].outcome, ImportOutcome::New);
}

#[test]
fn the_error_report_has_the_original_rows_and_the_reasons() {
    let (dir, db) = setup();
    let p = db.import_preview(&fixture("messy-roster.xlsx"), &ImportOptions::default()).unwrap();
    let out = dir.path().join("errors.xlsx");
    let n = db.import_error_report(&p, &out, false).unwrap();
    assert_eq!(n, p.summary.error);
    let read = |path: &Path| -> Vec<Vec<String>> {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let range = wb.worksheet_range("导入错误").unwrap();
        range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let rows = read(&out);
    assert_eq!(rows[0][..3], ["工作表", "行号", "错误原因"]);
    assert_eq!(rows.len() as u32, n + 1);
    let zhao = rows.iter().find(|r| r.iter().any(|c| c == "赵国庆")).unwrap();
    assert!(zhao[2].contains("F列") && zhao[2].contains("15 位"), "{:?}", zhao);
    assert_eq!(zhao[1], "7");
    // ID and phone numbers are masked unless asked for: no cell holds 11 digits or an ID number in a row.
    // The longest run of digits in a cell: 11 or more is a whole phone or ID number.
    let run = |c: &str| c.split(|x: char| !x.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    let long_runs = |rows: &[Vec<String>]| rows.iter().skip(1).flatten().filter(|c| run(c) >= 11).count();
    assert_eq!(long_runs(&rows), 0, "{rows:?}");
    assert!(rows.iter().flatten().any(|c| c.contains("****")), "masked numbers are there");
    let full = dir.path().join("full.xlsx");
    db.import_error_report(&p, &full, true).unwrap();
    assert!(long_runs(&read(&full)) > 0, "the user asked for the numbers");
}

#[test]
fn column_choices_are_remembered_for_the_next_file() {
    let (dir, mut db) = setup();
    // 委员名称 is not a known header: the sheet is found (性别, 界别 …) but has no name column yet.
    let path = dir.path().join("custom.csv");
    std::fs::write(&path, "委员名称,性别,界别,出生年月\n林小雨,女,经济界,1990.01\n").unwrap();
    let p = db.import_preview(&path, &ImportOptions::default()).unwrap();
    assert!(p.sheets[0].note.contains("姓名"), "{:?}", p.sheets[0]);
    assert!(p.rows.is_empty());
    // The user says which column is the name, once …
    let opts = ImportOptions {
        columns: vec![ColumnChoice { sheet: "custom".into(), index: 0, field: Some(RosterColumn::Name) }],
        ..Default::default()
    };
    let p = db.import_commit(&path, &opts, CommitMode::ValidRows).unwrap();
    assert_eq!(p.summary.new, 1);
    let path2 = dir.path().join("custom2.csv");
    std::fs::write(&path2, "姓名,性别,界别,出生年月,人员类别\n林小雨,女,经济界,1990.01,新任\n").unwrap();
    let opts = ImportOptions {
        columns: vec![ColumnChoice { sheet: "custom2".into(), index: 4, field: Some(RosterColumn::Notes) }],
        ..Default::default()
    };
    let p = db.import_commit(&path2, &opts, CommitMode::ValidRows).unwrap();
    assert_eq!(p.summary.update, 1);
    assert_eq!(member_by_name(&db, "林小雨").notes, "新任");
    // … and the next file with that header maps it by itself.
    let path3 = dir.path().join("custom3.csv");
    std::fs::write(&path3, "委员名称,性别,界别,出生年月,人员类别\n林小雨,女,经济界,1990.01,新任\n").unwrap();
    let p = db.import_preview(&path3, &ImportOptions::default()).unwrap();
    let cols = &p.sheets[0].columns;
    assert_eq!((cols[0].field, cols[0].source.as_str()), (Some(RosterColumn::Name), "remembered"));
    assert_eq!((cols[4].field, cols[4].source.as_str()), (Some(RosterColumn::Notes), "remembered"));
    assert_eq!(p.summary.unchanged, 1);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let (dir, db) = setup();
    let missing = db.import_preview(&dir.path().join("nope.xlsx"), &ImportOptions::default()).unwrap_err();
    assert!(matches!(missing, Error::Import(ref m) if m.contains("不存在")));
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "not a spreadsheet").unwrap();
    let e = db.import_preview(&fake, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::Import(ref m) if m.contains("fake.xlsx")), "{e}");
    let doc = dir.path().join("letter.docx");
    std::fs::write(&doc, "x").unwrap();
    let e = db.import_preview(&doc, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains(".xlsx"), "{e}");
}

#[test]
fn export_then_import_changes_nothing() {
    let (dir, mut db) = open();
    db.load_demo(300, None).unwrap();
    db.import_commit(&fixture("messy-roster.xlsx"), &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    let n = count(&db);
    let out = dir.path().join("roster.xlsx");
    // Everything unmasked, and the default (masked numbers, names padded): neither changes anything.
    for opts in [
        RosterExport { columns: RosterColumn::ALL.to_vec(), with_id: true, with_phone: true, ..Default::default() },
        RosterExport { columns: RosterColumn::ALL.to_vec(), pad_two_char_names: true, ..Default::default() },
    ] {
        db.export_roster(&opts, &out).unwrap();
        let p = db.import_commit(&out, &ImportOptions::default(), CommitMode::ValidRows).unwrap();
        let changed: Vec<_> = p
            .rows
            .iter()
            .filter(|r| r.outcome != ImportOutcome::Unchanged && r.outcome != ImportOutcome::Skipped)
            .map(|r| (r.row, r.name.clone(), r.message.clone()))
            .collect();
        assert!(changed.is_empty(), "with_id {}: {:?}", opts.with_id, &changed[..changed.len().min(5)]);
        assert_eq!(p.summary.unchanged, n);
        assert_eq!(count(&db), n);
    }
}

// ---- The import session: the file read once, planned again from what is kept.

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// The choices a user makes in the wizard, one after another, on the messy roster.
fn choices(db: &Db) -> Vec<ImportOptions> {
    let col = |index: u32, field: Option<RosterColumn>| ColumnChoice { sheet: "城关片".into(), index, field };
    vec![
        ImportOptions::default(),
        ImportOptions { add_unknown: true, ..Default::default() },
        ImportOptions {
            default_sector_id: Some(ref_id(db, RefKind::Sector, "经济界")),
            add_unknown: true,
            ..Default::default()
        },
        // 工作单位 not imported, then 备注 read as 工作单位 …
        ImportOptions { columns: vec![col(9, None)], ..Default::default() },
        ImportOptions { columns: vec![col(9, None), col(11, Some(RosterColumn::WorkUnit))], ..Default::default() },
        ImportOptions { skip_sheets: vec!["东城片".into()], ..Default::default() },
        // … and back to the start.
        ImportOptions::default(),
    ]
}

#[test]
fn a_session_plans_again_as_a_fresh_preview_would() {
    let (_d, db) = setup();
    let file = fixture("messy-roster.xlsx");
    let mut session = ImportSession::open(&db, &file).unwrap();
    assert_eq!(session.file(), "messy-roster.xlsx");
    let opts = choices(&db);
    let mut seen = Vec::new();
    for o in &opts {
        let again = session.plan(&db, o).unwrap();
        let fresh = db.import_preview(&file, o).unwrap();
        assert_eq!(json(&again), json(&fresh), "{o:?}");
        seen.push(json(&again.summary));
    }
    // The choices made a difference (so the comparison above compared something).
    seen.dedup();
    assert!(seen.len() >= 4, "{seen:?}");
    assert_eq!(outcomes(&session.plan(&db, &ImportOptions::default()).unwrap()), expected("messy-roster.xlsx"));
    // The same from a file's contents, as the wizard sends them.
    let data = std::fs::read(fixture("contacts-gbk.csv")).unwrap();
    let (mut s, first) = ImportSession::start_bytes(&db, "contacts-gbk.csv", &data).unwrap();
    assert_eq!(outcomes(&first), expected("contacts-gbk.csv"));
    let o = ImportOptions { add_unknown: true, ..Default::default() };
    let fresh = db.import_preview_bytes("contacts-gbk.csv", &data, &o, &mut |_| {}).unwrap();
    assert_eq!(json(&s.plan(&db, &o).unwrap()), json(&fresh));
}

#[test]
fn a_commit_after_plans_imports_what_the_last_plan_said() {
    let (dir, mut db) = setup();
    let before = count(&db);
    let mut session = ImportSession::open(&db, &fixture("messy-roster.xlsx")).unwrap();
    let opts = choices(&db);
    for o in &opts[..3] {
        session.plan(&db, o).unwrap();
    }
    // The last plan: unknown values added, the default sector for rows without one.
    let last = &opts[2];
    let planned = session.plan(&db, last).unwrap();
    assert!(planned.summary.new > 9, "{:?}", planned.summary);
    let done = session.commit(&mut db, last, CommitMode::ValidRows, &mut |_| {}).unwrap();
    assert!(done.committed);
    assert_eq!(outcomes(&done), outcomes(&planned));
    assert_eq!(json(&done.summary), json(&planned.summary));
    assert_eq!(count(&db), before + planned.summary.new);
    for r in planned.rows.iter().filter(|r| r.outcome == ImportOutcome::New) {
        let id = done.rows.iter().find(|d| d.sheet == r.sheet && d.row == r.row).unwrap().member_id.clone();
        assert_eq!(db.member(&id.expect("written")).unwrap().name, r.name);
    }
    assert_eq!(member_by_name(&db, "褚明").sector, "外星界");
    // The session knows the database changed: planned again, nothing is new any more.
    let again = session.plan(&db, last).unwrap();
    assert_eq!((again.summary.new, again.summary.update), (0, 0), "{:?}", again.summary);
    assert_eq!(again.summary.unchanged, planned.summary.new + planned.summary.update + planned.summary.unchanged);

    // A member saved elsewhere between the plan and the commit is matched, not added twice.
    let path = dir.path().join("two.csv");
    std::fs::write(&path, "姓名,性别,界别,出生年月\n林小雨,女,经济界,1990.01\n方一鸣,男,经济界,1985.03\n").unwrap();
    let mut s = ImportSession::open(&db, &path).unwrap();
    assert_eq!(s.plan(&db, &ImportOptions::default()).unwrap().summary.new, 2);
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: "林小雨".into(),
        gender: "女".into(),
        birth_date: "1990-01".into(),
        sector_id: Some(ref_id(&db, RefKind::Sector, "经济界")),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap();
    let n = count(&db);
    let p = s.commit(&mut db, &ImportOptions::default(), CommitMode::ValidRows, &mut |_| {}).unwrap();
    assert_eq!((p.summary.new, p.summary.unchanged), (1, 1), "{:?}", p.summary);
    assert_eq!(count(&db), n + 1);
}

#[test]
fn the_error_report_from_the_session() {
    let (dir, db) = setup();
    let mut session = ImportSession::open(&db, &fixture("messy-roster.xlsx")).unwrap();
    let out = dir.path().join("errors.xlsx");
    let p = session.plan(&db, &ImportOptions::default()).unwrap();
    let n = session.error_report_to(&db, &ImportOptions::default(), &out, false).unwrap();
    assert_eq!(n, p.summary.error);
    let fresh = dir.path().join("fresh.xlsx");
    db.import_error_report(
        &db.import_preview(&fixture("messy-roster.xlsx"), &ImportOptions::default()).unwrap(),
        &fresh,
        false,
    )
    .unwrap();
    let read = |path: &Path| -> Vec<Vec<String>> {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let range = wb.worksheet_range("导入错误").unwrap();
        range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let rows = read(&out);
    assert_eq!(rows, read(&fresh));
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "褚明")));
    // The report follows the choices: with the unknown values added, 外星界 is no longer an error.
    let with = ImportOptions { add_unknown: true, ..Default::default() };
    let m = session.error_report_to(&db, &with, &out, false).unwrap();
    assert_eq!(m, session.plan(&db, &with).unwrap().summary.error);
    assert!(m < n);
    assert!(!read(&out).iter().any(|r| r.iter().any(|c| c == "褚明")));
}

/// The first import into a new database: the file's groups (and a sector) are not in the lists yet.
/// The preview names each missing value once, with its rows and the page where its list is kept; one
/// 全部添加到列表 adds them all in one transaction and plans again, after which every row that erred only
/// for them is new, and only the rows with real mistakes still err.
#[test]
fn a_first_import_into_an_empty_database_adds_the_missing_values_in_one_step() {
    let (_dir, mut db) = open();
    assert!(db.groups(None).unwrap().is_empty());
    let file = fixture("messy-roster.xlsx");
    let mut session = ImportSession::open(&db, &file).unwrap();
    let before = session.plan(&db, &ImportOptions::default()).unwrap();
    let mut missing: Vec<(String, String, u32, String)> =
        before.unknown.iter().map(|u| (u.kind.clone(), u.value.clone(), u.rows, u.place.clone())).collect();
    missing.sort();
    assert_eq!(
        missing,
        vec![
            ("group".into(), "东城联络组".into(), 7, "“联络组”页".into()),
            ("group".into(), "城关联络组".into(), 5, "“联络组”页".into()),
            ("sector".into(), "外星界".into(), 1, "“设置 → 界别”".into()),
        ]
    );
    let unknown_only = |p: &ImportPreview| {
        p.rows
            .iter()
            .filter(|r| r.outcome == ImportOutcome::Error && r.issues.iter().all(|i| i.code.starts_with("unknown_")))
            .map(|r| (r.sheet.clone(), r.row))
            .collect::<Vec<_>>()
    };
    let blocked = unknown_only(&before);
    assert_eq!(blocked.len(), 8, "rows that wait only for the lists: {blocked:?}");
    // Each row's message names where the list is kept.
    let msg = &before.rows.iter().find(|r| r.issues.iter().any(|i| i.code == "unknown_group")).unwrap().issues;
    assert!(msg.iter().any(|i| i.message.contains("联络组列表在“联络组”页")), "{msg:?}");

    let after = session.add_unknown(&mut db, &ImportOptions::default()).unwrap();
    assert!(after.unknown.is_empty(), "{:?}", after.unknown);
    assert!(after.rows.iter().all(|r| r.issues.iter().all(|i| !i.code.starts_with("unknown_"))));
    for (sheet, row) in &blocked {
        let r = after.rows.iter().find(|r| &r.sheet == sheet && r.row == *row).unwrap();
        assert_eq!(r.outcome, ImportOutcome::New, "{sheet}!{row}: {}", r.message);
    }
    // In an empty database every valid row is new; the errors left are the file's own mistakes.
    assert_eq!((after.summary.update, after.summary.unchanged), (0, 0));
    // The figures the end-to-end test (tests/e2e/import.rs) waits for in the wizard.
    assert_eq!((after.summary.new, after.summary.error), (12, 9));
    assert!(after.rows.iter().filter(|r| r.outcome == ImportOutcome::Error).all(|r| !r.issues.is_empty()));
    assert_eq!(after.summary.error, before.summary.error - blocked.len() as u32);
    let names: Vec<String> = db.groups(None).unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(db.refs(RefKind::Sector).unwrap().iter().any(|r| r.name == "外星界"));
    // Nothing is added twice.
    assert_eq!(
        db.add_list_values(&[("group".into(), "东城联络组".into()), ("sector".into(), "外星界".into())]).unwrap(),
        0
    );
    // And the commit writes every valid row as new.
    let done = session.commit(&mut db, &ImportOptions::default(), CommitMode::ValidRows, &mut |_| {}).unwrap();
    assert!(done.committed);
    assert_eq!(done.summary.new, after.summary.new);
    assert_eq!(count(&db), after.summary.new);
}

#[test]
fn adding_list_values_is_one_transaction() {
    let (_dir, mut db) = open();
    // The second value cannot be added (an unknown list): the first is not left behind.
    let e = db.add_list_values(&[("sector".into(), "新界别甲".into()), ("nonsense".into(), "x".into())]);
    assert!(e.is_err());
    assert!(!db.refs(RefKind::Sector).unwrap().iter().any(|r| r.name == "新界别甲"));
}

/// 工作单位及职务 cells as offices write them: split into the unit and the post where the usual patterns
/// tell them apart, whole where unsure.
#[test]
fn a_unit_and_post_cell_is_split_where_it_can_be_told() {
    use liaison_core::import::fields::split_unit_title;
    let split = [
        ("东港区财政局副局长", "东港区财政局", "副局长"),
        ("东港区华润置业有限公司总经理", "东港区华润置业有限公司", "总经理"),
        ("东港大学教授", "东港大学", "教授"),
        ("东港大学副校长、教授", "东港大学", "副校长、教授"),
        ("东港区经济和信息化委员会主任", "东港区经济和信息化委员会", "主任"),
        ("东港区发展和改革委员会副主任", "东港区发展和改革委员会", "副主任"),
        ("东港市明远建设集团有限公司董事长、总经理", "东港市明远建设集团有限公司", "董事长、总经理"),
        ("东港区人民医院心血管内科主任医师兼党支部书记", "东港区人民医院心血管内科", "主任医师兼党支部书记"),
        ("东港区第一中学高级教师", "东港区第一中学", "高级教师"),
        ("东港区实验小学校长", "东港区实验小学", "校长"),
        ("东港区人民政府副区长", "东港区人民政府", "副区长"),
        ("东港区人民政府办公室副主任", "东港区人民政府办公室", "副主任"),
        ("中共东港区委组织部副部长", "中共东港区委组织部", "副部长"),
        ("东港区东城街道办事处党工委书记", "东港区东城街道办事处", "党工委书记"),
        ("东港区城关镇人民政府镇长", "东港区城关镇人民政府", "镇长"),
        ("东港农商银行东城支行行长", "东港农商银行东城支行", "行长"),
        ("东港明德律师事务所主任律师", "东港明德律师事务所", "主任律师"),
        ("东港区科协主席", "东港区科协", "主席"),
        ("东港区图书馆馆长", "东港区图书馆", "馆长"),
        ("东港区中医院院长", "东港区中医院", "院长"),
        ("东港区农业农村局党组书记、局长", "东港区农业农村局", "党组书记、局长"),
        ("东港区红星村党支部书记", "东港区红星村", "党支部书记"),
        ("东港区公安局东城派出所所长", "东港区公安局东城派出所", "所长"),
        ("东港日报社记者", "东港日报社", "记者"),
        ("东港区妇联常务副主席", "东港区妇联", "常务副主席"),
        ("东港恒信会计师事务所合伙人", "东港恒信会计师事务所", "合伙人"),
        ("东港职业技术学院党委副书记", "东港职业技术学院", "党委副书记"),
        ("东港区疾病预防控制中心主任", "东港区疾病预防控制中心", "主任"),
        ("东港区政协委员", "东港区政协", "委员"),
        // Separators: a space (ordinary or ideographic), a comma.
        ("东港区第二中学 校长", "东港区第二中学", "校长"),
        ("东港恒通物流有限公司　董事长", "东港恒通物流有限公司", "董事长"),
        ("东港区住房和城乡建设局，局长", "东港区住房和城乡建设局", "局长"),
        ("东港市明远建设集团 董事长、总经理", "东港市明远建设集团", "董事长、总经理"),
        ("东港区城管大队 副大队长", "东港区城管大队", "副大队长"),
        ("东港区红星村党支部书记、村委会主任", "东港区红星村", "党支部书记、村委会主任"),
    ];
    for (cell, unit, post) in split {
        assert_eq!(split_unit_title(cell), (unit.to_string(), post.to_string()), "{cell}");
    }
    // Unsure: kept whole in the unit.
    for cell in [
        "东港区第一中学",
        "东港区华润置业有限公司",
        "退休教师",
        "个体经营",
        "农民",
        "东港区人大常委会",
        "东港区工商联",
        "东港区人民医院",
        "",
        "自由职业 摄影",
    ] {
        assert_eq!(split_unit_title(cell), (cell.trim().to_string(), String::new()), "{cell}");
    }
}

/// A roster whose column is 工作单位及职务 (and no 职务 column): the unit and the post land apart; a
/// sheet with both columns keeps its own 职务; a plain 工作单位 column is never split.
#[test]
fn a_unit_and_post_column_fills_both_fields() {
    let (dir, db) = open();
    let file = dir.path().join("名册.csv");
    std::fs::write(
        &file,
        "姓名,性别,界别,工作单位及职务\n林小雨,女,教育界,东港区第一中学高级教师\n欧阳晓峰,男,教育界,东港大学 副校长、教授\n陈可,女,教育界,个体经营\n",
    )
    .unwrap();
    let p = db.import_preview(&file, &ImportOptions::default()).unwrap();
    assert_eq!(p.summary.new, 3, "{:#?}", p.rows);
    let mut session = ImportSession::open(&db, &file).unwrap();
    let mut db = db;
    session.commit(&mut db, &ImportOptions::default(), CommitMode::ValidRows, &mut |_| {}).unwrap();
    let m = member_by_name(&db, "林小雨");
    assert_eq!((m.work_unit.as_str(), m.job_title.as_str()), ("东港区第一中学", "高级教师"));
    let m = member_by_name(&db, "欧阳晓峰");
    assert_eq!((m.work_unit.as_str(), m.job_title.as_str()), ("东港大学", "副校长、教授"));
    let m = member_by_name(&db, "陈可");
    assert_eq!((m.work_unit.as_str(), m.job_title.as_str()), ("个体经营", ""));
    // The same file again changes nothing.
    let p = db.import_preview(&file, &ImportOptions::default()).unwrap();
    assert_eq!((p.summary.unchanged, p.summary.new, p.summary.update), (3, 0, 0));

    let both = dir.path().join("两列.csv");
    std::fs::write(&both, "姓名,性别,界别,工作单位及职务,职务\n周宁,男,教育界,东港区第二中学校长,校长\n").unwrap();
    db.import_commit(&both, &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    let m = member_by_name(&db, "周宁");
    assert_eq!((m.work_unit.as_str(), m.job_title.as_str()), ("东港区第二中学校长", "校长"));
    let plain = dir.path().join("单位.csv");
    std::fs::write(&plain, "姓名,性别,界别,工作单位\n吴桐,男,教育界,东港区第三中学校长\n").unwrap();
    db.import_commit(&plain, &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    let m = member_by_name(&db, "吴桐");
    assert_eq!((m.work_unit.as_str(), m.job_title.as_str()), ("东港区第三中学校长", ""));
}

/// The district roster's flagged rows and what a clerk types to fix each (district-fixes.json, made with
/// the fixture): (sheet, row, fault, the right value).
fn district_fixes() -> Vec<(String, u32, String, serde_json::Value)> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("district-fixes.json")).unwrap()).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["sheet"].as_str().unwrap().into(),
                x["row"].as_u64().unwrap() as u32,
                x["fault"].as_str().unwrap().into(),
                x.clone(),
            )
        })
        .collect()
}

/// 改正 in the wizard: the typed values are read instead of the file's, a row left out is skipped, the
/// commit writes the fixed values, a fix taken back brings the file's value (and its error) back, a fix
/// that is still wrong still errs, and the file on disk is never touched.
#[test]
fn flagged_rows_are_fixed_in_the_wizard_and_the_file_is_left_as_it_was() {
    let (_d, mut db) = setup();
    let file = fixture("district-roster.xlsx");
    let bytes = std::fs::read(&file).unwrap();
    let mut session = ImportSession::open(&db, &file).unwrap();
    let p = session.plan(&db, &ImportOptions::default()).unwrap();
    assert_eq!((p.summary.new, p.summary.error), (294, 6));

    let mut opts = ImportOptions::default();
    for (sheet, row, fault, v) in district_fixes() {
        let (column, value) = match fault.as_str() {
            "id_number" | "id_checksum" => (5, &v["id_number"]),
            "phone" => (10, &v["mobile"]),
            "missing_name" => (1, &v["name"]),
            "date" => (4, &v["born"]),
            "duplicate" => {
                opts.skip_rows.push(RowRef { sheet, row });
                continue;
            }
            other => panic!("{other}"),
        };
        opts.fixes.push(CellFix { sheet, row, column, value: value.as_str().unwrap().into() });
    }
    let p = session.plan(&db, &opts).unwrap();
    assert_eq!(
        (p.summary.new, p.summary.error),
        (299, 0),
        "{:?}",
        p.rows.iter().filter(|r| r.outcome == ImportOutcome::Error).collect::<Vec<_>>()
    );
    let left_out = p.rows.iter().find(|r| r.code.as_deref() == Some("by_user")).unwrap();
    assert_eq!((left_out.outcome, left_out.message.as_str()), (ImportOutcome::Skipped, "已选择不导入此行"));

    // Taken back: the file's own value, and its error, again; a wrong ID typed is still refused.
    let mut fewer = opts.clone();
    let taken = fewer.fixes.remove(0);
    let p2 = session.plan(&db, &fewer).unwrap();
    assert_eq!(p2.summary.error, 1);
    let again = p2.rows.iter().find(|r| r.outcome == ImportOutcome::Error).unwrap();
    assert_eq!((again.sheet.as_str(), again.row), (taken.sheet.as_str(), taken.row));
    let mut wrong = opts.clone();
    let id_fix = wrong.fixes.iter_mut().find(|f| f.column == 5).unwrap();
    let wrong_check = if id_fix.value.ends_with('0') { '1' } else { '0' };
    id_fix.value = format!("{}{wrong_check}", &id_fix.value[..17]);
    let p3 = session.plan(&db, &wrong).unwrap();
    assert_eq!(p3.summary.error, 1);
    assert_eq!(
        p3.rows.iter().find(|r| r.outcome == ImportOutcome::Error).unwrap().code.as_deref(),
        Some("id_checksum")
    );
    // A fix outside the file is refused in Chinese, naming the sheet.
    let mut outside = opts.clone();
    outside.fixes.push(CellFix { sheet: "北城片".into(), row: 4, column: 1, value: "张三".into() });
    let e = session.plan(&db, &outside).unwrap_err().to_string();
    assert!(e.contains("北城片"), "{e}");

    // The commit writes the fixed values.
    let before = count(&db);
    let done = session.commit(&mut db, &opts, CommitMode::AllOrNothing, &mut |_| {}).unwrap();
    assert!(done.committed);
    assert_eq!(count(&db), before + 299);
    for (_, _, fault, v) in district_fixes() {
        match fault.as_str() {
            "id_number" | "id_checksum" => {
                let m = member_by_name(&db, v["name"].as_str().unwrap());
                assert_eq!(m.id_number, v["id_number"].as_str().unwrap());
            }
            "phone" => {
                assert_eq!(member_by_name(&db, v["name"].as_str().unwrap()).mobile, v["mobile"].as_str().unwrap())
            }
            "missing_name" => {
                member_by_name(&db, v["name"].as_str().unwrap());
            }
            _ => {}
        }
    }
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the file is not changed");
}
