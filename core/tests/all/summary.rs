//! The year-end summary (年度工作总结): its figures equal counts made here on the demo office's records
//! (read with SQL written in this test, kind by kind), a year with nothing recorded, the .docx's text
//! (the figures in sentences and the table), and the CLI.

use crate::common::{liaison, open, zip_text};
use liaison_core::model::*;
use liaison_core::summary::rate;
use liaison_core::Db;

fn n(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_figures_are_the_records_counted_here() {
    let (_d, mut db) = open();
    db.load_demo(120, None).unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now());
    let f = db.year_figures(year).unwrap();
    let y = format!("'{year}'");
    // Counted here with the plainest SQL, activity by activity.
    let held = format!("substr(start_date,1,4) = {y} AND deleted_at IS NULL AND status <> 'cancelled'");
    assert_eq!(
        f.visits,
        n(&db, &format!("SELECT COUNT(*) FROM activities WHERE kind = 'visit' AND status = 'done' AND {held}"))
    );
    assert!(f.visits > 0);
    let total = n(&db, &format!("SELECT COUNT(*) FROM activities WHERE kind NOT IN ('visit','plenary') AND {held}"));
    assert_eq!(f.activities, total);
    assert_eq!(f.by_kind.iter().map(|(_, c)| c).sum::<i64>(), total);
    for k in ActivityKind::ALL.iter().filter(|k| !matches!(k, ActivityKind::Visit | ActivityKind::Plenary)) {
        let c = n(&db, &format!("SELECT COUNT(*) FROM activities WHERE kind = '{}' AND {held}", k.as_str()));
        let got = f.by_kind.iter().find(|(l, _)| l == k.label()).map(|(_, c)| *c).unwrap_or(0);
        assert_eq!(got, c, "{k:?}");
    }
    assert_eq!(f.joint, 1, "the demo's one 联片 activity");
    let members = n(&db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL AND status = 'active'");
    assert_eq!(f.members, members);
    assert_eq!(
        f.bulletins,
        n(&db, &format!("SELECT COUNT(*) FROM bulletin_issues WHERE year = {year} AND deleted_at IS NULL"))
    );
    let reports = format!(
        "deleted_at IS NULL AND state <> 'draft' AND substr(COALESCE(report_date, submitted_at, created_at),1,4) = {y}"
    );
    assert_eq!(f.reports, n(&db, &format!("SELECT COUNT(*) FROM opinions WHERE {reports}")));
    assert_eq!(f.adopted, f.adopted_by_level.iter().sum::<i64>());
    assert_eq!(
        f.adopted,
        n(&db, &format!("SELECT COUNT(*) FROM opinions WHERE {reports} AND adopted_level IS NOT NULL"))
    );
    let props = format!("deleted_at IS NULL AND state <> 'draft' AND year = {year}");
    assert_eq!(f.proposals, n(&db, &format!("SELECT COUNT(*) FROM proposals WHERE {props}")));
    assert_eq!(f.closed, n(&db, &format!("SELECT COUNT(*) FROM proposals WHERE {props} AND state = 'closed'")));
    assert_eq!(
        f.satisfied + f.basically + f.dissatisfied,
        n(&db, &format!("SELECT COUNT(*) FROM proposals WHERE {props} AND feedback IS NOT NULL"))
    );
    // Attendance: the members' outcomes at the activities, and at the plenary's sittings.
    let (present, recorded): (i64, i64) = db
        .conn()
        .query_row(
            &format!(
                "SELECT SUM(p.attendance IN ('present','late')), COUNT(p.attendance) FROM participants p
                 JOIN activities a ON a.id = p.activity_id WHERE p.member_id IS NOT NULL
                 AND a.kind NOT IN ('visit','plenary') AND substr(a.start_date,1,4) = {y} AND a.deleted_at IS NULL AND a.status <> 'cancelled'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((f.activity_present, f.activity_recorded), (present, recorded));
    assert!(recorded > 0);
    assert_eq!(f.plenary_recorded, n(&db, &format!(
        "SELECT COUNT(*) FROM session_sign_ins si JOIN session_sittings x ON x.id = si.sitting_id
         JOIN session_attendees sa ON sa.id = si.attendee_id WHERE sa.member_id IS NOT NULL AND substr(x.sitting_date,1,4) = {y}"
    )));
    // The sentences carry the figures.
    let text: String = liaison_core::summary::paragraphs(&f).into_iter().map(|(_, t)| t).collect();
    assert!(text.contains(&format!("全年走访委员 {} 次", f.visits)), "{text}");
    assert!(text.contains(&format!("组织各类履职活动 {} 场次", f.activities)));
    assert!(text.contains(&format!("编发《社情民意》{} 期", f.bulletins)));
    assert!(text.contains(&format!("经审查立案 {} 件，已办结 {} 件", f.accepted, f.closed)));
    assert!(text.contains(&format!("活动出勤率 {}", rate(present, recorded).unwrap())));
    assert!(text.contains("一、基本情况") && text.contains("二、主要工作") && text.contains("三、存在的问题"));
}

#[test]
fn rates_and_an_empty_year() {
    assert_eq!(rate(1, 3).as_deref(), Some("33.3%"));
    assert_eq!(rate(9, 10).as_deref(), Some("90%"));
    assert_eq!(rate(0, 0), None);
    let (_d, db) = open();
    let f = db.year_figures(2025).unwrap();
    assert_eq!((f.visits, f.activities, f.reports, f.proposals, f.sittings), (0, 0, 0, 0, 0));
    let text: String = liaison_core::summary::paragraphs(&f).into_iter().map(|(_, t)| t).collect();
    assert!(text.contains("本年度尚未记录走访委员情况") && text.contains("本年度尚未记录履职活动"), "{text}");
    assert!(!text.contains("NaN") && !text.contains("出勤率 0"));
    assert!(db.year_figures(1900).is_err());
}

#[test]
fn the_docx_and_the_cli() {
    let (dir, mut db) = open();
    db.load_demo(60, None).unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now());
    let f = db.year_figures(year).unwrap();
    let out = dir.path().join("总结.docx");
    let s = db.export_year_summary(year, &out).unwrap();
    assert!(s.rows > 20);
    let xml = zip_text(&out, "word/document.xml");
    for t in [
        format!("{year}年工作总结"),
        "一、基本情况".to_string(),
        format!("全年走访委员 {} 次", f.visits),
        format!("{year}年主要工作数据统计表"),
        "满意率（含基本满意）".to_string(),
    ] {
        assert!(xml.contains(&t), "{t}");
    }
    let db_path = dir.path().join("t.db");
    drop(db);
    let cli_out = dir.path().join("cli.docx");
    let o = liaison(&db_path, &["export", "summary", "--year", &year.to_string(), "--out", cli_out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("工作总结"));
    assert!(zip_text(&cli_out, "word/document.xml").contains(&format!("全年走访委员 {} 次", f.visits)));
    let o = liaison(
        &db_path,
        &["export", "summary", "--year", "2026", "--out", dir.path().join("x.pdf").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".docx"));
}
