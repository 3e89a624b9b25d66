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
}

#[test]
fn formats_a_document_has_not_and_unseated_sessions_are_refused() {
    let (dir, mut db) = open();
    db.load_demo(60, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let out = dir.path().join("x.pdf");
    let e = db.export_session(&req(&s.id, SessionDocument::Groups, DocumentFormat::Pdf), &out).unwrap_err();
    assert!(e.to_string().contains("分组名单只能导出为 Excel"), "{e}");
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
