//! Proposals (提案): filed in the window, taken through 提交, 立案, 交办, 答复 and 委员反馈, each step in
//! the drawer's buttons and dialog; found by two characters from its text in 全文检索; the long 案由 and
//! the empty states looked at in screenshots.

use crate::harness::{pick_member, prepare, shot, App};

const TITLE: &str = "关于进一步完善城乡社区居家养老服务网络、加快建设老年助餐点并推动医养结合服务向农村延伸的建议";

/// Open a step's dialog with the drawer's button.
async fn step(app: &App, to: &str) {
    app.click(&format!("[data-testid=pd-step-{to}]")).await;
    app.wait("[data-testid=proposal-step] [data-testid=ps-save]").await;
}

async fn confirm(app: &App, state: &str) {
    app.click("[data-testid=ps-save]").await;
    app.wait_text_in("[data-testid=pd-state]", state).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proposal_is_filed_handled_and_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("proposals.db");
    prepare(&path, |db| {
        let m = crate::harness::member(db, "王丽华");
        db.save_member(m).unwrap();
        db.save_handling_unit(None, "区民政局").unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-proposals]").await;
    // The empty year says how to start.
    app.wait_text_in("[data-testid=pl-table]", "还没有提案").await;
    shot(&app, "proposals-empty").await;

    // File it: a long 案由, the lead proposer, a text with 助餐 in its middle.
    app.click("[data-testid=pl-add]").await;
    app.fill("[data-testid=pf-title] input, input[data-testid=pf-title]", TITLE).await;
    pick_member(&app, "[data-testid=pf-lead] .who", "王丽华").await;
    app.fill(
        "[data-testid=pf-body] textarea, textarea[data-testid=pf-body]",
        "近年来我区老年人口持续增加，居家养老服务需求旺盛，但老年助餐点覆盖不足，农村尤甚。",
    )
    .await;
    app.click("[data-testid=pf-save]").await;
    app.wait_text_in("[data-testid=pd-title]", "老年助餐点").await;
    app.wait_text_in("[data-testid=pd-state]", "暂存").await;

    step(&app, "submitted").await;
    confirm(&app, "已提交").await;
    step(&app, "accepted").await;
    confirm(&app, "已立案").await;
    // 交办 to 区民政局 (due date three months on by default).
    step(&app, "assigned").await;
    app.choose("[data-testid=ps-main]", "区民政局").await;
    confirm(&app, "已交办").await;
    // 答复, graded A.
    step(&app, "answered").await;
    app.click("[data-testid=ps-grade] label:nth-child(1)").await;
    confirm(&app, "已答复").await;
    // The proposer is 满意.
    step(&app, "feedback").await;
    app.click("[data-testid=ps-feedback] label:nth-child(1)").await;
    confirm(&app, "已反馈").await;
    app.click("#tab-timeline").await;
    app.wait_text_in("[data-testid=pd-timeline]", "委员反馈").await;
    let timeline = app.text_of("[data-testid=pd-timeline]").await;
    for s in ["提交", "立案", "交办", "答复", "委员反馈", "主办：区民政局", "A 已解决或采纳"] {
        assert!(timeline.contains(s), "{s} in {timeline}");
    }
    shot(&app, "proposal-timeline").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM proposals WHERE state = 'feedback' AND number = 1"), 1);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM audit_log WHERE entity = 'proposal'"), 6);

    // The list shows the long 案由 on one line, cut with …, its state and unit.
    app.c
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))",
            vec![],
        )
        .await
        .unwrap();
    app.wait_text_in("[data-testid=pl-table]", "区民政局").await;
    shot(&app, "proposals-long-title").await;

    // Two characters from the middle of its text find it.
    app.click("[data-testid=nav-search]").await;
    app.fill("[data-testid=fts-input] input, input[data-testid=fts-input]", "助餐").await;
    app.wait_text_in("[data-testid=fts-results]", "提案 1 条").await;
    let hit = app.text_of("[data-testid=fts-hit]").await;
    assert!(hit.contains("老年助餐点") && hit.contains("王丽华") && hit.contains("已反馈"), "{hit}");
    let marked = app.text_of("[data-testid=fts-hit] .snippet mark").await;
    assert_eq!(marked, "助餐");
    shot(&app, "search-hit").await;
    app.fill("[data-testid=fts-input] input, input[data-testid=fts-input]", "不存在的词").await;
    app.wait("[data-testid=fts-empty]").await;
    shot(&app, "search-empty").await;
    app.close().await;
}

/// The value of a textarea inside the element with this test id.
async fn textarea(app: &App, testid: &str) -> String {
    let v = app
        .c
        .execute(
            &format!("return document.querySelector('[data-testid={testid}] textarea, textarea[data-testid={testid}]').value"),
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_proposal_becomes_a_public_opinion_report_corrected_in_the_form() {
    use liaison_core::proposals::types::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("convert.db");
    prepare(&path, |db| {
        let m = db.save_member(crate::harness::member(db, "王丽华")).unwrap().id;
        let id = db
            .save_proposal(ProposalInput {
                title: "关于加快老旧小区加装电梯的提案".into(),
                body: "近年来我区加装电梯需求旺盛。\n一、存在的问题\n业主意见难统一。\n二、对策建议\n完善补贴政策。"
                    .into(),
                timing: ProposalTiming::Routine,
                category: ProposalCategory::Society,
                proposers: vec![SubmitterInput { kind: SubmitterKind::Member, id: m }],
                ..Default::default()
            })
            .unwrap()
            .proposal
            .id;
        let step = |to| ProposalStep { id: id.clone(), to, ..Default::default() };
        db.proposal_step(step(ProposalState::Submitted)).unwrap();
        db.proposal_step(ProposalStep {
            reason: "宜作为社情民意信息反映".into(), ..step(ProposalState::Rejected)
        })
        .unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-proposals]").await;
    app.wait_text_in("[data-testid=pl-table]", "加装电梯").await;
    shot(&app, "proposal-rejected-list").await;
    app.click("[data-testid=pl-table] tbody tr td:nth-child(2)").await;
    app.wait_text_in("[data-testid=pd-state]", "不立案").await;
    app.click("[data-testid=pd-convert-opinion]").await;
    // The form opens with core's draft: the title names a suggestion, the text split under its headings.
    app.wait("[data-testid=opinion-form] [data-testid=of-save]").await;
    app.wait_text_in("[data-testid=of-submitters]", "王丽华").await;
    assert_eq!(textarea(&app, "of-situation").await, "近年来我区加装电梯需求旺盛。");
    assert_eq!(textarea(&app, "of-problem").await, "业主意见难统一。");
    assert_eq!(textarea(&app, "of-suggestion").await, "完善补贴政策。");
    shot(&app, "proposal-to-opinion").await;
    app.fill(
        "[data-testid=of-suggestion] textarea, textarea[data-testid=of-suggestion]",
        "完善补贴政策，建立协商机制。",
    )
    .await;
    app.click("[data-testid=of-save]").await;
    app.wait("[data-testid=pd-open-report]").await;
    app.click("[data-testid=pd-open-report]").await;
    app.wait_text_in("[data-testid=od-title]", "关于加快老旧小区加装电梯的建议").await;
    app.wait_text_in("[data-testid=od-state]", "已提交").await;
    assert_eq!(
        app.db_count("SELECT COUNT(*) FROM opinions WHERE source_kind = 'proposal' AND suggestion = '完善补贴政策，建立协商机制。'"),
        1
    );
    assert_eq!(app.db_count("SELECT COUNT(*) FROM proposals WHERE converted_kind = 'opinion'"), 1);
    app.close().await;
}
