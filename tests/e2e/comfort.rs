//! Everyday comfort (issue 15): a keyboard shortcut opens 新增 on the roster and the help panel lists
//! the shortcuts; the roster's layout (page size, sort, columns) survives a restart; 设置 → 关于 shows
//! the database's path and size.

use crate::harness::{pause, prepare, shot, App};
use fantoccini::Locator;

/// Ctrl held while `key` is typed into the element `css` (the modifiers let go after).
async fn ctrl(app: &App, css: &str, key: &str) {
    app.wait(css).await.send_keys(&format!("\u{E009}{key}\u{E000}")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shortcut_opens_new_on_the_roster_and_help_lists_the_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |db| {
        db.load_demo(12, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 12 人").await;

    // Ctrl+F: the cursor goes to the roster's own search box.
    ctrl(&app, "input[data-testid=global-search]", "f").await;
    let focused = app.c.active_element().await.unwrap();
    assert_eq!(focused.attr("placeholder").await.unwrap().as_deref(), Some("姓名 / 拼音首字母 / 手机号 / 身份证尾号"));

    // Ctrl+N from there opens the member form (新增).
    ctrl(&app, "[data-testid=roster-search] input", "n").await;
    app.wait(".member-dialog").await;
    app.wait_text_in(".member-dialog", "新增委员").await;
    // Ctrl+S in the empty form saves, i.e. tries to: the name is asked for at its field, nothing is added.
    ctrl(&app, ".member-dialog [data-testid=f-mobile] input", "s").await;
    app.wait(".member-dialog .el-form-item.is-error").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members"), 12);
    app.click("[data-testid=member-cancel]").await;
    // Closed, its overlay gone: a shortcut acts inside an open dialog, never on the screen behind it.
    app.wait_hidden(".member-dialog").await;
    // Ctrl+E: the roster's 导出 dialog.
    ctrl(&app, "[data-testid=roster-search] input", "e").await;
    app.wait_text_in("[data-testid=export-dialog]", "导出 12 人").await;
    app.click("[data-testid=export-dialog] .el-dialog__headerbtn").await;
    // The refusal's toast gone before the help panel's picture.
    pause(3000).await;

    // F1: the help panel with every shortcut.
    app.wait("[data-testid=roster-search] input").await.send_keys("\u{E031}").await.unwrap();
    app.wait("[data-testid=help-panel]").await;
    let text = app.text_of("[data-testid=help-shortcuts]").await;
    for want in ["新增", "Ctrl + N", "查找", "Ctrl + F", "保存", "Ctrl + S", "导出", "Ctrl + E", "帮助", "F1"]
    {
        assert!(text.contains(want), "help lists {want}: {text}");
    }
    pause(400).await;
    shot(&app, "help-panel").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_roster_layout_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |db| {
        db.load_demo(120, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 120 人").await;
    app.wait_text_in(".pager", "50条/页").await;

    // Page size 100, sorted by 拼音.
    app.click(".pager .el-pagination__sizes .el-select").await;
    app.click(".el-select-dropdown__item:not(.is-disabled):nth-child(2)").await;
    app.wait_text_in(".pager", "100条/页").await;
    // The size list closed before the sort is clicked.
    pause(500).await;
    app.click("[data-testid=roster-sort] label:nth-child(2)").await;
    app.wait_text_in("[data-testid=roster-sort] .is-active", "拼音").await;
    // Saved in the database's local settings a moment after the change.
    let mut saved = String::new();
    for _ in 0..30 {
        pause(100).await;
        saved = app.db_text("SELECT COALESCE((SELECT value FROM local_settings WHERE key = 'layout.roster'), '')");
        if saved.contains(r#""sort":"pinyin""#) {
            break;
        }
    }
    assert!(saved.contains(r#""pageSize":100"#) && saved.contains(r#""sort":"pinyin""#), "{saved}");

    let app = app.restart().await;
    app.wait_text_in("[data-testid=roster-total]", "共 120 人").await;
    app.wait_text_in(".pager", "100条/页").await;
    app.wait_text_in("[data-testid=roster-sort] .is-active", "拼音").await;
    // 100 rows on the first page.
    let rows = app
        .c
        .find_all(Locator::Css("[data-testid=roster-table] .el-table__body-wrapper tr.el-table__row"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 100);
    shot(&app, "roster-layout-restored").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn about_shows_the_database_path_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |db| {
        db.load_demo(30, None).unwrap();
    });
    let bytes = std::fs::metadata(&path).unwrap().len();
    let app = App::start_on(dir, path.clone()).await;
    app.wait("[data-testid=roster-total]").await;
    // From the help panel's link (关于 is also the last part of 设置).
    app.click("[data-testid=nav-help]").await;
    app.click("[data-testid=help-about]").await;
    app.wait("[data-testid=about-dialog]").await;
    app.wait("[data-testid=about-panel]").await;
    app.wait_text_in("[data-testid=about-db-path]", &path.display().to_string()).await;
    let size = app.text_of("[data-testid=about-db-size]").await;
    assert!(size.contains("KB") || size.contains("MB"), "{size}");
    assert!(bytes > 0);
    let version = app.text_of("[data-testid=about-version]").await;
    assert_eq!(version.trim(), format!("版本 {}", env!("CARGO_PKG_VERSION")));
    let schema = app.text_of("[data-testid=about-schema]").await;
    assert_eq!(schema.trim(), liaison_core::db::SCHEMA_VERSION.to_string());
    app.wait_text_in("[data-testid=about-export-dir]", "exports").await;
    pause(400).await;
    shot(&app, "about").await;
    app.close().await;
}

/// Every main list on an empty database says what to do next (a picture of each to look at).
#[tokio::test(flavor = "multi_thread")]
async fn every_main_list_on_an_empty_database_says_what_to_do_next() {
    let app = App::start().await;
    let screens = [
        ("roster", "还没有委员"),
        ("groups", "点上方“新增联络组”"),
        ("activities", "点“新增”安排一项"),
        ("sessions", "还没有会议。点“新增”"),
        ("opinions", "点“新增”录入一篇"),
        ("proposals", "点“新增”登记一件"),
        ("performance", "先在“委员名册”中新增或导入委员"),
        ("workplan", ""),
        ("search", "输入要查找的文字"),
        ("history", "操作记录"),
    ];
    for (nav, want) in screens {
        app.click(&format!("[data-testid=nav-{nav}]")).await;
        if !want.is_empty() {
            app.wait_text_in(".content", want).await;
        }
        pause(600).await;
        shot(&app, &format!("empty-{nav}")).await;
    }
    app.close().await;
}
