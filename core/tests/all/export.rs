//! Roster export: write a small roster to .xlsx, read it back with calamine, and check the print
//! settings in the package's XML.

use crate::common::{id_number, open, sector, zip_text};
use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::export::{RosterColumn, RosterExport};
use liaison_core::model::*;
use liaison_core::Db;
use std::path::Path;

/// Five members whose surnames have 7 (张), 4 (王), 2 (丁), 8 (欧) and 4 (毛) strokes.
fn setup() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = open();
    db.set_office_name("政协测试区委员会").unwrap();
    let term = db.current_term().unwrap().unwrap().id;
    for (i, (name, sec, notes)) in [
        ("张三丰", "教育界", "=1+1"),
        ("王伟", "教育界", "+86 备注"),
        ("丁敏", "医药卫生界", "@所有人"),
        ("欧阳明月", "医药卫生界", "-5"),
        ("毛毛", "教育界", ""),
    ]
    .into_iter()
    .enumerate()
    {
        db.save_member(MemberInput {
            name: name.into(),
            id_number: id_number(&format!("1970-01-0{}", i + 1), 11),
            sector_id: Some(sector(&db, sec)),
            term_ids: vec![term.clone()],
            mobile: format!("1381234567{i}"),
            work_unit: "=HYPERLINK(\"http://x\")".into(),
            notes: notes.into(),
            ..Default::default()
        })
        .unwrap();
    }
    (dir, db)
}

fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range("委员名册").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    let formulas = wb.worksheet_formula("委员名册").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas in an export");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn default_export_is_print_ready_masked_and_in_stroke_order() {
    let (dir, db) = setup();
    let out = dir.path().join("名册.xlsx");
    let s = db.export_roster(&RosterExport::default(), &out).unwrap();
    assert_eq!(s.rows, 5);
    assert_eq!(s.path, out);
    let rows = sheet(&out);
    assert_eq!(rows[0][0], "政协测试区委员会委员名册");
    assert_eq!(rows[1][0], "按姓氏笔画为序");
    let today = chrono::Local::now().date_naive();
    use chrono::Datelike;
    let date = format!("{}年{}月{}日", today.year(), today.month(), today.day());
    assert!(rows[1].iter().any(|c| c == &date), "{:?}", rows[1]);
    let mut header = vec!["序号"];
    header.extend(RosterColumn::defaults().iter().map(|c| c.label()));
    assert_eq!(rows[2], header);
    assert_eq!(header[..4], ["序号", "姓名", "性别", "民族"]);
    let names: Vec<&str> = rows[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["丁敏", "王伟", "毛毛", "张三丰", "欧阳明月"]);
    let index: Vec<&str> = rows[3..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(index, ["1", "2", "3", "4", "5"]);
    // Print settings in the package itself.
    let sheet_xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<pageSetup"), "{sheet_xml}");
    assert!(sheet_xml.contains(r#"paperSize="9""#));
    assert!(sheet_xml.contains(r#"orientation="landscape""#), "10 columns print landscape");
    assert!(sheet_xml.contains(r#"fitToPage="1""#));
    // fitToWidth defaults to 1 in OOXML and rust_xlsxwriter leaves the default out.
    assert!(!sheet_xml.contains("fitToWidth=") || sheet_xml.contains(r#"fitToWidth="1""#));
    assert!(sheet_xml.contains(r#"fitToHeight="0""#), "one page wide, as many pages tall as needed");
    assert!(sheet_xml.contains("第 &amp;P 页 共 &amp;N 页"), "footer");
    assert!(sheet_xml.contains(r#"horizontalCentered="1""#));
    assert!(sheet_xml.contains(r#"<pane ySplit="3" topLeftCell="A4""#), "frozen below the header");
    assert!(sheet_xml.contains(r#"<mergeCell ref="A1:J1"/>"#), "merged title");
    assert!(!sheet_xml.contains("<f>"), "no formulas");
    let wb_xml = zip_text(&out, "xl/workbook.xml");
    assert!(wb_xml.contains("_xlnm.Print_Titles"), "{wb_xml}");
    assert!(wb_xml.contains("委员名册!$3:$3"), "{wb_xml}");
    let styles = zip_text(&out, "xl/styles.xml");
    assert!(styles.contains(r#"<left style="thin">"#), "thin borders");
}

/// A default export leaves out the default columns empty for everyone (no blank 职务 column); the
/// columns a user chose are printed even when empty.
#[test]
fn a_default_export_drops_its_empty_default_columns() {
    use RosterColumn::*;
    let (dir, mut db) = setup();
    let out = dir.path().join("默认.xlsx");
    let opts = RosterExport { drop_empty_defaults: true, ..Default::default() };
    db.export_roster(&opts, &out).unwrap();
    let rows = sheet(&out);
    // Nobody has a 民族, a 政治面貌, a 联络组 or a 职务 here.
    assert_eq!(rows[2], ["序号", "姓名", "性别", "出生日期", "界别", "工作单位"]);
    // One member with a post: the column is back, blank for the others.
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: "李校长".into(),
        gender: "男".into(),
        sector_id: Some(sector(&db, "教育界")),
        job_title: "校长".into(),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap();
    db.export_roster(&opts, &out).unwrap();
    let rows = sheet(&out);
    assert_eq!(rows[2].last().map(String::as_str), Some("职务"));
    assert_eq!(rows[3..].iter().filter(|r| r.last().is_some_and(|v| v == "校长")).count(), 1);
    // Without the flag every listed column is printed; with it, a non-default column (固定电话) stays
    // even when empty, a default one (政治面貌) empty for all goes.
    let chosen = RosterExport { columns: vec![Name, Party, Phone], drop_empty_defaults: true, ..Default::default() };
    let narrower = RosterExport { columns: vec![Name, Party, Phone], ..Default::default() };
    db.export_roster(&narrower, &out).unwrap();
    assert_eq!(sheet(&out)[2], ["序号", "姓名", "政治面貌", "固定电话"]);
    db.export_roster(&chosen, &out).unwrap();
    assert_eq!(sheet(&out)[2], ["序号", "姓名", "固定电话"]);
}

#[test]
fn columns_masks_text_and_padding() {
    let (dir, db) = setup();
    use RosterColumn::*;
    let cols = vec![Name, IdNumber, Mobile, WorkUnit, Notes];
    let masked = dir.path().join("masked.xlsx");
    db.export_roster(&RosterExport { columns: cols.clone(), ..Default::default() }, &masked).unwrap();
    let rows = sheet(&masked);
    assert_eq!(rows[2], ["序号", "姓名", "身份证号", "手机", "工作单位", "备注"]);
    let zhang = rows.iter().find(|r| r[1] == "张三丰").unwrap();
    assert_eq!(zhang[2], liaison_core::idcard::mask(&id_number("1970-01-01", 11)));
    assert!(zhang[2].contains("********"));
    assert_eq!(zhang[3], "138****5670");
    // Text that looks like a formula stays the literal text.
    assert_eq!(zhang[4], "=HYPERLINK(\"http://x\")");
    assert_eq!(zhang[5], "=1+1");
    let notes: Vec<&str> = rows[3..].iter().map(|r| r[5].as_str()).collect();
    assert!(notes.contains(&"+86 备注") && notes.contains(&"@所有人") && notes.contains(&"-5"));
    assert!(rows.iter().any(|r| r[1] == "王伟"), "unpadded by default");
    let sheet_xml = zip_text(&masked, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains(r#"orientation="portrait""#), "6 columns print portrait: {sheet_xml}");

    let full = dir.path().join("full.xlsx");
    let opts = RosterExport {
        columns: vec![Name, IdNumber, Mobile, Name],
        with_id: true,
        with_phone: true,
        pad_two_char_names: true,
        drop_empty_defaults: false,
        query: RosterQuery {
            sort: RosterSort::Pinyin, sector_id: Some(sector(&db, "教育界")), ..Default::default()
        },
    };
    assert_eq!(db.export_roster(&opts, &full).unwrap().rows, 3);
    let rows = sheet(&full);
    assert_eq!(rows[1][0], "按拼音排序");
    assert_eq!(rows[2], ["序号", "姓名", "身份证号", "手机"], "a repeated column is written once");
    let names: Vec<&str> = rows[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["毛\u{3000}毛", "王\u{3000}伟", "张三丰"], "pinyin order, two-character names padded");
    let zhang = rows.iter().find(|r| r[1] == "张三丰").unwrap();
    assert_eq!(zhang[2], id_number("1970-01-01", 11));
    assert_eq!(zhang[3], "13812345670");
}

#[test]
fn padding_and_widths_helpers() {
    use liaison_core::export::{pad_name, text_width};
    assert_eq!(pad_name("王伟"), "王\u{3000}伟");
    assert_eq!(pad_name("张三丰"), "张三丰");
    assert_eq!(pad_name("王"), "王");
    assert_eq!(pad_name("Li"), "Li");
    assert_eq!(text_width("王伟"), 4);
    assert_eq!(text_width("ab王"), 4);
    assert_eq!(RosterColumn::parse("birth_date"), Some(RosterColumn::BirthDate));
    assert_eq!(RosterColumn::parse("出生日期"), Some(RosterColumn::BirthDate));
    assert_eq!(RosterColumn::parse("height"), None);
    for c in RosterColumn::ALL {
        assert_eq!(RosterColumn::parse(c.key()), Some(c));
    }
}

#[test]
fn exports_go_to_the_export_folder_and_only_those_can_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(liaison_core::export::EXPORT_DIR_ENV, dir.path().join("out"));
    let db = liaison_core::Db::open(dir.path().join("t.db")).unwrap();
    let a = db.export_roster_to_folder(&Default::default()).unwrap();
    let b = db.export_roster_to_folder(&Default::default()).unwrap();
    assert_ne!(a.path, b.path, "a second export never overwrites the first");
    assert!(a.path.starts_with(dir.path().join("out")));
    assert!(a.path.file_name().unwrap().to_string_lossy().starts_with("委员名册-"));
    assert!(liaison_core::export::openable_export(&a.path).is_ok());
    let elsewhere = dir.path().join("t.db");
    assert!(liaison_core::export::openable_export(&elsewhere).is_err());
}

#[test]
fn names_typed_by_users_are_made_safe_file_names() {
    use liaison_core::export::{file_stem, new_export_path};
    assert_eq!(file_stem("2026年冬季委员走访"), "2026年冬季委员走访");
    assert_eq!(file_stem("a/b\\c"), "a／b＼c");
    assert_eq!(file_stem("../../etc/passwd"), "．．／．．／etc／passwd");
    assert_eq!(file_stem("走访\u{7}\n计划\t"), "走访计划");
    assert_eq!(file_stem("春节:走访*?\"<>|"), "春节：走访＊？＂＜＞｜");
    assert_eq!(file_stem(" .hidden. "), "hidden");
    assert_eq!(file_stem(".."), "．．");
    assert_eq!(file_stem("   "), "导出");
    assert_eq!(file_stem(&"长".repeat(100)).chars().count(), 60);
    // Whatever the name, the file lands in the folder asked for.
    let dir = tempfile::tempdir().unwrap();
    for stem in ["../outside", "/etc/x", "a\\..\\..\\b", "..", ""] {
        let p = new_export_path(dir.path(), &format!("{stem}-走访情况汇总"), "pdf");
        assert_eq!(p.parent().unwrap(), dir.path(), "{stem}: {}", p.display());
        assert!(p.file_name().unwrap().to_string_lossy().contains("走访情况汇总-"), "{}", p.display());
    }
}
