//! Plenary session benchmark: the demo office with 500 members gives a session of 500 members (+ 列席 and
//! staff); times the automatic grouping (12 groups, by sector), the automatic seating (rostrum by role,
//! hall by group and strokes) and each export, 20 runs each; prints p50/p95/max.
//!
//! Run: `cargo bench -p liaison-core --bench sessions` (release build; with `--no-default-features`, the
//! PDF layouts are left out).
//! Targets at 500: grouping and seating ≤ 100 ms each; each export ≤ 0.3 s.
//! The size: an argument or `LIAISON_BENCH_SIZE` (`cargo bench -p liaison-core --bench sessions -- 1000`);
//! CI runs it at 200 in a debug build (`benches/support/size.rs`).

use liaison_core::documents::DocumentFormat;
use liaison_core::sessions::*;
use liaison_core::Db;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn line(label: &str, runs: Vec<Duration>) -> f64 {
    let max = runs.iter().max().unwrap().as_secs_f64() * 1000.0;
    let p95 = pct(runs.clone(), 0.95);
    println!("{label:<34}{:>10.2}{p95:>10.2}{max:>10.2}", pct(runs, 0.5));
    p95
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let t = Instant::now();
    let mut db = Db::open(&path).expect("open");
    let n = size::size(500);
    db.load_demo(n, None).expect("demo");
    println!("demo {n} members with a session: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let s = db.sessions(false).expect("sessions").remove(0);
    println!(
        "session: {} members, {} 列席, {} staff, {} sittings, {} groups",
        s.members, s.observers, s.staff, s.sittings, s.groups
    );
    println!("{:<34}{:>10}{:>10}{:>10}", format!("step ({n} members)"), "p50 ms", "p95 ms", "max ms");
    const RUNS: usize = 20;
    let sectors: Vec<usize> = (0..n as usize).map(|i| (i * 7 + i / 13) % 35).collect();
    let mut plan = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(plan_groups(&sectors, 12));
        plan.push(t.elapsed());
    }
    line("plan_groups (rule only)", plan);
    let mut grouping = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        db.auto_group(AutoGroupInput { session_id: s.id.clone(), groups: 12, ..Default::default() }).expect("group");
        grouping.push(t.elapsed());
    }
    let worst_auto = line("auto_group (12 groups, written)", grouping);
    let mut seating = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        db.auto_seat(&s.id).expect("seat");
        seating.push(t.elapsed());
    }
    let worst_auto = worst_auto.max(line("auto_seat (rostrum + hall, written)", seating));
    let mut worst_export: f64 = 0.0;
    // Every document as .xlsx (座位票 and 出席证 are PDF only), then the PDF layouts when built with them.
    let pdf_only = [SessionDocument::SeatTickets, SessionDocument::Passes];
    let mut jobs: Vec<(SessionDocument, DocumentFormat)> =
        SessionDocument::ALL.iter().filter(|d| !pdf_only.contains(d)).map(|d| (*d, DocumentFormat::Xlsx)).collect();
    if cfg!(feature = "pdf") {
        for d in [SessionDocument::Seating, SessionDocument::SignIn, SessionDocument::Groups] {
            jobs.push((d, DocumentFormat::Pdf));
        }
        for d in pdf_only {
            jobs.push((d, DocumentFormat::Pdf));
        }
    }
    for (doc, format) in &jobs {
        let out = dir.path().join(format!("{}.{}", doc.as_str(), format.ext()));
        let mut runs = Vec::new();
        let mut rows = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let e = SessionExport {
                session_id: s.id.clone(),
                document: *doc,
                sitting_id: None,
                with_phone: false,
                format: *format,
            };
            rows = db.export_session(&e, &out).expect("export").rows;
            runs.push(t.elapsed());
        }
        worst_export =
            worst_export.max(line(&format!("export {} .{} ({rows} rows)", doc.as_str(), format.ext()), runs));
    }
    println!("worst p95: grouping/seating {worst_auto:.2} ms (target ≤ 100 ms), export {worst_export:.2} ms (target ≤ 300 ms)");
}
