//! Activities (活动): a visit round planned and its outcome recorded on the member, a meeting's invitations,
//! sign-in by initials and attendance, and a screenshot tour of a demo year.

use crate::harness::{member, pause, pick_member, pick_member_into, prepare, shot, today, App};

#[tokio::test(flavor = "multi_thread")]
async fn plan_a_visit_round_record_an_outcome_and_see_it_on_the_member() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.db");
    prepare(&path, |db| {
        db.save_member(liaison_core::model::MemberInput {
            mobile: "13912345678".into(),
            address: "城关镇人民路 18 号".into(),
            ..member(db, "欧阳明")
        })
        .unwrap();
        db.save_member(member(db, "郑晓燕")).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_text("还没有活动").await;
    shot(&app, "activities-empty").await;
    app.click("#tab-visits").await;
    app.wait_text("还没有走访计划").await;
    pause(600).await;
    app.click("[data-testid=round-add]").await;
    app.fill("[data-testid=rf-title] input, input[data-testid=rf-title]", "2026年冬季委员走访").await;
    app.fill("[data-testid=rf-visitors] input, input[data-testid=rf-visitors]", "张主席、办公室李明").await;
    pick_member(&app, "[data-testid=rf-member-0]", "欧阳明").await;
    // A member picked in a row brings the phone and address from the record.
    let phone = "[data-testid=rf-phone-0] input, input[data-testid=rf-phone-0]";
    let mut filled = serde_json::Value::Null;
    for _ in 0..20 {
        filled = app
            .c
            .execute("return document.querySelector(arguments[0]).value", vec![serde_json::json!(phone)])
            .await
            .unwrap();
        if filled == "13912345678" {
            break;
        }
        pause(150).await;
    }
    assert_eq!(filled, "13912345678");
    app.fill("[data-testid=rf-date-0] input, input[data-testid=rf-date-0]", &today()).await;
    app.wait("[data-testid=rf-date-0] input, input[data-testid=rf-date-0]").await.send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=rf-add-row]").await;
    pick_member(&app, "[data-testid=rf-member-1]", "郑晓燕").await;
    pause(300).await;
    shot(&app, "visits-round-form").await;
    app.click("[data-testid=rf-save]").await;
    app.wait_text_in("[data-testid=round-visits]", "郑晓燕").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND deleted_at IS NULL"), 2);
    pause(300).await;
    shot(&app, "visits-round").await;

    // Print the round's checklist as PDF: the day table and a record sheet per visit, made by core.
    app.click("[data-testid=round-print]").await;
    app.wait("[data-testid=print-dialog]").await;
    app.wait_text_in("[data-testid=print-dialog]", "显示完整手机号").await;
    pause(300).await;
    shot(&app, "visits-print-dialog").await;
    app.click("[data-testid=print-confirm]").await;
    app.wait_text_in("[data-testid=print-result]", "走访安排表已生成").await;
    let pdf = app.text_of("[data-testid=print-path]").await;
    let pdf = pdf.trim().trim_start_matches("已导出到 ").to_string();
    assert!(pdf.contains("/exports/2026年冬季委员走访-走访安排表-") && pdf.ends_with(".pdf"), "{pdf}");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    for want in ["2026年冬季委员走访安排表", "欧阳明", "郑晓燕", "张主席、办公室李明", "委员走访记录表"]
    {
        assert!(text.contains(want), "{want} not in the PDF: {text}");
    }
    pause(300).await;
    shot(&app, "visits-printed").await;
    app.click("[data-testid=print-dialog] .el-dialog__headerbtn").await;
    pause(500).await;

    // Record the outcome of the visit to 欧阳明, with a follow-up.
    app.click("[data-testid=round-visits] tbody tr:first-child td:nth-child(2)").await;
    app.wait_text_in("[data-testid=ad-title]", "走访欧阳明委员").await;
    app.fill(
        "[data-testid=vo-findings] textarea, textarea[data-testid=vo-findings]",
        "委员所在企业经营稳定，积极参加界别活动",
    )
    .await;
    app.fill("[data-testid=vo-opinions] textarea, textarea[data-testid=vo-opinions]", "建议增加乡镇联络组活动经费")
        .await;
    app.click("[data-testid=fu-add]").await;
    app.fill("[data-testid=fu-content-0] input, input[data-testid=fu-content-0]", "向财政局反映联络组活动经费").await;
    app.fill("[data-testid=fu-owner-0] input, input[data-testid=fu-owner-0]", "李明").await;
    app.fill("[data-testid=fu-due-0] input, input[data-testid=fu-due-0]", "2099-12-31").await;
    app.wait("[data-testid=fu-due-0] input, input[data-testid=fu-due-0]").await.send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=vo-save]").await;
    app.wait_text("走访情况已记录").await;
    app.wait_text_in("[data-testid=ad-status]", "已完成").await;
    pause(400).await;
    shot(&app, "visits-outcome").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND status = 'done'"), 1);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM follow_ups"), 1);
    app.click("[data-testid=ad-close]").await;
    pause(600).await;

    // The member's page shows the visit.
    app.click("[data-testid=nav-roster]").await;
    app.fill("[data-testid=roster-search] input", "oym").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait("[data-testid=member-drawer]").await;
    // The drawer slides in: a click on its tab before it has settled can miss (seen under load).
    pause(500).await;
    app.click("#tab-history").await;
    app.wait_text_in("[data-testid=member-history-list]", "走访欧阳明委员").await;
    app.wait_text_in("[data-testid=member-history-list]", "被走访").await;
    pause(400).await;
    shot(&app, "member-history").await;
    app.close().await;
}

/// Plan a round of five with one pick: tick five members in the roster picker, and each row comes with
/// the member's phone and address and the round's date; then the round's 走访情况汇总, named after it.
/// Actions for a round of five: 新增, name, visitors, date (2), 选择委员, five ticks, confirm, 保存 = 13.
#[tokio::test(flavor = "multi_thread")]
async fn plan_a_round_of_five_members_with_one_pick() {
    use liaison_core::model::*;
    let names = ["欧阳明", "郑晓燕", "王伟", "李红", "杜鹃"];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round5.db");
    prepare(&path, |db| {
        for (i, n) in names.iter().enumerate() {
            db.save_member(MemberInput {
                mobile: format!("1381234800{i}"),
                address: format!("城关镇人民路 {} 号", i + 1),
                ..member(db, n)
            })
            .unwrap();
        }
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.click("#tab-visits").await;
    app.wait_text("还没有走访计划").await;
    pause(600).await;
    app.click("[data-testid=round-add]").await;
    app.fill("[data-testid=rf-title] input, input[data-testid=rf-title]", "2026年春节前委员走访").await;
    app.fill("[data-testid=rf-visitors] input, input[data-testid=rf-visitors]", "张主席、办公室李明").await;
    app.fill("[data-testid=rf-default-date] input", &today()).await;
    app.wait("[data-testid=rf-default-date] input").await.send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=rf-pick]").await;
    app.wait_text_in("[data-testid=rf-pick-dialog]", "共 5 人").await;
    for row in 1..=5 {
        app.click(&format!("[data-testid=rf-pick-dialog] tbody tr:nth-child({row}) td:nth-child(2)")).await;
    }
    app.wait_text_in("[data-testid=rf-pick-dialog]", "已选 5 人").await;
    pause(300).await;
    shot(&app, "visits-pick-five").await;
    app.click("[data-testid=rf-pick-confirm]").await;
    app.wait_text("已加入 5 位委员").await;
    for n in names {
        app.wait_text_in("[data-testid=rf-rows]", n).await;
    }
    // Each row: the member's mobile and address from the record, the round's date.
    let values: Vec<String> =
        (0..5).map(|i| format!("[data-testid=rf-phone-{i}] input, input[data-testid=rf-phone-{i}]")).collect();
    for (i, css) in values.iter().enumerate() {
        let v = app
            .c
            .execute("return document.querySelector(arguments[0]).value", vec![serde_json::json!(css)])
            .await
            .unwrap();
        assert!(v.as_str().unwrap().starts_with("1381234800"), "row {i}: {v}");
    }
    pause(300).await;
    shot(&app, "visits-round-of-five").await;
    app.click("[data-testid=rf-save]").await;
    app.wait_text("已保存走访计划，共 5 次走访").await;
    pause(200).await;
    // The toast opens below the top bar: the office name and the 届次 tag stay readable.
    shot(&app, "toast-below-header").await;
    // Measured once the toast has slid into place (it enters from above; under load that takes longer).
    let mut toast = -999.0;
    for _ in 0..20 {
        toast = app
            .c
            .execute(
                "const t = document.querySelector('.el-message'); const h = document.querySelector('.topbar');\
             return t && h ? t.getBoundingClientRect().top - h.getBoundingClientRect().bottom : -999",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        if toast >= 0.0 {
            break;
        }
        pause(100).await;
    }
    assert!(toast >= 0.0, "the toast overlaps the top bar by {toast}");
    app.wait_text_in("[data-testid=round-visits]", "杜鹃").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND deleted_at IS NULL"), 5);
    assert_eq!(
        app.db_count("SELECT COUNT(*) FROM visits WHERE phone LIKE '1381234800_' AND address LIKE '城关镇%'"),
        5
    );
    assert_eq!(
        app.db_count(&format!("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND start_date = '{}'", today())),
        5
    );
    assert_eq!(
        app.db_count("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND COALESCE(start_time, '') <> ''"),
        0
    );

    // The round's 走访情况汇总 as Excel: the file carries the round's name.
    app.click("[data-testid=round-summary]").await;
    app.wait_text_in("[data-testid=print-dialog]", "本计划：2026年春节前委员走访").await;
    app.click("[data-testid=print-format-xlsx]").await;
    pause(300).await;
    shot(&app, "visits-summary-dialog").await;
    app.click("[data-testid=print-confirm]").await;
    app.wait_text_in("[data-testid=print-result]", "走访情况汇总已生成").await;
    let out = app.text_of("[data-testid=print-path]").await;
    let out = out.trim().trim_start_matches("已导出到 ").to_string();
    assert!(out.contains("/exports/2026年春节前委员走访-走访情况汇总-") && out.ends_with(".xlsx"), "{out}");
    assert!(std::path::Path::new(&out).exists(), "{out}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_invite_sign_in_by_initials_and_confirm_attendance() {
    use liaison_core::model::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.db");
    prepare(&path, |db| {
        for n in ["欧阳明", "郑晓燕", "王伟"] {
            db.save_member(member(db, n)).unwrap();
        }
        db.save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "民营经济发展座谈会".into(),
            date: today(),
            time: "08:30".into(),
            place: "区政协三楼会议室".into(),
            content: "听取委员对优化营商环境的意见建议".into(),
            responsible: "周建国".into(),
            contact: "李明 13812345678".into(),
            ..Default::default()
        })
        .unwrap();
        db.save_activity(ActivityInput {
            kind: ActivityKind::Research,
            title: "关于推进城乡义务教育优质均衡发展和农村寄宿制学校建设情况的专题调研（第二阶段）".into(),
            date: "2099-03-15".into(),
            ..Default::default()
        })
        .unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_text_in("[data-testid=act-table]", "民营经济发展座谈会").await;
    app.wait_text_in("[data-testid=act-table]", "四落实不全").await;
    pause(300).await;
    shot(&app, "activities-list").await;
    app.click("[data-testid=af-filter-incomplete]").await;
    pause(500).await;
    assert!(!app.text_of("[data-testid=act-table]").await.contains("民营经济发展座谈会"));
    app.click("[data-testid=af-filter-incomplete]").await;
    app.click("[data-testid=act-mode] label:nth-child(2)").await;
    app.wait_text_in("[data-testid=act-month]", "民营经济").await;
    pause(300).await;
    shot(&app, "activities-month").await;
    app.c.execute("document.querySelector('[data-testid=act-month] .day-item').click()", vec![]).await.unwrap();

    // Invite two members, sign one in by initials, confirm attendance.
    app.wait_text_in("[data-testid=ad-title]", "民营经济发展座谈会").await;
    // By script: a toast may sit over the tab bar.
    app.c.execute("document.querySelector('#tab-people').click()", vec![]).await.unwrap();
    app.wait_text("名单为空").await;
    pick_member_into(&app, "[data-testid=ad-invite-member]", "欧阳明", "[data-testid=ad-people]").await;
    app.wait_text_in("[data-testid=ad-people]", "欧阳明").await;
    pick_member_into(&app, "[data-testid=ad-invite-member]", "郑晓燕", "[data-testid=ad-people]").await;
    app.wait_text_in("[data-testid=ad-people]", "郑晓燕").await;
    app.fill("[data-testid=ad-quick] input, input[data-testid=ad-quick]", "oym").await;
    app.wait("[data-testid=ad-quick] input, input[data-testid=ad-quick]").await.send_keys("\u{E007}").await.unwrap();
    app.wait_text("已签到 1 人").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM participants WHERE attendance = 'present'"), 1);
    pause(300).await;
    shot(&app, "meeting-signed-in").await;
    app.click("[data-testid=ad-finalise]").await;
    app.wait_text("出勤已确认").await;
    app.wait_text_in("[data-testid=ad-people]", "缺席").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM participants WHERE attendance = 'absent'"), 1);
    pause(400).await;
    shot(&app, "meeting-attendance").await;
    // By script: a toast may sit over the tab bar.
    app.c.execute("document.querySelector('#tab-notice').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=activity-drawer]", "复制").await;
    pause(400).await;
    shot(&app, "meeting-notice").await;
    app.close().await;
}

/// Screenshots of the activity screens on a demo year (target/e2e-shots/act-tour-*.png).
/// `cargo test -p liaison-e2e -- --ignored activities_tour`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn activities_tour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("act-tour.db");
    prepare(&path, |db| {
        db.load_demo(300, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait("[data-testid=act-table] tbody tr").await;
    pause(600).await;
    shot(&app, "act-tour-list").await;
    app.click("[data-testid=act-mode] label:nth-child(2)").await;
    pause(1200).await;
    shot(&app, "act-tour-month").await;
    app.click("[data-testid=act-mode] label:nth-child(1)").await;
    app.choose("[data-testid=af-filter-kind]", "视察").await;
    pause(800).await;
    app.click("[data-testid=act-table] tbody tr td:nth-child(3)").await;
    app.wait("[data-testid=ad-title]").await;
    pause(800).await;
    shot(&app, "act-tour-inspection").await;
    app.c
        .execute("document.querySelector('#tab-stops') && document.querySelector('#tab-stops').click()", vec![])
        .await
        .unwrap();
    pause(600).await;
    shot(&app, "act-tour-stops").await;
    app.c.execute("document.querySelector('#tab-people').click()", vec![]).await.unwrap();
    pause(600).await;
    shot(&app, "act-tour-people").await;
    app.click("[data-testid=ad-invite-many]").await;
    app.wait("[data-testid=invite-dialog] tbody tr").await;
    app.click("[data-testid=invite-dialog] tbody tr:nth-child(2) td:nth-child(2)").await;
    pause(500).await;
    shot(&app, "act-tour-invite").await;
    app.click("[data-testid=invite-confirm]").await;
    app.wait_text("已邀请 1 人").await;
    app.click("[data-testid=ad-close]").await;
    pause(600).await;
    app.click("[data-testid=act-add]").await;
    pause(800).await;
    shot(&app, "act-tour-new").await;
    app.click("[data-testid=af-save]").await;
    pause(800).await;
    shot(&app, "act-tour-new-errors").await;
    app.c
        .execute("document.querySelector('[data-testid=activity-form] .el-dialog__headerbtn').click()", vec![])
        .await
        .ok();
    pause(600).await;
    app.c.execute("document.querySelector('#tab-visits').click()", vec![]).await.unwrap();
    pause(1500).await;
    shot(&app, "act-tour-visits").await;
    app.close().await;
}
