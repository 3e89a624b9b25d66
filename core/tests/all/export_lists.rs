//! Group member lists (联络组成员名单), the contact list (通讯录) and the group order (按联络组):
//! written to .xlsx, read back with calamine, print settings checked in the package's XML.

use crate::common::{open, sector, zip_text};
use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::export::{ContactsExport, RosterColumn, RosterExport};
use liaison_core::export_lists::{group_list_title, sheet_name, GroupListExport};
use liaison_core::model::*;
use liaison_core::Db;
use std::collections::HashSet;
use std::path::Path;

fn member(db: &mut Db, name: &str, sec: &str, i: u32) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: if i.is_multiple_of(2) { "男" } else { "女" }.into(),
        sector_id: Some(sector(db, sec)),
        term_ids: vec![term],
        mobile: format!("1381234{i:04}"),
        phone: format!("0571-8888{i:04}"),
        work_unit: "=HYPERLINK(\"http://x\")".into(),
        job_title: "+86 主任".into(),
        address: format!("城关镇人民路{i}号"),
        postcode: "310000".into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn group(db: &mut Db, name: &str, township: Option<&str>, contact: &str, phone: &str) -> String {
    let township_id = township
        .map(|t| db.save_ref(RefInput { id: None, kind: RefKind::Township, name: t.into(), sort: None }).unwrap().id);
    db.save_group(GroupInput {
        name: name.into(),
        township_id,
        contact_person: contact.into(),
        contact_phone: phone.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

/// Three groups (created in this order, which is their display order) and a member in none:
/// 城关镇联络组: 王伟 leads, 张三丰 deputises, members 欧阳明月, 丁敏 and "=1+1";
/// 东城/西城[联]组: 毛毛; a group with a 40-character name and nobody in it; 马力 in no group.
struct Fixture {
    _dir: tempfile::TempDir,
    db: Db,
    long_name: String,
}

fn setup() -> Fixture {
    let (dir, mut db) = open();
    db.set_office_name("政协测试区委员会").unwrap();
    let g1 = group(&mut db, "城关镇联络组", Some("城关镇"), "李四", "13800001111");
    let g2 = group(&mut db, "东城/西城[联]组", None, "", "");
    let long_name = "很长的名字".repeat(8);
    group(&mut db, &long_name, Some("长安乡"), "", "");
    let wang = member(&mut db, "王伟", "教育界", 1);
    let zhang = member(&mut db, "张三丰", "教育界", 2);
    let ouyang = member(&mut db, "欧阳明月", "医药卫生界", 3);
    let ding = member(&mut db, "丁敏", "医药卫生界", 4);
    let formula = member(&mut db, "=1+1", "教育界", 5);
    let mao = member(&mut db, "毛毛", "教育界", 6);
    member(&mut db, "马力", "教育界", 7);
    db.add_group_members(&g1, &[ouyang, ding, formula], GroupRole::Member, false).unwrap();
    db.add_group_members(&g1, &[zhang], GroupRole::Deputy, false).unwrap();
    db.add_group_members(&g1, &[wang], GroupRole::Leader, false).unwrap();
    db.add_group_members(&g2, &[mao], GroupRole::Member, false).unwrap();
    Fixture { _dir: dir, db, long_name }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Empty => String::new(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Every sheet's name and its cells as text; asserts that no cell holds a formula.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let formulas = wb.worksheet_formula(&name).unwrap();
            assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas in an export ({name})");
            let range = wb.worksheet_range(&name).unwrap();
            assert_eq!(range.start(), Some((0, 0)));
            let rows = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
            (name, rows)
        })
        .collect()
}

fn today() -> String {
    use chrono::Datelike;
    let d = chrono::Local::now().date_naive();
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[test]
fn group_lists_have_a_summary_and_one_print_ready_sheet_per_group() {
    let fx = setup();
    let out = fx._dir.path().join("联络组.xlsx");
    let s = fx.db.export_group_lists(&GroupListExport::default(), &out).unwrap();
    assert_eq!(s.rows, 6, "members on the groups' sheets; 马力 is in no group");
    let all = sheets(&out);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let long_sheet: String = fx.long_name.chars().take(31).collect();
    assert_eq!(names, ["汇总", "城关镇联络组", "东城／西城［联］组", long_sheet.as_str()]);

    // 汇总: one row per group in display order, then 合计.
    let sum = &all[0].1;
    assert_eq!(sum[0][0], "政协测试区委员会联络组汇总表");
    assert!(sum[1][0].contains("共 3 个联络组、6 人"), "{:?}", sum[1]);
    assert!(sum[1].contains(&today()), "{:?}", sum[1]);
    assert_eq!(sum[2], ["序号", "组名", "乡镇/街道", "组长", "人数", "联系人", "联系电话"]);
    assert_eq!(sum[3], ["1", "城关镇联络组", "城关镇", "王伟", "5", "李四", "138****1111"]);
    assert_eq!(sum[4], ["2", "东城/西城[联]组", "", "", "1", "", ""]);
    assert_eq!(sum[5][1], fx.long_name, "the full name in the summary");
    assert_eq!(sum[5][4], "0");
    assert_eq!(sum[6][0], "合计");
    assert_eq!(sum[6][4], "6");

    // A group's sheet: title, subtitle, header; leader, deputy, then members in stroke order.
    let g = &all[1].1;
    assert_eq!(g[0][0], "城关镇联络组成员名单");
    assert_eq!(g[1][0], "乡镇/街道：城关镇　组长：王伟　联系人：李四　共 5 人");
    assert!(g[1].contains(&today()));
    assert_eq!(g[2], ["序号", "姓名", "组内职务", "性别", "界别", "政治面貌", "工作单位", "职务", "手机"]);
    let listed: Vec<(&str, &str)> = g[3..].iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        listed,
        [("王伟", "组长"), ("张三丰", "副组长"), ("丁敏", "成员"), ("欧阳明月", "成员"), ("=1+1", "成员")],
        "leader, deputy, then stroke order (a name that is not Chinese after them)"
    );
    let index: Vec<&str> = g[3..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(index, ["1", "2", "3", "4", "5"]);
    let wang = &g[3];
    assert_eq!(wang[3], "女");
    assert_eq!(wang[4], "教育界");
    assert_eq!(wang[6], "=HYPERLINK(\"http://x\")", "formula-looking text stays text");
    assert_eq!(wang[7], "+86 主任");
    assert_eq!(wang[8], "138****0001", "phones masked by default");
    assert_eq!(all[2].1[0][0], "东城/西城[联]组成员名单");
    assert_eq!(all[2].1[1][0], "共 1 人");
    assert_eq!(all[3].1[0][0], format!("{}联络组成员名单", fx.long_name));
    assert_eq!(all[3].1.len(), 3, "an empty group: title, subtitle and header only");

    // Print settings of a group's sheet and of the summary.
    let xml = zip_text(&out, "xl/worksheets/sheet2.xml");
    assert!(xml.contains(r#"paperSize="9""#));
    assert!(xml.contains(r#"orientation="landscape""#), "10 columns print landscape");
    assert!(xml.contains(r#"fitToHeight="0""#));
    assert!(xml.contains("第 &amp;P 页 共 &amp;N 页"));
    assert!(xml.contains(r#"<pane ySplit="3" topLeftCell="A4""#), "frozen below the header");
    assert!(xml.contains(r#"<mergeCell ref="A1:I1"/>"#), "merged title");
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"orientation="portrait""#), "7 columns print portrait");
    let wb_xml = zip_text(&out, "xl/workbook.xml");
    for name in ["汇总", "城关镇联络组", "东城／西城［联］组"] {
        let quoted = format!("'{name}'!$3:$3");
        assert!(wb_xml.contains(&format!(">{name}!$3:$3")) || wb_xml.contains(&quoted), "header repeated on {name}");
    }

    // Unmasked when asked, two-character names padded.
    let full = fx._dir.path().join("full.xlsx");
    let opts = GroupListExport { with_phone: true, pad_two_char_names: true, ..Default::default() };
    fx.db.export_group_lists(&opts, &full).unwrap();
    let all = sheets(&full);
    assert_eq!(all[0].1[3][6], "13800001111");
    assert_eq!(all[1].1[3][1], "王\u{3000}伟");
    assert_eq!(all[1].1[3][8], "13812340001");
}

#[test]
fn group_lists_need_groups() {
    let (dir, db) = open();
    let err = db.export_group_lists(&GroupListExport::default(), &dir.path().join("x.xlsx")).unwrap_err();
    assert!(err.to_string().contains("还没有联络组"), "{err}");
    assert!(!dir.path().join("x.xlsx").exists());
}

#[test]
fn sheet_names_are_valid_and_unique_for_excel() {
    let mut used = HashSet::new();
    assert_eq!(sheet_name("汇总", &mut used), "汇总");
    assert_eq!(sheet_name("汇总", &mut used), "汇总(2)");
    assert_eq!(sheet_name("a/b\\c:d*e?f[g]", &mut used), "a／b＼c：d＊e？f［g］");
    assert_eq!(sheet_name("'引号'", &mut used), "引号");
    assert_eq!(sheet_name("  ", &mut used), "联络组");
    assert_eq!(sheet_name("History", &mut used), "History组");
    assert_eq!(sheet_name("ABC", &mut used), "ABC");
    assert_eq!(sheet_name("abc", &mut used), "abc(2)", "Excel compares names ignoring case");
    let long = "一二三四五六七八九十".repeat(4);
    let a = sheet_name(&long, &mut used);
    let b = sheet_name(&long, &mut used);
    assert_eq!(a.chars().count(), 31);
    assert_eq!(b, format!("{}(2)", &long.chars().take(28).collect::<String>()));
    // 31 UTF-16 units: a character outside the BMP counts twice.
    let emoji = format!("{}😀", "组".repeat(30));
    assert_eq!(sheet_name(&emoji, &mut used), "组".repeat(30));
    assert_eq!(group_list_title("城关"), "城关联络组成员名单");
    assert_eq!(group_list_title("城关组"), "城关组成员名单");
}

#[test]
fn contact_list_is_filtered_sorted_and_masked() {
    let fx = setup();
    let out = fx._dir.path().join("通讯录.xlsx");
    let opts =
        ContactsExport { query: RosterQuery { sort: RosterSort::Group, ..Default::default() }, ..Default::default() };
    let s = fx.db.export_contacts(&opts, &out).unwrap();
    assert_eq!(s.rows, 7);
    let all = sheets(&out);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].0, "通讯录");
    let rows = &all[0].1;
    assert_eq!(rows[0][0], "政协测试区委员会委员通讯录");
    assert_eq!(rows[1][0], "按联络组排序");
    assert_eq!(rows[2], ["序号", "姓名", "联络组", "工作单位", "职务", "手机", "固定电话", "通讯地址", "邮编"]);
    let listed: Vec<(&str, &str)> = rows[3..].iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        listed,
        [
            ("丁敏", "城关镇联络组"),
            ("王伟", "城关镇联络组"),
            ("张三丰", "城关镇联络组"),
            ("欧阳明月", "城关镇联络组"),
            ("=1+1", "城关镇联络组"),
            ("毛毛", "东城/西城[联]组"),
            ("马力", ""),
        ],
        "groups in display order, stroke order inside a group, no group last"
    );
    let wang = rows.iter().find(|r| r[1] == "王伟").unwrap();
    assert_eq!(wang[3], "=HYPERLINK(\"http://x\")");
    assert_eq!(wang[5], "138****0001");
    assert_eq!(wang[6], "057******0001");
    assert_eq!(wang[7], "城关镇人民路1号");
    assert_eq!(wang[8], "310000");
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"orientation="landscape""#), "9 columns print landscape");
    assert!(zip_text(&out, "xl/workbook.xml").contains("通讯录!$3:$3"));

    // Filtered (one sector), unmasked, padded, stroke order.
    let out = fx._dir.path().join("通讯录2.xlsx");
    let opts = ContactsExport {
        query: RosterQuery { sector_id: Some(sector(&fx.db, "医药卫生界")), ..Default::default() },
        with_phone: true,
        pad_two_char_names: true,
    };
    assert_eq!(fx.db.export_contacts(&opts, &out).unwrap().rows, 2);
    let rows = &sheets(&out)[0].1;
    assert_eq!(rows[1][0], "按姓氏笔画为序");
    assert_eq!(rows[3][1], "丁\u{3000}敏");
    assert_eq!(rows[3][5], "13812340004");
    assert_eq!(rows[3][6], "0571-88880004");
    assert_eq!(rows[4][1], "欧阳明月");
}

#[test]
fn roster_sorted_by_group_pages_and_exports_in_the_same_order() {
    let fx = setup();
    let q = RosterQuery { sort: RosterSort::Group, limit: 3, ..Default::default() };
    let mut paged = Vec::new();
    for offset in [0, 3, 6] {
        let page = fx.db.roster(&RosterQuery { offset, ..q.clone() }).unwrap();
        assert_eq!(page.total, 7);
        paged.extend(page.rows.into_iter().map(|r| (r.name, r.group)));
    }
    let expected = [
        ("丁敏", "城关镇联络组"),
        ("王伟", "城关镇联络组"),
        ("张三丰", "城关镇联络组"),
        ("欧阳明月", "城关镇联络组"),
        ("=1+1", "城关镇联络组"),
        ("毛毛", "东城/西城[联]组"),
        ("马力", ""),
    ];
    let paged: Vec<(&str, &str)> = paged.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(paged, expected);
    let details = fx.db.roster_details(&q).unwrap();
    let names: Vec<&str> = details.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, expected.map(|e| e.0));
    // Filters still apply; a search too.
    let edu = RosterQuery { sector_id: Some(sector(&fx.db, "教育界")), ..q.clone() };
    let page = fx.db.roster(&RosterQuery { limit: 50, ..edu }).unwrap();
    let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["王伟", "张三丰", "=1+1", "毛毛", "马力"]);
    // Renaming a group does not move it: the order is the groups' display order (as the 联络组 screen).
    let g = fx.db.groups(None).unwrap().into_iter().find(|g| g.name == "城关镇联络组").unwrap();
    let mut db = fx.db;
    db.save_group(GroupInput { id: Some(g.id), name: "一组".into(), ..Default::default() }).unwrap();
    let page = db.roster(&RosterQuery { limit: 50, ..q }).unwrap();
    assert_eq!(page.rows[0].group, "一组");
    assert_eq!(RosterSort::parse("group"), Some(RosterSort::Group));
    assert_eq!(liaison_core::export::sort_label(RosterSort::Group), "按联络组排序");
}

/// A big table goes on a constant-memory worksheet; its cells must read back the same and every
/// body cell keep its bordered format.
#[test]
fn a_big_roster_keeps_its_formats_and_content() {
    let (dir, mut db) = open();
    db.load_demo(700, Some(10)).unwrap();
    let out = dir.path().join("big.xlsx");
    let opts = RosterExport { columns: RosterColumn::ALL.to_vec(), pad_two_char_names: true, ..Default::default() };
    assert_eq!(db.export_roster(&opts, &out).unwrap().rows, 700);
    let all = sheets(&out);
    let rows = &all[0].1;
    assert_eq!(rows.len(), 3 + 700);
    let details = db.roster_details(&RosterQuery::default()).unwrap();
    for (r, d) in rows[3..].iter().zip(&details) {
        assert_eq!(r[1], liaison_core::export::pad_name(&d.name));
        assert_eq!(r[5], d.native_place);
        assert_eq!(r[11], d.work_unit);
    }
    // Every cell of the body (rows 4…703, columns A…V) has a style: the bordered body formats.
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    let body_cells = xml.matches("<c r=\"").count();
    assert!(body_cells >= 703 * 22 - 22, "every cell written, blanks too: {body_cells}");
    for c in xml.split("<c r=\"").skip(1) {
        let tag = &c[..c.find('>').unwrap()];
        assert!(tag.contains(" s=\""), "a cell without a format: <c r=\"{tag}>");
    }
    let styles = zip_text(&out, "xl/styles.xml");
    assert!(styles.contains(r#"<left style="thin">"#), "thin borders");
    // 序号 (A) and 性别 (C) centred, 姓名 (B) left: the same two formats on the first and the last row.
    let style = |cell: &str| -> String {
        let at = xml.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no cell {cell}"));
        let tag = &xml[at..at + xml[at..].find('>').unwrap()];
        tag.split(" s=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    for row in [4, 703] {
        assert_eq!(style(&format!("A{row}")), style(&format!("C{row}")));
        assert_ne!(style(&format!("A{row}")), style(&format!("B{row}")));
        assert_eq!(style(&format!("B{row}")), style("B4"));
    }
}

/// The rows exports read (one SELECT, lists joined in Rust) are the records the record page reads.
#[test]
fn roster_details_are_the_member_records() {
    let (_dir, mut db) = open();
    db.load_demo(200, Some(5)).unwrap();
    let details = db.roster_details(&RosterQuery::default()).unwrap();
    assert_eq!(details.len(), 200);
    assert!(details.iter().all(|d| !d.roles.is_empty() && !d.terms.is_empty()));
    assert!(details.iter().any(|d| d.group.is_empty()) && details.iter().any(|d| !d.group.is_empty()));
    for d in &details {
        let mut m = db.member(&d.id).unwrap();
        m.photo = None;
        assert_eq!(serde_json::to_value(d).unwrap(), serde_json::to_value(&m).unwrap(), "{}", d.name);
    }
    let page = db.roster(&RosterQuery { limit: 200, ..Default::default() }).unwrap();
    let ids: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
    let detail_ids: Vec<&str> = details.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, detail_ids, "the same order as the roster");
}
