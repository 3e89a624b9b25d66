//! Issue 14's activity screens: a 驻地上级政协委员 registered in their list, then invited with the members of a
//! sector to a 评议 activity; the joint organisers in the activity form (screenshots act14-*.png).

use crate::harness::*;

#[tokio::test]
async fn an_upper_level_member_is_registered_then_invited_with_a_sector_to_an_appraisal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |db| {
        db.load_demo(60, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait("[data-testid=act-table] tbody tr").await;
    // 驻地上级政协委员: the demo's three, and one more through the form.
    app.c.execute("document.querySelector('#tab-upper').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=upper-table]", "高振东").await;
    app.click("[data-testid=upper-add]").await;
    pause(800).await;
    shot(&app, "act14-upper-form").await;
    app.fill("[data-testid=upper-name] input, input[data-testid=upper-name]", "郑卫国").await;
    app.click("[data-testid=upper-save]").await;
    app.wait_text_in("[data-testid=upper-table]", "郑卫国").await;
    pause(500).await;
    shot(&app, "act14-upper").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM upper_members WHERE name = '郑卫国' AND level = 'city'"), 1);

    // The 评议 activity: invite 医药卫生界 and the new upper-level member.
    app.c.execute("document.querySelector('#tab-list').click()", vec![]).await.unwrap();
    app.choose("[data-testid=af-filter-kind]", "评议").await;
    app.wait_text_in("[data-testid=act-table]", "民主评议").await;
    app.click("[data-testid=act-table] tbody tr td:nth-child(3)").await;
    app.wait("[data-testid=ad-title]").await;
    app.c.execute("document.querySelector('#tab-people').click()", vec![]).await.unwrap();
    let before = app.db_count(
        "SELECT COUNT(*) FROM participants p JOIN activities a ON a.id = p.activity_id WHERE a.kind = 'appraisal'",
    );
    app.choose("[data-testid=ad-invite-upper]", "郑卫国（市政协）").await;
    app.click("[data-testid=ad-invite-upper-go]").await;
    app.wait_text_in("[data-testid=ad-people]", "郑卫国").await;
    app.choose("[data-testid=ad-invite-sectors]", "医药卫生界").await;
    app.click("[data-testid=ad-invite-sectors-go]").await;
    app.wait_text("已邀请").await;
    pause(600).await;
    shot(&app, "act14-people").await;
    let sector_members = app.db_count(
        "SELECT COUNT(*) FROM members m JOIN ref_items s ON s.id = m.sector_id
         WHERE s.name = '医药卫生界' AND m.deleted_at IS NULL AND m.status = 'active'
           AND m.id NOT IN (SELECT p.member_id FROM participants p JOIN activities a ON a.id = p.activity_id
                            WHERE a.kind = 'appraisal' AND p.member_id IS NOT NULL AND p.invited = 1 AND p.created_at < (
                              SELECT MIN(created_at) FROM participants WHERE upper_member_id IN
                                (SELECT id FROM upper_members WHERE name = '郑卫国')))",
    );
    let after = app.db_count(
        "SELECT COUNT(*) FROM participants p JOIN activities a ON a.id = p.activity_id WHERE a.kind = 'appraisal'",
    );
    assert_eq!(
        after,
        before + 1 + sector_members,
        "the upper-level member and the sector's members not yet on the list"
    );
    app.click("[data-testid=ad-close]").await;

    // The form: a group activity with joint organisers.
    app.click("[data-testid=act-add]").await;
    app.wait("[data-testid=activity-form]").await;
    app.c
        .execute("[...document.querySelectorAll('[data-testid=af-kind] label')].find(l => l.textContent.trim() === '联络组活动').click()", vec![])
        .await
        .unwrap();
    pause(500).await;
    app.wait("[data-testid=af-joint-groups]").await;
    pause(500).await;
    shot(&app, "act14-form").await;
    app.click("[data-testid=activity-form] .el-dialog__headerbtn").await;

    // 联络组: the first group's activities include the demo's 联片 one it organises with the next two, and
    // the second group's list has it too (joint).
    app.click("[data-testid=nav-groups]").await;
    app.click("[data-testid=group-item]:nth-child(2)").await;
    app.click("[data-testid=group-pane] label:nth-child(2)").await;
    app.wait_text_in("[data-testid=group-activities]", "联片视察农村饮水安全工程").await;
    pause(500).await;
    shot(&app, "act14-group-activities").await;
    app.close().await;
}
