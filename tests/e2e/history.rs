//! 数据安全: the operator asked once at start; an edit shows in the history old → new with the phone
//! masked; a form loaded before someone else saved the member is refused (此记录已被修改) and reloads;
//! a deleted member with a long name comes back from the one 回收站.

use crate::harness::{member, pause, prepare, shot, App};

#[tokio::test(flavor = "multi_thread")]
async fn history_recycle_bin_and_a_stale_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let long = "欧阳娜娜提莎古丽买买提";
    prepare(&path, |db| {
        let mut a = member(db, "郑晓岚");
        a.mobile = "13812345678".into();
        a.work_unit = "东港区第一中学".into();
        db.save_member(a).unwrap();
        let b = db.save_member(member(db, long)).unwrap();
        db.delete_member(&b.id).unwrap();
    });
    // The operator is not set yet: the window asks once.
    let app = App::start_as_is(dir, path.clone()).await;
    app.wait("[data-testid=operator-dialog]").await;
    pause(400).await;
    shot(&app, "history-operator").await;
    app.fill("[data-testid=operator-name] input", "王秘书").await;
    app.click("[data-testid=operator-save]").await;
    app.wait_text("您好，王秘书").await;

    // An edit of the phone.
    app.fill("[data-testid=roster-search] input", "zxl").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait("[data-testid=member-drawer]").await;
    pause(600).await;
    app.click("[data-testid=member-edit]").await;
    app.wait("[data-testid=member-form]").await;
    pause(600).await;
    app.fill("[data-testid=f-mobile] input", "13998765432").await;
    app.click("[data-testid=member-save]").await;
    app.wait_text("已保存").await;
    pause(600).await;

    // The form opened again; meanwhile someone else (the CLI) changes the member.
    app.click("[data-testid=member-edit]").await;
    app.wait("[data-testid=member-form]").await;
    pause(600).await;
    {
        let mut db = liaison_core::Db::open(&path).unwrap();
        let id: String = db.conn().query_row("SELECT id FROM members WHERE name = '郑晓岚'", [], |r| r.get(0)).unwrap();
        let mut i = db.member(&id).unwrap().as_input();
        i.job_title = "副校长".into();
        db.save_member(i).unwrap();
    }
    app.fill("[data-testid=f-work_unit] input", "东港区教育局").await;
    app.click("[data-testid=member-save]").await;
    app.wait_text("此记录已被修改：王秘书 于").await;
    pause(400).await;
    shot(&app, "history-stale").await;
    app.click(".el-message-box .el-button--primary").await;
    pause(600).await;
    app.click("[data-testid=member-save]").await;
    app.wait_text("已保存").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE job_title = '副校长'"), 1);
    app.click("[data-testid=member-drawer] .el-drawer__close-btn").await;
    pause(600).await;

    // 数据安全 → 操作记录: the phone old → new, masked.
    app.click("[data-testid=nav-history]").await;
    app.wait("[data-testid=history-table]").await;
    app.wait_text_in("[data-testid=history-table]", "138****5678").await;
    app.wait_text_in("[data-testid=history-table]", "139****5432").await;
    let table = app.text_of("[data-testid=history-table]").await;
    assert!(!table.contains("13812345678") && !table.contains("13998765432"), "{table}");
    assert!(table.contains("王秘书") && table.contains("手机"), "{table}");
    pause(400).await;
    shot(&app, "history-log").await;

    // 回收站: the long name whole; restored.
    app.click("#tab-bin").await;
    app.wait_text_in("[data-testid=bin-table]", long).await;
    pause(400).await;
    shot(&app, "history-bin").await;
    app.click("[data-testid=bin-restore]").await;
    app.wait_text(&format!("已恢复委员“{long}”")).await;
    assert_eq!(app.db_count(&format!("SELECT COUNT(*) FROM members WHERE name = '{long}' AND deleted_at IS NULL")), 1);
    app.close().await;
}
