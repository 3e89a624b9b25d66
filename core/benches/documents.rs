//! Printable documents benchmark (issue 4): the demo office's visit round, a meeting with every one of
//! 500 members invited (sign-in sheet, attendance list) and an inspection plan, as PDF (Typst) and .xlsx;
//! 10 runs each after one warm-up, p50/p95/max printed. The first PDF of a process also scans the
//! system's fonts: printed on its own line.
//!
//! Run: `cargo bench -p liaison-core --bench documents` (release build, needs the `pdf` feature).
//! The size (members invited): an argument or `LIAISON_BENCH_SIZE` (`cargo bench -p liaison-core --bench
//! documents -- 1000`); CI runs it at 200 in a debug build (`benches/support/size.rs`).

use liaison_core::documents::{DocumentExport, DocumentFormat, DocumentKind};
use liaison_core::model::*;
use liaison_core::Db;
use std::time::{Duration, Instant};

#[path = "support/size.rs"]
mod size;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = Db::open(dir.path().join("bench.db")).expect("open");
    let n = size::size(500);
    db.load_demo(n, None).expect("demo");
    let round = db.visit_rounds().expect("rounds").remove(0);
    // A meeting with all n members invited, half signed in.
    let meeting = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "全体委员座谈会".into(),
            date: chrono::Local::now().date_naive().format("%Y-%m-%d").to_string(),
            place: "区政协报告厅".into(),
            content: "通报工作".into(),
            responsible: "联络办".into(),
            ..Default::default()
        })
        .expect("meeting")
        .activity
        .id;
    let members: Vec<String> = db
        .roster(&RosterQuery { limit: n, ..Default::default() })
        .expect("roster")
        .rows
        .into_iter()
        .map(|m| m.id)
        .collect();
    db.invite_members(InviteInput { activity_id: meeting.clone(), member_ids: members.clone(), ..Default::default() })
        .expect("invite");
    db.sign_in(SignInInput {
        activity_id: meeting.clone(),
        member_ids: members.iter().step_by(2).cloned().collect(),
        ..Default::default()
    })
    .expect("sign in");
    let inspection = db
        .activities(&ActivityQuery { kind: Some(ActivityKind::Inspection), ..Default::default() })
        .expect("inspections")
        .remove(0)
        .id;

    let jobs = [
        (DocumentKind::VisitChecklist, round.id.as_str(), format!("visit checklist ({} visits)", round.total)),
        (DocumentKind::SignIn, meeting.as_str(), format!("sign-in sheet ({} people)", members.len())),
        (DocumentKind::Attendance, meeting.as_str(), format!("attendance list ({} people)", members.len())),
        (DocumentKind::InspectionPlan, inspection.as_str(), "inspection plan".to_string()),
    ];
    let first = Instant::now();
    let req = |kind, id: &str, format| DocumentExport { kind, id: id.into(), format, with_phone: false };
    db.export_document(&req(DocumentKind::InspectionPlan, &inspection, DocumentFormat::Pdf), &dir.path().join("w.pdf"))
        .expect("first pdf");
    println!("first PDF of the process (fonts scanned): {:.0} ms", ms(first.elapsed()));
    println!("{:<40}{:>8}{:>10}{:>10}{:>10}", "document", "format", "p50 ms", "p95 ms", "max ms");
    for (kind, id, label) in &jobs {
        for format in [DocumentFormat::Pdf, DocumentFormat::Xlsx] {
            let out = dir.path().join(format!("doc.{}", format.ext()));
            let mut runs = Vec::new();
            for i in 0..11 {
                let t = Instant::now();
                db.export_document(&req(*kind, id, format), &out).expect("export");
                if i > 0 {
                    runs.push(t.elapsed());
                }
            }
            runs.sort();
            let p = |q: f64| ms(runs[((runs.len() - 1) as f64 * q).round() as usize]);
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "{label:<40}{:>8}{:>10.1}{:>10.1}{:>10.1}   {} KB",
                format.ext(),
                p(0.5),
                p(0.95),
                p(1.0),
                size / 1024
            );
        }
    }
}
