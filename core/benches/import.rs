//! Import benchmark: a 10,000-row roster (.xlsx written by our own export, every column, numbers
//! unmasked) read, mapped, validated and previewed — against a database that has those 10,000 members
//! (every row matched: unchanged) and against an empty one (every row new) — and committed into the
//! empty one. Also a 10,000-row CSV. Prints medians.
//!
//! Run: `cargo bench -p liaison-core --bench import` (release build). Target: preview ≤ 0.5 s.

use liaison_core::export::{RosterColumn, RosterExport};
use liaison_core::import::{CommitMode, ImportOptions};
use liaison_core::Db;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut full = Db::open(dir.path().join("full.db")).expect("open");
    full.load_demo(10_000, Some(100)).expect("demo");
    let xlsx = dir.path().join("roster.xlsx");
    let opts =
        RosterExport { columns: RosterColumn::ALL.to_vec(), with_id: true, with_phone: true, ..Default::default() };
    full.export_roster(&opts, &xlsx).expect("export");
    let size = std::fs::metadata(&xlsx).unwrap().len();
    println!("file: 10,000 members × {} columns, {} KB", RosterColumn::ALL.len() + 1, size / 1024);

    // The same rows as a CSV (what a GBK export from Excel looks like, but UTF-8 here).
    let csv = dir.path().join("roster.csv");
    {
        let sheets = liaison_core::import::read::read_file(&xlsx).expect("read");
        let mut w = String::new();
        // From the header row on (the title rows of the export stay out of the CSV).
        for row in &sheets[0].rows[2..] {
            let cells: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.display().replace('"', "\"\""))).collect();
            w.push_str(&cells.join(","));
            w.push('\n');
        }
        std::fs::write(&csv, w).unwrap();
    }

    let empty_path = dir.path().join("empty.db");
    let empty = Db::open(&empty_path).expect("open");
    // The demo's groups, so that every row is valid in the empty database too.
    drop(empty);
    let mut empty = Db::open(&empty_path).expect("open");
    for g in full.groups(None).unwrap() {
        empty.save_group(liaison_core::model::GroupInput { name: g.name, ..Default::default() }).unwrap();
    }

    for (label, db, file) in [
        ("xlsx, 10,000 existing members (all unchanged)", &full, &xlsx),
        ("xlsx, empty database (all new)", &empty, &xlsx),
        ("csv, 10,000 existing members (all unchanged)", &full, &csv),
    ] {
        let mut times = Vec::new();
        let mut summary = None;
        for _ in 0..5 {
            let t = Instant::now();
            let p = db.import_preview(file, &ImportOptions::default()).expect("preview");
            times.push(t.elapsed().as_secs_f64());
            summary = Some(p.summary);
        }
        let s = summary.unwrap();
        println!(
            "preview {label}: median {:.0} ms over 5 runs (new {}, unchanged {}, error {}) (target ≤ 500 ms)",
            median(times) * 1000.0,
            s.new,
            s.unchanged,
            s.error
        );
    }

    let t = Instant::now();
    let p = empty.import_commit(&xlsx, &ImportOptions::default(), CommitMode::ValidRows).expect("commit");
    println!(
        "commit 10,000 new members (one transaction, with audit entries): {:.0} ms ({} new)",
        t.elapsed().as_secs_f64() * 1000.0,
        p.summary.new
    );
    let t = Instant::now();
    let p = empty.import_commit(&xlsx, &ImportOptions::default(), CommitMode::ValidRows).expect("commit");
    println!("the same file again: {:.0} ms ({} unchanged)", t.elapsed().as_secs_f64() * 1000.0, p.summary.unchanged);
}
