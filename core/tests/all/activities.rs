//! Activities (issue 4) on a real SQLite file: every workflow (plan, notice, sign-up, leave, sign-in,
//! attendance, visits and follow-ups, stops, reflections), their bad inputs, the member's history, the
//! agenda, the WeChat notice and the demo's year of activities. The migration from version 1 is in
//! migrations.rs.

use crate::common::{count, day, open, today};
use chrono::{Datelike, Duration, NaiveDate};
use liaison_core::model::*;
use liaison_core::{Db, Error};

fn member(db: &mut Db, name: &str) -> String {
    let sector = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "教育界").unwrap().id;
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(sector),
        term_ids: vec![term],
        work_unit: format!("{name}所在的第一中学"),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn group(db: &mut Db, name: &str, members: &[String]) -> String {
    let g = db.save_group(GroupInput { name: name.into(), ..Default::default() }).unwrap();
    db.add_group_members(&g.id, members, GroupRole::Member, false).unwrap();
    g.id
}

/// A complete forum (all of 四落实) on `date`.
fn forum(db: &mut Db, title: &str, date: &str) -> String {
    db.save_activity(ActivityInput {
        kind: ActivityKind::Forum,
        title: title.into(),
        date: date.into(),
        time: "14:30".into(),
        end_time: "17:00".into(),
        place: "区政协三楼会议室".into(),
        content: "听取委员意见建议".into(),
        responsible: "周建国".into(),
        contact: "李明 13812345678".into(),
        ..Default::default()
    })
    .unwrap()
    .activity
    .id
}

/// A complete meeting under way: from yesterday to tomorrow (begun, and not over, at any time of day).
fn under_way(db: &mut Db, title: &str, mode: SignupMode) -> String {
    db.save_activity(ActivityInput {
        kind: ActivityKind::Study,
        title: title.into(),
        date: day(-1),
        end_date: day(1),
        place: "委员之家".into(),
        content: "集中学习".into(),
        responsible: "周建国".into(),
        signup_mode: mode,
        ..Default::default()
    })
    .unwrap()
    .activity
    .id
}

/// The fields of a validation error.
fn fields(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn has(fs: &[(String, String)], field: &str, words: &str) -> bool {
    fs.iter().any(|(f, m)| f == field && m.contains(words))
}

fn conflict(e: Error) -> String {
    match e {
        Error::Conflict(m) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn actions(db: &Db, id: &str) -> Vec<String> {
    db.audit_log(id).unwrap().into_iter().map(|a| a.action).collect()
}

#[test]
fn activities_are_saved_listed_filtered_and_marked_when_four_fixed_is_incomplete() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let g = group(&mut db, "城关镇联络组", std::slice::from_ref(&a));
    let f = forum(&mut db, "教育界委员座谈会", &day(10));
    let d = db.activity(&f).unwrap();
    assert_eq!(d.activity.status, ActivityStatus::Planned);
    assert_eq!(d.activity.time, "14:30");
    assert!(d.activity.missing.is_empty());
    assert_eq!(d.activity.organiser_name, "联络办");
    // Dates and times as people type them are normalised.
    let loose = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Study,
            title: "学习会".into(),
            date: "２０３０年5月7日".into(),
            time: "9：00".into(),
            material: "《政协章程》".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(loose.activity.date.as_deref(), Some("2030-05-07"));
    assert_eq!(loose.activity.time, "09:00");
    assert_eq!(loose.activity.missing, vec![FourFixed::Place, FourFixed::Content, FourFixed::Responsible]);
    assert_eq!(loose.material, "《政协章程》");
    // Not fixed at all yet.
    let vague = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum, title: "委员读书会".into(), ..Default::default()
        })
        .unwrap()
        .activity;
    assert_eq!(vague.missing, FourFixed::ALL.to_vec());
    let ga = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Group,
            title: "城关镇联络组活动".into(),
            date: day(-30),
            place: "城关镇委员之家".into(),
            content: "委员接待日".into(),
            responsible: "王伟".into(),
            organiser: Organiser::Group,
            group_id: Some(g.clone()),
            ..Default::default()
        })
        .unwrap()
        .activity;
    assert_eq!(ga.organiser_name, "城关镇联络组");

    let all = db.activities(&ActivityQuery::default()).unwrap();
    let titles: Vec<&str> = all.iter().map(|r| r.title.as_str()).collect();
    // By date; those with no date last.
    assert_eq!(titles, ["城关镇联络组活动", "教育界委员座谈会", "学习会", "委员读书会"]);
    let q = |db: &Db, q: ActivityQuery| -> Vec<String> {
        db.activities(&q).unwrap().into_iter().map(|r| r.title).collect()
    };
    assert_eq!(
        q(&db, ActivityQuery { kind: Some(ActivityKind::Forum), ..Default::default() }),
        ["教育界委员座谈会", "委员读书会"]
    );
    assert_eq!(q(&db, ActivityQuery { from: day(0), to: day(30), ..Default::default() }), ["教育界委员座谈会"]);
    assert_eq!(q(&db, ActivityQuery { group_id: Some(g.clone()), ..Default::default() }), ["城关镇联络组活动"]);
    assert_eq!(q(&db, ActivityQuery { organiser: Some(Organiser::Group), ..Default::default() }), ["城关镇联络组活动"]);
    assert_eq!(q(&db, ActivityQuery { incomplete: true, ..Default::default() }), ["学习会", "委员读书会"]);
    assert_eq!(q(&db, ActivityQuery { search: "读书".into(), ..Default::default() }), ["委员读书会"]);
    assert_eq!(
        q(&db, ActivityQuery { status: Some(ActivityStatus::Done), ..Default::default() }),
        Vec::<String>::new()
    );
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: vec![a.clone()], ..Default::default() })
        .unwrap();
    assert_eq!(q(&db, ActivityQuery { member_id: Some(a.clone()), ..Default::default() }), ["教育界委员座谈会"]);

    // An edit is audited old → new, the contact's phone number masked.
    let mut input = ActivityInput {
        id: Some(f.clone()),
        kind: ActivityKind::Forum,
        title: "教育界委员座谈会".into(),
        date: day(10),
        time: "15:00".into(),
        place: "区政协三楼会议室".into(),
        content: "听取委员意见建议".into(),
        responsible: "周建国".into(),
        contact: "李明 13812345678".into(),
        ..Default::default()
    };
    input.summary = String::new();
    db.save_activity(input).unwrap();
    let log = db.audit_log(&f).unwrap();
    let edit = log.iter().find(|e| e.action == "update").unwrap();
    let ch: serde_json::Value = serde_json::from_str(&edit.changes).unwrap();
    assert_eq!(ch["time"], serde_json::json!(["14:30", "15:00"]));
    assert!(ch.get("end_time").is_some(), "cleared end time recorded");
    assert!(ch.get("title").is_none(), "unchanged fields are not listed");
    let create = log.iter().find(|e| e.action == "create").unwrap();
    assert!(!create.changes.contains("13812345678") && create.changes.contains("138****5678"));
}

#[test]
fn bad_activity_forms_name_the_field_and_save_nothing() {
    let (_d, mut db) = open();
    let before = count(&db, "SELECT COUNT(*) FROM activities");
    let audit_before = count(&db, "SELECT COUNT(*) FROM audit_log");
    let base = || ActivityInput { kind: ActivityKind::Forum, title: "座谈会".into(), ..Default::default() };
    let cases: Vec<(ActivityInput, &str, &str)> = vec![
        (ActivityInput { title: "  ".into(), ..base() }, "title", "请填写活动名称"),
        (ActivityInput { date: "2026-13-01".into(), ..base() }, "date", "日期格式应为 2026-05-12"),
        (ActivityInput { date: day(3), time: "25:00".into(), ..base() }, "time", "开始时间格式应为 09:30"),
        (ActivityInput { date: day(3), end_date: day(1), ..base() }, "end_date", "结束日期不能早于开始日期"),
        (
            ActivityInput { date: day(3), time: "15:00".into(), end_time: "09:00".into(), ..base() },
            "end_time",
            "结束时间不能早于开始时间",
        ),
        (ActivityInput { end_date: day(3), ..base() }, "date", "请先填写开始日期"),
        (ActivityInput { organiser: Organiser::Group, ..base() }, "group_id", "请选择组织活动的联络组"),
        (
            ActivityInput { organiser: Organiser::Group, group_id: Some("nope".into()), ..base() },
            "group_id",
            "所选联络组已不存在",
        ),
        (ActivityInput { organiser: Organiser::Committee, ..base() }, "committee_id", "请选择组织活动的专委会"),
        (ActivityInput { kind: ActivityKind::Group, ..base() }, "organiser", "联络组活动由联络组组织"),
        (
            ActivityInput { date: day(3), signup_deadline: day(5), signup_mode: SignupMode::Signup, ..base() },
            "signup_deadline",
            "报名截止日期不能晚于活动日期",
        ),
        (ActivityInput { signup_deadline: "下周一".into(), ..base() }, "signup_deadline", "报名截止时间格式"),
        (ActivityInput { kind: ActivityKind::Visit, ..base() }, "kind", "走访计划"),
    ];
    for (input, field, words) in cases {
        let fs = fields(db.save_activity(input).unwrap_err());
        assert!(has(&fs, field, words), "{field}: {fs:?}");
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activities"), before);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audit_before);
    // A forum cannot become a visit.
    let f = forum(&mut db, "座谈会", &day(3));
    let fs = fields(
        db.save_activity(ActivityInput {
            id: Some(f),
            kind: ActivityKind::Visit,
            title: "走访".into(),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert!(has(&fs, "kind", "不能改为走访"));
}

#[test]
fn status_moves_along_its_rules() {
    let (_d, mut db) = open();
    // A notice needs the 四落实.
    let vague = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "待定座谈会".into(),
            date: day(5),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let fs = fields(db.set_activity_status(&vague, ActivityStatus::Notified).unwrap_err());
    assert!(has(&fs, "place", "发通知前请先确定活动地点"));
    assert!(has(&fs, "content", "活动内容"));
    assert!(has(&fs, "responsible", "负责人"));
    assert!(!fs.iter().any(|(f, _)| f == "date"));

    let f = forum(&mut db, "座谈会", &day(5));
    assert_eq!(db.set_activity_status(&f, ActivityStatus::Notified).unwrap().status, ActivityStatus::Notified);
    // Not before its day.
    let m = conflict(db.set_activity_status(&f, ActivityStatus::Done).unwrap_err());
    assert!(m.contains("尚未开始"), "{m}");
    // No way back from a notice to a plan.
    assert!(conflict(db.set_activity_status(&f, ActivityStatus::Planned).unwrap_err()).contains("不能退回"));
    // A cancelled activity cannot be completed; restored to a plan first.
    db.set_activity_status(&f, ActivityStatus::Cancelled).unwrap();
    let m = conflict(db.set_activity_status(&f, ActivityStatus::Done).unwrap_err());
    assert!(m.contains("已取消") && m.contains("不能标记为已完成") && m.contains("请先恢复为“计划”"), "{m}");
    assert!(conflict(db.set_activity_status(&f, ActivityStatus::Ongoing).unwrap_err()).contains("已取消"));
    assert_eq!(db.set_activity_status(&f, ActivityStatus::Planned).unwrap().status, ActivityStatus::Planned);

    let past = forum(&mut db, "上月座谈会", &day(-20));
    db.set_activity_status(&past, ActivityStatus::Done).unwrap();
    assert!(conflict(db.set_activity_status(&past, ActivityStatus::Cancelled).unwrap_err()).contains("已完成"));
    // Reopened to correct its records.
    assert_eq!(db.set_activity_status(&past, ActivityStatus::Ongoing).unwrap().status, ActivityStatus::Ongoing);
    let log = db.audit_log(&f).unwrap();
    let statuses: Vec<&str> = log.iter().filter(|e| e.action == "status").map(|e| e.changes.as_str()).collect();
    assert_eq!(statuses.len(), 3);
    assert!(statuses[0].contains("已取消") && statuses[0].contains("计划"));
}

#[test]
fn deletion_is_soft_audited_and_undone_by_restore() {
    let (_d, mut db) = open();
    let f = forum(&mut db, "座谈会", &day(5));
    db.delete_activity(&f).unwrap();
    assert!(db.activities(&ActivityQuery::default()).unwrap().is_empty());
    let bin = db.activities(&ActivityQuery { deleted: true, ..Default::default() }).unwrap();
    assert_eq!(bin.len(), 1);
    assert!(bin[0].deleted);
    assert!(conflict(db.set_activity_status(&f, ActivityStatus::Notified).unwrap_err()).contains("已删除"));
    let a = member(&mut db, "王伟");
    let e = db.invite_members(InviteInput { activity_id: f.clone(), member_ids: vec![a], ..Default::default() });
    assert!(conflict(e.unwrap_err()).contains("请先恢复"));
    db.restore_activity(&f).unwrap();
    assert_eq!(db.activities(&ActivityQuery::default()).unwrap().len(), 1);
    assert_eq!(actions(&db, &f), ["restore", "delete", "create"]);
}

#[test]
fn invitations_by_id_and_by_group_then_sign_in_one_by_one_and_in_bulk() {
    let (_d, mut db) = open();
    let names = ["王伟", "李娜", "张强", "刘洋", "陈静"];
    let ids: Vec<String> = names.iter().map(|n| member(&mut db, n)).collect();
    let g = group(&mut db, "城关镇联络组", &ids[..3]);
    let f = forum(&mut db, "座谈会", &day(0));
    let out = db
        .invite_members(InviteInput {
            activity_id: f.clone(),
            member_ids: vec![ids[3].clone(), ids[0].clone()],
            group_id: Some(g.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((out.added, out.already), (4, 0));
    let again =
        db.invite_members(InviteInput { activity_id: f.clone(), group_id: Some(g), ..Default::default() }).unwrap();
    assert_eq!((again.added, again.already), (0, 3));
    assert!(has(
        &fields(db.invite_members(InviteInput { activity_id: f.clone(), ..Default::default() }).unwrap_err()),
        "member_ids",
        "请选择要邀请的委员、联络组、界别或上级政协委员"
    ));
    let leader = db
        .add_person(PersonInput {
            activity_id: f.clone(),
            name: "赵主席".into(),
            person_kind: PersonKind::Leader,
            role: ParticipantRole::Host,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(leader.member_id, None);
    assert!(has(
        &fields(
            db.add_person(PersonInput { activity_id: f.clone(), name: " ".into(), ..Default::default() }).unwrap_err()
        ),
        "name",
        "请填写姓名"
    ));
    let list = db.participants(&f, "").unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0].name, "赵主席", "leaders first");
    assert_eq!(list.iter().find(|p| p.name == "王伟").unwrap().group, "城关镇联络组");
    // Quick search by initials, full pinyin or characters.
    assert_eq!(db.participants(&f, "ln").unwrap().iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["李娜"]);
    assert_eq!(db.participants(&f, "zhangqiang").unwrap().len(), 1);
    assert_eq!(db.participants(&f, "刘").unwrap()[0].name, "刘洋");

    // One by one.
    let one =
        db.sign_in(SignInInput { activity_id: f.clone(), member_ids: vec![ids[1].clone()], ..Default::default() });
    assert_eq!(one.unwrap().signed_in, 1);
    // Someone not invited is refused, by name, and nothing is written.
    let audit_before = count(&db, "SELECT COUNT(*) FROM audit_log");
    let e = db
        .sign_in(SignInInput {
            activity_id: f.clone(),
            member_ids: vec![ids[0].clone(), ids[4].clone()],
            ..Default::default()
        })
        .unwrap_err();
    let fs = fields(e);
    assert!(has(&fs, "member_ids", "“陈静”不在本次活动的邀请名单中") && has(&fs, "member_ids", "现场增加"), "{fs:?}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audit_before);
    assert!(db.participants(&f, "王伟").unwrap()[0].signed_in_at.is_none());
    // In bulk, with a walk-in; one already signed in is left as he was; late ones marked.
    let bulk = db
        .sign_in(SignInInput {
            activity_id: f.clone(),
            member_ids: vec![ids[0].clone(), ids[1].clone(), ids[4].clone()],
            walk_in: true,
            time: "14:20".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((bulk.signed_in, bulk.already, bulk.walk_ins), (2, 1, 1));
    let late = db
        .sign_in(SignInInput {
            activity_id: f.clone(),
            member_ids: vec![ids[2].clone()],
            late: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(late.signed_in, 1);
    let list = db.participants(&f, "").unwrap();
    let by = |n: &str| list.iter().find(|p| p.name == n).unwrap().clone();
    assert_eq!(by("王伟").signed_in_at.as_deref(), Some(format!("{} 14:20", day(0)).as_str()));
    assert!(!by("陈静").invited);
    assert_eq!(by("张强").attendance, Some(Attendance::Late));
    let s = db.attendance_summary(&f).unwrap();
    assert_eq!((s.invited, s.walk_ins, s.present, s.late, s.unrecorded), (4, 1, 3, 1, 1));
    // Someone with a record stays on the list; an untouched one can be taken off.
    assert!(conflict(db.remove_participant(&by("王伟").id).unwrap_err()).contains("不能移出名单"));
    db.remove_participant(&by("刘洋").id).unwrap();
    assert_eq!(db.attendance_summary(&f).unwrap().invited, 3);
    let acts = actions(&db, &f);
    for a in ["invite", "add_person", "sign_in", "uninvite"] {
        assert!(acts.contains(&a.to_string()), "{a}: {acts:?}");
    }
}

#[test]
fn sign_in_waits_for_the_day_and_not_for_a_cancelled_activity() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let f = forum(&mut db, "座谈会", &day(3));
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: vec![a.clone()], ..Default::default() })
        .unwrap();
    let e = db.sign_in(SignInInput { activity_id: f.clone(), member_ids: vec![a.clone()], ..Default::default() });
    assert!(conflict(e.unwrap_err()).contains("尚未开始"));
    let g = forum(&mut db, "取消的座谈会", &day(-1));
    db.invite_members(InviteInput { activity_id: g.clone(), member_ids: vec![a.clone()], ..Default::default() })
        .unwrap();
    db.set_activity_status(&g, ActivityStatus::Cancelled).unwrap();
    let e = db.sign_in(SignInInput { activity_id: g.clone(), member_ids: vec![a.clone()], ..Default::default() });
    assert!(conflict(e.unwrap_err()).contains("已取消"));
    let e = db.sign_in(SignInInput { activity_id: f, member_ids: vec![], ..Default::default() });
    assert!(e.is_err());
}

#[test]
fn leave_requests_are_asked_decided_and_refused_once_the_meeting_is_over() {
    let (_d, mut db) = open();
    let ids: Vec<String> = ["王伟", "李娜", "张强"].iter().map(|n| member(&mut db, n)).collect();
    let outsider = member(&mut db, "刘洋");
    let f = forum(&mut db, "座谈会", &day(4));
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: ids.clone(), ..Default::default() }).unwrap();
    let ask = |m: &str, reason: &str| LeaveInput {
        activity_id: f.clone(),
        member_id: m.into(),
        reason: reason.into(),
        approver: String::new(),
    };
    assert!(has(&fields(db.request_leave(ask(&ids[0], " ")).unwrap_err()), "reason", "请填写请假事由"));
    assert!(has(
        &fields(db.request_leave(ask(&outsider, "出差")).unwrap_err()),
        "member_id",
        "不在本次活动的参加名单中"
    ));
    let l = db.request_leave(ask(&ids[0], "出差在外")).unwrap();
    assert_eq!((l.status, l.name.as_str()), (LeaveStatus::Pending, "王伟"));
    assert!(conflict(db.request_leave(ask(&ids[0], "又出差")).unwrap_err()).contains("待批"));
    assert_eq!(db.participants(&f, "王伟").unwrap()[0].leave, Some(LeaveStatus::Pending));
    // The approver is required.
    let decide = |id: &str, approve: bool, approver: &str| LeaveDecision {
        leave_id: id.into(),
        approve,
        approver: approver.into(),
        note: String::new(),
    };
    assert!(has(&fields(db.decide_leave(decide(&l.id, true, "")).unwrap_err()), "approver", "请填写审批人"));
    let ok = db.decide_leave(decide(&l.id, true, "周建国")).unwrap();
    assert_eq!((ok.status, ok.approver.as_str()), (LeaveStatus::Approved, "周建国"));
    assert!(ok.decided_at.is_some());
    assert!(conflict(db.decide_leave(decide(&l.id, false, "周建国")).unwrap_err()).contains("不能重复审批"));
    assert!(conflict(db.request_leave(ask(&ids[0], "出差")).unwrap_err()).contains("已准假"));
    // Refused: may ask again.
    let l2 = db.request_leave(ask(&ids[1], "单位有事")).unwrap();
    assert_eq!(db.decide_leave(decide(&l2.id, false, "周建国")).unwrap().status, LeaveStatus::Refused);
    assert_eq!(db.request_leave(ask(&ids[1], "身体不适")).unwrap().status, LeaveStatus::Pending);
    assert_eq!(db.leave_requests(&f).unwrap().len(), 3);

    // A meeting that is over takes no more leave requests.
    let past = forum(&mut db, "上周座谈会", &day(-7));
    db.invite_members(InviteInput { activity_id: past.clone(), member_ids: ids.clone(), ..Default::default() })
        .unwrap();
    let before = count(&db, "SELECT COUNT(*) FROM leave_requests");
    let e = db
        .request_leave(LeaveInput {
            activity_id: past.clone(),
            member_id: ids[2].clone(),
            reason: "出差".into(),
            approver: String::new(),
        })
        .unwrap_err();
    let m = conflict(e);
    assert!(m.contains("已结束") && m.contains("记为“请假”"), "{m}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM leave_requests"), before);
    // Nor one that is done, or cancelled.
    let done = forum(&mut db, "今天的座谈会", &day(0));
    db.invite_members(InviteInput { activity_id: done.clone(), member_ids: ids.clone(), ..Default::default() })
        .unwrap();
    db.set_activity_status(&done, ActivityStatus::Done).unwrap();
    let e = db.request_leave(LeaveInput {
        activity_id: done,
        member_id: ids[2].clone(),
        reason: "出差".into(),
        approver: String::new(),
    });
    assert!(conflict(e.unwrap_err()).contains("已结束"));
    db.set_activity_status(&f, ActivityStatus::Cancelled).unwrap();
    let e = db.request_leave(ask(&ids[2], "出差"));
    assert!(conflict(e.unwrap_err()).contains("已取消"));
}

#[test]
fn sign_up_answers_follow_the_mode_the_deadline_and_the_list() {
    let (_d, mut db) = open();
    let ids: Vec<String> = ["王伟", "李娜"].iter().map(|n| member(&mut db, n)).collect();
    let outsider = member(&mut db, "张强");
    let open_call = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Study,
            title: "读书分享会".into(),
            date: day(10),
            place: "委员之家".into(),
            content: "分享读书心得".into(),
            responsible: "周建国".into(),
            signup_mode: SignupMode::Signup,
            signup_deadline: format!("{} 17:00", day(8)),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.invite_members(InviteInput { activity_id: open_call.clone(), member_ids: ids.clone(), ..Default::default() })
        .unwrap();
    assert_eq!(db.sign_up(&open_call, &ids[0], true).unwrap().signup, Some(true));
    assert_eq!(db.sign_up(&open_call, &ids[1], false).unwrap().signup, Some(false));
    assert!(has(
        &fields(db.sign_up(&open_call, &outsider, true).unwrap_err()),
        "member_id",
        "不在本次活动的邀请名单中"
    ));
    let s = db.attendance_summary(&open_call).unwrap();
    assert_eq!((s.signed_up, s.declined), (1, 1));

    // Past the deadline.
    let closed = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "报名已截止的座谈会".into(),
            date: day(3),
            signup_mode: SignupMode::Signup,
            signup_deadline: day(-1),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.invite_members(InviteInput { activity_id: closed.clone(), member_ids: ids.clone(), ..Default::default() })
        .unwrap();
    assert!(conflict(db.sign_up(&closed, &ids[0], true).unwrap_err()).contains("截止"));

    // An activity that must be attended: no declining, ask for leave.
    let required = forum(&mut db, "必须参加的座谈会", &day(3));
    db.invite_members(InviteInput { activity_id: required.clone(), member_ids: ids.clone(), ..Default::default() })
        .unwrap();
    assert!(has(&fields(db.sign_up(&required, &ids[0], false).unwrap_err()), "attending", "请提交请假申请"));
    assert_eq!(db.sign_up(&required, &ids[0], true).unwrap().signup, Some(true));
}

#[test]
fn finalising_the_attendance_turns_no_sign_in_into_absence_and_approved_leave_into_leave() {
    let (_d, mut db) = open();
    let names = ["王伟", "李娜", "张强", "刘洋", "陈静", "杨帆"];
    let ids: Vec<String> = names.iter().map(|n| member(&mut db, n)).collect();
    let f = under_way(&mut db, "学习会", SignupMode::Required);
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: ids[..5].to_vec(), ..Default::default() })
        .unwrap();
    // 王伟 and 李娜 ask for leave; one approved, one refused; 张强's stays pending for now.
    let leave = |db: &mut Db, m: &str| {
        db.request_leave(LeaveInput {
            activity_id: f.clone(),
            member_id: m.into(),
            reason: "出差".into(),
            approver: "周建国".into(),
        })
        .unwrap()
        .id
    };
    let l0 = leave(&mut db, &ids[0]);
    let l1 = leave(&mut db, &ids[1]);
    let l2 = leave(&mut db, &ids[2]);
    let decide = |db: &mut Db, id: &str, approve: bool| {
        db.decide_leave(LeaveDecision {
            leave_id: id.into(), approve, approver: "周建国".into(), note: String::new()
        })
        .unwrap();
    };
    decide(&mut db, &l0, true);
    decide(&mut db, &l1, false);
    db.sign_in(SignInInput { activity_id: f.clone(), member_ids: vec![ids[3].clone()], ..Default::default() }).unwrap();
    db.sign_in(SignInInput {
        activity_id: f.clone(),
        member_ids: vec![ids[5].clone()],
        walk_in: true,
        late: true,
        ..Default::default()
    })
    .unwrap();
    // A pending request blocks the confirmation, naming whose.
    let m = conflict(db.finalise_attendance(&f).unwrap_err());
    assert!(m.contains("1 条请假申请待批") && m.contains("张强"), "{m}");
    decide(&mut db, &l2, true);
    let s = db.finalise_attendance(&f).unwrap();
    assert!(s.finalised);
    assert_eq!((s.invited, s.walk_ins, s.present, s.late, s.leave, s.absent, s.unrecorded), (5, 1, 1, 1, 2, 2, 0));
    let list = db.participants(&f, "").unwrap();
    let by = |n: &str| list.iter().find(|p| p.name == n).unwrap().attendance;
    assert_eq!(by("王伟"), Some(Attendance::Leave));
    assert_eq!(by("李娜"), Some(Attendance::Absent), "refused leave and no sign-in");
    assert_eq!(by("张强"), Some(Attendance::Leave));
    assert_eq!(by("刘洋"), Some(Attendance::Present));
    assert_eq!(by("陈静"), Some(Attendance::Absent));
    assert_eq!(by("杨帆"), Some(Attendance::Late));
    assert_eq!(db.activity_row(&f).unwrap().status, ActivityStatus::Done);
    assert_eq!(db.activity_row(&f).unwrap().attended, 2);
    // Corrections by hand, then confirmed again: nothing else moves.
    let chen = list.iter().find(|p| p.name == "陈静").unwrap().id.clone();
    let s = db
        .set_attendance(&f, &[OutcomeInput { participant_id: chen.clone(), attendance: Some(Attendance::Present) }])
        .unwrap();
    assert_eq!((s.present, s.absent), (2, 1));
    assert_eq!(db.finalise_attendance(&f).unwrap(), s);
    assert!(actions(&db, &f).iter().filter(|a| *a == "finalise").count() == 2);
    // Not before the day, not for a cancelled one.
    let ahead = forum(&mut db, "下周座谈会", &day(7));
    assert!(conflict(db.finalise_attendance(&ahead).unwrap_err()).contains("尚未开始"));
    let e = db.set_attendance(&ahead, &[OutcomeInput { participant_id: chen, attendance: None }]);
    assert!(conflict(e.unwrap_err()).contains("尚未开始"));

    // In a sign-up activity, only those who signed up are expected.
    let open_call = under_way(&mut db, "读书会", SignupMode::Signup);
    db.invite_members(InviteInput {
        activity_id: open_call.clone(),
        member_ids: ids[..3].to_vec(),
        ..Default::default()
    })
    .unwrap();
    db.sign_up(&open_call, &ids[0], true).unwrap();
    db.sign_up(&open_call, &ids[1], false).unwrap();
    let s = db.finalise_attendance(&open_call).unwrap();
    assert_eq!((s.absent, s.unrecorded), (1, 2), "the one who signed up and did not come is absent");
}

fn visit(member_id: Option<&str>, date: &str) -> VisitInput {
    VisitInput {
        target_kind: VisitTarget::Member,
        member_id: member_id.map(String::from),
        date: date.into(),
        purposes: vec![VisitPurpose::Work, VisitPurpose::Duties],
        visitors: "赵主席、联络办李明".into(),
        address: "城关路 1 号".into(),
        ..Default::default()
    }
}

#[test]
fn a_round_of_visits_is_saved_in_one_transaction_and_a_visit_with_no_target_names_its_field() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let before = (count(&db, "SELECT COUNT(*) FROM activities"), count(&db, "SELECT COUNT(*) FROM audit_log"));
    let bad = VisitRoundInput {
        title: "2026年委员走访".into(),
        visits: vec![
            visit(Some(&a), &day(5)),
            visit(None, &day(6)),
            VisitInput { target_kind: VisitTarget::PartyOffice, date: day(7), ..Default::default() },
            VisitInput { date: "明天".into(), ..visit(Some(&b), "") },
        ],
        ..Default::default()
    };
    let fs = fields(db.save_visit_round(bad).unwrap_err());
    assert!(has(&fs, "visits[1].member_id", "第 2 条走访：请选择要走访的委员"), "{fs:?}");
    assert!(has(&fs, "visits[2].target_name", "第 3 条走访：请填写要走访的党派机关"), "{fs:?}");
    assert!(has(&fs, "visits[3].date", "走访日期格式"), "{fs:?}");
    assert_eq!(fs.len(), 3);
    assert_eq!((count(&db, "SELECT COUNT(*) FROM activities"), count(&db, "SELECT COUNT(*) FROM audit_log")), before);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM visit_rounds"), 0);
    assert!(has(&fields(db.save_visit_round(VisitRoundInput::default()).unwrap_err()), "title", "请填写走访计划名称"));

    let round = db
        .save_visit_round(VisitRoundInput {
            title: "2026年委员走访".into(),
            notes: "全年走访 60 人次".into(),
            id: None,
            visits: vec![
                visit(Some(&a), &day(5)),
                VisitInput { target_kind: VisitTarget::Workplace, address: String::new(), ..visit(Some(&b), &day(6)) },
                VisitInput {
                    target_kind: VisitTarget::PartyOffice,
                    target_name: "民革区委会".into(),
                    date: day(7),
                    purposes: vec![VisitPurpose::SectorViews],
                    visitors: "赵主席".into(),
                    ..Default::default()
                },
                VisitInput {
                    target_kind: VisitTarget::CountyCppcc,
                    target_name: "东阳县政协".into(),
                    ..Default::default()
                },
            ],
        })
        .unwrap();
    assert_eq!(round.round.total, 4);
    let titles: Vec<&str> = round.visits.iter().map(|v| v.target.as_str()).collect();
    assert_eq!(titles, ["王伟", "李娜（李娜所在的第一中学）", "民革区委会", "东阳县政协"]);
    let v0 = &round.visits[0];
    assert_eq!(v0.responsible, "赵主席", "the first visitor is responsible when none is named");
    assert!(v0.missing.is_empty());
    assert_eq!(round.visits[2].missing, Vec::<FourFixed>::new(), "an office is its own place");
    assert_eq!(round.visits[3].missing, vec![FourFixed::Time, FourFixed::Content, FourFixed::Responsible]);
    let rows = db.activities(&ActivityQuery { kind: Some(ActivityKind::Visit), ..Default::default() }).unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.round.as_deref() == Some("2026年委员走访")));
    assert_eq!(rows[1].title, "走访李娜委员所在单位（李娜所在的第一中学）");
    // Edit one and add one in the same round.
    let mut edit = visit(Some(&a), &day(8));
    edit.id = Some(v0.activity_id.clone());
    edit.purpose_note = "了解委员企业困难".into();
    let again = db
        .save_visit_round(VisitRoundInput {
            id: Some(round.round.id.clone()),
            title: "2026年委员走访（上半年）".into(),
            visits: vec![edit, visit(Some(&b), &day(9))],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(again.round.title, "2026年委员走访（上半年）");
    assert_eq!(again.round.total, 5);
    let v = db.visit(&v0.activity_id).unwrap();
    assert_eq!((v.date.as_deref(), v.purpose_note.as_str()), (Some(day(8).as_str()), "了解委员企业困难"));
    // A single visit on its own.
    let single = db
        .save_visit(
            None,
            VisitInput { target_kind: VisitTarget::Unit, target_name: "区人民医院".into(), ..Default::default() },
        )
        .unwrap();
    assert_eq!(single.round, None);
    assert!(has(
        &fields(db.save_visit(None, VisitInput { target_kind: VisitTarget::Unit, ..Default::default() }).unwrap_err()),
        "target_name",
        "请填写要走访的单位"
    ));
    // Deleting the round takes its visits along, and brings them back.
    db.delete_visit_round(&round.round.id).unwrap();
    assert!(db.visit_rounds().unwrap().is_empty());
    assert_eq!(
        db.activities(&ActivityQuery { kind: Some(ActivityKind::Visit), ..Default::default() }).unwrap().len(),
        1
    );
    assert!(conflict(db.restore_activity(&v0.activity_id).unwrap_err()).contains("请先恢复该走访计划"));
    let bin = db.deleted_visit_rounds().unwrap();
    assert_eq!((bin.len(), bin[0].id.as_str(), bin[0].total), (1, round.round.id.as_str(), 5));
    db.restore_visit_round(&round.round.id).unwrap();
    assert!(db.deleted_visit_rounds().unwrap().is_empty());
    assert_eq!(db.visit_round(&round.round.id).unwrap().visits.len(), 5);
}

#[test]
fn visit_outcomes_and_overdue_follow_ups() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let round = db
        .save_visit_round(VisitRoundInput {
            title: "委员走访".into(),
            visits: vec![visit(Some(&a), &day(-40)), visit(Some(&b), &day(-20)), visit(Some(&b), &day(10))],
            ..Default::default()
        })
        .unwrap();
    let (v1, v2, v3) =
        (round.visits[0].activity_id.clone(), round.visits[1].activity_id.clone(), round.visits[2].activity_id.clone());
    let outcome = |id: &str, done: &str, follow_ups: Vec<FollowUpInput>| VisitOutcomeInput {
        activity_id: id.into(),
        done_date: done.into(),
        findings: "委员积极履职".into(),
        opinions: "建议多组织界别活动".into(),
        difficulties: "工作繁忙".into(),
        follow_ups,
    };
    let fu = |content: &str, owner: &str, due: &str| FollowUpInput {
        content: content.into(),
        owner: owner.into(),
        due_date: due.into(),
        ..Default::default()
    };
    // Bad outcomes, each at its field.
    let fs = fields(db.record_visit_outcome(outcome(&v1, &day(2), vec![])).unwrap_err());
    assert!(has(&fs, "done_date", "走访日期不能晚于今天"));
    let fs = fields(
        db.record_visit_outcome(VisitOutcomeInput {
            findings: " ".into(),
            ..outcome(&v1, "", vec![fu("答复", "", "")])
        })
        .unwrap_err(),
    );
    assert!(has(&fs, "done_date", "请填写走访日期"));
    assert!(has(&fs, "findings", "请填写走访了解到的情况"));
    assert!(has(&fs, "follow_ups[0].owner", "第 1 条跟踪事项：请填写落实责任人"));
    assert!(has(&fs, "follow_ups[0].due_date", "请填写完成期限"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM follow_ups"), 0);

    let done = db
        .record_visit_outcome(outcome(
            &v1,
            &day(-40),
            vec![fu("协调答复委员反映的问题", "李明", &day(-10)), fu("安排委员参加培训", "张丽", &day(30))],
        ))
        .unwrap();
    assert_eq!(done.status, ActivityStatus::Done);
    assert_eq!(done.done_date.as_deref(), Some(day(-40).as_str()));
    assert_eq!((done.opinions.as_str(), done.follow_ups.len()), ("建议多组织界别活动", 2));
    db.record_visit_outcome(outcome(&v2, &day(-19), vec![fu("报送意见", "王强", &day(-5))])).unwrap();
    let extra =
        db.save_follow_up(FollowUpInput { activity_id: v3.clone(), ..fu("提前准备材料", "陈静", &day(-1)) }).unwrap();
    assert!(has(
        &fields(
            db.save_follow_up(FollowUpInput { activity_id: v3.clone(), ..fu("", "陈静", "2026-02-30") }).unwrap_err()
        ),
        "due_date",
        "完成期限格式"
    ));

    // Overdue as of today: most overdue first, with the days.
    let overdue = db.overdue_follow_ups(&day(0)).unwrap();
    let got: Vec<(&str, i32)> = overdue.iter().map(|f| (f.content.as_str(), f.days_overdue)).collect();
    assert_eq!(got, [("协调答复委员反映的问题", 10), ("报送意见", 5), ("提前准备材料", 1)]);
    assert_eq!(overdue[0].target, "王伟");
    assert_eq!(overdue[0].activity_title, "走访王伟委员");
    // As of an earlier day, fewer.
    assert_eq!(db.overdue_follow_ups(&day(-6)).unwrap().len(), 1);
    assert!(db.overdue_follow_ups("昨天").is_err());
    // Done, deleted, or of a cancelled visit: not overdue.
    let id = overdue[0].id.clone();
    assert!(has(&fields(db.complete_follow_up(&id, &day(3), "").unwrap_err()), "done_date", "不能晚于今天"));
    let c = db.complete_follow_up(&id, &day(0), "已答复委员").unwrap();
    assert_eq!((c.status, c.days_overdue), (FollowUpStatus::Done, 0));
    db.delete_follow_up(&overdue[1].id).unwrap();
    db.set_activity_status(&v3, ActivityStatus::Cancelled).unwrap();
    assert!(db.overdue_follow_ups(&day(0)).unwrap().is_empty());
    assert!(conflict(db.record_visit_outcome(outcome(&v3, &day(0), vec![])).unwrap_err()).contains("已取消"));
    let _ = extra;
    let acts = actions(&db, &v1);
    assert!(acts.contains(&"outcome".to_string()) && acts.contains(&"follow_up_done".to_string()), "{acts:?}");
    // A forum is not a visit.
    let f = forum(&mut db, "座谈会", &day(-1));
    assert!(conflict(db.record_visit_outcome(outcome(&f, &day(-1), vec![])).unwrap_err()).contains("不是走访"));
}

#[test]
fn an_inspection_has_a_plan_with_stops_and_a_report() {
    let (_d, mut db) = open();
    let committee = db.refs(RefKind::Committee).unwrap()[0].id.clone();
    let d = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Inspection,
            title: "视察农村人居环境整治工作".into(),
            date: day(20),
            end_date: day(21),
            time: "08:30".into(),
            place: "区政协机关集合".into(),
            content: "听取汇报，实地察看".into(),
            responsible: "赵副主席".into(),
            organiser: Organiser::Committee,
            committee_id: Some(committee.clone()),
            methods: vec![InspectionMethod::Briefing, InspectionMethod::SiteVisit, InspectionMethod::Briefing],
            vehicles: "中巴车 1 辆".into(),
            meals: "工作餐".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(d.methods, vec![InspectionMethod::Briefing, InspectionMethod::SiteVisit]);
    assert_eq!(d.activity.organiser_name, "提案委员会");
    let id = d.activity.id;
    let stop = |date: &str, time: &str, place: &str| StopInput {
        date: date.into(),
        time: time.into(),
        place: place.into(),
        host_unit: "城关镇人民政府".into(),
        host_contact: "王镇长 13900001111".into(),
        note: String::new(),
    };
    let fs = fields(
        db.save_stops(
            &id,
            vec![stop(&day(20), "9:00", "南湖村"), stop(&day(20), "10:30", " "), stop(&day(25), "14:00", "北苑村")],
        )
        .unwrap_err(),
    );
    assert!(has(&fs, "stops[1].place", "第 2 站：请填写地点"));
    assert!(has(&fs, "stops[2].date", "第 3 站：日期不在活动日期"));
    assert!(db.stops(&id).unwrap().is_empty());
    let stops = db
        .save_stops(
            &id,
            vec![
                stop(&day(20), "9:00", "南湖村"),
                stop(&day(20), "14:30", "白沙村"),
                stop(&day(21), "", "区农业农村局"),
            ],
        )
        .unwrap();
    let got: Vec<(i32, &str, &str)> = stops.iter().map(|s| (s.seq, s.time.as_str(), s.place.as_str())).collect();
    assert_eq!(got, [(1, "09:00", "南湖村"), (2, "14:30", "白沙村"), (3, "", "区农业农村局")]);
    // Replaced in a new order.
    let stops = db.save_stops(&id, vec![stop("", "9:00", "白沙村")]).unwrap();
    assert_eq!(stops.len(), 1);
    let log = db.audit_log(&id).unwrap();
    let last = log.iter().find(|e| e.action == "stops").unwrap();
    assert!(last.changes.contains("139****1111") && !last.changes.contains("13900001111"));
    // Participants: members in teams, a leader, staff; after it, the report.
    let ids: Vec<String> = ["王伟", "李娜"].iter().map(|n| member(&mut db, n)).collect();
    db.invite_members(InviteInput {
        activity_id: id.clone(),
        member_ids: ids,
        team: "第一组".into(),
        ..Default::default()
    })
    .unwrap();
    db.add_person(PersonInput {
        activity_id: id.clone(),
        name: "李明".into(),
        person_kind: PersonKind::Staff,
        team: "第一组".into(),
        ..Default::default()
    })
    .unwrap();
    let p = db.participants(&id, "").unwrap();
    assert!(p.iter().all(|p| p.team == "第一组"));
    let lead = p.iter().find(|p| p.name == "王伟").unwrap().id.clone();
    assert_eq!(db.update_participant(&lead, ParticipantRole::Lead, "第一组").unwrap().role, ParticipantRole::Lead);
    let mut input = ActivityInput {
        id: Some(id.clone()),
        kind: ActivityKind::Inspection,
        title: "视察农村人居环境整治工作".into(),
        date: day(20),
        end_date: day(21),
        organiser: Organiser::Committee,
        committee_id: Some(committee),
        ..Default::default()
    };
    input.summary = "视察报告：整治成效明显。".into();
    input.suggestions = "一是加强统筹；二是建立长效机制。".into();
    let d = db.save_activity(input).unwrap();
    assert_eq!(d.suggestions, "一是加强统筹；二是建立长效机制。");
    assert_eq!(d.stops.len(), 1);
}

#[test]
fn reflections_are_written_by_those_on_the_list_and_counted_per_member_and_group() {
    let (dir, mut db) = open();
    let ids: Vec<String> = ["王伟", "李娜", "张强"].iter().map(|n| member(&mut db, n)).collect();
    let outsider = member(&mut db, "刘洋");
    group(&mut db, "城关镇联络组", &ids[..2]);
    let study = |db: &mut Db, title: &str, date: &str| {
        db.save_activity(ActivityInput {
            kind: ActivityKind::Study,
            title: title.into(),
            date: date.into(),
            material: "《政协章程》".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id
    };
    let s1 = study(&mut db, "学习会一", &day(-30));
    let s2 = study(&mut db, "学习会二", &day(-10));
    for s in [&s1, &s2] {
        db.invite_members(InviteInput { activity_id: s.clone(), member_ids: ids.clone(), ..Default::default() })
            .unwrap();
    }
    let r = |activity: &str, member: &str, title: &str, body: &str, file: &str| ReflectionInput {
        id: None,
        activity_id: activity.into(),
        member_id: member.into(),
        title: title.into(),
        body: body.into(),
        file_path: file.into(),
    };
    let fs = fields(db.save_reflection(r(&s1, &ids[0], "", "", "")).unwrap_err());
    assert!(has(&fs, "title", "请填写心得体会的题目") && has(&fs, "body", "请填写心得体会正文，或选择文件"));
    assert!(has(
        &fields(db.save_reflection(r(&s1, &outsider, "体会", "正文", "")).unwrap_err()),
        "member_id",
        "刘洋不在本次活动的参加名单中"
    ));
    assert!(has(
        &fields(db.save_reflection(r(&s1, &ids[0], "体会", "", "/no/such/file.docx")).unwrap_err()),
        "file_path",
        "找不到文件"
    ));
    let file = dir.path().join("心得.docx");
    std::fs::write(&file, b"x").unwrap();
    let first = db.save_reflection(r(&s1, &ids[0], "学习体会", "", file.to_str().unwrap())).unwrap();
    assert_eq!((first.member_name.as_str(), first.group.as_str()), ("王伟", "城关镇联络组"));
    db.save_reflection(r(&s2, &ids[0], "再学习", "正文", "")).unwrap();
    db.save_reflection(r(&s1, &ids[1], "体会", "正文", "")).unwrap();
    let third = db.save_reflection(r(&s2, &ids[2], "体会", "正文", "")).unwrap();
    let edited = db
        .save_reflection(ReflectionInput {
            id: Some(third.id.clone()), ..r("", "", "修改后的体会", "正文", "")
        })
        .unwrap();
    assert_eq!(edited.title, "修改后的体会");
    let c = db.reflection_counts(None).unwrap();
    assert_eq!(c.total, 4);
    let by_member: Vec<(&str, i32)> = c.by_member.iter().map(|x| (x.name.as_str(), x.count)).collect();
    assert_eq!(by_member[0], ("王伟", 2));
    assert_eq!(by_member.len(), 3);
    let by_group: Vec<(&str, i32)> = c.by_group.iter().map(|x| (x.name.as_str(), x.count)).collect();
    assert_eq!(by_group, [("城关镇联络组", 3), ("未分组", 1)]);
    assert_eq!(c.by_group[1].id, None);
    // Per year; deleted ones not counted.
    let year = today().year() + 5;
    assert_eq!(db.reflection_counts(Some(year)).unwrap().total, 0);
    db.delete_reflection(&edited.id).unwrap();
    assert_eq!(db.reflection_counts(None).unwrap().total, 3);
    assert_eq!(db.reflections(Some(&s1), None).unwrap().len(), 2);
    assert_eq!(db.reflections(None, Some(&ids[0])).unwrap().len(), 2);

    // Attachments by path.
    assert!(has(
        &fields(
            db.add_attachment(AttachmentInput {
                activity_id: s1.clone(),
                path: "/no/such.pdf".into(),
                label: String::new()
            })
            .unwrap_err()
        ),
        "path",
        "找不到文件"
    ));
    let att = db
        .add_attachment(AttachmentInput {
            activity_id: s1.clone(),
            path: file.to_str().unwrap().into(),
            label: String::new(),
        })
        .unwrap();
    assert_eq!(att.label, "心得.docx");
    assert_eq!(db.activity(&s1).unwrap().attachments.len(), 1);
    db.remove_attachment(&att.id).unwrap();
    assert!(db.activity(&s1).unwrap().attachments.is_empty());
}

#[test]
fn the_wechat_notice_is_plain_text_ready_to_paste() {
    let (_d, mut db) = open();
    db.set_office_name("政协城关区委员会联络办公室").unwrap();
    let ids: Vec<String> = ["王伟", "李娜", "张强"].iter().map(|n| member(&mut db, n)).collect();
    let date = NaiveDate::from_ymd_opt(2030, 5, 14).unwrap(); // a Tuesday
    let f = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "教育界委员座谈会".into(),
            date: "2030-05-14".into(),
            time: "14:30".into(),
            end_time: "17:00".into(),
            place: "区政协三楼会议室".into(),
            content: "围绕“双减”政策落实情况座谈交流".into(),
            responsible: "周建国".into(),
            contact: "联络办 李明 13812345678".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: ids.clone(), ..Default::default() }).unwrap();
    db.add_person(PersonInput {
        activity_id: f.clone(),
        name: "赵主席".into(),
        person_kind: PersonKind::Leader,
        ..Default::default()
    })
    .unwrap();
    let t = today();
    let names: Vec<String> =
        db.participants(&f, "").unwrap().into_iter().filter(|p| p.member_id.is_some()).map(|p| p.name).collect();
    let want = format!(
        "【会议通知】教育界委员座谈会\n\n各位委员：\n现将有关事项通知如下：\n\
         一、时间：2030年5月14日（星期二）下午2:30—5:00\n\
         二、地点：区政协三楼会议室\n\
         三、内容：围绕“双减”政策落实情况座谈交流\n\
         四、出席领导：赵主席\n\
         五、参加人员：{}（共 3 人）\n\
         六、有关要求：请准时参加。因故不能参加的，请提前向联系人请假，说明事由。\n\
         七、联系人：联络办 李明 13812345678\n\n\
         政协城关区委员会联络办公室\n{}年{}月{}日\n",
        names.join("、"),
        t.year(),
        t.month(),
        t.day()
    );
    assert_eq!(db.activity_notice(&f).unwrap(), want);
    assert_eq!(date.weekday(), chrono::Weekday::Tue);
    assert!(!want.contains('*') && !want.contains('|') && !want.contains('#'), "no markup");

    // A group's sign-up activity over two days: signed by the group, the deadline, no required list.
    let g = group(&mut db, "城关镇联络组", &ids);
    let a = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Group,
            title: "城关镇联络组委员视察活动".into(),
            date: "2030-05-16".into(),
            time: "08:30".into(),
            end_date: "2030-05-17".into(),
            end_time: "16:00".into(),
            place: "城关镇".into(),
            organiser: Organiser::Group,
            group_id: Some(g.clone()),
            signup_mode: SignupMode::Signup,
            signup_deadline: "2030-05-12 17:00".into(),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let text = db.activity_notice(&a).unwrap();
    assert!(text.starts_with("【活动通知】城关镇联络组委员视察活动\n\n城关镇联络组各位委员：\n"), "{text}");
    assert!(text.contains("一、时间：2030年5月16日（星期四）上午8:30至5月17日（星期五）下午4:00\n"), "{text}");
    assert!(
        text.contains("报名方式：本次活动自愿报名参加，请于2030年5月12日（星期日）17:00前在群内回复“报名+姓名”。"),
        "{text}"
    );
    assert!(!text.contains("参加人员"), "{text}");
    assert!(text.contains("\n城关镇联络组\n"), "{text}");
    // Many invited: counted, not listed.
    let many: Vec<String> = (0..45).map(|i| member(&mut db, &format!("委员{i}"))).collect();
    db.invite_members(InviteInput { activity_id: f.clone(), member_ids: many, ..Default::default() }).unwrap();
    assert!(db.activity_notice(&f).unwrap().contains("五、参加人员：共 48 名委员（名单另发）\n"));
}

#[test]
fn a_members_history_spans_kinds_and_years_with_counts() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let mk = |db: &mut Db, kind: ActivityKind, title: &str, date: &str| {
        db.save_activity(ActivityInput { kind, title: title.into(), date: date.into(), ..Default::default() })
            .unwrap()
            .activity
            .id
    };
    // Last year and the year before, so that every date is past whatever today is.
    let y = today().year() - 1;
    let f1 = mk(&mut db, ActivityKind::Forum, "前年座谈会", &format!("{}-05-10", y - 1));
    let f2 = mk(&mut db, ActivityKind::Forum, "今年座谈会一", &format!("{y}-01-05"));
    let f3 = mk(&mut db, ActivityKind::Forum, "今年座谈会二", &format!("{y}-01-06"));
    let s1 = mk(&mut db, ActivityKind::Study, "今年学习会", &format!("{y}-01-07"));
    let c1 = mk(&mut db, ActivityKind::Forum, "取消的座谈会", &format!("{y}-01-08"));
    let d1 = mk(&mut db, ActivityKind::Forum, "删除的座谈会", &format!("{y}-01-09"));
    let u1 = mk(&mut db, ActivityKind::Forum, "日期未定的座谈会", "");
    for id in [&f1, &f2, &f3, &s1, &c1, &d1, &u1] {
        db.invite_members(InviteInput {
            activity_id: id.clone(),
            member_ids: vec![a.clone(), b.clone()],
            ..Default::default()
        })
        .unwrap();
    }
    let pid = |db: &Db, act: &str, m: &str| {
        db.participants(act, "").unwrap().into_iter().find(|p| p.member_id.as_deref() == Some(m)).unwrap().id
    };
    let set = |db: &mut Db, act: &str, at: Attendance| {
        let p = pid(db, act, &a);
        db.set_attendance(act, &[OutcomeInput { participant_id: p, attendance: Some(at) }]).unwrap();
    };
    set(&mut db, &f1, Attendance::Present);
    set(&mut db, &f2, Attendance::Late);
    set(&mut db, &f3, Attendance::Leave);
    set(&mut db, &s1, Attendance::Absent);
    db.set_activity_status(&c1, ActivityStatus::Cancelled).unwrap();
    db.delete_activity(&d1).unwrap();
    // Visited twice (one done), this year.
    let round = db
        .save_visit_round(VisitRoundInput {
            title: "走访".into(),
            visits: vec![visit(Some(&a), &format!("{y}-01-02")), visit(Some(&a), &day(40))],
            ..Default::default()
        })
        .unwrap();
    db.record_visit_outcome(VisitOutcomeInput {
        activity_id: round.visits[0].activity_id.clone(),
        done_date: format!("{y}-01-02"),
        findings: "积极履职".into(),
        ..Default::default()
    })
    .unwrap();

    let h = db.member_history(&a).unwrap();
    assert_eq!(h.name, "王伟");
    let titles: Vec<&str> = h.activities.iter().map(|m| m.title.as_str()).collect();
    assert!(!titles.contains(&"删除的座谈会"));
    assert_eq!(titles.last(), Some(&"日期未定的座谈会"), "no date last");
    assert_eq!(h.activities.iter().filter(|m| m.relation == Relation::Visited).count(), 2);
    let c = |year: i32, kind: ActivityKind| h.counts.iter().find(|c| c.year == year && c.kind == kind).cloned();
    let this_forum = c(y, ActivityKind::Forum).unwrap();
    assert_eq!(
        (this_forum.records, this_forum.attended, this_forum.leave, this_forum.absent),
        (2, 1, 1, 0),
        "cancelled not counted"
    );
    let study = c(y, ActivityKind::Study).unwrap();
    assert_eq!((study.records, study.absent), (1, 1));
    let visits = c(y, ActivityKind::Visit).unwrap();
    assert_eq!(visits.visited, 1);
    let last_year = c(y - 1, ActivityKind::Forum).unwrap();
    assert_eq!((last_year.records, last_year.attended), (1, 1));
    assert!(h.counts.windows(2).all(|w| w[0].year >= w[1].year));
    assert!(matches!(db.member_history("nobody"), Err(Error::NotFound(_))));
}

#[test]
fn the_agenda_lists_what_is_coming_and_a_month_by_day() {
    let (_d, mut db) = open();
    let soon = forum(&mut db, "下周座谈会", &day(7));
    let far = forum(&mut db, "两个月后座谈会", &day(60));
    let past = forum(&mut db, "上周座谈会", &day(-7));
    db.set_activity_status(&past, ActivityStatus::Done).unwrap();
    let cancelled = forum(&mut db, "取消的座谈会", &day(3));
    db.set_activity_status(&cancelled, ActivityStatus::Cancelled).unwrap();
    let undated = db
        .save_activity(ActivityInput { kind: ActivityKind::Forum, title: "时间待定".into(), ..Default::default() })
        .unwrap()
        .activity
        .id;
    let trip = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Research,
            title: "三天调研".into(),
            date: day(10),
            end_date: day(12),
            ..Default::default()
        })
        .unwrap()
        .activity
        .id;
    let ids = |rows: Vec<ActivityRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(db.agenda("", 0).unwrap()), [soon.clone(), trip.clone(), far.clone(), undated.clone()]);
    assert_eq!(ids(db.agenda(&day(0), 30).unwrap()), [soon.clone(), trip.clone(), undated.clone()]);
    // An activity under way is still on it.
    assert_eq!(ids(db.agenda(&day(11), 1).unwrap()), [trip.clone(), undated.clone()]);
    let rows = db.agenda("", 0).unwrap();
    assert!(rows[0].missing.is_empty());
    assert_eq!(rows[1].missing, vec![FourFixed::Place, FourFixed::Content, FourFixed::Responsible]);
    assert!(db.agenda("下周", 7).is_err());

    let d = today() + Duration::days(10);
    let m = db.agenda_month(d.year(), d.month()).unwrap();
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap();
    assert_eq!(m.days[0].date, first.format("%Y-%m-%d").to_string());
    assert_eq!(m.days[0].weekday, first.weekday().number_from_monday() as i32);
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    assert_eq!(m.days.len() as i64, (next.unwrap() - first).num_days());
    let on = |date: String| {
        m.days.iter().find(|x| x.date == date).map(|x| x.activities.iter().map(|a| a.id.clone()).collect::<Vec<_>>())
    };
    // The trip is on each of its days that fall in the month.
    for k in 10..=12 {
        let dd = today() + Duration::days(k);
        if dd.month() == d.month() {
            assert!(on(day(k)).unwrap().contains(&trip), "day {k}");
        }
    }
    assert!(db.agenda_month(2026, 13).is_err());
    // Cancelled ones stay on the calendar, marked by their status.
    let c = today() + Duration::days(3);
    let mc = db.agenda_month(c.year(), c.month()).unwrap();
    let row = mc.days.iter().flat_map(|x| &x.activities).find(|a| a.id == cancelled).unwrap();
    assert_eq!(row.status, ActivityStatus::Cancelled);
}

#[test]
fn the_demo_has_a_year_of_activities_with_participation() {
    let (_d, mut db) = open();
    let s = db.load_demo(300, None).unwrap();
    assert!(s.activities > 100, "{}", s.activities);
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    let n = |sql: &str| count(&db, sql);
    // About 60 member visits; the parties' offices twice; county CPPCCs once or more.
    let member_visits = n("SELECT COUNT(*) FROM visits WHERE target_kind IN ('member','workplace')");
    assert!((55..=60).contains(&member_visits), "{member_visits}");
    assert_eq!(n("SELECT COUNT(DISTINCT member_id) FROM visits WHERE member_id IS NOT NULL"), member_visits);
    let offices: Vec<(String, i64)> = {
        let mut st = db
            .conn()
            .prepare("SELECT target_name, COUNT(*) FROM visits WHERE target_kind = 'party_office' GROUP BY target_name")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    assert!(offices.len() >= 8 && offices.iter().all(|(_, c)| *c == 2), "{offices:?}");
    assert!(n("SELECT COUNT(*) FROM visits WHERE target_kind = 'county_cppcc'") >= 3);
    assert_eq!(db.visit_rounds().unwrap().len(), 2);
    // Every kind but the plenary.
    for k in ActivityKind::ALL.iter().filter(|k| **k != ActivityKind::Plenary) {
        let rows = db.activities(&ActivityQuery { kind: Some(*k), ..Default::default() }).unwrap();
        assert!(!rows.is_empty(), "{k:?}");
    }
    // Inspections and research trips have stops, methods and participants.
    for k in [ActivityKind::Inspection, ActivityKind::Research] {
        for r in db.activities(&ActivityQuery { kind: Some(k), ..Default::default() }).unwrap() {
            let d = db.activity(&r.id).unwrap();
            assert_eq!(d.stops.len(), 3);
            assert_eq!(d.methods.len(), 3);
            if r.status == ActivityStatus::Done {
                assert!(d.attendance.invited > 0 && !d.summary.is_empty());
            }
        }
    }
    // Past meetings: attendance confirmed, every expected member has an outcome.
    assert_eq!(
        n("SELECT COUNT(*) FROM participants p JOIN activities a ON a.id = p.activity_id
           WHERE a.attendance_final_at IS NOT NULL AND p.member_id IS NOT NULL AND p.attendance IS NULL
             AND (a.signup_mode = 'required' OR p.signup = 'yes')"),
        0
    );
    assert!(n("SELECT COUNT(*) FROM activities WHERE attendance_final_at IS NOT NULL AND status <> 'done'") == 0);
    for a in ["present", "late", "leave", "absent"] {
        assert!(n(&format!("SELECT COUNT(*) FROM participants WHERE attendance = '{a}'")) > 0, "{a}");
    }
    for s in ["approved", "refused", "pending"] {
        assert!(n(&format!("SELECT COUNT(*) FROM leave_requests WHERE status = '{s}'")) > 0, "{s}");
    }
    // Approved leave shows as 请假 in confirmed meetings; pending ones only ahead.
    assert_eq!(
        n("SELECT COUNT(*) FROM leave_requests l JOIN participants p ON p.id = l.participant_id
           JOIN activities a ON a.id = p.activity_id WHERE l.status = 'pending' AND a.start_date < date('now', 'localtime')"),
        0
    );
    assert!(n("SELECT COUNT(*) FROM participants WHERE signup IS NOT NULL") > 0);
    assert!(db.reflection_counts(None).unwrap().total > 0);
    assert!(!db.overdue_follow_ups("").unwrap().is_empty());
    assert!(!db.agenda("", 0).unwrap().is_empty());
    assert!(db.agenda("", 0).unwrap().iter().any(|r| !r.missing.is_empty()), "some are marked incomplete");
    // A member's history comes out of the same records.
    let who: String = db
        .conn()
        .query_row("SELECT member_id FROM participants WHERE attendance = 'present' LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(!db.member_history(&who).unwrap().counts.is_empty());
    // Notices render for every activity.
    for r in db.activities(&ActivityQuery::default()).unwrap().iter().take(40) {
        assert!(db.activity_notice(&r.id).unwrap().contains(&r.title));
    }
    // Tiny offices work too.
    let (_d2, mut small) = open();
    let s = small.load_demo(5, None).unwrap();
    assert!(s.activities > 20);
    assert!(small.check().unwrap().is_empty());
    // Same N, same office (the activities draw from their own generator, after the members).
    let (_d3, mut again) = open();
    again.load_demo(300, None).unwrap();
    let names = |db: &Db| -> Vec<String> {
        let mut st = db.conn().prepare("SELECT name FROM members ORDER BY rowid").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(names(&db), names(&again));
}

#[test]
fn visit_drafts_start_from_the_members_records_in_the_order_picked() {
    let (_dir, mut db) = open();
    let a = member(&mut db, "欧阳明");
    let b = member(&mut db, "郑晓燕");
    let c = member(&mut db, "苏杭");
    for (id, mobile, phone, address) in
        [(&a, "13812348000", "0571-1234567", " 城关镇人民路 18 号 "), (&b, "", "0571-7654321", ""), (&c, "", "", "")]
    {
        let mut m = db.member(id).unwrap();
        let input = MemberInput {
            id: Some(m.id.clone()),
            name: std::mem::take(&mut m.name),
            gender: m.gender.clone(),
            sector_id: m.sector_id.clone(),
            term_ids: m.term_ids.clone(),
            work_unit: m.work_unit.clone(),
            mobile: mobile.into(),
            phone: phone.into(),
            address: address.into(),
            ..Default::default()
        };
        db.save_member(input).unwrap();
    }
    let d = db.visit_drafts(&[b.clone(), a.clone(), c.clone()]).unwrap();
    let got: Vec<(&str, &str, &str)> =
        d.iter().map(|x| (x.name.as_str(), x.phone.as_str(), x.address.as_str())).collect();
    assert_eq!(
        got,
        [("郑晓燕", "0571-7654321", ""), ("欧阳明", "13812348000", "城关镇人民路 18 号"), ("苏杭", "", "")],
        "the mobile first, else the landline; in full; in the order picked"
    );
    assert_eq!(d[1].work_unit, "欧阳明所在的第一中学");
    // A deleted member is refused by name; an unknown id as not found.
    db.delete_member(&c).unwrap();
    assert!(matches!(db.visit_drafts(&[a.clone(), c.clone()]), Err(Error::Conflict(m)) if m.contains("苏杭")));
    assert!(matches!(db.visit_drafts(&["nope".into()]), Err(Error::NotFound(_))));
    assert!(db.visit_drafts(&[]).unwrap().is_empty());
}
