//! Importing a roster in the wizard: the messy fixture file (core/tests/fixtures/import) through every
//! step and out again, a column chosen by hand with a default sector, and 10,000 rows timed.

use crate::harness::{figure_members, prepare, shot, App};
use fantoccini::Locator;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn import_fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/import"))
        .join(name)
        .canonicalize()
        .unwrap()
}

/// What the import fixtures expect (core/tests/all/import.rs): three groups, and two members the
/// 东城片 sheet updates (何振东) and repeats unchanged (吕秀英).
fn import_setup(db: &mut liaison_core::Db) {
    use liaison_core::model::*;
    let term = db.current_term().unwrap().unwrap().id;
    let ref_id = |db: &liaison_core::Db, kind: RefKind, name: &str| {
        db.refs(kind).unwrap().into_iter().find(|r| r.name == name).unwrap().id
    };
    let id_number = |s: &str| format!("{s}{}", liaison_core::idcard::check_char(s));
    let mut groups = std::collections::BTreeMap::new();
    for g in ["城关联络组", "东城联络组", "西城联络组"] {
        let s = db.save_group(GroupInput { name: g.into(), ..Default::default() }).unwrap();
        groups.insert(g, s.id);
    }
    db.save_member(MemberInput {
        name: "何振东".into(),
        id_number: id_number("33010619620418057"),
        party_id: Some(ref_id(db, RefKind::Party, "中共党员")),
        sector_id: Some(ref_id(db, RefKind::Sector, "中国共产党")),
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
        party_id: Some(ref_id(db, RefKind::Party, "民盟盟员")),
        sector_id: Some(ref_id(db, RefKind::Sector, "中国民主同盟")),
        committee_id: Some(ref_id(db, RefKind::Committee, "文化文史和学习委员会")),
        group_id: Some(groups["东城联络组"].clone()),
        work_unit: "东港区图书馆".into(),
        job_title: "馆长".into(),
        mobile: "13112345678".into(),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn import_a_messy_roster_with_the_wizard_then_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, import_setup);
    let exports = dir.path().join("exports");
    let broken = dir.path().join("损坏的名册.xlsx");
    std::fs::write(&broken, "not a spreadsheet").unwrap();
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 2 人").await;

    // ① 选择文件
    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    app.wait_text_in("[data-testid=import-dialog]", "支持 .xlsx .xls .csv（UTF-8 或 GBK）").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shot(&app, "import-1-file").await;
    // A file that is not a spreadsheet: core's reason, in Chinese, and nothing else happens.
    app.set_file("[data-testid=import-file]", &broken).await;
    app.wait_text_in("[data-testid=import-load-error]", "损坏的名册.xlsx").await;
    shot(&app, "import-1-unreadable").await;
    app.set_file("[data-testid=import-file]", &import_fixture("messy-roster.xlsx")).await;

    // ② 核对列: both sheets, their header rows, the fields found from the headers.
    app.wait("[data-testid=import-columns]").await;
    app.wait_text_in("[data-testid=import-columns]", "工作表：城关片").await;
    app.wait_text_in("[data-testid=import-columns]", "工作表：东城片").await;
    app.wait_text_in("[data-testid=import-file-line]", "messy-roster.xlsx").await;
    let cols = app.text_of("[data-testid=import-columns]").await;
    assert!(cols.contains("表头在第 4 行"), "{cols}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-2-columns").await;

    // ③ 预览: the counts core gives for this file (core/tests/fixtures/import/expected.json).
    app.click("[data-testid=import-next]").await;
    app.wait("[data-testid=import-preview]").await;
    for t in ["新增 9", "更新 1", "无变化 1", "跳过 10", "出错 10"] {
        app.wait_text_in("[data-testid=import-summary]", t).await;
    }
    app.wait_text_in("[data-testid=import-unknown]", "外星界").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-3-preview").await;
    // Only the errors, each with its column.
    app.click("[data-testid=import-tag-error]").await;
    app.wait_text_in("[data-testid=import-rows]", "赵国庆").await;
    let errs = app.text_of("[data-testid=import-rows]").await;
    assert!(errs.contains("F列：") && !errs.contains("新委员"), "{errs}");
    shot(&app, "import-3-errors").await;
    // The unknown sector goes into the list: its row is no longer an error.
    app.click("[data-testid=import-add-unknown]").await;
    app.wait_text_in("[data-testid=import-summary]", "新增 10").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 9").await;
    // The error report lands in the export folder.
    app.click("[data-testid=import-report]").await;
    app.wait_text_in("[data-testid=import-report-path]", "导入错误报告-").await;
    let report = app.text_of("[data-testid=import-report-path]").await;
    assert!(report.trim().starts_with(&exports.to_string_lossy().to_string()), "{report}");
    assert!(std::fs::read(report.trim()).unwrap().starts_with(b"PK"));
    shot(&app, "import-3-report").await;

    // ④ 导入: the valid rows, in one transaction.
    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-commit-valid]", "导入无误的 11 行").await;
    let all = app.wait("[data-testid=import-commit-all]").await;
    assert!(all.attr("disabled").await.unwrap().is_some(), "全部无误才导入 while rows have errors");
    shot(&app, "import-4-commit").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members"), 2, "nothing written before the commit");
    app.click("[data-testid=import-commit-valid]").await;
    app.wait_text_in("[data-testid=import-result]", "导入完成").await;
    app.wait_text_in("[data-testid=import-result]", "新增 10 人，更新 1 人").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-4-done").await;
    app.click("[data-testid=import-done]").await;

    // The roster shows them, and they are in the file.
    app.wait_text_in("[data-testid=roster-total]", "共 12 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 12);
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM members m JOIN ref_items s ON s.id = m.sector_id WHERE m.name = '褚明' AND s.name = '外星界'"
        ),
        1
    );
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE name = '何振东' AND work_unit = '东港区东城街道'"), 1);
    app.fill("[data-testid=roster-search] input", "wangwei").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.wait_text_in("[data-testid=roster-table]", "东港区第一中学").await;
    shot(&app, "import-roster").await;
    app.fill("[data-testid=roster-search] input", "\u{E003}").await;
    app.wait_text_in("[data-testid=roster-total]", "共 12 人").await;

    // And out again: the roster export has them all.
    app.click("[data-testid=roster-export]").await;
    app.wait_text_in("[data-testid=export-dialog]", "导出 12 人").await;
    app.click("[data-testid=export-confirm]").await;
    app.wait_text_in("[data-testid=export-result]", "已导出 12 名委员").await;
    let out = app.text_of("[data-testid=export-path]").await;
    assert!(std::fs::read(out.trim()).unwrap().starts_with(b"PK"), "{out}");
    app.close().await;
}

/// A 10,000-row roster (exported from a demo database) previewed and imported into an empty one:
/// the wizard stays usable and says how long each step took.
/// `cargo test --workspace --test e2e -- --ignored --nocapture import_10000` (the size:
/// `LIAISON_FIGURE_MEMBERS`; CI runs it at 200)
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn import_10000_rows_in_the_wizard() {
    use liaison_core::export::{RosterColumn, RosterExport};
    let dir = tempfile::tempdir().unwrap();
    let n = figure_members(10_000);
    let file = dir.path().join(format!("委员名册-{n}.xlsx"));
    prepare(&dir.path().join("demo.db"), |db| {
        db.load_demo(n, Some((n / 100).clamp(1, 100))).unwrap();
        let opts =
            RosterExport { columns: RosterColumn::ALL.to_vec(), with_id: true, with_phone: true, ..Default::default() };
        db.export_roster(&opts, &file).unwrap();
    });
    let path = dir.path().join("e2e.db");
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=demo-load]").await;

    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    let t = Instant::now();
    app.set_file("[data-testid=import-file]", &file).await;
    app.wait("[data-testid=import-columns]").await;
    let loaded = t.elapsed();
    shot(&app, "import-10000-columns").await;
    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-summary]", "新增").await;
    shot(&app, "import-10000-preview").await;
    let summary = app.text_of("[data-testid=import-summary]").await;
    // The demo's groups are not in the empty database: add them from the file.
    let t = Instant::now();
    if app.c.find(Locator::Css("[data-testid=import-add-unknown]")).await.is_ok() {
        app.click("[data-testid=import-add-unknown]").await;
    }
    app.wait_text_in("[data-testid=import-summary]", &format!("新增 {n}")).await;
    let replanned = t.elapsed();
    // Paging and filtering stay quick.
    let t = Instant::now();
    app.click("[data-testid=import-rows] ~ .pager .el-pager li:last-child").await;
    app.wait_text_in("[data-testid=import-rows]", &(n + 2).to_string()).await;
    let paged = t.elapsed();
    // (WebKitGTK under Xvfb paints a moment after the DOM changes.)
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "import-10000-last-page").await;
    app.click("[data-testid=import-next]").await;
    let t = Instant::now();
    app.click("[data-testid=import-commit]").await;
    app.wait_text_in_within("[data-testid=import-result]", &format!("新增 {n} 人"), Duration::from_secs(300)).await;
    let committed = t.elapsed();
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "import-10000-done").await;
    app.click("[data-testid=import-done]").await;
    app.wait_text_in("[data-testid=roster-total]", &format!("共 {n} 人")).await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), n as i64);
    println!("first summary: {summary}");
    println!(
        "{n} rows: file chosen → columns shown {:.0} ms; re-plan (add unknown values) {:.0} ms; last page {:.0} ms; import {:.0} ms",
        loaded.as_secs_f64() * 1000.0,
        replanned.as_secs_f64() * 1000.0,
        paged.as_secs_f64() * 1000.0,
        committed.as_secs_f64() * 1000.0
    );
    app.close().await;
}

/// A file whose name column has an unknown header, and no 界别: the user says which column is the
/// name and which sector new members join, and the wizard re-plans each time.
#[tokio::test(flavor = "multi_thread")]
async fn import_with_a_column_chosen_by_hand_and_a_default_sector() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("新委员.csv");
    std::fs::write(&file, "委员名称,性别,出生年月,工作单位\n林小雨,女,1990.01,东港区实验小学\n欧阳晓峰,男,1985.10,东港区人民医院心血管内科主任医师兼党支部书记\n")
        .unwrap();
    let path = dir.path().join("e2e.db");
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=demo-load]").await;
    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    app.set_file("[data-testid=import-file]", &file).await;
    app.wait_text_in("[data-testid=import-columns]", "未找到“姓名”列").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-choose-column").await;
    app.choose("[data-testid=import-map][data-col=A]", "姓名").await;
    app.wait_text_in("[data-testid=import-columns]", "本次选择").await;
    let cols = app.text_of("[data-testid=import-columns]").await;
    assert!(!cols.contains("未找到“姓名”列"), "{cols}");

    app.click("[data-testid=import-next]").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 2").await;
    app.wait_text_in("[data-testid=import-rows]", "未注明界别：新委员必须有界别，请在导入时选择默认界别").await;
    app.wait_text_in("[data-testid=import-default-sector]", "未注明界别的新委员归入").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-missing-sector").await;
    app.choose("[data-testid=import-default-sector] .el-select", "医药卫生界").await;
    app.wait_text_in("[data-testid=import-summary]", "新增 2").await;
    app.wait_text_in("[data-testid=import-summary]", "出错 0").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-default-sector").await;

    app.click("[data-testid=import-next]").await;
    app.click("[data-testid=import-commit]").await;
    app.wait_text_in("[data-testid=import-result]", "新增 2 人").await;
    app.click("[data-testid=import-done]").await;
    app.wait_text_in("[data-testid=roster-total]", "共 2 人").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM members m JOIN ref_items s ON s.id = m.sector_id WHERE s.name = '医药卫生界' AND m.name IN ('林小雨', '欧阳晓峰')"
        ),
        2
    );
    // The choice is remembered for the next file with that header.
    assert!(app.db_count("SELECT COUNT(*) FROM settings WHERE key = 'import_header_map' AND value LIKE '%name%'") == 1);
    app.close().await;
}

/// The first import into a new database: the file's 联络组 (and one 界别) are not in the lists. The
/// preview says so first, in one place, with each value's rows and the page where its list is kept;
/// one click adds them all, and every valid row is new.
#[tokio::test(flavor = "multi_thread")]
async fn a_first_import_into_an_empty_database_asks_once_for_the_missing_groups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |_| {});
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=demo-load]").await;
    app.click("[data-testid=roster-import]").await;
    app.wait("[data-testid=import-drop]").await;
    app.set_file("[data-testid=import-file]", &import_fixture("messy-roster.xlsx")).await;
    app.wait("[data-testid=import-columns]").await;
    app.click("[data-testid=import-next]").await;
    app.wait("[data-testid=import-preview]").await;
    app.wait_text_in("[data-testid=import-unknown]", "文件中有 3 个值不在列表中").await;
    let prompt = app.text_of("[data-testid=import-unknown-group]").await;
    assert!(prompt.contains("列表在“联络组”页"), "{prompt}");
    assert!(prompt.contains("东城联络组（7 行）") && prompt.contains("城关联络组（5 行）"), "{prompt}");
    let sector = app.text_of("[data-testid=import-unknown-sector]").await;
    assert!(sector.contains("外星界（1 行）") && sector.contains("“设置 → 界别”"), "{sector}");
    // The prompt comes before the counts and the rows.
    let first = app
        .c
        .execute(
            "return document.querySelector('[data-testid=import-preview]').firstElementChild.dataset.testid",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first.as_str(), Some("import-unknown"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-first-missing").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM liaison_groups"), 0);

    app.click("[data-testid=import-add-unknown]").await;
    app.wait_text_in("[data-testid=import-summary]", "更新 0").await;
    for t in ["新增 12", "无变化 0", "出错 9"] {
        app.wait_text_in("[data-testid=import-summary]", t).await;
    }
    assert!(app.c.find(Locator::Css("[data-testid=import-unknown]")).await.is_err(), "the prompt is gone");
    assert_eq!(app.db_count("SELECT COUNT(*) FROM liaison_groups WHERE deleted_at IS NULL"), 2);
    tokio::time::sleep(Duration::from_millis(300)).await;
    shot(&app, "import-first-added").await;
    app.click("[data-testid=import-next]").await;
    app.click("[data-testid=import-commit-valid]").await;
    app.wait_text_in("[data-testid=import-result]", "新增 12 人，更新 0 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 12);
    app.close().await;
}
