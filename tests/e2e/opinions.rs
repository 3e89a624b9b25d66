//! 社情民意: a report submitted, edited (核稿, the original beside the edited text), adopted, compiled
//! into a bulletin issue in the composer and exported as .docx and PDF — all in the window; then the
//! list with a long title and the empty recycle bin, screenshotted.

use crate::harness::{member, prepare, shot, App};
use liaison_core::opinions::{OpinionInput, ReportSubmitterInput, ReportSubmitterKind};

#[tokio::test(flavor = "multi_thread")]
async fn submit_adopt_compile_and_export_a_bulletin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("opinions.db");
    let exports = dir.path().join("exports");
    let long =
        "关于进一步加强和改进新时代农村留守老人、留守儿童和困境妇女关爱服务体系建设，切实解决群众急难愁盼问题的建议";
    prepare(&path, |db| {
        let m = db.save_member(member(db, "王伟")).unwrap().id;
        db.save_opinion(OpinionInput {
            title: long.into(),
            date: crate::harness::today(),
            situation: "全区共有农村留守老人一万二千余人。".into(),
            problem: "日间照料中心运营困难。".into(),
            suggestion: "一是加大投入；二是引入社会力量。".into(),
            submitters: vec![ReportSubmitterInput { kind: ReportSubmitterKind::Member, id: m }],
            ..Default::default()
        })
        .unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-opinions]").await;
    app.wait_text_in("[data-testid=op-table]", "留守老人").await;
    app.wait_text_in("[data-testid=op-state-draft]", "暂存 1").await;
    shot(&app, "opinions-list").await;

    // Submit, then 核稿 with the original beside the edited text.
    app.click("[data-testid=op-table] .el-table__body tr td:nth-child(3)").await;
    app.click("[data-testid=od-step-submit]").await;
    app.wait_text_in("[data-testid=od-state]", "已提交").await;
    app.click("[data-testid=od-step-review]").await;
    app.wait("[data-testid=review-dialog]").await;
    app.fill(
        "[data-testid=rv-suggestion] textarea, textarea[data-testid=rv-suggestion]",
        "一是将农村养老服务设施纳入规划；二是引导社会组织参与运营。",
    )
    .await;
    shot(&app, "opinions-review").await;
    app.click("[data-testid=rv-save]").await;
    app.wait_text_in("[data-testid=od-state]", "核稿中").await;
    app.wait_text_in("[data-testid=od-compare]", "引导社会组织参与运营").await;
    app.wait_text_in("[data-testid=od-compare]", "二是引入社会力量").await;
    shot(&app, "opinions-drawer-compare").await;

    // Adopt at the city level.
    app.click("[data-testid=od-step-adopt]").await;
    app.wait("[data-testid=adopt-dialog]").await;
    app.click("[data-testid=ad-level] label:nth-child(2)").await;
    app.click("[data-testid=ad-save]").await;
    app.wait_text_in("[data-testid=od-state]", "已采用").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM opinions WHERE state = 'adopted' AND adopted_level = 'city'"), 1);
    // Close the drawer (Esc).
    if let Ok(e) = app.c.active_element().await {
        e.send_keys("\u{E00C}").await.ok();
    }
    crate::harness::pause(600).await;

    // Compile an issue: the composer offers 第1期（总第1期）, the adopted report, a preview.
    app.click("#tab-bulletins").await;
    app.wait_text_in("[data-testid=bl-progress]", "已编 0 期 / 目标 8 期").await;
    app.click("[data-testid=bl-add]").await;
    app.wait("[data-testid=bulletin-composer]").await;
    app.wait_text_in("[data-testid=bc-pool]", "留守老人").await;
    app.click("[data-testid=bc-pool] .pool-item").await;
    app.fill("[data-testid=bc-signer] input, input[data-testid=bc-signer]", "周建国").await;
    app.wait_text_in("[data-testid=bc-preview]", "第1期（总第1期）").await;
    app.wait_text_in("[data-testid=bc-preview]", "留守老人").await;
    shot(&app, "opinions-composer").await;
    app.click("[data-testid=bc-save]").await;
    app.wait_text_in("[data-testid=bl-table]", "第1期（总第1期）").await;
    app.wait_text_in("[data-testid=bl-progress]", "已编 1 期").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM bulletin_items"), 1);

    // Export it as .docx and as PDF.
    app.click("[data-testid=bl-docx]").await;
    app.wait_text_in("[data-testid=op-export-path]", ".docx").await;
    let docx = app.text_of("[data-testid=op-export-path]").await.trim().trim_start_matches("已导出到 ").to_string();
    assert!(docx.starts_with(exports.to_str().unwrap()), "{docx}");
    assert!(std::fs::metadata(&docx).unwrap().len() > 2000);
    shot(&app, "opinions-exported").await;
    app.click("[data-testid=op-exported] .el-dialog__headerbtn").await;
    crate::harness::pause(400).await;
    app.click("[data-testid=bl-pdf]").await;
    app.wait_text_in("[data-testid=op-export-path]", ".pdf").await;
    let pdf = app.text_of("[data-testid=op-export-path]").await.trim().trim_start_matches("已导出到 ").to_string();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    app.click("[data-testid=op-exported] .el-dialog__headerbtn").await;
    crate::harness::pause(400).await;

    // The empty recycle bin says so.
    app.click("#tab-bin").await;
    app.wait_text_in("[data-testid=op-bin]", "回收站是空的").await;
    shot(&app, "opinions-bin-empty").await;
    app.close().await;
}
