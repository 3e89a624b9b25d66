//! Roster export benchmark: 10,000 demo members in 100 groups exported to a print-ready .xlsx
//! (default columns, stroke order); prints the median of 5 runs and the fetch/write split.
//!
//! Run: `cargo bench -p liaison-core --bench export` (release build). Target: median ≤ 0.4 s.

use liaison_core::export::{RosterColumn, RosterExport};
use liaison_core::model::RosterQuery;
use liaison_core::Db;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut db = Db::open(&path).expect("open");
    db.load_demo(10_000, Some(100)).expect("demo");
    let out = dir.path().join("roster.xlsx");

    let mut fetch = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let rows = db.roster_details(&RosterQuery::default()).expect("rows");
        assert_eq!(rows.len(), 10_000);
        fetch.push(t.elapsed().as_secs_f64());
    }
    println!("fetch 10,000 full rows (roster_details): median {:.0} ms", median(fetch) * 1000.0);

    for (label, columns) in
        [("default columns (10)", RosterColumn::defaults()), ("all columns (22)", RosterColumn::ALL.to_vec())]
    {
        let opts = RosterExport { columns, pad_two_char_names: true, ..Default::default() };
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let s = db.export_roster(&opts, &out).expect("export");
            times.push(t.elapsed().as_secs_f64());
            assert_eq!(s.rows, 10_000);
            size = std::fs::metadata(&out).unwrap().len();
        }
        println!(
            "export 10,000 members, {label}: median {:.0} ms over 5 runs ({} KB) (target ≤ 400 ms)",
            median(times) * 1000.0,
            size / 1024
        );
    }
}
