//! The exported roster as a printer sees it: LibreOffice (headless) converts the .xlsx to PDF, and
//! pdftotext reads each page back. Needs `soffice` and `pdftotext` (scripts/setup.sh installs them).

use crate::common::{open, pdf_text};
use liaison_core::export::RosterExport;
use std::process::Command;

#[test]
fn every_printed_page_has_the_header_and_its_page_number() {
    let (dir, mut db) = open();
    db.set_office_name("政协东港区第十五届委员会").unwrap();
    db.load_demo(150, None).unwrap();
    let xlsx = dir.path().join("roster.xlsx");
    db.export_roster(&RosterExport { pad_two_char_names: true, ..Default::default() }, &xlsx).unwrap();

    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("soffice (LibreOffice) must be installed: bash scripts/setup.sh test installs it");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("roster.pdf");
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "150 members fill several A4 pages, got {}", pages.len());
    assert!(pages[0].contains("政协东港区第十五届委员会委员名册"), "title on page 1");
    assert!(pages[0].contains("按姓氏笔画为序"));
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        let squeezed: String = p.split_whitespace().collect();
        assert!(squeezed.contains("序号姓名性别"), "page {}: header row repeated", i + 1);
        assert!(squeezed.contains(&format!("第{}页共{n}页", i + 1)), "page {}: page number", i + 1);
    }
}
