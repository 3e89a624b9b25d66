//! 履职: the page opened from the navigation, the year picked (an empty year says where to set its
//! rules), a member's explained points opened from the ranking (the same points as core's), the other
//! tabs, the roster's member drawer with the year's points; a long name, the empty year and 10,000
//! members looked at in screenshots.

use crate::harness::{figure_members, prepare, shot, App};
use std::time::{Duration, Instant};

const LONG: &str = "欧阳娜仁高娃其其格";

fn this_year() -> i32 {
    // The demo's year is the local year, as the page's default.
    let out = std::process::Command::new("date").arg("+%Y").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_performance_page_ranks_the_year_and_explains_a_members_points() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("performance.db");
    let year = this_year();
    let mut long_id = String::new();
    let mut points = 0.0;
    prepare(&path, |db| {
        db.load_demo(60, None).unwrap();
        let l = db.score_ledger(year).unwrap();
        long_id = l.rows[3].member_id.clone();
        db.conn().execute("UPDATE members SET name = ?1 WHERE id = ?2", [LONG, &long_id]).unwrap();
        points = db.member_score(&long_id, year).unwrap().unwrap().row.points;
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-performance]").await;
    app.wait_text_in("[data-testid=pf-table]", LONG).await;
    app.wait_text_in("[data-testid=pf-grades]", "优秀").await;
    shot(&app, "performance-ranking").await;

    // Last year has no rules: the page says so and where to set them.
    app.choose("[data-testid=pf-year]", &format!("{}年", year - 1)).await;
    app.wait_text_in("[data-testid=pf-no-rules]", &format!("{}年还没有积分规则", year - 1)).await;
    shot(&app, "performance-empty-year").await;
    app.choose("[data-testid=pf-year]", &format!("{year}年")).await;
    app.wait_text_in("[data-testid=pf-table]", LONG).await;
    // The score table, exported (the file is core's; its rows are the ledger's).
    app.click("[data-testid=pf-export]").await;
    app.wait_text(&format!("已导出 {year}年度履职积分汇总表：60 人")).await;

    // The member's explained points: the total is core's, the base and the records are listed.
    app.click(&format!("[data-testid=pf-name-{long_id}]")).await;
    app.wait_text_in("[data-testid=score-drawer]", "基础分").await;
    let shown = app.text_of("[data-testid=score-points]").await;
    assert_eq!(shown.trim(), liaison_core::performance::fmt_points(points));
    let body = app.text_of("[data-testid=score-drawer]").await;
    assert!(body.contains(&format!("各项合计 {} 分", liaison_core::performance::fmt_points(points))), "{body}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "performance-member").await;
    app.c
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))",
            vec![],
        )
        .await
        .unwrap();

    // The other tabs.
    app.click("#tab-rules").await;
    app.wait("[data-testid=rules-save]").await;
    app.wait_text_in("[data-testid=rules-panel]", "济南市政协").await;
    shot(&app, "performance-rules").await;
    // Edit a rule in the window: the base score 70 → 80 moves everyone's points by 10.
    app.fill("[data-testid=rules-base] input", "80").await;
    app.wait("[data-testid=rules-base] input").await.send_keys("\u{E004}").await.unwrap();
    app.click("[data-testid=rules-save]").await;
    app.wait_text(&format!("已保存{year}年积分规则")).await;
    assert_eq!(app.db_count(&format!("SELECT CAST(base AS INTEGER) FROM score_rule_sets WHERE year = {year}")), 80);
    app.click("#tab-ranking").await;
    app.wait_text_in(
        &format!("[data-testid=pf-table] tr:has([data-testid=pf-name-{long_id}])"),
        &liaison_core::performance::fmt_points(points + 10.0),
    )
    .await;
    points += 10.0;
    app.click("#tab-five").await;
    app.wait_text_in("[data-testid=five-table]", LONG).await;
    shot(&app, "performance-five-ones").await;
    app.click("#tab-deeds").await;
    app.wait("[data-testid=deed-table]").await;
    shot(&app, "performance-deeds").await;
    app.click("#tab-idle").await;
    app.wait("[data-testid=idle-table]").await;
    shot(&app, "performance-idle").await;

    // The roster's member drawer shows the year's points and grade.
    app.click("[data-testid=nav-roster]").await;
    app.fill("[data-testid=roster-search] input", "娜仁高娃").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait_text_in("[data-testid=member-score]", &format!("{year}年履职积分")).await;
    let line = app.text_of("[data-testid=member-score]").await;
    assert!(line.contains(&format!("{} 分", liaison_core::performance::fmt_points(points))), "{line}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    shot(&app, "performance-member-drawer").await;
    app.close().await;
}

/// A figure: the ranking of 10,000 demo members (LIAISON_FIGURE_MEMBERS), from the click to the table.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn performance_page_with_10000_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let n = figure_members(10_000);
    prepare(&path, |db| {
        db.load_demo(n, Some(100.min(n / 10).max(1))).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.wait("[data-testid=nav-performance]").await;
    let t = Instant::now();
    app.click("[data-testid=nav-performance]").await;
    app.wait_text_in_within("[data-testid=pf-grades]", &format!("全部 {n}"), Duration::from_secs(60)).await;
    println!("履职 ranking of {n} members shown: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    shot(&app, &format!("performance-{n}")).await;
    app.close().await;
}
