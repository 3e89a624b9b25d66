//! Liaison groups (联络组): a group deleted in the window comes back from the 回收站.

use crate::harness::{prepare, shot, App};
use liaison_core::model::GroupInput;

/// Delete a group, find it in the 回收站, restore it: it is back in the list, selected.
#[tokio::test(flavor = "multi_thread")]
async fn a_deleted_group_is_restored_from_the_bin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groups.db");
    prepare(&path, |db| {
        for name in ["城关镇联络组", "东城街道联络组"] {
            db.save_group(GroupInput { name: name.into(), ..Default::default() }).unwrap();
        }
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-groups]").await;
    // The first group is selected: delete it, confirming once.
    app.wait_text_in("[data-testid=group-name]", "城关镇联络组").await;
    app.click("[data-testid=group-delete]").await;
    app.click(".el-message-box .el-button--primary").await;
    app.wait_text("已删除，可在回收站恢复").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM liaison_groups WHERE deleted_at IS NOT NULL"), 1);

    app.click("[data-testid=group-trash-toggle]").await;
    app.wait_text_in("[data-testid=group-trash-item]", "城关镇联络组").await;
    shot(&app, "group-trash").await;
    app.click("[data-testid=group-restore]").await;
    app.wait_text_in("[data-testid=group-name]", "城关镇联络组").await;
    let list = app.text_of(".groups .list").await;
    assert!(list.contains("城关镇联络组") && list.contains("东城街道联络组"), "{list}");
    assert_eq!(app.db_count("SELECT COUNT(*) FROM liaison_groups WHERE deleted_at IS NULL"), 2);
    app.close().await;
}
