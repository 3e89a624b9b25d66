//! Setting a session up (issue 11): a new session gets its sittings, its list and a hall layout fitted to
//! it, so that auto-seat and the sign-in sheet work with no further setup; a 常委会议 uses the same tools
//! with its own list and sittings; every missing prerequisite is named with where it is fixed; the demo
//! office seats any number of members.

use crate::common::{count, day, open, ref_id};
use liaison_core::documents::DocumentFormat;
use liaison_core::model::*;
use liaison_core::sessions::*;
use liaison_core::{Db, Error};

fn member(db: &mut Db, name: &str, roles: &[&str]) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    let role_ids = roles.iter().map(|r| ref_id(db, RefKind::Role, r)).collect();
    db.save_member(MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(ref_id(db, RefKind::Sector, "教育界")),
        role_ids,
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap()
    .id
}

/// 1 主席, 2 副主席, 1 秘书长, 3 常委 and `plain` members without a role.
fn office(db: &mut Db, plain: usize) {
    member(db, "王主席", &["主席"]);
    member(db, "丁副", &["副主席"]);
    member(db, "马副", &["副主席"]);
    member(db, "林秘", &["秘书长"]);
    for n in ["赵常", "钱常", "孙常"] {
        member(db, n, &["常委"]);
    }
    const SURNAMES: &str = "李张刘陈杨黄吴周徐朱胡郭何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红";
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    for i in 0..plain {
        let name = format!("{}{}{}", s[i % s.len()], g[(i / s.len()) % g.len()], g[(i * 7 + 3) % g.len()]);
        member(db, &name, &[]);
    }
}

fn create(db: &mut Db, kind: SessionKind, days: i64, prepare: bool) -> SessionDetail {
    let (start, end) = (day(1), day(days));
    let sittings = if prepare { plan_sittings(kind, &start, &end).unwrap() } else { vec![] };
    db.save_session(SessionInput {
        name: if kind == SessionKind::Standing {
            "政协第十五届常委会第八次会议"
        } else {
            "政协第十五届第三次会议"
        }
        .into(),
        start_date: start,
        end_date: end,
        place: "区行政中心".into(),
        kind,
        sittings,
        prepare,
        ..Default::default()
    })
    .unwrap()
}

fn step(d: &SessionDetail, s: SessionStep) -> &Prerequisite {
    d.readiness.iter().find(|p| p.step == s).unwrap()
}

#[test]
fn a_new_session_has_its_sittings_its_list_and_a_hall_that_fits() {
    let (dir, mut db) = open();
    office(&mut db, 123);
    let d = create(&mut db, SessionKind::Plenary, 3, true);
    let sid = d.session.id.clone();
    assert_eq!(d.session.kind, SessionKind::Plenary);
    let titles: Vec<&str> = d.sittings.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["开幕会", "分组讨论", "大会发言", "分组讨论", "分组讨论", "闭幕会"]);
    assert!(d.sittings.iter().all(|x| x.place == "区行政中心"));
    assert_eq!(d.session.members, 130);
    // The rostrum: 主席, 副主席, 秘书长; the hall: the other 126, in a hall of about that size.
    let l = db.hall_layout(d.layout_id.as_deref().expect("a layout")).unwrap();
    assert_eq!(l.name, "政协第十五届第三次会议会场");
    assert!(l.hall_capacity >= 126 && l.hall_capacity <= 150, "{l:?}");
    assert!(l.rostrum_capacity >= 4 && l.rostrum_capacity <= 9, "{l:?}");
    assert_eq!(l.section_names, ["左区", "中区", "右区"]);
    // Everything a tool needs is there but the groups and the seats.
    let missing: Vec<SessionStep> = d.readiness.iter().filter(|p| !p.ok).map(|p| p.step).collect();
    assert_eq!(missing, [SessionStep::Groups, SessionStep::Seats], "{:?}", d.readiness);
    // Auto-seat works with no further setup, and so does the sign-in sheet.
    let o = db.auto_seat(&sid).unwrap();
    assert_eq!((o.hall, o.rostrum), (126, 4));
    let e = SessionExport {
        session_id: sid.clone(),
        document: SessionDocument::SignIn,
        sitting_id: None,
        with_phone: false,
        format: DocumentFormat::Xlsx,
    };
    db.export_session(&e, &dir.path().join("签到表.xlsx")).unwrap();
    assert!(step(&db.session(&sid).unwrap(), SessionStep::Seats).ok);

    // More people: the layout made for the session grows at the back; every seat taken stays.
    let before = db.seating_chart(&sid).unwrap().seats;
    for k in 0..30 {
        db.add_session_person(PersonAttendeeInput {
            session_id: sid.clone(),
            kind: AttendeeKind::Observer,
            name: format!("列席{}", ["一", "二", "三", "四", "五", "六"][k % 6].repeat(k / 6 + 1)),
            ..Default::default()
        })
        .unwrap();
    }
    let grown = db.hall_layout(&l.id).unwrap();
    assert!(grown.hall_capacity >= 156 && grown.rows > l.rows && grown.seat_columns == l.seat_columns, "{grown:?}");
    let after = db.seating_chart(&sid).unwrap().seats;
    assert_eq!(before.len(), after.len());
    assert!(before.iter().zip(&after).all(|(a, b)| (a.row, a.col) == (b.row, b.col)));
    db.auto_seat(&sid).unwrap();

    // Fitted again on demand (it shrinks too); seats outside it are given up.
    let people: Vec<Attendee> = db.session_attendees(&sid, &AttendeeQuery::default()).unwrap();
    for a in people.iter().filter(|a| a.kind == AttendeeKind::Member && !a.rostrum).take(100) {
        db.remove_session_attendee(&a.id).unwrap();
    }
    let fit = db.fit_session_layout(&sid).unwrap();
    assert_eq!(fit.layout.id, l.id, "the session's own layout is resized in place");
    assert_eq!((fit.hall, fit.rostrum), (56, 4));
    assert!(fit.layout.hall_capacity >= 56 && fit.layout.hall_capacity < 80, "{:?}", fit.layout);
    assert!(fit.seats_removed > 0);
    db.auto_seat(&sid).unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_seats"), 60);
}

#[test]
fn a_clerks_own_hall_is_never_resized() {
    let (_d, mut db) = open();
    office(&mut db, 20);
    let hall = db
        .save_hall_layout(HallLayoutInput {
            name: "大礼堂".into(),
            rows: 20,
            seat_columns: 25,
            aisle_columns: vec![8, 18],
            rostrum_rows: 2,
            rostrum_seats: 11,
            ..Default::default()
        })
        .unwrap();
    let d = db
        .save_session(SessionInput {
            name: "政协第十五届第四次会议".into(),
            start_date: day(1),
            end_date: day(2),
            layout_id: Some(hall.id.clone()),
            prepare: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(d.layout_id.as_deref(), Some(hall.id.as_str()));
    assert!(d.sittings.is_empty(), "no sittings asked for");
    // Fitting makes a new layout for the session and leaves the hall as it was.
    let fit = db.fit_session_layout(&d.session.id).unwrap();
    assert_ne!(fit.layout.id, hall.id);
    assert_eq!(db.hall_layout(&hall.id).unwrap().rows, 20);
    assert_eq!(db.session(&d.session.id).unwrap().layout_id, Some(fit.layout.id.clone()));
    // Sittings planned later, once.
    assert_eq!(db.plan_session_sittings(&d.session.id).unwrap().len(), 4);
    assert!(matches!(db.plan_session_sittings(&d.session.id), Err(Error::Conflict(_))));
}

#[test]
fn a_standing_committee_meeting_uses_the_same_tools() {
    let (dir, mut db) = open();
    office(&mut db, 40);
    let d = create(&mut db, SessionKind::Standing, 1, true);
    let sid = d.session.id.clone();
    assert_eq!(d.session.kind, SessionKind::Standing);
    // Its list: the standing committee (主席, 副主席, 秘书长, 常委), not the whole term.
    assert_eq!(d.session.members, 7);
    let names: Vec<String> =
        db.session_attendees(&sid, &AttendeeQuery::default()).unwrap().into_iter().map(|a| a.name).collect();
    assert!(names.contains(&"赵常".to_string()) && names.contains(&"王主席".to_string()), "{names:?}");
    // One 全体会议, no 分组讨论, no grouping step.
    assert_eq!(d.sittings.len(), 1);
    assert_eq!((d.sittings[0].kind, d.sittings[0].title.as_str()), (SittingKind::Plenary, "全体会议"));
    assert!(d.readiness.iter().all(|p| p.step != SessionStep::Groups));
    // Its activity is a 常委会, so the members' history counts it as one.
    let kind: String = db_activity_kind(&db, &d.session.activity_id);
    assert_eq!(kind, "standing");
    // The tools: auto-seat, sign-in per sitting, the desk, the papers.
    db.auto_seat(&sid).unwrap();
    let first = db.session_attendees(&sid, &AttendeeQuery::default()).unwrap().remove(0);
    db.check_in(CheckInInput { attendee_id: first.id.clone(), ..Default::default() }).unwrap();
    for doc in [SessionDocument::SignIn, SessionDocument::Seating, SessionDocument::CheckIn] {
        let e = SessionExport {
            session_id: sid.clone(),
            document: doc,
            sitting_id: None,
            with_phone: false,
            format: DocumentFormat::Xlsx,
        };
        db.export_session(&e, &dir.path().join(format!("{}.xlsx", doc.as_str()))).unwrap();
    }
    // The kind stays what it was created as.
    let mut f = SessionInput {
        id: Some(sid.clone()),
        name: "政协第十五届常委会第八次会议".into(),
        start_date: day(1),
        end_date: day(1),
        kind: SessionKind::Plenary,
        ..Default::default()
    };
    f.layout_id = db.session(&sid).unwrap().layout_id;
    assert_eq!(db.save_session(f).unwrap().session.kind, SessionKind::Standing);
    // With nobody on the standing committee, the default list says what to do.
    let (_d2, mut empty) = open();
    member(&mut empty, "王伟", &[]);
    let d = create(&mut empty, SessionKind::Standing, 1, false);
    let err = empty.add_session_members(&d.session.id, &[]).unwrap_err();
    assert!(err.to_string().contains("常委"), "{err}");
}

fn db_activity_kind(db: &Db, activity_id: &str) -> String {
    db.activities(&Default::default())
        .unwrap()
        .into_iter()
        .find(|a| a.id == activity_id)
        .map(|a| a.kind.as_str().to_string())
        .unwrap()
}

#[test]
fn every_missing_prerequisite_is_named_with_where_it_is_fixed() {
    let (dir, mut db) = open();
    office(&mut db, 5);
    let d = create(&mut db, SessionKind::Plenary, 2, false);
    let sid = d.session.id.clone();
    let missing: Vec<(SessionStep, &str)> =
        d.readiness.iter().filter(|p| !p.ok).map(|p| (p.step, p.tab.as_str())).collect();
    assert_eq!(
        missing,
        [
            (SessionStep::Sittings, "overview"),
            (SessionStep::Attendees, "overview"),
            (SessionStep::Layout, "overview"),
            (SessionStep::Groups, "groups"),
            (SessionStep::Seats, "seating")
        ]
    );
    assert!(step(&d, SessionStep::Sittings).fix.contains("按会期排场次"));
    assert!(step(&d, SessionStep::Layout).needed_for.contains("自动排座"));
    // The errors say the same.
    let e = SessionExport {
        session_id: sid.clone(),
        document: SessionDocument::SignIn,
        sitting_id: None,
        with_phone: false,
        format: DocumentFormat::Xlsx,
    };
    let err = db.export_session(&e, &dir.path().join("x.xlsx")).unwrap_err().to_string();
    assert!(err.contains("还没有安排场次") && err.contains("按会期排场次"), "{err}");
    let err = db.fit_session_layout(&sid).unwrap_err().to_string();
    assert!(err.contains("列入委员"), "{err}");
    db.add_session_members(&sid, &[]).unwrap();
    let err = format!("{:?}", db.auto_seat(&sid).unwrap_err());
    assert!(err.contains("按名单生成会场布局"), "{err}");
    db.fit_session_layout(&sid).unwrap();
    db.auto_seat(&sid).unwrap();
}

/// `liaison demo --members N` seats everyone in a hall sized to the list, at any size: N is 10,000 here
/// (LIAISON_DEMO_MEMBERS chooses another, e.g. a small one on a slow machine).
#[test]
fn the_demo_session_seats_ten_thousand_members() {
    let n: u32 = std::env::var("LIAISON_DEMO_MEMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let (_d, mut db) = open();
    db.load_demo(n, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    assert_eq!(s.members, n);
    let chart = db.seating_chart(&s.id).unwrap();
    let l = chart.layout.unwrap();
    let seated = chart.seats.len() as u32;
    assert!(chart.unseated.is_empty(), "{} unseated", chart.unseated.len());
    assert_eq!(seated, n + 12, "every member and 列席");
    assert!(l.rows <= 200 && l.seat_columns <= 200);
    assert!(l.hall_capacity + l.rostrum_capacity <= seated * 5 / 4 + 20, "{l:?} for {seated}");
}

#[test]
fn a_standing_committee_made_in_the_activities_flow_gets_the_same_tools() {
    let (_d, mut db) = open();
    office(&mut db, 10);
    let a = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Standing,
            title: "政协第十五届常委会第九次会议".into(),
            date: day(3),
            place: "区政协三楼会议室".into(),
            ..Default::default()
        })
        .unwrap();
    let aid = a.activity.id.clone();
    let d = db.session_for_activity(&aid).unwrap();
    assert_eq!(d.session.kind, SessionKind::Standing);
    assert_eq!(d.session.activity_id, aid);
    assert_eq!(d.session.name, "政协第十五届常委会第九次会议");
    assert_eq!(d.session.members, 7, "none invited: the standing committee");
    assert_eq!(d.sittings.len(), 1);
    assert!(d.layout_id.is_some());
    db.auto_seat(&d.session.id).unwrap();
    // The same session the next time, not a second one.
    assert_eq!(db.session_for_activity(&aid).unwrap().session.id, d.session.id);
    assert_eq!(db.sessions(false).unwrap().len(), 1);

    // Invited members are its list; an activity of another kind has no meeting tools; a date is needed.
    let b = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Standing,
            title: "常委会专题协商".into(),
            date: day(5),
            ..Default::default()
        })
        .unwrap();
    let two = vec![member(&mut db, "欧阳一", &[]), member(&mut db, "上官二", &["常委"])];
    db.invite_members(InviteInput { activity_id: b.activity.id.clone(), member_ids: two, ..Default::default() })
        .unwrap();
    assert_eq!(db.session_for_activity(&b.activity.id).unwrap().session.members, 2);
    let forum = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "座谈会".into(),
            date: day(2),
            ..Default::default()
        })
        .unwrap();
    let err = db.session_for_activity(&forum.activity.id).unwrap_err().to_string();
    assert!(err.contains("座谈会不使用会务工具"), "{err}");
}
