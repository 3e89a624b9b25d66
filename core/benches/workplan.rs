//! Work plan benchmark: the dashboard's core call (`work_plan_progress`: every item of the year's plan
//! counted from the records, by quarter and by liaison group) on a demo office of N members (default
//! 10,000) with 50 participation records per member (500,000 at 10,000) in N/2 activities of the
//! liaison groups, N/2 visits done, N reports with one or two submitters, 2N study reflections and N/10
//! proposals, all in this year. Also the biggest list behind a number (the members short of the
//! reflection target), a group-quarter list, and the composition statistics. 20 runs each; prints
//! p50/p95/max.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench workplan` (release build).
//! Target at 10,000 members and 500,000 participation records: the dashboard loads ≤ 200 ms.
//! The size: an argument or `LIAISON_BENCH_SIZE`; CI runs it at 200 in a debug build.

use liaison_core::workplan::types::{PlanItem, PlanListKind, PlanListQuery};
use liaison_core::Db;
use rusqlite::params;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut v = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        v.push(t.elapsed());
    }
    println!(
        "{label}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pct(v.clone(), 0.5),
        pct(v.clone(), 0.95),
        pct(v, 1.0)
    );
    last.unwrap()
}

fn main() {
    let n = size::size(10_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut db = Db::open(&path).expect("open");
    let t = Instant::now();
    db.load_demo(n, Some(100.min(n / 10).max(1))).expect("demo");
    let year: i32 = chrono::Local::now().format("%Y").to_string().parse().unwrap();
    let members: Vec<String> = {
        let mut st = db.conn().prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let groups: Vec<String> = {
        let mut st = db.conn().prepare("SELECT id FROM liaison_groups WHERE deleted_at IS NULL ORDER BY id").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let m = members.len();
    let c = db.conn();
    c.execute_batch("BEGIN").unwrap();
    let date = |i: usize| format!("{year}-{:02}-{:02}", i % 11 + 1, i % 28 + 1);
    {
        let mut act = c
            .prepare(
                "INSERT INTO activities (id, kind, title, start_date, place, content, responsible, organiser, group_id,
                                         status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '学习交流', ?6, ?7, ?8, 'done', 'x', 'x')",
            )
            .unwrap();
        let mut part = c
            .prepare(
                "INSERT INTO participants (id, activity_id, member_id, attendance, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'present', 'x', 'x')",
            )
            .unwrap();
        // N/2 activities of 100 participants each: 50 participation records per member.
        let acts = (n as usize / 2).max(1);
        let per = 100.min(m);
        for i in 0..acts {
            let id = format!("bench-a{i:07}");
            let kind = ["group", "study", "forum", "research"][i % 4];
            let g = if kind == "group" || i % 8 == 1 { Some(&groups[i % groups.len()]) } else { None };
            act.execute(params![
                id,
                kind,
                format!("第{i}次活动"),
                date(i),
                if i % 13 == 0 { "" } else { "委员之家" },
                if i % 17 == 0 { "" } else { "周建国" },
                if g.is_some() { "group" } else { "office" },
                g
            ])
            .unwrap();
            for k in 0..per {
                part.execute(params![format!("bench-p{i:07}-{k:03}"), id, members[(i * 37 + k) % m]]).unwrap();
            }
        }
        // 2N reflections on the study sessions.
        let mut refl = c
            .prepare(
                "INSERT INTO reflections (id, activity_id, member_id, title, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '学习心得', 'x', 'x')",
            )
            .unwrap();
        for i in 0..2 * n as usize {
            let a = (i % (acts / 4).max(1)) * 4 + 1;
            let a = if a < acts { a } else { 1.min(acts - 1) };
            // Three members in four write theirs: the rest are short of the target.
            refl.execute(params![
                format!("bench-r{i:07}"),
                format!("bench-a{a:07}"),
                members[(i * 7) % (m * 3 / 4).max(1)]
            ])
            .unwrap();
        }
        // N/2 visits done.
        let mut va = c
            .prepare(
                "INSERT INTO activities (id, kind, title, start_date, status, created_at, updated_at)
                 VALUES (?1, 'visit', '走访', ?2, 'done', 'x', 'x')",
            )
            .unwrap();
        let mut vv = c
            .prepare(
                "INSERT INTO visits (activity_id, target_kind, member_id, done_date) VALUES (?1, 'member', ?2, ?3)",
            )
            .unwrap();
        for i in 0..(n as usize / 2).max(1) {
            let id = format!("bench-v{i:07}");
            va.execute(params![id, date(i)]).unwrap();
            vv.execute(params![id, members[(i * 11) % m], date(i)]).unwrap();
        }
        // N reports, one or two member submitters; N/10 proposals.
        let mut op = c
            .prepare(
                "INSERT INTO opinions (id, title, report_date, submitted_at, state, created_at, updated_at)
                 VALUES (?1, '关于某事的建议', ?2, ?2, 'submitted', 'x', 'x')",
            )
            .unwrap();
        let mut sub = c
            .prepare(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name)
                 VALUES (?1, ?2, 'member', ?3, ?4, '委员')",
            )
            .unwrap();
        for i in 0..n as usize {
            let id = format!("bench-o{i:07}");
            op.execute(params![id, date(i)]).unwrap();
            for k in 0..(i % 2 + 1) {
                sub.execute(params![id, k as i64, members[(i * 13 + k * 5) % m], if k == 0 { "first" } else { "co" }])
                    .unwrap();
            }
        }
        let mut pr = c
            .prepare(
                "INSERT INTO proposals (id, year, title, category, timing, state, submitted_date, created_at, updated_at)
                 VALUES (?1, ?2, '关于某事的提案', 'society', 'routine', 'submitted', ?3, 'x', 'x')",
            )
            .unwrap();
        let mut pp = c
            .prepare(
                "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id) VALUES (?1, 0, 'lead', 'member', ?2)",
            )
            .unwrap();
        for i in 0..(n as usize / 10).max(1) {
            let id = format!("bench-pr{i:07}");
            pr.execute(params![id, year, date(i)]).unwrap();
            pp.execute(params![id, members[(i * 3) % m]]).unwrap();
        }
    }
    c.execute_batch("COMMIT; ANALYZE").unwrap();
    let parts: i64 = c.query_row("SELECT COUNT(*) FROM participants", [], |r| r.get(0)).unwrap();
    println!(
        "office of {} members, {} groups, {} participation records: made in {:.1} s",
        size::thousands(m as u32),
        groups.len(),
        size::thousands(parts as u32),
        t.elapsed().as_secs_f64()
    );

    let p = time("dashboard (work_plan_progress, every item)", 20, || db.work_plan_progress(year).unwrap());
    for i in &p.items {
        println!("  {}: {} / {}", i.label, i.actual, i.goal);
    }
    let q = PlanListQuery {
        year,
        item: PlanItem::MemberReflections,
        list: PlanListKind::Short,
        quarter: None,
        group_id: None,
    };
    let l = time("list: members short of the reflection target", 20, || db.work_plan_list(&q).unwrap());
    println!("  {} rows", l.rows.len());
    let q = PlanListQuery {
        year,
        item: PlanItem::GroupQuarterly,
        list: PlanListKind::Incomplete,
        quarter: Some(2),
        group_id: None,
    };
    let l = time("list: group activities of Q2 lacking a 四落实", 20, || db.work_plan_list(&q).unwrap());
    println!("  {} rows", l.rows.len());
    let q = PlanListQuery {
        year,
        item: PlanItem::Opinions,
        list: PlanListKind::Done,
        quarter: None,
        group_id: Some(groups[0].clone()),
    };
    let l = time("list: one group's reports", 20, || db.work_plan_list(&q).unwrap());
    println!("  {} rows", l.rows.len());
    let comp = time("composition (six dimensions)", 20, || db.composition().unwrap());
    println!("  {} members", comp.total);
}
