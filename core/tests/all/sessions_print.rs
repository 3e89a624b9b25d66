//! The plenary session's printed layouts (issue 5): the seating chart and the seat tickets as PDF,
//! read back with pdftotext; what is refused (no layout, no seats, a format a document has not).

use crate::common::{open, pdf_text_raw, squash};
use liaison_core::documents::DocumentFormat;
use liaison_core::sessions::types::*;

fn req(session: &str, document: SessionDocument, format: DocumentFormat) -> SessionExport {
    SessionExport { session_id: session.into(), document, sitting_id: None, with_phone: false, format }
}

#[test]
fn the_seating_chart_and_seat_tickets_as_pdf() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let chart = db.seating_chart(&s.id).unwrap();
    assert!(!chart.seats.is_empty());

    let out = dir.path().join("座次表.pdf");
    let r = db.export_session(&req(&s.id, SessionDocument::Seating, DocumentFormat::Pdf), &out).unwrap();
    assert_eq!(r.rows as usize, chart.seats.len());
    let text = pdf_text_raw(&out);
    let flat = squash(&text);
    assert!(flat.contains(&format!("{}座次表", s.name)), "{text}");
    assert!(flat.contains("主席台") && flat.contains("1排") && flat.contains("座号"), "{text}");
    // Every seated name is on the chart.
    for z in &chart.seats {
        assert!(flat.contains(&squash(&z.name)), "{} missing", z.name);
    }

    let out = dir.path().join("座位票.pdf");
    let r = db.export_session(&req(&s.id, SessionDocument::SeatTickets, DocumentFormat::Pdf), &out).unwrap();
    assert_eq!(r.rows as usize, chart.seats.len());
    let text = pdf_text_raw(&out);
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(pages, chart.seats.len().div_ceil(8));
    let first = &chart.seats[0];
    let flat = squash(&text);
    assert!(flat.contains("座位票") && flat.contains(&squash(&first.name)), "{text}");
    assert!(flat.contains(&format!("第{}排第{}号", first.row, first.number)), "{text}");
    // Each ticket carries its holder's code in figures (under the barcode).
    let code = liaison_core::sessions::scan::attendee_code(&first.attendee_id);
    assert!(flat.contains(&code), "{code} not on the tickets");
}

/// The 签到表 as PDF: A4, one sitting after another, 18 to 25 names a page (rows 11 mm, 签名 50 mm wide),
/// every name of the list on each sitting's sheet.
#[test]
fn the_sign_in_sheets_as_pdf_hold_18_to_25_names_a_page() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let x = db.sittings(&s.id).unwrap().remove(0);
    let out = dir.path().join("签到表.pdf");
    let mut e = req(&s.id, SessionDocument::SignIn, DocumentFormat::Pdf);
    e.sitting_id = Some(x.id.clone());
    let r = db.export_session(&e, &out).unwrap();
    let names = (s.members + s.observers) as usize;
    assert_eq!(r.rows as usize, names);
    let text = pdf_text_raw(&out);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let people = db.session_attendees(&s.id, &AttendeeQuery::default()).unwrap();
    let listed: Vec<&Attendee> = people.iter().filter(|a| a.kind != AttendeeKind::Staff).collect();
    for (i, p) in pages.iter().enumerate() {
        let on_page = listed.iter().filter(|a| squash(p).contains(&squash(&a.name))).count();
        let last = i == pages.len() - 1;
        assert!(last || (18..=25).contains(&on_page), "page {}: {on_page} names", i + 1);
        assert!(squash(p).contains("签名"), "the header is repeated on page {}", i + 1);
    }
    assert_eq!(pages.len(), names.div_ceil(22), "{names} names");
    assert!(squash(&text).contains(&format!("{}签到表", s.name)) && squash(&text).contains(&format!("应到{names}人")));
    let info = std::process::Command::new("pdfinfo").arg(&out).output().unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("(A4)"));
}

/// The 分组名单 as PDF: the 汇总 first, then one list per group, each from a new page; every member listed.
#[test]
fn the_group_lists_as_pdf() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let groups = db.session(&s.id).unwrap().groups;
    let out = dir.path().join("分组名单.pdf");
    let r = db.export_session(&req(&s.id, SessionDocument::Groups, DocumentFormat::Pdf), &out).unwrap();
    assert_eq!(r.rows, groups.iter().map(|g| g.size).sum::<u32>());
    let text = pdf_text_raw(&out);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(squash(pages[0]).contains("分组名单") && squash(pages[0]).contains(&format!("共{}个组", groups.len())));
    for g in &groups {
        assert!(squash(pages[0]).contains(&squash(&g.sectors[0])), "{}'s sectors on the summary", g.name);
        assert!(pages.iter().any(|p| squash(p).contains(&format!("{}{}名单", s.name, g.name))), "{}", g.name);
    }
}

/// The 出席证: one per attendee (列席证 and 工作证 too), eight to a page, each with its code.
#[test]
fn passes_carry_each_attendees_code() {
    let (dir, mut db) = open();
    db.load_demo(60, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let people = db.session_attendees(&s.id, &AttendeeQuery::default()).unwrap();
    let out = dir.path().join("出席证.pdf");
    let r = db.export_session(&req(&s.id, SessionDocument::Passes, DocumentFormat::Pdf), &out).unwrap();
    assert_eq!(r.rows as usize, people.len());
    let text = pdf_text_raw(&out);
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(pages, people.len().div_ceil(8));
    let flat = squash(&text);
    for a in &people {
        assert!(flat.contains(&a.code), "{}'s code {}", a.name, a.code);
    }
    assert!(flat.contains("出席证") && flat.contains("列席证") && flat.contains("工作证"));
}

#[test]
fn formats_a_document_has_not_and_unseated_sessions_are_refused() {
    let (dir, mut db) = open();
    db.load_demo(60, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let out = dir.path().join("x.pdf");
    let e = db.export_session(&req(&s.id, SessionDocument::Rooms, DocumentFormat::Pdf), &out).unwrap_err();
    assert!(e.to_string().contains("住宿安排表只能导出为 Excel"), "{e}");
    let e = db.export_session(&req(&s.id, SessionDocument::Passes, DocumentFormat::Xlsx), &out).unwrap_err();
    assert!(e.to_string().contains("出席证只能导出为 PDF"), "{e}");
    let e = db.export_session(&req(&s.id, SessionDocument::SeatTickets, DocumentFormat::Xlsx), &out).unwrap_err();
    assert!(e.to_string().contains("座位票只能导出为 PDF"), "{e}");
    assert!(!out.exists());

    let fresh = db
        .save_session(SessionInput {
            name: "政协第十五届第四次会议".into(),
            start_date: "2027-01-10".into(),
            ..Default::default()
        })
        .unwrap();
    let e =
        db.export_session(&req(&fresh.session.id, SessionDocument::Seating, DocumentFormat::Pdf), &out).unwrap_err();
    assert!(e.to_string().contains("还没有会场布局"), "{e}");
    assert!(!out.exists());
}

/// 打印全套: the papers asked for, each in its print format, numbered in one new folder; a paper that
/// cannot be made stops the pack, is named, and leaves no folder (nor a half-written one).
#[test]
fn a_pack_of_papers_lands_whole_in_one_folder_or_not_at_all() {
    let (dir, mut db) = open();
    db.load_demo(80, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let out = dir.path().join("exports");
    let docs = vec![SessionDocument::CheckIn, SessionDocument::SignIn, SessionDocument::Seating];
    let pack = db
        .export_session_pack_in(
            &SessionPackRequest { session_id: s.id.clone(), documents: docs, with_phone: false },
            &out,
        )
        .unwrap();
    assert_eq!(pack.folder.parent().unwrap(), out);
    assert!(pack.folder.file_name().unwrap().to_string_lossy().starts_with(&format!("{}会务材料-", s.name)));
    let names: Vec<String> = pack.files.iter().map(|f| f.path.file_name().unwrap().to_string_lossy().into()).collect();
    assert_eq!(names, ["01-报到名册.xlsx", "02-签到表.pdf", "03-座次表.pdf"]);
    for f in &pack.files {
        assert!(std::fs::read(&f.path).unwrap().len() > 1000, "{}", f.path.display());
    }
    assert!(squash(&pdf_text_raw(&pack.files[2].path)).contains("座次表"));
    let seated = db.seating_chart(&s.id).unwrap().seats.len();
    assert_eq!(pack.files[2].rows as usize, seated);
    // In the folder: the three files, nothing else.
    assert_eq!(std::fs::read_dir(&pack.folder).unwrap().count(), 3);

    // A session nobody is seated in: the seating chart stops the pack, which leaves nothing behind.
    let fresh = db
        .save_session(SessionInput {
            name: "政协第十五届第四次会议".into(),
            start_date: "2027-01-10".into(),
            ..Default::default()
        })
        .unwrap();
    let before = std::fs::read_dir(&out).unwrap().count();
    let e = db
        .export_session_pack_in(
            &SessionPackRequest {
                session_id: fresh.session.id.clone(),
                documents: vec![SessionDocument::CheckIn, SessionDocument::Seating],
                with_phone: false,
            },
            &out,
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("座次表没有生成") && e.contains("还没有会场布局"), "{e}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), before, "no folder, not even a hidden one");
    let e = db
        .export_session_pack_in(
            &SessionPackRequest { session_id: s.id.clone(), documents: vec![], with_phone: false },
            &out,
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("请至少选择一种文书"), "{e}");
}
