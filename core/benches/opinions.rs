//! 社情民意 list benchmark: the demo office (300 members) with N reports (default 20,000) spread over
//! the states and two years, one to three member submitters each, a 批示 on every tenth, every
//! twentieth in a bulletin issue. Times the list (one year; all years; a state; a search; one member's),
//! with its counts by state, 20 runs each; prints p50/p95/max.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench opinions` (release build).
//! Target at 20,000: the whole list with its counts ≤ 300 ms; a filtered one ≤ 100 ms.

use liaison_core::opinions::{OpinionQuery, OpinionState};
use liaison_core::Db;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut db = Db::open(&path).expect("open");
    db.load_demo(300, None).expect("demo");
    let n = size::size(20_000);
    let t = Instant::now();
    let members: Vec<(String, String)> = {
        let mut st = db.conn().prepare("SELECT id, name FROM members WHERE deleted_at IS NULL").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    let year = chrono::Local::now().format("%Y").to_string().parse::<i32>().unwrap();
    let c = db.conn();
    c.execute_batch("BEGIN").unwrap();
    c.execute(
        "INSERT INTO bulletin_issues (id, year, number, total_number, issue_date, created_at, updated_at)
         VALUES ('bench-issue', 1999, 1, 9999, '1999-01-01', 'x', 'x')",
        [],
    )
    .unwrap();
    let states = ["draft", "submitted", "editing", "retained", "adopted", "instructed", "transferred", "replied"];
    for i in 0..n as usize {
        let id = format!("bench-{i:06}");
        let state = states[i % states.len()];
        let adopted = matches!(state, "adopted" | "instructed" | "transferred" | "replied");
        let y = if i % 2 == 0 { year } else { year - 1 };
        let date = format!("{y}-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        c.execute(
            "INSERT INTO opinions (id, title, situation, problem, suggestion, report_date, topics, state, adopted_level,
                                   adopted_form, adopted_at, created_at, updated_at)
             VALUES (?1, ?2, '情况说明情况说明情况说明', '存在问题存在问题', '意见建议意见建议', ?3, '民生、养老', ?4, ?5, ?6, ?7, 'x', 'x')",
            rusqlite::params![
                id,
                format!("关于第{i}个问题的建议"),
                date,
                state,
                adopted.then_some("district"),
                adopted.then_some("single"),
                adopted.then_some(date.clone())
            ],
        )
        .unwrap();
        for k in 0..(i % 3 + 1) {
            let (mid, name) = &members[(i * 7 + k * 13) % members.len()];
            c.execute(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name) VALUES (?1, ?2, 'member', ?3, ?4, ?5)",
                rusqlite::params![id, k as i64, mid, if k == 0 { "first" } else { "co" }, name],
            )
            .unwrap();
        }
        if i % 10 == 0 {
            c.execute(
                "INSERT INTO opinion_instructions (id, opinion_id, leader, level, date, created_at, updated_at)
                 VALUES (?1, ?2, '区长', 'district', ?3, 'x', 'x')",
                rusqlite::params![format!("ins-{i}"), id, date],
            )
            .unwrap();
        }
        if i % 20 == 4 {
            c.execute(
                "INSERT INTO bulletin_items (issue_id, opinion_id, seq) VALUES ('bench-issue', ?1, ?2)",
                rusqlite::params![id, i as i64],
            )
            .unwrap();
        }
    }
    c.execute_batch("COMMIT; ANALYZE").unwrap();
    println!("{n} reports written in {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let member = members[0].0.clone();
    let cases: Vec<(&str, OpinionQuery)> = vec![
        ("list, one year", OpinionQuery { year: Some(year), ..Default::default() }),
        ("list, all years", OpinionQuery::default()),
        ("list, one state (已采用)", OpinionQuery { state: Some(OpinionState::Adopted), ..Default::default() }),
        ("search 第123", OpinionQuery { search: "第123".into(), ..Default::default() }),
        ("one member's", OpinionQuery { member_id: Some(member), ..Default::default() }),
    ];
    println!("{:<30}{:>8}{:>10}{:>10}{:>10}", format!("query ({n} reports)"), "rows", "p50 ms", "p95 ms", "max ms");
    for (label, q) in cases {
        let mut runs = Vec::new();
        let mut rows = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let l = db.opinions(&q).expect("list");
            runs.push(t.elapsed());
            rows = l.rows.len();
        }
        let max = runs.iter().max().unwrap().as_secs_f64() * 1000.0;
        println!("{label:<30}{rows:>8}{:>10.1}{:>10.1}{max:>10.1}", pct(runs.clone(), 0.5), pct(runs, 0.95));
    }
    let _ = &mut db;
}
