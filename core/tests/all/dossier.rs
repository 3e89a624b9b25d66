//! The performance file (一委员一档案): its sections for a member with records in every domain, compared
//! with counts made here; a member with nothing recorded; the PDF's text; the batch zip's names and
//! count, its progress, and that a cancelled or failed batch writes nothing.

use crate::common::{day, open, pdf_text, ref_id};
use chrono::Datelike;
use liaison_core::dossier::DossierProgress;
use liaison_core::model::*;
use liaison_core::opinions::*;
use liaison_core::proposals::types::*;
use liaison_core::sessions::types::*;
use liaison_core::Db;
use std::sync::atomic::{AtomicBool, Ordering};

fn member(db: &mut Db, name: &str) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        sector_id: Some(ref_id(db, RefKind::Sector, "教育界")),
        term_ids: vec![term],
        work_unit: "区第一中学".into(),
        job_title: "校长".into(),
        mobile: "13812345678".into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn activity(db: &mut Db, kind: ActivityKind, title: &str, d: i64, who: &str, att: Attendance) -> String {
    let id = db
        .save_activity(ActivityInput { kind, title: title.into(), date: day(d), ..Default::default() })
        .unwrap()
        .activity
        .id;
    db.invite_members(InviteInput { activity_id: id.clone(), member_ids: vec![who.into()], ..Default::default() })
        .unwrap();
    let p = db.participants(&id, "").unwrap().into_iter().find(|p| p.member_id.as_deref() == Some(who)).unwrap();
    db.set_attendance(&id, &[OutcomeInput { participant_id: p.id, attendance: Some(att) }]).unwrap();
    id
}

/// 王丽 with a record in every domain: three activities (出席, 请假, 缺席), a reflection, two plenary
/// sittings (one attended, one absent), an adopted report, an accepted proposal, a speech.
fn busy_member(db: &mut Db) -> String {
    let wang = member(db, "王丽");
    let forum = activity(db, ActivityKind::Forum, "民营经济座谈会", -10, &wang, Attendance::Present);
    activity(db, ActivityKind::Service, "委员义诊活动", -8, &wang, Attendance::Leave);
    activity(db, ActivityKind::Inspection, "视察河道整治", -6, &wang, Attendance::Absent);
    db.save_reflection(ReflectionInput {
        id: None,
        activity_id: forum,
        member_id: wang.clone(),
        title: "座谈会心得".into(),
        body: "收获很大。".into(),
        file_path: String::new(),
    })
    .unwrap();
    // 全会: two sittings yesterday; she signs in to the first, and the second is confirmed without her.
    let sid = db
        .save_session(SessionInput {
            name: "政协第十五届第三次会议".into(),
            start_date: day(-1),
            end_date: day(1),
            place: "区行政中心".into(),
            ..Default::default()
        })
        .unwrap()
        .session
        .id;
    db.add_session_members(&sid, &[]).unwrap();
    let x1 = db
        .save_sitting(SittingInput {
            session_id: sid.clone(),
            kind: SittingKind::Opening,
            date: day(-1),
            half: HalfDay::Am,
            ..Default::default()
        })
        .unwrap()
        .id;
    let x2 = db
        .save_sitting(SittingInput {
            session_id: sid.clone(),
            kind: SittingKind::Group,
            date: day(-1),
            half: HalfDay::Pm,
            ..Default::default()
        })
        .unwrap()
        .id;
    let att =
        db.session_attendees(&sid, &AttendeeQuery::default()).unwrap().into_iter().find(|a| a.name == "王丽").unwrap();
    db.sign_in_sitting(SittingSignInInput { sitting_id: x1, attendee_ids: vec![att.id], ..Default::default() })
        .unwrap();
    db.finalise_sitting(&x2).unwrap();
    // 社情民意: submitted, edited, adopted by the city.
    let op = db
        .save_opinion(OpinionInput {
            title: "关于加强农村留守老人关爱服务的建议".into(),
            date: day(-20),
            situation: "情况。".into(),
            problem: "问题。".into(),
            suggestion: "建议。".into(),
            submitters: vec![ReportSubmitterInput { kind: ReportSubmitterKind::Member, id: wang.clone() }],
            ..Default::default()
        })
        .unwrap()
        .row
        .id;
    db.submit_opinion(&op).unwrap();
    db.review_opinion(
        &op,
        ReviewInput {
            text: OpinionText {
                title: "关于加强农村留守老人关爱服务的建议".into(), ..Default::default()
            },
            editor: "张丽".into(),
            date: String::new(),
            note: String::new(),
        },
    )
    .unwrap();
    db.adopt_opinion(
        &op,
        AdoptInput { level: OpinionLevel::City, form: AdoptForm::Single, by: "市政协".into(), date: String::new() },
    )
    .unwrap();
    // 提案: submitted and accepted (立案).
    let p = db
        .save_proposal(ProposalInput {
            title: "关于加强中小学课后服务的建议".into(),
            body: "正文。".into(),
            timing: ProposalTiming::Routine,
            category: ProposalCategory::Society,
            proposers: vec![SubmitterInput { kind: SubmitterKind::Member, id: wang.clone() }],
            ..Default::default()
        })
        .unwrap()
        .proposal
        .id;
    db.proposal_step(ProposalStep {
        id: p.clone(),
        to: ProposalState::Submitted,
        date: day(-15),
        ..Default::default()
    })
    .unwrap();
    db.proposal_step(ProposalStep { id: p, to: ProposalState::Accepted, date: day(-14), ..Default::default() })
        .unwrap();
    // 大会发言.
    db.save_speech(SpeechInput {
        session_id: sid,
        title: "以数字化改革推动基层治理".into(),
        body: "发言。".into(),
        submitter: SubmitterInput { kind: SubmitterKind::Member, id: wang.clone() },
        ..Default::default()
    })
    .unwrap();
    wang
}

#[test]
fn a_member_with_records_in_every_domain_has_every_section_and_the_counts_made_here() {
    let (_d, mut db) = open();
    let wang = busy_member(&mut db);
    let d = db.dossier(&wang, None).unwrap();
    assert_eq!(d.member.name, "王丽");
    assert_eq!(d.member.unit, "区第一中学校长");
    assert_eq!(d.member.sector, "教育界");
    assert_eq!(d.member.mobile, "138****5678", "masked");
    let term = db.current_term().unwrap().unwrap();
    assert_eq!(d.years.first().unwrap().year, term.start_year);
    assert!(d.years.last().unwrap().year <= chrono::Local::now().year());
    // Sums over the years (the dates above may straddle New Year).
    let sum = |f: fn(&liaison_core::dossier::DossierYear) -> i32| d.years.iter().map(f).sum::<i32>();
    assert_eq!((sum(|y| y.invited), sum(|y| y.attended), sum(|y| y.leave), sum(|y| y.absent)), (3, 1, 1, 1));
    assert_eq!(
        (sum(|y| y.plenary_sittings), sum(|y| y.plenary_attended), sum(|y| y.plenary_absent), sum(|y| y.plenary_leave)),
        (2, 1, 1, 0)
    );
    assert_eq!((sum(|y| y.reports), sum(|y| y.reports_adopted)), (1, 1));
    assert_eq!((sum(|y| y.proposals), sum(|y| y.proposals_accepted)), (1, 1));
    assert_eq!((sum(|y| y.speeches), sum(|y| y.reflections)), (1, 1));
    let kinds: Vec<(String, i32, i32)> =
        d.years.iter().flat_map(|y| y.by_kind.iter().map(|k| (k.kind.clone(), k.attended, k.invited))).collect();
    for k in [("视察", 0, 1), ("座谈会", 1, 1), ("服务民生", 0, 1)] {
        assert!(kinds.contains(&(k.0.to_string(), k.1, k.2)), "{kinds:?}");
    }
    // The plenary's own activity is not an activity here (its sittings are counted above).
    assert_eq!(d.activities.len(), 3);
    assert_eq!(d.activities.iter().map(|a| a.attendance.as_str()).collect::<Vec<_>>(), vec!["出席", "请假", "缺席"]);
    assert_eq!((d.reports[0].level.as_str(), d.reports[0].role.as_str()), ("市级", "第一报送人"));
    assert_eq!((d.proposals[0].number.as_str(), d.proposals[0].role.as_str()), ("1", "领衔"));
    assert_eq!(d.speeches[0].title, "以数字化改革推动基层治理");
    // The performance domain's sections are not made up.
    assert!(d.points.is_none() && d.five_ones.is_none() && d.deeds.is_none());
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_prints_each_section_and_a_member_with_nothing_says_so() {
    let (dir, mut db) = open();
    let wang = busy_member(&mut db);
    let empty = member(&mut db, "欧阳娜仁托娅·阿拉坦其其格");
    let out = dir.path().join("王丽.pdf");
    db.export_dossier(&wang, None, &out).unwrap();
    let t = crate::common::squash(&pdf_text(&out));
    for s in [
        "政协委员履职档案",
        "一、基本情况",
        "二、历年履职情况",
        "三、参加活动",
        "四、社情民意信息",
        "五、提案",
        "六、大会发言",
        "民营经济座谈会",
        "关于加强农村留守老人关爱服务的建议",
        "关于加强中小学课后服务的建议",
        "以数字化改革推动基层治理",
        "138****5678",
    ] {
        assert!(t.contains(s), "{s} missing from {t}");
    }
    assert!(!t.contains("履职积分") && !t.contains("五个一"), "no section without its data");
    assert!(!t.contains("13812345678"));
    let out = dir.path().join("空.pdf");
    db.export_dossier(&empty, None, &out).unwrap();
    let t = crate::common::squash(&pdf_text(&out));
    assert!(t.contains("欧阳娜仁托娅·阿拉坦其其格"));
    assert_eq!(t.matches("本届暂无记录").count(), 4, "{t}");
    // A deleted member has no file.
    db.delete_member(&empty).unwrap();
    assert!(db.export_dossier(&empty, None, &dir.path().join("x.pdf")).is_err());
    assert!(!dir.path().join("x.pdf").exists());
}

#[cfg(feature = "pdf")]
#[test]
fn the_batch_is_one_zip_of_numbered_files_in_roster_order_with_progress_and_a_cancel_writes_nothing() {
    let (dir, mut db) = open();
    for n in ["王丽", "丁一", "李娜", "张敏"] {
        member(&mut db, n);
    }
    let gone = member(&mut db, "赵删");
    db.delete_member(&gone).unwrap();
    let out = dir.path().join("全体.zip");
    let mut seen: Vec<DossierProgress> = Vec::new();
    let s = db.export_dossiers(None, &out, &mut |p| seen.push(p), &AtomicBool::new(false)).unwrap();
    assert_eq!(s.rows, 4);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut names: Vec<String> = (0..z.len()).map(|i| z.by_index(i).unwrap().name().unwrap().to_string()).collect();
    names.sort();
    // 按姓氏笔画: 丁(2) 王(4) 李(7) 张(7: 李 before 张 by their next strokes).
    assert_eq!(names, vec!["001-丁一.pdf", "002-王丽.pdf", "003-李娜.pdf", "004-张敏.pdf"]);
    for n in &names {
        let mut f = z.by_name(n).unwrap();
        let mut head = [0u8; 5];
        std::io::Read::read_exact(&mut f, &mut head).unwrap();
        assert_eq!(&head, b"%PDF-");
    }
    assert_eq!(seen.first().map(|p| (p.done, p.total)), Some((0, 4)));
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((4, 4)));
    assert_eq!(seen.len(), 5);

    // Cancelled after the second file: nothing is written, not even a part.
    let out2 = dir.path().join("取消.zip");
    let cancel = AtomicBool::new(false);
    let e = db
        .export_dossiers(
            None,
            &out2,
            &mut |p| {
                if p.done >= 2 {
                    cancel.store(true, Ordering::Relaxed)
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert!(e.to_string().contains("已取消"), "{e}");
    assert!(!out2.exists());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("t.db"))
        .collect();
    assert_eq!(left, vec!["全体.zip"], "only the first zip besides the database");
}

#[cfg(feature = "pdf")]
#[test]
fn the_cli_writes_one_file_and_the_batch() {
    let (dir, mut db) = open();
    let wang = busy_member(&mut db);
    member(&mut db, "丁一");
    drop(db);
    let path = dir.path().join("t.db");
    let one = dir.path().join("王丽.pdf");
    let o = crate::common::liaison(
        &path,
        &["export", "performance-file", "--member", &wang, "--out", one.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(crate::common::squash(&pdf_text(&one)).contains("关于加强中小学课后服务的建议"));
    let all = dir.path().join("全体.zip");
    let o = crate::common::liaison(&path, &["--json", "export", "performance-files", "--out", all.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"], 2);
    assert_eq!(zip::ZipArchive::new(std::fs::File::open(&all).unwrap()).unwrap().len(), 2);
    // A wrong extension or an unknown member: exit 1 with the reason, nothing written.
    let o = crate::common::liaison(
        &path,
        &["export", "performance-files", "--out", dir.path().join("a.pdf").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".zip"));
    let o = crate::common::liaison(
        &path,
        &["export", "performance-file", "--member", "nobody", "--out", dir.path().join("n.pdf").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("n.pdf").exists());
}

/// The performance sections come from the performance domain: the year's points with rank and grade
/// (as its ledger has them), 五个一, deeds and the manual entries with their reasons.
#[test]
fn the_points_five_ones_and_deeds_sections_are_the_performance_domains() {
    use liaison_core::performance::types::*;
    let (dir, mut db) = open();
    let wang = busy_member(&mut db);
    let year = chrono::Local::now().year();
    db.copy_score_template(year, ScoreTemplate::Jinan, false).unwrap();
    let items = db.five_ones_defaults();
    db.save_five_ones_items(year, items).unwrap();
    db.save_deed(DeedInput {
        member_id: wang.clone(),
        kind: DeedKind::Project,
        what: "引进农产品加工项目".into(),
        for_whom: "城关镇".into(),
        amount: Some(300.0),
        deed_date: day(-3),
        ..Default::default()
    })
    .unwrap();
    db.save_score_adjustment(ScoreAdjustmentInput {
        member_id: wang.clone(),
        year,
        kind: AdjustmentKind::Reward,
        points: 5.0,
        reason: "获评优秀政协委员".into(),
        ..Default::default()
    })
    .unwrap();
    let d = db.dossier(&wang, None).unwrap();
    let score = db.member_score(&wang, year).unwrap().unwrap();
    let p = d.points.as_ref().expect("a year with rules has its points");
    let this = p.iter().find(|x| x.year == year).unwrap();
    assert_eq!((this.points, this.rank), (score.row.points, score.row.rank));
    assert_eq!(this.grade, score.row.grade.unwrap().label());
    let sum: f64 = this.items.iter().map(|(_, v)| v).sum();
    assert!((sum - score.row.points).abs() < 1e-6, "the lines sum to the points: {sum} vs {}", score.row.points);
    let five = d.five_ones.as_ref().expect("the year's 五个一");
    assert_eq!(five.iter().filter(|f| f.year == year).count(), db.five_ones_defaults().len());
    let deeds = d.deeds.as_ref().expect("deeds and manual entries");
    assert!(deeds.iter().any(|x| x.title == "引进农产品加工项目" && x.detail.contains("300")), "{deeds:?}");
    assert!(deeds.iter().any(|x| x.title == "获评优秀政协委员" && x.detail == "+5 分"), "{deeds:?}");
    #[cfg(feature = "pdf")]
    {
        let out = dir.path().join("王丽-积分.pdf");
        db.export_dossier(&wang, None, &out).unwrap();
        let t = crate::common::squash(&pdf_text(&out));
        for s in ["履职积分", "五个一", "引进农产品加工项目", "获评优秀政协委员"] {
            assert!(t.contains(s), "{s} missing from {t}");
        }
    }
    let _ = dir;
}
