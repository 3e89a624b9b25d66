//! Performance files benchmark (issue 14): every member's 履职档案 of the demo office as one zip of PDFs
//! (`Db::export_dossiers`: the data read on one connection, the typesetting on every core); prints the
//! files per second and the time 10,000 would take at that rate. Target: 10,000 files ≤ 5 min (release).
//!
//! Run: `cargo bench -p liaison-core --no-default-features --features pdf --bench dossier` (release).
//! The size (members): an argument or `LIAISON_BENCH_SIZE`; CI runs it at 200 in a debug build
//! (`benches/support/size.rs`).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use liaison_core::Db;

#[path = "support/size.rs"]
mod size;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = Db::open(dir.path().join("bench.db")).expect("open");
    let n = size::size(10_000);
    let t = Instant::now();
    db.load_demo(n, None).expect("demo");
    println!("demo office of {} members loaded in {:.1} s", size::thousands(n), t.elapsed().as_secs_f64());
    // The first PDF of a process scans the system's fonts: apart.
    let first = db.dossier_members(None).expect("members").remove(0).0;
    let t = Instant::now();
    db.export_dossier(&first, None, &dir.path().join("first.pdf")).expect("first");
    println!("first file of the process (fonts scanned): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);

    let t = Instant::now();
    let members = db.dossier_members(None).expect("members");
    for (id, _) in &members {
        db.dossier(id, None).expect("data");
    }
    let gather = t.elapsed().as_secs_f64();
    println!(
        "data of {} files read: {:.2} s ({:.2} ms a file)",
        members.len(),
        gather,
        gather * 1000.0 / members.len() as f64
    );

    let out = dir.path().join("all.zip");
    let t = Instant::now();
    let mut last = 0;
    let s = db.export_dossiers(None, &out, &mut |p| last = p.done, &AtomicBool::new(false)).expect("batch");
    let secs = t.elapsed().as_secs_f64();
    let rate = s.rows as f64 / secs;
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!(
        "batch: {} files ({} MB zip) in {:.1} s on {threads} threads: {:.1} files/s; 10,000 files would take {:.0} s (target ≤ 300 s)",
        size::thousands(s.rows),
        std::fs::metadata(&out).map(|m| m.len() / 1_000_000).unwrap_or(0),
        secs,
        rate,
        10_000.0 / rate
    );
    assert_eq!(last, s.rows, "progress reached the end");
}
