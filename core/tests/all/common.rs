//! Helpers the test modules share: a database in a temporary folder, the `liaison` CLI, dates, reference
//! items, ID numbers, and readers for what the exports write (.xlsx packages, PDF text).

use chrono::{Duration, Local, NaiveDate};
use liaison_core::model::RefKind;
use liaison_core::Db;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

/// A new database in a temporary folder (deleted with the `TempDir`).
pub fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path().join("t.db")).unwrap();
    (dir, db)
}

/// The `liaison` binary of this package on the database `db`.
pub fn liaison(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liaison")).arg("--db").arg(db).args(args).output().unwrap()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The day `n` days from today, YYYY-MM-DD.
pub fn day(n: i64) -> String {
    (today() + Duration::days(n)).format("%Y-%m-%d").to_string()
}

/// One number from a query such as `SELECT COUNT(*) FROM …`.
pub fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The id of the reference item (sector, party, role …) called `name`.
pub fn ref_id(db: &Db, kind: RefKind, name: &str) -> String {
    db.refs(kind).unwrap().into_iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name}")).id
}

pub fn sector(db: &Db, name: &str) -> String {
    ref_id(db, RefKind::Sector, name)
}

/// A valid 18-digit ID number for a birth date and sequence (odd: male).
pub fn id_number(date: &str, seq: u32) -> String {
    let first17 = format!("330102{}{:03}", date.replace('-', ""), seq);
    format!("{first17}{}", liaison_core::idcard::check_char(&first17))
}

/// One part of an .xlsx package (a zip), e.g. `xl/worksheets/sheet1.xml`.
pub fn zip_text(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn pdftotext(mode: &str, path: &Path) -> String {
    let out = Command::new("pdftotext").arg(mode).arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

/// A PDF's text laid out as on the page (`pdftotext -layout`); pages are separated by form feeds.
pub fn pdf_text(path: &Path) -> String {
    pdftotext("-layout", path)
}

/// A PDF's text in the order it was drawn (`-raw`): a name wrapped inside its cell stays in one piece.
#[cfg(feature = "pdf")]
pub fn pdf_text_raw(path: &Path) -> String {
    pdftotext("-raw", path)
}

/// Text without white space: pdftotext spaces out cells, and the ideographic space pads names.
#[cfg(feature = "pdf")]
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}
