//! The first run: a new database shows the wizard — the office's name, its term and the user's name
//! (a missing name refused at its field), then how to start; 载入演示数据 fills the roster, and the office's
//! name then heads the roster export. A database that already holds members never shows it.

use crate::harness::{pause, shot, App};
use std::io::Read;

/// The shared strings of an .xlsx (its texts).
fn xlsx_text(path: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_database_is_set_up_by_the_wizard_and_its_office_heads_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first.db");
    let app = App::start_as_is(dir, path).await;
    app.wait("[data-testid=first-run] [data-testid=fr-office]").await;
    pause(300).await;
    shot(&app, "first-run").await;

    // Without the user's name the step is refused at the field.
    app.fill("[data-testid=fr-office] input, input[data-testid=fr-office]", "政协滨江区委员会联络办公室").await;
    app.fill("[data-testid=fr-term] input, input[data-testid=fr-term]", "第十六届").await;
    app.click("[data-testid=fr-next]").await;
    app.wait_text_in("[data-testid=first-run]", "请填写您的名字").await;
    app.fill("[data-testid=fr-operator] input, input[data-testid=fr-operator]", "王秘书").await;
    app.click("[data-testid=fr-next]").await;

    // How to start: the four ways; demo data.
    app.wait("[data-testid=fr-choices]").await;
    let text = app.text_of("[data-testid=fr-choices]").await;
    for s in ["导入名册", "从基准文件加入办公室", "载入演示数据", "从空白开始"] {
        assert!(text.contains(s), "{s} in {text}");
    }
    app.click("[data-testid=fr-choice-demo]").await;
    shot(&app, "first-run-start").await;
    app.click("[data-testid=fr-start-btn]").await;
    app.wait_text_in_within("[data-testid=roster-total]", "共 300 人", std::time::Duration::from_secs(90)).await;
    app.wait_text("政协滨江区委员会联络办公室").await;
    app.wait_text("第十六届").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM local_settings WHERE key = 'setup_done'"), 1);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM local_settings WHERE key = 'operator' AND value = '王秘书'"), 1);

    // The office's name heads the roster export.
    app.click("[data-testid=roster-export]").await;
    app.wait("[data-testid=export-dialog]").await;
    app.click("[data-testid=export-confirm]").await;
    app.wait_text_in("[data-testid=export-result]", "已导出 300 名委员").await;
    let out = app.text_of("[data-testid=export-path]").await;
    let strings = xlsx_text(out.trim());
    assert!(strings.contains("政协滨江区委员会联络办公室"), "the export's title names the office");
    app.close().await;
}
