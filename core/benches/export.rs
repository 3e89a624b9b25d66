//! Export benchmark: 10,000 demo members in 100 groups exported to print-ready .xlsx files — the
//! roster with the default columns, with every column and with the 14 columns of the reference
//! run; the contact list; the group member lists (101 sheets). Prints the median of 5 runs and the
//! fetch/write split. Then, in the same run, the reference: Python's openpyxl and XlsxWriter writing
//! the same 14-column roster (the cells of our file, read back) through scripts/bench-reference.py,
//! and the ratio of our time to theirs. Skipped, with a line saying how to install them, when
//! python3 cannot import openpyxl and xlsxwriter.
//!
//! Run: `cargo bench -p liaison-core --bench export` (release build). Target at 10,000: median ≤ 0.4 s.
//! The size: an argument or `LIAISON_BENCH_SIZE` (`cargo bench -p liaison-core --bench export -- 2000`);
//! CI runs it at 200 in a debug build (`benches/support/size.rs`).

use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::export::{ContactsExport, RosterColumn, RosterExport};
use liaison_core::export_lists::GroupListExport;
use liaison_core::model::RosterQuery;
use liaison_core::Db;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "support/size.rs"]
mod size;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The 13 columns after 序号 of the reference roster (14 with 序号).
const REFERENCE: [RosterColumn; 13] = [
    RosterColumn::Name,
    RosterColumn::Gender,
    RosterColumn::Ethnicity,
    RosterColumn::BirthDate,
    RosterColumn::NativePlace,
    RosterColumn::Party,
    RosterColumn::Sector,
    RosterColumn::Group,
    RosterColumn::WorkUnit,
    RosterColumn::JobTitle,
    RosterColumn::Education,
    RosterColumn::Mobile,
    RosterColumn::Address,
];

/// CPU time of this thread so far (seconds), where the OS tells it (Linux): a figure that other
/// programs busy on the same machine disturb much less than the wall-clock time.
#[cfg(target_os = "linux")]
fn cpu() -> Option<f64> {
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut [i64; 2]) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = [0i64; 2];
    // SAFETY: clock_gettime writes one struct timespec (two 64-bit fields on 64-bit Linux) into `ts`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    (ok && cfg!(target_pointer_width = "64")).then(|| ts[0] as f64 + ts[1] as f64 / 1e9)
}

#[cfg(not(target_os = "linux"))]
fn cpu() -> Option<f64> {
    None
}

/// Median wall-clock time of 5 runs of `f` and their median CPU time (seconds); each run must write
/// at least `min` rows.
fn time5(min: u32, mut f: impl FnMut() -> u32) -> (f64, Option<f64>) {
    let mut times = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..5 {
        let (t, c) = (Instant::now(), cpu());
        let rows = f();
        assert!(rows >= min, "{rows} rows written, expected at least {min}");
        times.push(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c, cpu()) {
            cpus.push(c1 - c0);
        }
    }
    (median(times), if cpus.is_empty() { None } else { Some(median(cpus)) })
}

fn ms(t: f64, cpu: Option<f64>) -> String {
    match cpu {
        Some(c) => format!("median {:.0} ms (CPU {:.0} ms)", t * 1000.0, c * 1000.0),
        None => format!("median {:.0} ms", t * 1000.0),
    }
}

fn kb(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().len() / 1024
}

/// The data rows of an exported roster as text (序号 first), from row 4 on.
fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("open export");
    let range = wb.worksheet_range("委员名册").expect("sheet");
    range
        .rows()
        .skip(3)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import openpyxl, xlsxwriter"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut db = Db::open(&path).expect("open");
    let n = size::size(10_000);
    let nl = size::thousands(n);
    let groups = (n / 100).clamp(1, 100);
    db.load_demo(n, Some(groups)).expect("demo");
    // Every export covers (nearly) every member: the group lists leave out the few in no group.
    let min = n * 9 / 10;
    let out = dir.path().join("roster.xlsx");

    let (fetch, fetch_cpu) = time5(min, || db.roster_details(&RosterQuery::default()).expect("rows").len() as u32);
    println!("fetch {nl} full rows (roster_details): {}", ms(fetch, fetch_cpu));

    let mut reference_ms = 0.0;
    let mut reference_cpu = None;
    for (label, columns) in [
        ("roster, default columns (10)", RosterColumn::defaults()),
        ("roster, all columns (22)", RosterColumn::ALL.to_vec()),
        ("roster, reference columns (14)", REFERENCE.to_vec()),
    ] {
        let opts = RosterExport { columns, pad_two_char_names: true, ..Default::default() };
        let (t, c) = time5(min, || db.export_roster(&opts, &out).expect("export").rows);
        reference_cpu = c;
        println!(
            "export {nl} members, {label}: {} ({} KB); writing alone ~{:.0} ms (target at 10,000 ≤ 400 ms)",
            ms(t, c),
            kb(&out),
            (t - fetch) * 1000.0
        );
        reference_ms = t * 1000.0;
    }
    // `out` now holds the 14-column roster: its cells are the reference run's data.
    let reference_xlsx: PathBuf = dir.path().join("reference-rust.xlsx");
    std::fs::copy(&out, &reference_xlsx).expect("copy");

    let contacts = dir.path().join("contacts.xlsx");
    let opts = ContactsExport { pad_two_char_names: true, ..Default::default() };
    let (t, c) = time5(min, || db.export_contacts(&opts, &contacts).expect("contacts").rows);
    println!("export {nl} members, contact list (9 columns): {} ({} KB)", ms(t, c), kb(&contacts));

    let lists = dir.path().join("groups.xlsx");
    let opts = GroupListExport { pad_two_char_names: true, ..Default::default() };
    let mut listed = 0;
    let (t, c) = time5(min, || {
        listed = db.export_group_lists(&opts, &lists).expect("group lists").rows;
        listed
    });
    println!(
        "export group member lists, {groups} groups ({} sheets, {listed} members): {} ({} KB)",
        groups + 1,
        ms(t, c),
        kb(&lists)
    );

    // The reference: the same 14-column roster written by openpyxl and XlsxWriter.
    if !python_ready() {
        println!(
            "reference (openpyxl, XlsxWriter): skipped, python3 cannot import them; install with: pip install openpyxl xlsxwriter"
        );
        return;
    }
    let rows = cells(&reference_xlsx);
    assert_eq!(rows.len(), n as usize);
    assert_eq!(rows[0].len(), 14);
    let data = dir.path().join("rows.json");
    std::fs::write(&data, serde_json::to_vec(&rows).expect("json")).expect("write rows");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/bench-reference.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(dir.path().join("reference-openpyxl.xlsx"))
        .arg(dir.path().join("reference-xlsxwriter.xlsx"))
        .arg("--data")
        .arg(&data)
        .output()
        .expect("python3");
    if !o.status.success() {
        println!("reference: scripts/bench-reference.py failed: {}", String::from_utf8_lossy(&o.stderr));
        return;
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("reference JSON");
    let py = v["openpyxl_s"].as_f64().unwrap() * 1000.0;
    let xw = v["xlsxwriter_s"].as_f64().unwrap() * 1000.0;
    let ours_writing = reference_ms - fetch * 1000.0;
    println!(
        "reference, same {nl} × 14 roster (median of 3; Python {}, openpyxl {}, XlsxWriter {}):",
        v["python"].as_str().unwrap_or("?"),
        v["openpyxl_version"].as_str().unwrap_or("?"),
        v["xlsxwriter_version"].as_str().unwrap_or("?")
    );
    println!(
        "  openpyxl    {py:>6.0} ms   ours/openpyxl   {:.3} (writing alone {:.3})",
        reference_ms / py,
        ours_writing / py
    );
    println!(
        "  XlsxWriter  {xw:>6.0} ms   ours/XlsxWriter {:.3} (writing alone {:.3})",
        reference_ms / xw,
        ours_writing / xw
    );
    println!(
        "  (ours: {reference_ms:.0} ms including reading {nl} members from SQLite, ~{ours_writing:.0} ms writing{})",
        reference_cpu.map(|c| format!("; CPU {:.0} ms", c * 1000.0)).unwrap_or_default()
    );
}
