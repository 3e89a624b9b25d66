//! 履职积分 benchmark: N participation records (default 500,000) over N/50 members (10,000), in one
//! year: N/100 activities of every kind with 100 participants each (present, late, absent, leave,
//! speakers and leads), a reflection from every 25th participant, a plenary session of 6 half days
//! with every member signed in or not, N/25 reports with one to three submitters (every 4th adopted,
//! every 10th with a 批示), N/100 proposals with co-proposers, N/1000 speeches, N/200 deeds. The 济南
//! template. Times the full recompute of the year (the ledger: every member's points, rank, grade and
//! missed items), one member's explained points (with the ledger, and with the ledger at hand as a
//! batch of performance files reads it), one member's 五个一, the 五个一 table and the 未履职 list;
//! prints p50/p95/max.
//!
//! Run: `cargo bench -p liaison-core --no-default-features --bench performance` (release build).
//! Target at 500,000: the full recompute ≤ 1 s.

use liaison_core::performance::ScoreTemplate;
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

const KINDS: [&str; 8] = ["visit", "inspection", "research", "forum", "group", "study", "chair", "forum"];
const T: &str = "2025-01-01T00:00:00.000Z";

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut db = Db::open(&path).expect("open");
    let n = size::size(500_000) as usize;
    let members = (n / 50).max(20);
    let activities = (n / 100).max(2);
    let per = n / activities;
    let year = 2025;
    let t = Instant::now();
    let c = db.conn();
    c.execute_batch("BEGIN").unwrap();
    let term: String = c.query_row("SELECT id FROM terms ORDER BY is_current DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let ids: Vec<String> = (0..members).map(|i| format!("m{i:06}")).collect();
    {
        let mut st = c
            .prepare("INSERT INTO members (id, name, gender, stroke_key, created_at, updated_at) VALUES (?1, ?2, '男', ?3, ?4, ?4)")
            .unwrap();
        for (i, id) in ids.iter().enumerate() {
            st.execute(params![id, format!("委员{i}"), (i as u32).to_be_bytes().to_vec(), T]).unwrap();
        }
    }
    {
        let mut act = c
            .prepare(
                "INSERT INTO activities (id, kind, title, start_date, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'done', ?5, ?5)",
            )
            .unwrap();
        let mut part = c
            .prepare(
                "INSERT INTO participants (id, activity_id, member_id, role, attendance, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .unwrap();
        let mut refl = c
            .prepare(
                "INSERT INTO reflections (id, activity_id, member_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, '心得', ?4, ?4)",
            )
            .unwrap();
        let mut k = 0usize;
        for a in 0..activities {
            let aid = format!("a{a:06}");
            let date = format!("{year}-{:02}-{:02}", a % 12 + 1, a % 28 + 1);
            act.execute(params![aid, KINDS[a % KINDS.len()], format!("活动{a}"), date, T]).unwrap();
            for j in 0..per {
                let m = &ids[(a * 37 + j * 101) % members];
                let role = match j % 20 {
                    0 => "lead",
                    1 | 2 => "speaker",
                    _ => "attendee",
                };
                let att = match k % 10 {
                    0 => "absent",
                    1 => "leave",
                    2 => "late",
                    _ => "present",
                };
                // A member met twice in one activity is skipped (the list is one row per member).
                if part.execute(params![format!("p{k:08}"), aid, m, role, att, T]).is_ok() && k % 25 == 3 {
                    refl.execute(params![format!("r{k:08}"), aid, m, T]).unwrap();
                }
                k += 1;
            }
        }
    }
    // The plenary: 6 half days, every member.
    c.execute(
        "INSERT INTO activities (id, kind, title, start_date, status, created_at, updated_at)
         VALUES ('pl', 'plenary', '全会', '2025-01-10', 'done', ?1, ?1)",
        [T],
    )
    .unwrap();
    c.execute(
        "INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, kind, created_at, updated_at)
         VALUES ('S', 'pl', ?1, '第三次会议', '2025-01-10', '2025-01-12', 'plenary', ?2, ?2)",
        params![term, T],
    )
    .unwrap();
    for s in 0..6 {
        c.execute(
            "INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, created_at, updated_at)
             VALUES (?1, 'S', 'plenary', '全体会议', ?2, ?3, ?4, ?4)",
            params![format!("s{s}"), format!("2025-01-{:02}", 10 + s / 2), ["am", "pm"][s % 2], T],
        )
        .unwrap();
    }
    {
        let mut att = c
            .prepare("INSERT INTO session_attendees (id, session_id, kind, member_id, created_at, updated_at) VALUES (?1, 'S', 'member', ?2, ?3, ?3)")
            .unwrap();
        let mut sign = c
            .prepare("INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")
            .unwrap();
        for (i, m) in ids.iter().enumerate() {
            let aid = format!("t{i:06}");
            att.execute(params![aid, m, T]).unwrap();
            for s in 0..6 {
                let o = match (i + s) % 17 {
                    0 => "absent",
                    1 => "leave",
                    _ => "present",
                };
                sign.execute(params![format!("s{s}"), aid, o, T]).unwrap();
            }
        }
    }
    // Reports, proposals, speeches, deeds.
    for i in 0..(n / 25).max(1) {
        let id = format!("o{i:07}");
        let adopted = i % 4 == 0;
        c.execute(
            "INSERT INTO opinions (id, title, state, submitted_at, adopted_level, adopted_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6, ?6)",
            params![
                id,
                format!("关于第{i}个问题的建议"),
                if adopted { "adopted" } else { "submitted" },
                format!("{year}-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                adopted.then_some(["district", "city", "province"][i % 3]),
                T
            ],
        )
        .unwrap();
        for k in 0..(i % 3 + 1) {
            c.execute(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name) VALUES (?1, ?2, 'member', ?3, ?4, '某')",
                params![id, k as i64, ids[(i * 7 + k * 13) % members], if k == 0 { "first" } else { "co" }],
            )
            .unwrap();
        }
        if i % 10 == 0 {
            c.execute(
                "INSERT INTO opinion_instructions (id, opinion_id, leader, level, date, created_at, updated_at)
                 VALUES (?1, ?2, '区长', 'district', '2025-06-01', ?3, ?3)",
                params![format!("i{i}"), id, T],
            )
            .unwrap();
        }
    }
    for i in 0..(n / 100).max(1) {
        let id = format!("q{i:06}");
        c.execute(
            "INSERT INTO proposals (id, year, title, category, timing, state, is_key, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'society', 'routine', ?4, ?5, ?6, ?6)",
            params![
                id,
                year,
                format!("提案{i}"),
                ["accepted", "rejected", "assigned", "submitted"][i % 4],
                (i % 20 == 0) as i64,
                T
            ],
        )
        .unwrap();
        for k in 0..(i % 4 + 1) {
            c.execute(
                "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id) VALUES (?1, ?2, ?3, 'member', ?4)",
                params![id, k as i64, if k == 0 { "lead" } else { "co" }, ids[(i * 11 + k * 17) % members]],
            )
            .unwrap();
        }
    }
    for i in 0..(n / 1000).max(1) {
        c.execute(
            "INSERT INTO speeches (id, session_id, title, submitter_kind, member_id, submitted_date, state, adoption, created_at, updated_at)
             VALUES (?1, 'S', '发言', 'member', ?2, '2025-01-05', ?3, ?4, ?5, ?5)",
            params![format!("sp{i}"), ids[(i * 3) % members], if i % 2 == 0 { "adopted" } else { "submitted" },
                    (i % 2 == 0).then_some("oral"), T],
        )
        .unwrap();
    }
    for i in 0..(n / 200).max(1) {
        c.execute(
            "INSERT INTO member_deeds (id, member_id, kind, what, deed_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, '实事', '2025-05-05', ?4, ?4)",
            params![format!("d{i}"), ids[(i * 5) % members], if i % 3 == 0 { "project" } else { "deed" }, T],
        )
        .unwrap();
    }
    c.execute_batch("COMMIT; ANALYZE").unwrap();
    let parts: i64 = c.query_row("SELECT COUNT(*) FROM participants", [], |r| r.get(0)).unwrap();
    println!(
        "{} members, {} participations, {} activities written in {:.0} ms",
        size::thousands(members as u32),
        size::thousands(parts as u32),
        size::thousands(activities as u32),
        t.elapsed().as_secs_f64() * 1000.0
    );
    db.copy_score_template(year, ScoreTemplate::Jinan, false).unwrap();
    db.save_five_ones_items(year, db.five_ones_defaults()).unwrap();
    let one = ids[members / 2].clone();
    let ledger = db.score_ledger(year).unwrap();
    type Case<'a> = (&'a str, Box<dyn Fn(&Db) -> usize + 'a>);
    let cases: Vec<Case> = vec![
        ("full recompute (ledger)", Box::new(|db: &Db| db.recompute_score_ledger(year).unwrap().rows.len())),
        // As the 履职 page does it: the ranking computed the year's ledger, the drawer reuses it.
        ("one member, explained", Box::new(|db: &Db| db.member_score(&one, year).unwrap().unwrap().items.len())),
        (
            "one member, ledger at hand",
            Box::new(|db: &Db| db.member_score_with(&ledger, &one).unwrap().unwrap().items.len()),
        ),
        ("one member's 五个一", Box::new(|db: &Db| db.five_ones_progress(&one, year).unwrap().marks.len())),
        ("五个一 table", Box::new(|db: &Db| db.five_ones_table(year).unwrap().rows.len())),
        ("未履职 list", Box::new(|db: &Db| db.idle_members(year).unwrap().len())),
    ];
    println!(
        "{:<30}{:>8}{:>10}{:>10}{:>10}",
        format!("query ({} records)", size::thousands(n as u32)),
        "rows",
        "p50 ms",
        "p95 ms",
        "max ms"
    );
    for (label, f) in cases {
        let mut runs = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            rows = f(&db);
            runs.push(t.elapsed());
        }
        let max = runs.iter().max().unwrap().as_secs_f64() * 1000.0;
        println!("{label:<30}{rows:>8}{:>10.1}{:>10.1}{max:>10.1}", pct(runs.clone(), 0.5), pct(runs, 0.95));
    }
    let _ = &mut db;
}
