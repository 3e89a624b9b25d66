//! 设置 → 数据备份: a backup made from the window, the data changed, then restored from the window.

use crate::harness::{prepare, shot, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_made_in_the_window_is_restored_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.db");
    prepare(&path, |db| {
        db.load_demo(20, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-settings]").await;
    app.wait("[data-testid=backup-panel]").await;
    app.click("[data-testid=backup-now]").await;
    app.wait_text("已备份").await;
    app.wait_text_in("[data-testid=backup-table]", "手动备份").await;

    // The office loses its members (as a mistaken bulk change would).
    app.db_exec("UPDATE members SET deleted_at = '2026-11-30T00:00:00.000Z'");
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 0);

    shot(&app, "backup-panel").await;
    app.click("[data-testid^=backup-restore-][data-testid$='-manual.db']").await;
    app.wait_text("当前数据会先另存为一份“恢复前”备份").await;
    app.click(".el-message-box .el-button--primary").await;
    app.wait_text("已恢复：委员 20 名").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL"), 20);
    // The window reloads on the restored data (the roster shows its 20 members again); the replaced
    // data is a backup of its own.
    crate::harness::pause(1500).await;
    app.wait_text_in("[data-testid=roster-total]", "共 20 人").await;
    app.click("[data-testid=nav-settings]").await;
    app.wait_text_in("[data-testid=backup-table]", "恢复前").await;
    crate::harness::pause(500).await;
    shot(&app, "backup-restored").await;
    app.close().await;
}
