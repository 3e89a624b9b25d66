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

/// A long 界别 (中国农工民主党, 中华全国归国华侨联合会 …) is shown whole in a group's member list,
/// wrapped, never cut with …; the 操作 column stays on screen at 1280 px.
#[tokio::test(flavor = "multi_thread")]
async fn long_sectors_are_shown_whole_in_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groups.db");
    prepare(&path, |db| {
        let sector = db.save_ref(liaison_core::model::RefInput {
            id: None,
            kind: liaison_core::model::RefKind::Sector,
            name: "中华全国归国华侨联合会（侨联界）".into(),
            sort: None,
        });
        let sector = sector.unwrap().id;
        let group = db.save_group(GroupInput { name: "城关镇联络组".into(), ..Default::default() }).unwrap().id;
        let mut m = crate::harness::member(db, "欧阳晓峰");
        m.sector_id = Some(sector);
        m.group_id = Some(group);
        db.save_member(m).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-groups]").await;
    app.wait_text_in("[data-testid=group-members]", "欧阳晓峰").await;
    app.wait_text_in("[data-testid=group-member-sector]", "中华全国归国华侨联合会（侨联界）").await;
    let fits = app
        .c
        .execute(
            "const s = document.querySelector('[data-testid=group-member-sector]').closest('.cell'); \
             const t = document.querySelector('[data-testid=group-members] .el-table'); \
             const op = [...t.querySelectorAll('th')].find(th => th.innerText.includes('操作')).getBoundingClientRect(); \
             return [s.scrollWidth <= s.clientWidth, op.right <= t.getBoundingClientRect().right + 1];",
            vec![],
        )
        .await
        .unwrap();
    shot(&app, "group-long-sector").await;
    assert_eq!(fits, serde_json::json!([true, true]), "the 界别 whole, the 操作 column on screen");

    // The role menu (one for the whole table) opens under the member's role and sets another.
    app.click("[data-testid=group-role]").await;
    app.wait_text_in("[data-testid=group-role-menu]", "副组长").await;
    shot(&app, "group-role-menu").await;
    app.click("[data-testid=group-role-deputy]").await;
    app.wait_text_in("[data-testid=group-role]", "副组长").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM group_members WHERE role = 'deputy'"), 1);
    app.wait_hidden("[data-testid=group-role-menu]").await;
    app.close().await;
}
