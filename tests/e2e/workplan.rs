//! 工作计划: the dashboard of a demo year opens from the navigation, a number is followed to its list and
//! the list has as many rows as the number said (and as the database holds); a row opens its record.
//! The empty year and the composition are looked at in screenshots; the 10,000-member dashboard is a
//! figure test (`#[ignore]`, LIAISON_FIGURE_MEMBERS).

use crate::harness::{figure_members, prepare, shot, App};
use std::time::Instant;

/// The rows a table shows (Element Plus renders every row of these short lists).
async fn rows(app: &App, css: &str) -> i64 {
    app.c
        .execute(
            "return document.querySelectorAll(arguments[0] + ' .el-table__body-wrapper tbody tr').length;",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_follows_a_number_to_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workplan.db");
    prepare(&path, |db| {
        db.load_demo(120, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-workplan]").await;
    app.wait("[data-testid=wp-actual-member_visits]").await;
    // The number the dashboard shows is the database's count of this year's recorded visits to members.
    let year = crate::harness::today()[..4].to_string();
    let visits = app.db_count(&format!(
        "SELECT COUNT(*) FROM activities a JOIN visits v ON v.activity_id = a.id
         WHERE a.deleted_at IS NULL AND a.status <> 'cancelled' AND v.target_kind IN ('member','workplace')
           AND v.done_date LIKE '{year}-%'"
    ));
    assert!(visits > 0);
    let shown = app.text_of("[data-testid=wp-actual-member_visits]").await;
    assert_eq!(shown.trim(), format!("{visits} 人次"));
    pause_for_charts().await;
    shot(&app, "workplan-dashboard-demo").await;

    app.click("[data-testid=wp-actual-member_visits]").await;
    app.wait_text_in("[data-testid=wp-list-count]", &format!("共 {visits} 条")).await;
    app.wait_text_in("[data-testid=wp-list]", "走访委员").await;
    assert_eq!(rows(&app, "[data-testid=wp-list-table]").await, visits);
    crate::harness::pause(700).await; // the drawer slides in
    shot(&app, "workplan-list-visits").await;
    // A row opens its visit in the activity drawer.
    app.click("[data-testid=wp-list-table] .el-table__body-wrapper tbody tr:first-child td:nth-child(3)").await;
    app.wait_text_in("[data-testid=activity-drawer]", "走访").await;
    crate::harness::pause(700).await; // the drawer slides in
    shot(&app, "workplan-list-opens-visit").await;
    escape(&app).await;
    escape(&app).await;

    // The members short of the reflection target: as many rows as the dashboard's number.
    let short = app.text_of("[data-testid=wp-short-member_reflections]").await;
    let n: i64 = short.trim().trim_start_matches("未达标").trim_end_matches('人').trim().parse().unwrap();
    app.click("[data-testid=wp-short-member_reflections]").await;
    app.wait_text_in("[data-testid=wp-list-count]", &format!("共 {n} 条")).await;
    assert_eq!(rows(&app, "[data-testid=wp-list-table]").await, n);
    escape(&app).await;

    // A quarter where no group held an activity with the 四落实 complete: its red 0 lists every group.
    let groups = app.db_count("SELECT COUNT(*) FROM liaison_groups WHERE deleted_at IS NULL");
    let mut listed = false;
    for q in 1..=4 {
        let css = format!("[data-testid=wp-q{q}-short-group_quarterly]");
        if app.text_of(&css).await.trim() != "0" {
            continue;
        }
        app.click(&css).await;
        app.wait_text_in("[data-testid=wp-list-count]", &format!("共 {groups} 条")).await;
        app.wait_text_in("[data-testid=wp-list-table]", "没有四落实齐全的活动").await;
        crate::harness::pause(700).await; // the drawer slides in
        shot(&app, "workplan-groups-without-activity").await;
        escape(&app).await;
        listed = true;
        break;
    }
    assert!(listed, "the demo year has a quarter with no group activity");

    // 计划目标 and 委员构成 render.
    escape(&app).await;
    app.click("#tab-targets").await;
    app.wait("[data-testid=wp-t-target-member_visits]").await;
    shot(&app, "workplan-targets").await;
    app.click("#tab-composition").await;
    app.wait_text_in("[data-testid=wp-dim-gender]", "合计").await;
    pause_for_charts().await;
    shot(&app, "workplan-composition").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_year_says_how_to_start() {
    let app = App::start().await;
    app.click("[data-testid=nav-workplan]").await;
    app.wait_text_in("[data-testid=wp-unsaved]", "还没有制定工作计划").await;
    app.wait_text_in("[data-testid=wp-actual-member_visits]", "0 人次").await;
    pause_for_charts().await;
    shot(&app, "workplan-empty").await;
    app.click("#tab-composition").await;
    app.wait_text("还没有在任委员").await;

    // The year's plan made in 计划目标: a target of 0 for an item kept is refused at its field, in
    // Chinese; 40 is saved and the dashboard counts against it.
    app.click("#tab-targets").await;
    app.wait_text_in("[data-testid=wp-targets-unsaved]", "按参考目标").await;
    let visits = "[data-testid=wp-t-target-member_visits] input";
    app.fill(visits, "0").await;
    app.click("[data-testid=wp-t-label-member_visits] input, input[data-testid=wp-t-label-member_visits]").await;
    app.click("[data-testid=wp-targets-save]").await;
    app.wait_text_in("[data-testid=wp-t-err-member_visits]", "目标为 0 的项目请取消勾选").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM work_plan_targets"), 0);
    app.fill(visits, "40").await;
    app.click("[data-testid=wp-t-label-member_visits] input, input[data-testid=wp-t-label-member_visits]").await;
    app.click("[data-testid=wp-targets-save]").await;
    app.wait_text("已保存").await;
    let year = &crate::harness::today()[..4];
    assert_eq!(
        app.db_count(&format!(
            "SELECT target FROM work_plan_targets WHERE year = {year} AND item = 'member_visits' AND enabled = 1"
        )),
        40
    );
    app.click("#tab-dashboard").await;
    app.wait_text_in("[data-testid=wp-table]", "40 人次").await;
    app.close().await;
}

/// The dashboard of a demo office of 10,000 members (LIAISON_FIGURE_MEMBERS): how long it takes to show.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn dashboard_with_10000_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let n = figure_members(10_000);
    prepare(&path, |db| {
        db.load_demo(n, Some(100.min(n / 10).max(1))).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=nav-workplan]").await;
    let t = Instant::now();
    app.click("[data-testid=nav-workplan]").await;
    app.wait("[data-testid=wp-actual-member_visits]").await;
    println!(
        "工作计划 dashboard of {n} members shown in {:.0} ms (click to numbers)",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let js = "const m = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[e.length - 1].startTime : null }; const a = m('workplan-asked'), b = m('workplan-answered'), r = m('workplan-ready'); return r === null ? null : JSON.stringify({ command_ms: Math.round(b - a), drawn_ms: Math.round(r - b) })";
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    let timing = loop {
        let v = app.c.execute(js, vec![]).await.unwrap();
        if !v.is_null() {
            break v;
        }
        assert!(Instant::now() < deadline, "the dashboard never set its workplan-ready mark");
        crate::harness::pause(50).await;
    };
    println!("page timing: {timing} (the command's round trip; the table and charts drawn after it)");
    pause_for_charts().await;
    shot(&app, &format!("workplan-dashboard-{n}")).await;
    app.close().await;
}

/// ECharts animates its bars in: wait for them before a screenshot.
async fn pause_for_charts() {
    crate::harness::pause(1500).await;
}

/// Close the top drawer (Escape), and wait for it to slide out.
async fn escape(app: &App) {
    app.c
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))",
            vec![],
        )
        .await
        .unwrap();
    crate::harness::pause(600).await;
}
