//! Printable documents (issue 4) from a real SQLite file: the visit checklist of a round, the sign-in
//! sheet, the attendance list and the inspection plan, as PDF (text read back with pdftotext) and as
//! .xlsx (read back with calamine); and their refusals.

use crate::common::{day, open, pdf_text, squash};
use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::documents::{DocumentExport, DocumentFormat, DocumentKind};
use liaison_core::model::*;
use liaison_core::{Db, Error};
use std::path::Path;

fn member(db: &mut Db, name: &str, mobile: &str) -> String {
    let sector = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "教育界").unwrap().id;
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        birth_date: "1972-05-01".into(),
        sector_id: Some(sector),
        term_ids: vec![term],
        work_unit: "市第一中学".into(),
        job_title: "副校长".into(),
        mobile: mobile.into(),
        address: "城关镇人民路 18 号".into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn pages(text: &str) -> usize {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            let rows = r
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::String(s) => s.clone(),
                            Data::Float(f) => f.to_string(),
                            Data::Empty => String::new(),
                            x => x.to_string(),
                        })
                        .collect()
                })
                .collect();
            (n, rows)
        })
        .collect()
}

fn export(
    db: &Db,
    dir: &Path,
    kind: DocumentKind,
    id: &str,
    format: DocumentFormat,
    with_phone: bool,
) -> std::path::PathBuf {
    let out = dir.join(format!("{kind:?}.{}", format.ext()));
    let s = db.export_document(&DocumentExport { kind, id: id.into(), format, with_phone }, &out).unwrap();
    assert_eq!(s.path, out);
    out
}

/// A round: two members on the same day, a party office the next, one cancelled visit.
fn round(db: &mut Db) -> (String, Vec<String>) {
    let a = member(db, "欧阳明", "13812348000");
    let b = member(db, "曾强", "13900001111");
    let visit = |m: Option<&str>, date: String, time: &str| VisitInput {
        target_kind: VisitTarget::Member,
        member_id: m.map(String::from),
        date,
        time: time.into(),
        purposes: vec![VisitPurpose::Duties, VisitPurpose::Difficulties],
        purpose_note: "听取对教育工作的建议".into(),
        visitors: "赵主席、联络办李明".into(),
        ..Default::default()
    };
    let r = db
        .save_visit_round(VisitRoundInput {
            title: "2026年冬季走访委员".into(),
            notes: String::new(),
            id: None,
            visits: vec![
                visit(Some(&a), day(3), "09:00"),
                visit(Some(&b), day(3), "14:30"),
                VisitInput {
                    target_kind: VisitTarget::PartyOffice,
                    target_name: "民革区委会".into(),
                    address: "区行政中心 5 楼".into(),
                    phone: "0571-88001234".into(),
                    purposes: vec![VisitPurpose::SectorViews],
                    visitors: "赵主席".into(),
                    date: day(4),
                    ..Default::default()
                },
                VisitInput { target_kind: VisitTarget::Workplace, ..visit(Some(&b), day(5), "10:00") },
            ],
        })
        .unwrap();
    let ids: Vec<String> = r.visits.iter().map(|v| v.activity_id.clone()).collect();
    db.set_activity_status(&ids[3], ActivityStatus::Cancelled).unwrap();
    (r.round.id, ids)
}

#[test]
fn the_visit_checklist_pdf_has_the_day_tables_and_a_record_sheet_per_visit() {
    let (dir, mut db) = open();
    let (round_id, _) = round(&mut db);
    let p = export(&db, dir.path(), DocumentKind::VisitChecklist, &round_id, DocumentFormat::Pdf, false);
    let text = pdf_text(&p);
    let flat = squash(&text);
    for want in [
        "2026年冬季走访委员安排表",
        "欧阳明",
        "曾强",
        "民革区委会",
        "了解履职情况；了解困难和诉求；听取对教育工作的建议",
        "赵主席、联络办李明",
        "城关镇人民路18号",
        "委员走访记录表",
        "走访人（签名）",
        "市第一中学副校长",
    ] {
        assert!(flat.contains(want), "{want} missing:\n{text}");
    }
    // Phones masked unless asked for; the cancelled workplace visit is left out.
    assert!(flat.contains("138****8000") && !flat.contains("13812348000"), "{text}");
    assert!(!flat.contains("工作单位：市第一中学"), "cancelled visit printed:\n{text}");
    // The day table (one page) and three record sheets, numbered.
    let n = pages(&text);
    assert_eq!(n, 4, "{text}");
    assert!(flat.contains("第4页共4页"));

    let p = export(&db, dir.path(), DocumentKind::VisitChecklist, &round_id, DocumentFormat::Pdf, true);
    assert!(squash(&pdf_text(&p)).contains("13812348000"));
}

#[test]
fn the_visit_checklist_xlsx_has_the_table_and_one_record_sheet_per_visit() {
    let (dir, mut db) = open();
    let (round_id, _) = round(&mut db);
    let p = export(&db, dir.path(), DocumentKind::VisitChecklist, &round_id, DocumentFormat::Xlsx, true);
    let s = sheets(&p);
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["走访安排表", "记录表1 欧阳明", "记录表2 曾强", "记录表3 民革区委会"]);
    let table = &s[0].1;
    assert_eq!(table[0][0], "2026年冬季走访委员安排表");
    assert_eq!(table[2], ["序号", "日期", "时间", "走访对象", "地址", "联系电话", "走访事由", "走访人员"]);
    assert_eq!(table.len(), 6, "{table:?}");
    assert_eq!(table[3][3], "欧阳明");
    assert_eq!(table[3][5], "13812348000");
    assert_eq!(table[5][3], "民革区委会（党派机关）");
    let sheet = &s[1].1;
    assert!(sheet.iter().flatten().any(|c| c == "委员反映的意见建议"));
    assert!(sheet.iter().flatten().any(|c| c == "市第一中学 副校长"));
}

#[test]
fn sign_in_sheet_and_attendance_list_as_pdf_and_xlsx() {
    let (dir, mut db) = open();
    let ids: Vec<String> =
        ["王伟", "欧阳明", "曾强", "李娜"].iter().map(|n| member(&mut db, n, "13812348000")).collect();
    let outsider = member(&mut db, "张三", "");
    let id = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Study,
            title: "城关联络组学习会".into(),
            date: day(-1),
            end_date: day(1),
            place: "委员之家".into(),
            content: "集中学习".into(),
            responsible: "周建国".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.invite_members(InviteInput { activity_id: id.clone(), member_ids: ids.clone(), ..Default::default() }).unwrap();
    db.add_person(PersonInput {
        activity_id: id.clone(),
        name: "周建国".into(),
        person_kind: PersonKind::Leader,
        ..Default::default()
    })
    .unwrap();
    let leave = db
        .request_leave(LeaveInput {
            activity_id: id.clone(),
            member_id: ids[3].clone(),
            reason: "出差".into(),
            approver: "周建国".into(),
        })
        .unwrap();
    db.decide_leave(LeaveDecision {
        leave_id: leave.id,
        approve: true,
        approver: "周建国".into(),
        note: String::new(),
    })
    .unwrap();
    db.sign_in(SignInInput {
        activity_id: id.clone(),
        member_ids: vec![ids[0].clone()],
        time: "09:05".into(),
        ..Default::default()
    })
    .unwrap();
    db.sign_in(SignInInput {
        activity_id: id.clone(),
        member_ids: vec![outsider],
        walk_in: true,
        proxy: "李明".into(),
        time: "09:20".into(),
        ..Default::default()
    })
    .unwrap();
    db.finalise_attendance(&id).unwrap();

    let flat = squash(&pdf_text(&export(&db, dir.path(), DocumentKind::SignIn, &id, DocumentFormat::Pdf, false)));
    for want in
        ["城关联络组学习会签到表", "签名", "委员之家", "周建国领导", "欧阳明教育界市第一中学副校长", "李娜", "请假"]
    {
        assert!(flat.contains(want), "{want} missing: {flat}");
    }
    // Leaders first, then members by strokes: 王(4) 李(7) 欧(8) 曾(12).
    let order: Vec<usize> =
        ["周建国", "王伟", "李娜", "欧阳明", "曾强"].iter().map(|n| flat.find(n).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?} in {flat}");

    let s = sheets(&export(&db, dir.path(), DocumentKind::SignIn, &id, DocumentFormat::Xlsx, false));
    let rows = &s[0].1;
    assert_eq!(rows[2], ["序号", "姓名", "界别／身份", "工作单位及职务", "签名", "备注"]);
    assert_eq!(rows[4][1], "王\u{3000}伟");
    assert_eq!(rows.len(), 3 + 6);

    let text = pdf_text(&export(&db, dir.path(), DocumentKind::Attendance, &id, DocumentFormat::Pdf, false));
    let flat = squash(&text);
    assert!(
        flat.contains("应到4人，实到1人（出席1，迟到0），请假1人，缺席2人，出勤率25.0%；另有现场增加1人"),
        "{text}"
    );
    for want in ["王伟", "出席", "09:05", "请假", "事由：出差", "缺席", "现场增加", "代签："] {
        assert!(flat.contains(want), "{want} missing: {text}");
    }
    assert!(!flat.contains("周建国领导"), "leaders are not on the attendance list");
    let s = sheets(&export(&db, dir.path(), DocumentKind::Attendance, &id, DocumentFormat::Xlsx, false));
    let rows = &s[0].1;
    assert!(rows.iter().flatten().any(|c| c.starts_with("应到 4 人，实到 1 人")), "{rows:?}");
}

#[test]
fn the_inspection_plan_has_schedule_participants_and_logistics() {
    let (dir, mut db) = open();
    let a = member(&mut db, "欧阳明", "");
    let id = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Inspection,
            title: "视察农村饮水安全工作".into(),
            date: day(20),
            time: "08:30".into(),
            place: "区政协机关集合".into(),
            content: "视察全区农村饮水安全工程建设和管护情况".into(),
            responsible: "赵副主席".into(),
            contact: "李明 13812345678".into(),
            methods: vec![InspectionMethod::Briefing, InspectionMethod::SiteVisit],
            vehicles: "中巴车 1 辆".into(),
            meals: "工作餐".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.save_stops(
        &id,
        vec![StopInput {
            date: day(20),
            time: "09:00".into(),
            place: "城关镇水厂".into(),
            host_unit: "区水利局".into(),
            host_contact: "王工".into(),
            note: "实地察看".into(),
        }],
    )
    .unwrap();
    db.invite_members(InviteInput {
        activity_id: id.clone(),
        member_ids: vec![a],
        team: "第一组".into(),
        ..Default::default()
    })
    .unwrap();
    let flat =
        squash(&pdf_text(&export(&db, dir.path(), DocumentKind::InspectionPlan, &id, DocumentFormat::Pdf, false)));
    for want in [
        "视察农村饮水安全工作方案",
        "一、活动主题",
        "视察全区农村饮水安全工程建设和管护情况",
        "听取汇报、实地察看",
        "城关镇水厂",
        "区水利局",
        "欧阳明",
        "第一组",
        "中巴车1辆",
    ] {
        assert!(flat.contains(want), "{want} missing: {flat}");
    }
    let s = sheets(&export(&db, dir.path(), DocumentKind::InspectionPlan, &id, DocumentFormat::Xlsx, false));
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["活动方案", "日程安排", "参加人员"]);
    assert_eq!(s[1].1[3][3], "区水利局");
    assert_eq!(s[2].1[3][4], "第一组");
}

#[test]
fn documents_are_refused_with_a_reason_and_write_nothing() {
    let (dir, mut db) = open();
    let out = dir.path().join("x.pdf");
    let req = |kind, id: &str| DocumentExport { kind, id: id.into(), format: DocumentFormat::Pdf, with_phone: false };
    let msg = |e: Error| e.to_string();
    assert!(msg(db.export_document(&req(DocumentKind::VisitChecklist, "nope"), &out).unwrap_err()).contains("不存在"));
    let id = db
        .save_activity(ActivityInput { kind: ActivityKind::Forum, title: "座谈会".into(), ..Default::default() })
        .unwrap()
        .activity
        .id;
    let e = msg(db.export_document(&req(DocumentKind::SignIn, &id), &out).unwrap_err());
    assert!(e.contains("还没有参加人员"), "{e}");
    let (round_id, visits) = round(&mut db);
    for v in &visits[..3] {
        db.set_activity_status(v, ActivityStatus::Cancelled).unwrap();
    }
    let e = msg(db.export_document(&req(DocumentKind::VisitChecklist, &round_id), &out).unwrap_err());
    assert!(e.contains("没有待走访的对象"), "{e}");
    assert!(!out.exists());
}

/// The round of `round()` with outcomes: 欧阳明 visited with long findings, opinions and two follow-ups
/// (one done, one overdue), 曾强 visited with difficulties only; 民革区委会 not yet visited.
fn round_with_outcomes(db: &mut Db) -> (String, Vec<String>) {
    let (round_id, ids) = round(db);
    let long = "委员所在学校近年来生源持续增长，现有校舍已不能满足教学需要，".repeat(6);
    let fu = |content: &str, owner: &str, due: String| FollowUpInput {
        content: content.into(),
        owner: owner.into(),
        due_date: due,
        ..Default::default()
    };
    let v = db
        .record_visit_outcome(VisitOutcomeInput {
            activity_id: ids[0].clone(),
            done_date: day(-3),
            findings: long,
            opinions: "建议增加乡镇联络组活动经费".into(),
            difficulties: String::new(),
            follow_ups: vec![
                fu("向财政局反映联络组活动经费", "李明", day(-1)),
                fu("安排委员参加培训", "张丽", day(30)),
            ],
        })
        .unwrap();
    let done = v.follow_ups.iter().find(|f| f.owner == "张丽").unwrap().id.clone();
    db.complete_follow_up(&done, &day(0), "已安排参加市政协培训班").unwrap();
    db.record_visit_outcome(VisitOutcomeInput {
        activity_id: ids[1].clone(),
        done_date: day(-2),
        findings: "身体健康，工作顺利".into(),
        difficulties: "学校周边交通拥堵，上下学时段尤甚".into(),
        ..Default::default()
    })
    .unwrap();
    (round_id, ids)
}

#[test]
fn the_visit_summary_of_a_round_has_findings_opinions_difficulties_and_follow_ups_with_their_state() {
    let (_dir, mut db) = open();
    let (round_id, _) = round_with_outcomes(&mut db);
    let s = db.visit_summary(&round_id).unwrap();
    assert_eq!(s.title, "2026年冬季走访委员情况汇总");
    assert_eq!(s.scope, "2026年冬季走访委员");
    assert!(s.empty.is_empty());
    // Done visits in the order they were made; the cancelled one left out, the party office pending.
    let who: Vec<&str> = s.visits.iter().map(|v| v.target.as_str()).collect();
    assert_eq!(who, ["欧阳明", "曾强"]);
    assert!(s.visits[0].findings.starts_with("委员所在学校近年来生源持续增长"));
    assert_eq!(s.visits[0].opinions, "建议增加乡镇联络组活动经费");
    assert_eq!(s.visits[1].difficulties, "学校周边交通拥堵，上下学时段尤甚");
    assert_eq!(s.visits[0].visitors, "赵主席、联络办李明");
    assert_eq!(s.pending.len(), 1);
    assert!(s.pending[0].starts_with("民革区委会（计划 "), "{:?}", s.pending);
    // Follow-ups: one overdue (due yesterday), one done with its day and result.
    let states: Vec<(&str, &str)> = s.follow_ups.iter().map(|f| (f.content.as_str(), f.state.as_str())).collect();
    assert_eq!(states, [("向财政局反映联络组活动经费", "逾期 1 天"), ("安排委员参加培训", "已落实")]);
    assert!(s.follow_ups[0].overdue && !s.follow_ups[1].overdue);
    assert!(s.follow_ups[1].result.ends_with("：已安排参加市政协培训班"), "{}", s.follow_ups[1].result);
    assert_eq!(
        s.overview,
        "计划走访 3 处，已走访 2 处（委员 2 人），尚未走访 1 处；反映意见建议的 1 处，反映困难诉求的 1 处；\
         跟踪落实事项 2 项，已落实 1 项，待落实 1 项（其中逾期 1 项）。"
    );
}

#[test]
fn the_visit_summary_as_xlsx_and_pdf() {
    let (dir, mut db) = open();
    let (round_id, _) = round_with_outcomes(&mut db);
    let p = export(&db, dir.path(), DocumentKind::VisitSummary, &round_id, DocumentFormat::Xlsx, false);
    let s = sheets(&p);
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["走访情况", "跟踪落实"]);
    let t = &s[0].1;
    assert_eq!(t[0][0], "2026年冬季走访委员情况汇总");
    assert_eq!(t[2], ["序号", "走访日期", "走访对象", "走访人员", "了解到的情况", "意见建议", "困难诉求"]);
    assert_eq!(t[3][2], "欧阳明");
    assert_eq!(t[4][6], "学校周边交通拥堵，上下学时段尤甚");
    assert!(t.iter().flatten().any(|c| c.starts_with("计划走访 3 处")));
    assert!(t.iter().flatten().any(|c| c.starts_with("尚未走访（1 处）：民革区委会")));
    let f = &s[1].1;
    assert_eq!(f[2], ["序号", "走访对象", "跟踪落实事项", "责任人", "完成期限", "状态", "落实情况"]);
    assert_eq!(f[3][5], "逾期 1 天");
    assert_eq!(f[4][5], "已落实");
    // Long findings wrap in their cell, whole: the row is made tall enough for them (spreadsheet
    // programs do not grow it on opening). Landscape A4.
    let zip = crate::common::zip_text(&p, "xl/worksheets/sheet1.xml");
    assert!(zip.contains("<pageSetup") && zip.contains("orientation=\"landscape\""), "{zip}");
    let height = |r: u32| -> Option<f64> {
        let row = zip.split(&format!("<row r=\"{r}\"")).nth(1)?.split('>').next()?.to_string();
        row.split("ht=\"").nth(1)?.split('"').next()?.parse().ok()
    };
    assert!(height(4).unwrap() >= 14.0 * 6.0, "the long findings' row: {:?}", height(4));
    // 曾强's row: the visitors and the difficulties take two lines in their columns.
    assert!((31.0..34.0).contains(&height(5).unwrap()), "two lines: {:?}", height(5));

    if cfg!(feature = "pdf") {
        let p = export(&db, dir.path(), DocumentKind::VisitSummary, &round_id, DocumentFormat::Pdf, false);
        let text = pdf_text(&p);
        let flat = squash(&text);
        for want in [
            "2026年冬季走访委员情况汇总",
            "一、走访情况",
            "1.欧阳明",
            "了解到的情况：",
            "意见建议：建议增加乡镇联络组活动经费",
            "困难诉求：学校周边交通拥堵，上下学时段尤甚",
            "二、跟踪落实事项",
            "逾期1天",
            "已安排参加市政协培训班",
            "三、尚未走访（1处）",
            "民革区委会",
        ] {
            assert!(flat.contains(want), "{want} missing:\n{text}");
        }
        // The long findings printed whole (wrapped over lines, not cut).
        assert_eq!(flat.matches("现有校舍已不能满足教学需要").count(), 6, "{text}");
    }
}

#[test]
fn an_empty_round_or_year_summary_says_so() {
    let (dir, mut db) = open();
    let (round_id, _) = round(&mut db);
    let s = db.visit_summary(&round_id).unwrap();
    assert!(s.visits.is_empty() && s.follow_ups.is_empty());
    assert_eq!(s.empty, "该走访计划还没有记录走访情况的走访：计划的 3 处走访都尚未走访。");
    assert_eq!(s.overview, "计划走访 3 处，已走访 0 处，尚未走访 3 处。");
    let bare = db.save_visit_round(VisitRoundInput { title: "空计划".into(), ..Default::default() }).unwrap();
    assert_eq!(db.visit_summary(&bare.round.id).unwrap().empty, "该走访计划还没有安排走访。");
    assert_eq!(db.visit_summary("1999").unwrap().empty, "1999年还没有安排走访。");
    let p = export(&db, dir.path(), DocumentKind::VisitSummary, &round_id, DocumentFormat::Xlsx, false);
    let s = sheets(&p);
    assert!(s[0].1.iter().flatten().any(|c| c.starts_with("该走访计划还没有记录走访情况的走访")));
    assert!(s[1].1.iter().flatten().any(|c| c == "没有需要跟踪落实的事项。"));
    if cfg!(feature = "pdf") {
        let p = export(&db, dir.path(), DocumentKind::VisitSummary, &bare.round.id, DocumentFormat::Pdf, false);
        assert!(squash(&pdf_text(&p)).contains("该走访计划还没有安排走访。"));
    }
    // No round or year: a message, nothing written.
    assert!(matches!(db.visit_summary(" "), Err(Error::Validation(_))));
    assert!(matches!(db.visit_summary("nope"), Err(Error::NotFound(_))));
}

#[test]
fn a_year_summary_gathers_the_visits_done_that_year_from_every_round() {
    let (_dir, mut db) = open();
    let (_, ids) = round_with_outcomes(&mut db);
    let year = &day(-3)[..4];
    // A visit on its own, done the same year, and one done the year before.
    let m = member(&mut db, "苏杭", "13700001111");
    let lone = db
        .save_visit(None, VisitInput { target_kind: VisitTarget::Member, member_id: Some(m), ..Default::default() })
        .unwrap();
    db.record_visit_outcome(VisitOutcomeInput {
        activity_id: lone.activity_id.clone(),
        done_date: day(-3),
        findings: "单独走访".into(),
        ..Default::default()
    })
    .unwrap();
    let before = format!("{}-06-01", year.parse::<i32>().unwrap() - 1);
    let old = db
        .save_visit(
            None,
            VisitInput {
                target_kind: VisitTarget::PartyOffice,
                target_name: "民建区委会".into(),
                ..Default::default()
            },
        )
        .unwrap();
    db.record_visit_outcome(VisitOutcomeInput {
        activity_id: old.activity_id.clone(),
        done_date: before,
        findings: "去年的走访".into(),
        ..Default::default()
    })
    .unwrap();
    let s = db.visit_summary(year).unwrap();
    assert_eq!(s.title, format!("{year}年委员走访情况汇总"));
    let who: Vec<&str> = s.visits.iter().map(|v| v.target.as_str()).collect();
    assert!(who.contains(&"欧阳明") && who.contains(&"曾强") && who.contains(&"苏杭"), "{who:?}");
    assert!(!who.contains(&"民建区委会"), "{who:?}");
    assert_eq!(s.visits.iter().find(|v| v.target == "欧阳明").unwrap().round, "2026年冬季走访委员");
    assert_eq!(s.follow_ups.len(), 2);
    // Deleting a visit takes it out of the summary.
    db.delete_activity(&ids[0]).unwrap();
    let s = db.visit_summary(year).unwrap();
    assert!(!s.visits.iter().any(|v| v.target == "欧阳明"));
}
