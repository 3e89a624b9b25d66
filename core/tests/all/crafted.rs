//! Crafted files the importer must refuse at once, in little memory, with a Chinese reason that names
//! what is wrong (core/tests/fixtures/crafted, made by scripts/gen-crafted-fixtures.py). Each runs the
//! `liaison` CLI as a child process, so that its time and peak memory are its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn crafted(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crafted").join(name)
}

/// Run `liaison import FILE --dry-run`; its exit status, stderr, wall time and peak RSS (bytes).
#[cfg(target_os = "linux")]
fn import_child(file: &Path) -> (i32, String, Duration, u64) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    liaison_core::Db::open(dir.path().join("t.db")).unwrap();
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .args(["import", "--dry-run"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    // wait4 gives this child's own peak RSS (getrusage(RUSAGE_CHILDREN) would mix in the other tests').
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let elapsed = t.elapsed();
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    (code, err, elapsed, usage.ru_maxrss as u64 * 1024)
}

#[cfg(target_os = "linux")]
fn refused(file: &Path, expect: &[&str]) {
    let (code, err, elapsed, rss) = import_child(file);
    let name = file.file_name().unwrap().to_string_lossy();
    eprintln!("{name}: exit {code}, {:.0} ms, peak {} MB: {}", elapsed.as_secs_f64() * 1e3, rss >> 20, err.trim());
    assert!(code != 0 && code != -1, "{name}: refused with an error exit, not a crash ({code}): {err}");
    for e in expect {
        assert!(err.contains(e), "{name}: the reason names {e}: {err}");
    }
    assert!(elapsed < Duration::from_secs(2), "{name}: refused within 2 s ({elapsed:?})");
    assert!(rss < 300 << 20, "{name}: under 300 MB ({} MB)", rss >> 20);
}

#[cfg(target_os = "linux")]
#[test]
fn a_value_at_the_last_cell_of_an_xlsx_is_refused() {
    refused(&crafted("far-cell.xlsx"), &["名册", "XFD1048576", "最多 100000 行"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_value_at_the_last_cell_of_an_xls_is_refused() {
    refused(&crafted("far-cell.xls"), &["名册", "IV65536"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_zip_bomb_is_refused() {
    refused(&crafted("bomb.xlsx"), &["解压后有 600 MB", "上限 512 MB"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("大表.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(65 << 20).unwrap();
    refused(&big, &["大表.csv", "65 MB", "上限 64 MB"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_csv_too_wide_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wide = dir.path().join("wide.csv");
    let mut text = String::from("姓名,性别\n");
    text.push_str(&vec!["x"; 1500].join(","));
    text.push('\n');
    std::fs::write(&wide, text).unwrap();
    refused(&wide, &["第 2 行有 1500 列", "1000 列"]);
}

#[test]
fn a_far_cell_within_the_limits_still_reads() {
    // Rows keep their Excel numbers: a value at row 5,000 lays out 5,000 rows, which is fine.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("名册").unwrap();
    ws.write(0, 0, "姓名").unwrap();
    ws.write(4999, 30, "备注").unwrap();
    wb.save(&path).unwrap();
    let sheets = liaison_core::import::read::read_file(&path).unwrap();
    assert_eq!(sheets[0].rows.len(), 5000);
    assert_eq!(sheets[0].cell(4999, 30).display(), "备注");
}

/// Found by fuzzing (fuzz/, target `spreadsheet`): a cell reference of many letters makes calamine
/// multiply past u32 while parsing it. The import refuses the file as broken instead of crashing.
#[cfg(target_os = "linux")]
#[test]
fn a_cell_reference_that_overflows_the_reader_is_refused() {
    refused(&crafted("overflow-ref.xlsx"), &["overflow-ref.xlsx", "文件已损坏"]);
    // In this process too (the app reads a chosen file in its own process).
    let data = std::fs::read(crafted("overflow-ref.xlsx")).unwrap();
    let err = liaison_core::import::read::read_bytes("overflow-ref.xlsx", &data).unwrap_err();
    assert!(err.to_string().contains("文件已损坏"), "{err}");
}
