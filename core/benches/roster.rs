//! Roster benchmark: 10,000 members in 100 groups; every roster query (each filter, search kind and
//! sort) run many times; prints p50/p95/max per query. Also times opening the database and the
//! first roster page (what the app does at start).
//!
//! Run: `cargo bench -p liaison-core --bench roster` (release build). Target: every p95 ≤ 10 ms.
//! The size: an argument or `LIAISON_BENCH_SIZE` (`cargo bench -p liaison-core --bench roster -- 2000`);
//! CI runs it at 200 in a debug build (`benches/support/size.rs`).

use liaison_core::model::*;
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
    let n = size::size(10_000);
    let label = size::thousands(n);
    // 100 groups at 10,000; never fewer than 10 (the group filter takes the 8th).
    let groups = (n / 100).clamp(10, 100);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let t = Instant::now();
    {
        let mut db = Db::open(&path).expect("open");
        db.load_demo(n, Some(groups)).expect("demo");
    }
    println!("demo {label} members / {groups} groups: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);

    // App start: open (migrations checked) + app info + first page of the roster.
    let mut starts = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let db = Db::open(&path).expect("open");
        let _ = db.app_info().expect("info");
        let _ = db.roster(&RosterQuery::default()).expect("roster");
        starts.push(t.elapsed());
    }
    println!("open + info + first page: p50 {:.2} ms, p95 {:.2} ms", pct(starts.clone(), 0.5), pct(starts, 0.95));

    // Everything the UI asks for when it starts: info, terms, the five reference lists, groups, first page.
    let mut loads = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let db = Db::open(&path).expect("open");
        let _ = db.app_info().expect("info");
        let _ = db.terms().expect("terms");
        for k in RefKind::ALL {
            let _ = db.refs(k).expect("refs");
        }
        let _ = db.groups(None).expect("groups");
        let _ = db.roster(&RosterQuery::default()).expect("roster");
        loads.push(t.elapsed());
    }
    println!("app start, all data the UI loads: p50 {:.2} ms, p95 {:.2} ms", pct(loads.clone(), 0.5), pct(loads, 0.95));

    let db = Db::open(&path).expect("open");
    let sector = db.refs(RefKind::Sector).unwrap().into_iter().find(|s| s.name == "教育界").unwrap().id;
    let party = db.refs(RefKind::Party).unwrap().into_iter().find(|s| s.name == "中共党员").unwrap().id;
    let committee = db.refs(RefKind::Committee).unwrap()[0].id.clone();
    let group = db.groups(None).unwrap()[7].id.clone();
    let term = db.current_term().unwrap().unwrap().id;
    let some_tail = {
        let p = db.roster(&RosterQuery { offset: n / 2, limit: 1, ..Default::default() }).unwrap();
        db.member(&p.rows[0].id).unwrap().id_number[14..].to_string()
    };
    let q = |f: &dyn Fn(&mut RosterQuery)| {
        let mut q = RosterQuery::default();
        f(&mut q);
        q
    };
    // Page 100 at 10,000 members: the middle of the roster.
    let middle = (n / 2).saturating_sub(50);
    let cases: Vec<(&str, RosterQuery)> = vec![
        ("sort strokes, page 1", q(&|_| {})),
        ("sort strokes, page 100", q(&|q| q.offset = middle)),
        ("sort pinyin", q(&|q| q.sort = RosterSort::Pinyin)),
        ("sort sector", q(&|q| q.sort = RosterSort::Sector)),
        ("sort group, page 1", q(&|q| q.sort = RosterSort::Group)),
        (
            "sort group, page 100",
            q(&|q| {
                q.sort = RosterSort::Group;
                q.offset = middle;
            }),
        ),
        (
            "sort group, filter sector",
            q(&|q| {
                q.sort = RosterSort::Group;
                q.sector_id = Some(sector.clone());
            }),
        ),
        ("filter term", q(&|q| q.term_id = Some(term.clone()))),
        ("filter sector", q(&|q| q.sector_id = Some(sector.clone()))),
        ("filter party", q(&|q| q.party_id = Some(party.clone()))),
        ("filter committee", q(&|q| q.committee_id = Some(committee.clone()))),
        ("filter group", q(&|q| q.group_id = Some(group.clone()))),
        ("filter status", q(&|q| q.status = Some(MemberStatus::Active))),
        (
            "filter sector+party, pinyin",
            q(&|q| {
                q.sector_id = Some(sector.clone());
                q.party_id = Some(party.clone());
                q.sort = RosterSort::Pinyin;
            }),
        ),
        ("search initials zw", q(&|q| q.search = "zw".into())),
        ("search full pinyin wangwei", q(&|q| q.search = "wangwei".into())),
        ("search name 王", q(&|q| q.search = "王".into())),
        ("search phone tail 5678", q(&|q| q.search = "5678".into())),
        ("search ID tail", q(&|q| q.search = some_tail.clone())),
        (
            "search + sector sort",
            q(&|q| {
                q.search = "l".into();
                q.sort = RosterSort::Sector;
            }),
        ),
    ];
    println!(
        "{:<32} {:>7} {:>9} {:>9} {:>9}",
        format!("query ({label} members)"),
        "rows",
        "p50 ms",
        "p95 ms",
        "max ms"
    );
    let mut worst: f64 = 0.0;
    for (name, query) in &cases {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..200 {
            let t = Instant::now();
            let page = db.roster(query).expect("roster");
            times.push(t.elapsed());
            total = page.total;
        }
        let p95 = pct(times.clone(), 0.95);
        worst = worst.max(p95);
        println!("{:<32} {:>7} {:>9.2} {:>9.2} {:>9.2}", name, total, pct(times.clone(), 0.5), p95, pct(times, 1.0));
    }
    println!("worst p95: {worst:.2} ms (target ≤ 10 ms)");
}
