//! The plenary session (issue 5) on a real SQLite file: grouping by sector, seating (rostrum by role, stroke
//! order, no seat twice), leave by rule, check-in, sign-in feeding the participation records, statistics,
//! logistics, bad inputs with nothing half-written, exports read back. The migration from version 2 is in
//! migrations.rs.

use crate::common::{count, day, open, ref_id};
use calamine::{open_workbook, Data, Reader, Xlsx};
use liaison_core::documents::DocumentFormat;
use liaison_core::model::*;
use liaison_core::sessions::*;
use liaison_core::{Db, Error, FieldError};
use std::collections::HashSet;

pub(crate) fn member(db: &mut Db, name: &str, sector: &str, roles: &[&str], mobile: &str) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    let role_ids = roles.iter().map(|r| ref_id(db, RefKind::Role, r)).collect();
    db.save_member(MemberInput {
        name: name.into(),
        gender: "男".into(),
        sector_id: Some(ref_id(db, RefKind::Sector, sector)),
        role_ids,
        term_ids: vec![term],
        mobile: mobile.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

pub(crate) fn session(db: &mut Db, start: i64) -> String {
    let s = db
        .save_session(SessionInput {
            name: "政协第十五届第三次会议".into(),
            start_date: day(start),
            end_date: day(start + 2),
            place: "区行政中心大礼堂".into(),
            ..Default::default()
        })
        .unwrap();
    s.session.id
}

pub(crate) fn sitting(db: &mut Db, sid: &str, d: i64, half: HalfDay, kind: SittingKind) -> String {
    db.save_sitting(SittingInput { session_id: sid.into(), kind, date: day(d), half, ..Default::default() }).unwrap().id
}

pub(crate) fn attendee(db: &Db, sid: &str, name: &str) -> Attendee {
    db.session_attendees(sid, &AttendeeQuery::default()).unwrap().into_iter().find(|a| a.name == name).unwrap()
}

fn validation(e: Error) -> Vec<FieldError> {
    match e {
        Error::Validation(f) => f,
        e => panic!("expected a validation error, got {e:?}"),
    }
}

#[test]
fn grouping_keeps_sectors_together_balances_sizes_and_splits_a_big_sector() {
    // Pure rule: 23 people, 4 groups; sector 0 has 9 (bigger than a group of 6), others 5, 4, 3, 2.
    let mut sectors = vec![0; 9];
    sectors.extend([1; 5]);
    sectors.extend([2; 4]);
    sectors.extend([3; 3]);
    sectors.extend([4; 2]);
    let plan = plan_groups(&sectors, 4);
    let mut sizes = [0usize; 4];
    for g in &plan {
        sizes[*g] += 1;
    }
    assert_eq!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap(), 1, "{sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), 23);
    let groups_of = |s: usize| -> HashSet<usize> { (0..23).filter(|i| sectors[*i] == s).map(|i| plan[i]).collect() };
    // The big sector spans two groups (9 > 6), the first 6 in stroke order together.
    assert_eq!(groups_of(0).len(), 2);
    assert!(plan[..6].iter().all(|g| *g == plan[0]));
    // Sectors that fit are kept together.
    for s in 1..=4 {
        assert_eq!(groups_of(s).len(), 1, "sector {s} split: {plan:?}");
    }
    // Sizes within one for many shapes, and all placed.
    for n in 1..=12 {
        let sectors: Vec<usize> = (0..500).map(|i| (i * 7 + i / 13) % 35).collect();
        let plan = plan_groups(&sectors, n);
        let mut sizes = vec![0usize; n];
        for g in &plan {
            sizes[*g] += 1;
        }
        assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{n}: {sizes:?}");
    }
}

/// A session with 14 members over three sectors, roles for the rostrum, past and future sittings.
fn setup(db: &mut Db) -> String {
    member(db, "王主席", "中国共产党", &["主席"], "13800000001");
    member(db, "丁副", "中国民主同盟", &["副主席"], "13800000002");
    member(db, "马副", "教育界", &["副主席"], "13800000003");
    member(db, "林秘", "教育界", &["秘书长"], "13800000004");
    for (i, n) in ["王伟", "李娜", "张敏", "刘洋", "陈静"].iter().enumerate() {
        member(db, n, "教育界", &["委员"], &format!("1390000{:04}", i));
    }
    member(db, "赵常", "中国民主同盟", &["常委"], "13700001111");
    for (i, n) in ["钱一", "孙二", "周三", "吴四"].iter().enumerate() {
        member(db, n, "中国民主同盟", &[], &format!("1370000{:04}", i + 20));
    }
    let sid = session(db, -1);
    assert_eq!(db.add_session_members(&sid, &[]).unwrap(), 14);
    // Adding again adds nobody.
    assert_eq!(db.add_session_members(&sid, &[]).unwrap(), 0);
    sid
}

#[test]
fn groups_seating_and_swaps() {
    let (_d, mut db) = open();
    let sid = setup(&mut db);
    db.add_session_person(PersonAttendeeInput {
        session_id: sid.clone(),
        kind: AttendeeKind::Observer,
        name: "周国庆".into(),
        unit: "区委".into(),
        ..Default::default()
    })
    .unwrap();
    db.add_session_person(PersonAttendeeInput {
        session_id: sid.clone(),
        kind: AttendeeKind::Staff,
        name: "李明".into(),
        ..Default::default()
    })
    .unwrap();
    let groups = db
        .auto_group(AutoGroupInput {
            session_id: sid.clone(),
            groups: 3,
            rooms: vec!["301".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(groups.len(), 3);
    let sizes: Vec<u32> = groups.iter().map(|g| g.size).collect();
    assert_eq!(sizes.iter().sum::<u32>(), 14);
    assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{sizes:?}");
    assert_eq!(groups[0].name, "第一组");
    assert_eq!(groups[0].room, "301");
    assert!(groups.iter().all(|g| g.convenors.len() == 1));
    // The 常委 convenes the group he is in.
    let zhao = attendee(&db, &sid, "赵常");
    assert_eq!(zhao.group_role, DiscussionRole::Convenor);

    // Seating needs a layout.
    let e = validation(db.auto_seat(&sid).unwrap_err());
    assert_eq!(e[0].field, "layout_id");
    assert!(e[0].message.contains("会场布局"));
    // A layout with too few seats is refused with nothing written.
    let small = db
        .save_hall_layout(HallLayoutInput {
            name: "小会议室".into(),
            rows: 1,
            seat_columns: 5,
            aisle_columns: vec![3],
            rostrum_rows: 1,
            rostrum_seats: 3,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(small.hall_capacity, 4);
    let mut form = SessionInput {
        id: Some(sid.clone()),
        name: "政协第十五届第三次会议".into(),
        start_date: day(-1),
        end_date: day(1),
        layout_id: Some(small.id.clone()),
        ..Default::default()
    };
    db.save_session(form.clone()).unwrap();
    let e = validation(db.auto_seat(&sid).unwrap_err());
    let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["rostrum", "layout_id"], "{e:?}");
    assert!(e[0].message.contains("主席台只有 3 个座位"), "{}", e[0].message);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_seats"), 0);
    // Layout names are unique; aisles inside the row.
    let e = validation(
        db.save_hall_layout(HallLayoutInput {
            name: "小会议室".into(),
            rows: 1,
            seat_columns: 5,
            aisle_columns: vec![9],
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["name", "aisle_columns"]);

    let hall = db
        .save_hall_layout(HallLayoutInput {
            name: "大礼堂".into(),
            rows: 3,
            seat_columns: 7,
            aisle_columns: vec![4],
            rostrum_rows: 1,
            rostrum_seats: 5,
            ..Default::default()
        })
        .unwrap();
    form.layout_id = Some(hall.id.clone());
    db.save_session(form).unwrap();
    // The observer on the rostrum too, after the members by role.
    let zhou = attendee(&db, &sid, "周国庆");
    db.set_rostrum(&zhou.id, true, Some(1)).unwrap();
    let out = db.auto_seat(&sid).unwrap();
    assert_eq!(out.rostrum, 5);
    assert_eq!(out.hall, 10);
    let chart = db.seating_chart(&sid).unwrap();
    assert!(chart.unseated.is_empty(), "{:?}", chart.unseated);
    // No seat used twice, no aisle used, staff not seated.
    let pos: HashSet<(SeatArea, u32, u32)> = chart.seats.iter().map(|s| (s.area, s.row, s.col)).collect();
    assert_eq!(pos.len(), chart.seats.len());
    assert!(chart.seats.iter().all(|s| s.area == SeatArea::Rostrum || s.col != 4));
    assert!(chart.seats.iter().all(|s| s.name != "李明"));
    // Rostrum: 主席 in the middle (3), then 副主席 to his left (audience's right, 4) and right (2), 秘书长,
    // then the invited observer.
    let at = |c: u32| chart.seats.iter().find(|s| s.area == SeatArea::Rostrum && s.col == c).unwrap().name.clone();
    assert_eq!(at(3), "王主席");
    let vice: HashSet<String> = [at(4), at(2)].into_iter().collect();
    assert_eq!(vice, ["丁副", "马副"].iter().map(|s| s.to_string()).collect());
    assert_eq!(at(4), "丁副", "丁 has fewer strokes than 马: No. 2");
    assert_eq!(at(5), "林秘");
    assert_eq!(at(1), "周国庆");
    assert_eq!(rostrum_positions(1, 4), vec![(1, 3), (1, 2), (1, 4), (1, 1)]);
    // Hall: by group, then stroke order within a group, front row first, left to right.
    let mut hall_seats: Vec<&Seat> = chart.seats.iter().filter(|s| s.area == SeatArea::Hall).collect();
    hall_seats.sort_by_key(|s| (s.row, s.col));
    let groups_in_order: Vec<&str> = hall_seats.iter().map(|s| s.group.as_str()).collect();
    let mut sorted = groups_in_order.clone();
    sorted.sort_by_key(|g| groups.iter().position(|x| x.name == *g).unwrap());
    assert_eq!(groups_in_order, sorted);
    for g in &groups {
        let names: Vec<&str> = hall_seats.iter().filter(|s| s.group == g.name).map(|s| s.name.as_str()).collect();
        let mut by_strokes = names.clone();
        by_strokes.sort_by_key(|n| liaison_core::hanzi::stroke_sort_key(n));
        assert_eq!(names, by_strokes);
    }
    assert_eq!(hall_seats[0].number, 1);
    assert_eq!(hall_seats[3].col, 5);
    assert_eq!(hall_seats[3].number, 4, "aisles are not counted in seat numbers");

    // Swaps keep every seat single.
    let (a, b) = (hall_seats[0].attendee_id.clone(), hall_seats[5].attendee_id.clone());
    let (pa, pb) = ((hall_seats[0].row, hall_seats[0].col), (hall_seats[5].row, hall_seats[5].col));
    let chart = db.swap_seats(&a, &b).unwrap();
    let where_is = |id: &str| chart.seats.iter().find(|s| s.attendee_id == id).map(|s| (s.row, s.col)).unwrap();
    assert_eq!(where_is(&a), pb);
    assert_eq!(where_is(&b), pa);
    // A move to an aisle is refused; a move to a free seat is fine.
    let e = validation(
        db.move_seat(SeatMoveInput { attendee_id: a.clone(), area: SeatArea::Hall, row: 1, col: 4 }).unwrap_err(),
    );
    assert!(e[0].message.contains("过道"));
    let chart = db.move_seat(SeatMoveInput { attendee_id: a.clone(), area: SeatArea::Hall, row: 3, col: 7 }).unwrap();
    assert_eq!(chart.seats.iter().find(|s| s.attendee_id == a).map(|s| (s.row, s.col)), Some((3, 7)));
    // The UNIQUE constraint refuses a seat used twice even behind the program's back.
    let dup = db.conn().execute(
        "INSERT INTO session_seats (session_id, attendee_id, area, row_no, col_no)
         SELECT session_id, ?1, area, row_no, col_no FROM session_seats WHERE attendee_id = ?2",
        [&zhou.id, &b],
    );
    assert!(dup.is_err());
    // Manual group moves: a convenor moved loses the role.
    let g2 = groups.iter().find(|g| Some(&g.id) != zhao.group_id.as_ref()).unwrap().id.clone();
    db.move_to_group(std::slice::from_ref(&zhao.id), Some(&g2)).unwrap();
    let zhao = attendee(&db, &sid, "赵常");
    assert_eq!(zhao.group_id.as_deref(), Some(g2.as_str()));
    assert_eq!(zhao.group_role, DiscussionRole::Member);
    let e = db.auto_group(AutoGroupInput { session_id: sid.clone(), groups: 15, ..Default::default() }).unwrap_err();
    assert!(validation(e)[0].message.contains("分组数不能多于委员人数（14 人）"));
}

#[test]
fn leave_is_decided_by_rule() {
    let (_d, mut db) = open();
    let sid = setup(&mut db);
    let x1 = sitting(&mut db, &sid, 0, HalfDay::Pm, SittingKind::Group);
    sitting(&mut db, &sid, 1, HalfDay::Am, SittingKind::Speech);
    db.auto_group(AutoGroupInput { session_id: sid.clone(), groups: 2, ..Default::default() }).unwrap();
    let people = db.session_attendees(&sid, &AttendeeQuery::default()).unwrap();
    let convenor_of = |g: &Option<String>| {
        people.iter().find(|a| a.group_id == *g && a.group_role == DiscussionRole::Convenor).unwrap().name.clone()
    };
    // Someone who is not a convenor asks.
    let wang = people.iter().find(|a| a.group_role == DiscussionRole::Member && a.sector == "教育界").unwrap().clone();
    let conv = convenor_of(&wang.group_id);
    let other_group =
        people.iter().find(|a| a.group_id != wang.group_id && a.group_role == DiscussionRole::Convenor).unwrap();

    // Reason required, at its field.
    let e = validation(
        db.request_session_leave(SessionLeaveInput {
            attendee_id: wang.id.clone(),
            sitting_id: Some(x1.clone()),
            reason: " ".into(),
        })
        .unwrap_err(),
    );
    assert_eq!(e[0].field, "reason");
    assert_eq!(e[0].message, "请填写请假事由");
    // Half a day: the convenor decides.
    let l = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: wang.id.clone(),
            sitting_id: Some(x1.clone()),
            reason: "出差".into(),
        })
        .unwrap();
    assert_eq!(l.approver_level, ApproverLevel::Convenor);
    assert_eq!(l.half_days, 1);
    // Twice refused.
    let e = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: wang.id.clone(),
            sitting_id: Some(x1.clone()),
            reason: "出差".into(),
        })
        .unwrap_err();
    assert!(e.to_string().contains("已有待批的请假申请"), "{e}");
    // Another group's convenor may not decide it; the message names the field and the group's convenor.
    let e = validation(
        db.decide_session_leave(SessionLeaveDecision {
            leave_id: l.id.clone(),
            approve: true,
            level: ApproverLevel::Convenor,
            approver: other_group.name.clone(),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e[0].field, "approver");
    assert!(e[0].message.contains("不是") && e[0].message.contains(&conv), "{}", e[0].message);
    let e = validation(
        db.decide_session_leave(SessionLeaveDecision { leave_id: l.id.clone(), approve: true, ..Default::default() })
            .unwrap_err(),
    );
    assert_eq!(e[0].message, "请填写审批人");
    let ok = db
        .decide_session_leave(SessionLeaveDecision {
            leave_id: l.id.clone(),
            approve: true,
            level: ApproverLevel::Convenor,
            approver: conv.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ok.status, LeaveStatus::Approved);
    assert_eq!(ok.decided_by, Some(ApproverLevel::Convenor));
    let e = db
        .decide_session_leave(SessionLeaveDecision {
            leave_id: l.id.clone(),
            approve: false,
            level: ApproverLevel::Secretariat,
            approver: "秘书处".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("不能重复审批"));

    // The whole session (two half-days) is beyond the convenor: the secretariat decides.
    let li = attendee(&db, &sid, "李娜");
    let l = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: li.id.clone(),
            sitting_id: None,
            reason: "外出培训".into(),
        })
        .unwrap();
    assert_eq!(l.period, "全程");
    assert_eq!(l.half_days, 2);
    assert_eq!(l.approver_level, ApproverLevel::Secretariat);
    let e = validation(
        db.decide_session_leave(SessionLeaveDecision {
            leave_id: l.id.clone(),
            approve: true,
            level: ApproverLevel::Convenor,
            approver: convenor_of(&li.group_id),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e[0].field, "level");
    assert_eq!(e[0].message, format!("请假 1 天（全程），超过召集人审批权限（半天以内），须由秘书处审批"));
    let refused = db
        .decide_session_leave(SessionLeaveDecision {
            leave_id: l.id.clone(),
            approve: false,
            level: ApproverLevel::Secretariat,
            approver: "大会秘书处".into(),
            note: "会议重要，请按时参加".into(),
        })
        .unwrap();
    assert_eq!(refused.status, LeaveStatus::Refused);
    // The rule is configurable: up to a whole day by the convenor.
    db.save_session(SessionInput {
        id: Some(sid.clone()),
        name: "政协第十五届第三次会议".into(),
        start_date: day(-1),
        end_date: day(1),
        convenor_max_half_days: Some(2),
        ..Default::default()
    })
    .unwrap();
    let l = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: li.id.clone(),
            sitting_id: None,
            reason: "外出培训".into(),
        })
        .unwrap();
    assert_eq!(l.approver_level, ApproverLevel::Convenor);
    // A convenor may not approve his own leave.
    let conv_a = people.iter().find(|a| a.name == conv).unwrap();
    let own = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: conv_a.id.clone(),
            sitting_id: Some(x1.clone()),
            reason: "开会".into(),
        })
        .unwrap();
    let e = validation(
        db.decide_session_leave(SessionLeaveDecision {
            leave_id: own.id,
            approve: true,
            level: ApproverLevel::Convenor,
            approver: conv.clone(),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert!(e[0].message.contains("不能审批本人"));
    assert_eq!(db.session_leaves(&sid, Some(&x1)).unwrap().len(), 4);
}

#[test]
fn check_in_by_search_proxy_items_and_twice_refused() {
    let (_d, mut db) = open();
    let sid = setup(&mut db);
    db.add_session_person(PersonAttendeeInput {
        session_id: sid.clone(),
        kind: AttendeeKind::Observer,
        name: "周国庆".into(),
        mobile: "13912345678".into(),
        ..Default::default()
    })
    .unwrap();
    // The desk's search: initials, full pinyin, name, phone tail; non-members too.
    let find = |db: &Db, q: &str| -> Vec<String> {
        db.session_attendees(&sid, &AttendeeQuery { search: q.into(), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect()
    };
    assert_eq!(find(&db, "ww"), ["王伟"]);
    assert_eq!(find(&db, "wangwei"), ["王伟"]);
    assert_eq!(find(&db, "王伟"), ["王伟"]);
    assert_eq!(find(&db, "800000001"), ["王主席"]);
    assert_eq!(find(&db, "zgq"), ["周国庆"]);
    assert_eq!(find(&db, "5678"), ["周国庆"]);
    let wang = attendee(&db, &sid, "王伟");
    assert_eq!(wang.mobile, "139****0000");

    let e = validation(
        db.check_in(CheckInInput {
            attendee_id: wang.id.clone(), items: vec!["矿泉水".into()], ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e[0].field, "items");
    assert!(e[0].message.contains("“矿泉水”不是本次会议的报到物品"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_checkins"), 0);
    let a = db
        .check_in(CheckInInput {
            attendee_id: wang.id.clone(),
            proxy: "李明".into(),
            items: vec!["餐券".into(), "出席证".into()],
            time: "07:45".into(),
        })
        .unwrap()
        .attendee;
    assert_eq!(a.proxy, "李明");
    assert_eq!(a.items, ["出席证", "餐券"], "in the session's order");
    assert!(a.checked_in_at.unwrap().ends_with("07:45"));
    // A second check-in is refused, saying when and by whom; the first record stays.
    let e = db.check_in(CheckInInput { attendee_id: wang.id.clone(), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("王伟已于") && e.to_string().contains("由李明代报到"), "{e}");
    // Items handed out later.
    let a = db.set_check_in_items(&wang.id, &["出席证".into(), "会议材料".into(), "餐券".into()]).unwrap().attendee;
    assert_eq!(a.items.len(), 3);
    let c = db.check_in_counts(&sid).unwrap();
    assert_eq!((c.expected, c.checked_in, c.members_expected, c.members_checked_in, c.by_proxy), (15, 1, 14, 1, 1));
    assert_eq!(c.items.iter().map(|i| i.handed).collect::<Vec<_>>(), [1, 1, 1]);
    // Undo keeps the record, soft-deleted; then a check-in again is fine.
    db.undo_check_in(&wang.id).unwrap();
    assert_eq!(db.check_in_counts(&sid).unwrap().checked_in, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NOT NULL"), 1);
    db.check_in(CheckInInput { attendee_id: wang.id.clone(), ..Default::default() }).unwrap();
    let left = db.session_attendees(&sid, &AttendeeQuery { checked_in: Some(false), ..Default::default() }).unwrap();
    assert_eq!(left.len(), 14);
    // Someone checked in cannot be taken off the list; someone else can.
    assert!(db.remove_session_attendee(&wang.id).unwrap_err().to_string().contains("不能移出会议名单"));
    let li = attendee(&db, &sid, "李娜");
    db.remove_session_attendee(&li.id).unwrap();
    assert_eq!(db.session_attendees(&sid, &AttendeeQuery::default()).unwrap().len(), 14);
}

#[test]
fn the_desk_gets_the_attendee_and_the_counts_in_one_answer() {
    let (_d, mut db) = open();
    let sid = setup(&mut db);
    let wang = attendee(&db, &sid, "王伟");
    let li = attendee(&db, &sid, "李娜");
    let before = db.check_in_counts(&sid).unwrap();
    // A check-in: the attendee as now, and the counts as `check_in_counts` gives them after it.
    let u = db
        .check_in(CheckInInput {
            attendee_id: wang.id.clone(),
            proxy: "李明".into(),
            items: vec!["出席证".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!((u.attendee.id.as_str(), u.attendee.proxy.as_str()), (wang.id.as_str(), "李明"));
    assert!(u.attendee.checked_in_at.is_some());
    assert_eq!(u.attendee.mobile, "139****0000", "masked, as the desk's search shows it");
    assert_eq!(
        serde_json::to_value(&u.counts).unwrap(),
        serde_json::to_value(db.check_in_counts(&sid).unwrap()).unwrap()
    );
    assert_eq!((u.counts.checked_in, u.counts.by_proxy), (before.checked_in + 1, 1));
    assert_eq!(u.counts.items.iter().map(|i| i.handed).collect::<Vec<_>>(), [1, 0, 0]);
    // 补发: the items, and the item counts, follow.
    let u = db.set_check_in_items(&wang.id, &["出席证".into(), "餐券".into()]).unwrap();
    assert_eq!(u.attendee.items, ["出席证", "餐券"]);
    assert_eq!(u.counts.items.iter().map(|i| i.handed).collect::<Vec<_>>(), [1, 0, 1]);
    // Someone else: the counts are the session's, not the person's.
    let u = db.check_in(CheckInInput { attendee_id: li.id.clone(), ..Default::default() }).unwrap();
    assert_eq!((u.attendee.name.as_str(), u.counts.checked_in, u.counts.by_proxy), ("李娜", before.checked_in + 2, 1));
    // Undo: the attendee is no longer checked in, and the counts drop.
    let u = db.undo_check_in(&wang.id).unwrap();
    assert!(u.attendee.checked_in_at.is_none() && u.attendee.items.is_empty() && u.attendee.proxy.is_empty());
    assert_eq!((u.counts.checked_in, u.counts.by_proxy), (before.checked_in + 1, 0));
    assert_eq!(
        serde_json::to_value(&u.counts).unwrap(),
        serde_json::to_value(db.check_in_counts(&sid).unwrap()).unwrap()
    );
}

#[test]
fn sign_in_feeds_participation_and_statistics() {
    let (_d, mut db) = open();
    let sid = setup(&mut db);
    let x1 = sitting(&mut db, &sid, -1, HalfDay::Am, SittingKind::Opening);
    let x2 = sitting(&mut db, &sid, -1, HalfDay::Pm, SittingKind::Group);
    let future = sitting(&mut db, &sid, 1, HalfDay::Pm, SittingKind::Closing);
    db.auto_group(AutoGroupInput { session_id: sid.clone(), groups: 2, ..Default::default() }).unwrap();
    let people = db.session_attendees(&sid, &AttendeeQuery::default()).unwrap();
    let id = |n: &str| people.iter().find(|a| a.name == n).unwrap().id.clone();

    // A future sitting cannot be signed in.
    let e = db.sign_in_sitting(SittingSignInInput {
        sitting_id: future.clone(),
        attendee_ids: vec![id("王伟")],
        ..Default::default()
    });
    assert!(e.unwrap_err().to_string().contains("尚未开始"));
    // A sitting before the session's dates is refused at its field.
    let e = validation(
        db.save_sitting(SittingInput { session_id: sid.clone(), date: day(-5), ..Default::default() }).unwrap_err(),
    );
    assert_eq!(e[0].field, "date");
    assert!(e[0].message.contains("会期"));

    // 王伟 has approved leave for the afternoon; 李娜 is late in the morning; 张敏 never comes.
    let all: Vec<String> = people.iter().map(|a| a.id.clone()).collect();
    let most: Vec<String> = all.iter().filter(|a| **a != id("张敏") && **a != id("李娜")).cloned().collect();
    let o = db
        .sign_in_sitting(SittingSignInInput {
            sitting_id: x1.clone(),
            attendee_ids: most.clone(),
            time: "08:55".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(o.signed_in, 12);
    db.sign_in_sitting(SittingSignInInput {
        sitting_id: x1.clone(),
        attendee_ids: vec![id("李娜")],
        late: true,
        ..Default::default()
    })
    .unwrap();
    // Again: left as they were.
    let o = db
        .sign_in_sitting(SittingSignInInput {
            sitting_id: x1.clone(),
            attendee_ids: most.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((o.signed_in, o.already), (0, 12));
    let l = db
        .request_session_leave(SessionLeaveInput {
            attendee_id: id("王伟"),
            sitting_id: Some(x2.clone()),
            reason: "看病".into(),
        })
        .unwrap();
    // Confirming waits for the leave decision.
    assert!(db.finalise_sitting(&x2).unwrap_err().to_string().contains("待批"));
    db.decide_session_leave(SessionLeaveDecision {
        leave_id: l.id,
        approve: true,
        level: ApproverLevel::Secretariat,
        approver: "秘书处".into(),
        ..Default::default()
    })
    .unwrap();
    let afternoon: Vec<String> = most.iter().filter(|a| **a != id("王伟")).cloned().collect();
    let (by_proxy, others) = afternoon.split_at(1);
    db.sign_in_sitting(SittingSignInInput {
        sitting_id: x2.clone(),
        attendee_ids: by_proxy.to_vec(),
        proxy: "王秘书".into(),
        ..Default::default()
    })
    .unwrap();
    db.sign_in_sitting(SittingSignInInput {
        sitting_id: x2.clone(),
        attendee_ids: others.to_vec(),
        ..Default::default()
    })
    .unwrap();
    // The sign-in screen reads back who signed for whom and when.
    let rows = db.sitting_outcomes(&x2).unwrap();
    let r = rows.iter().find(|r| r.attendee_id == by_proxy[0]).unwrap();
    assert_eq!((r.outcome, r.proxy.as_str()), (Some(Attendance::Present), "王秘书"));
    assert!(r.signed_at.as_deref().is_some_and(|t| t.len() == 16), "{:?}", r.signed_at);
    assert!(rows.iter().filter(|r| r.attendee_id != by_proxy[0]).all(|r| r.proxy.is_empty()));
    let line = db.finalise_sitting(&x1).unwrap();
    assert_eq!(
        (line.expected, line.present, line.late, line.leave, line.absent, line.unrecorded),
        (14, 12, 1, 0, 1, 0)
    );
    assert_eq!(line.rate, 92.9);
    let line = db.finalise_sitting(&x2).unwrap();
    assert_eq!((line.present, line.late, line.leave, line.absent), (11, 0, 1, 2));

    // The participation records: the session's activity lists the members with their summed outcome.
    let act = db.session(&sid).unwrap().session.activity_id;
    let parts = db.participants(&act, "").unwrap();
    assert_eq!(parts.len(), 14);
    let outcome = |n: &str| parts.iter().find(|p| p.name == n).unwrap().attendance;
    assert_eq!(outcome("王伟"), Some(Attendance::Present), "attended the morning");
    assert_eq!(outcome("李娜"), Some(Attendance::Late));
    assert_eq!(outcome("张敏"), Some(Attendance::Absent));
    let zhang = people.iter().find(|a| a.name == "张敏").unwrap().member_id.clone().unwrap();
    let h = db.member_history(&zhang).unwrap();
    assert_eq!(h.counts.iter().find(|c| c.kind == ActivityKind::Plenary).unwrap().absent, 1);
    // A correction by hand is summed up again.
    db.set_sitting_outcomes(&x1, &[SittingOutcomeInput { attendee_id: id("张敏"), outcome: Some(Attendance::Leave) }])
        .unwrap();
    db.set_sitting_outcomes(&x2, &[SittingOutcomeInput { attendee_id: id("张敏"), outcome: Some(Attendance::Leave) }])
        .unwrap();
    let parts = db.participants(&act, "").unwrap();
    assert_eq!(parts.iter().find(|p| p.name == "张敏").unwrap().attendance, Some(Attendance::Leave));

    let st = db.session_stats(&sid).unwrap();
    assert_eq!(st.sittings.len(), 3);
    assert_eq!(st.sittings[2].unrecorded, 14);
    assert_eq!(st.total.expected, 42);
    assert_eq!(st.total.present + st.total.late, 24);
    // The rate is over what was recorded: the third sitting, not yet held, does not count.
    assert_eq!(st.sittings[2].rate, 0.0);
    assert_eq!(st.total.rate, (24.0 * 1000.0 / 28.0_f64).round() / 10.0);
    assert_eq!(st.groups.iter().map(|g| g.expected).sum::<u32>(), 42);
    let edu = st.sectors.iter().find(|s| s.label == "教育界").unwrap();
    assert_eq!(edu.expected, 7 * 3);
    assert_eq!(edu.leave, 3, "王伟 afternoon, 张敏 twice");
    assert_eq!(st.sectors.iter().map(|s| s.expected).sum::<u32>(), 42);
}

#[test]
fn bad_inputs_write_nothing() {
    let (_d, mut db) = open();
    let before = count(&db, "SELECT COUNT(*) FROM audit_log");
    let e = validation(
        db.save_session(SessionInput { name: "".into(), start_date: "2026-13-01".into(), ..Default::default() })
            .unwrap_err(),
    );
    let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "start_date"], "{e:?}");
    assert!(e[0].message.contains("会议名称"));
    let e = validation(
        db.save_session(SessionInput {
            name: "会议".into(),
            start_date: day(3),
            end_date: day(1),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e[0].field, "end_date");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activities"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), before);
    let sid = setup(&mut db);
    let audit = count(&db, "SELECT COUNT(*) FROM audit_log");
    let e = validation(
        db.auto_group(AutoGroupInput { session_id: sid.clone(), groups: 0, ..Default::default() }).unwrap_err(),
    );
    assert_eq!(e[0].field, "groups");
    let e = validation(
        db.add_session_person(PersonAttendeeInput {
            session_id: sid.clone(),
            kind: AttendeeKind::Member,
            name: "".into(),
            ..Default::default()
        })
        .unwrap_err(),
    );
    assert_eq!(e.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["name", "kind"]);
    let e = validation(
        db.add_room(RoomInput { session_id: sid.clone(), room_no: "".into(), ..Default::default() }).unwrap_err(),
    );
    assert_eq!(e[0].field, "room_no");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_groups"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_rooms"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audit);
    // Logistics: capacities are kept; someone is in one room only.
    let r = db
        .add_room(RoomInput {
            session_id: sid.clone(), hotel: "会议中心宾馆".into(), room_no: "8201".into(), beds: 2
        })
        .unwrap();
    let r2 = db
        .add_room(RoomInput {
            session_id: sid.clone(), hotel: "会议中心宾馆".into(), room_no: "8202".into(), beds: 2
        })
        .unwrap();
    let people = db.session_attendees(&sid, &AttendeeQuery::default()).unwrap();
    let ids: Vec<String> = people.iter().take(3).map(|a| a.id.clone()).collect();
    let e = validation(
        db.assign_room(AllocationInput { target_id: Some(r.id.clone()), attendee_ids: ids.clone() }).unwrap_err(),
    );
    assert!(e[0].message.contains("只有 2 个床位"), "{}", e[0].message);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM session_room_guests"), 0);
    db.assign_room(AllocationInput { target_id: Some(r.id.clone()), attendee_ids: ids[..2].to_vec() }).unwrap();
    db.assign_room(AllocationInput { target_id: Some(r2.id.clone()), attendee_ids: ids[1..].to_vec() }).unwrap();
    let rooms = db.rooms(&sid).unwrap();
    assert_eq!((rooms[0].guests.len(), rooms[1].guests.len()), (1, 2));
    let t = db
        .add_meal_table(MealTableInput { session_id: sid.clone(), table_no: 1, place: "餐厅".into(), seats: 10 })
        .unwrap();
    db.assign_table(AllocationInput { target_id: Some(t.id), attendee_ids: ids.clone() }).unwrap();
    let v = db
        .add_vehicle(VehicleInput {
            session_id: sid.clone(),
            label: "1号车".into(),
            driver: "吴师傅".into(),
            driver_phone: "13812345678".into(),
            seats: 4,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(v.driver_phone, "138****5678");
    db.assign_vehicle(AllocationInput { target_id: Some(v.id), attendee_ids: ids }).unwrap();
    assert_eq!(db.vehicles(&sid, true).unwrap()[0].passengers.len(), 3);
}

fn cells(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn demo_session_and_every_export_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("demo.db")).unwrap();
    db.load_demo(300, None).unwrap();
    let list = db.sessions(false).unwrap();
    assert_eq!(list.len(), 1);
    let s = &list[0];
    assert_eq!(s.members, 300);
    assert!(s.observers > 0 && s.staff > 0 && s.sittings == 6 && s.groups >= 3);
    assert_eq!(s.seated, s.members + s.observers);
    assert!(s.checked_in > 200);
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check().unwrap());
    let st = db.session_stats(&s.id).unwrap();
    assert!(st.sittings[0].present > 200 && st.sittings[0].leave > 0);
    assert_eq!(st.sittings[5].unrecorded, 300);
    let chart = db.seating_chart(&s.id).unwrap();
    let pos: HashSet<(SeatArea, u32, u32)> = chart.seats.iter().map(|z| (z.area, z.row, z.col)).collect();
    assert_eq!(pos.len(), chart.seats.len());
    // The plenary is in the members' history.
    let act = db.session(&s.id).unwrap().session.activity_id;
    assert!(db.participants(&act, "").unwrap().iter().filter(|p| p.attendance.is_some()).count() > 250);

    let x = db.sittings(&s.id).unwrap()[0].clone();
    // Every document as .xlsx but 座位票 and 出席证 (PDF only: core/tests/all/sessions_print.rs).
    for doc in
        SessionDocument::ALL.iter().filter(|d| !matches!(d, SessionDocument::SeatTickets | SessionDocument::Passes))
    {
        let out = dir.path().join(format!("{}.xlsx", doc.as_str()));
        let e = SessionExport {
            session_id: s.id.clone(),
            document: *doc,
            sitting_id: None,
            with_phone: false,
            format: DocumentFormat::Xlsx,
        };
        let sum = db.export_session(&e, &out).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
        assert!(sum.rows > 0, "{doc:?}");
        let wb: Xlsx<_> = open_workbook(&out).unwrap();
        let sheets = wb.sheet_names();
        let first = cells(&out, &sheets[0]);
        assert!(first[0][0].starts_with("政协第十五届第三次会议"), "{doc:?}: {}", first[0][0]);
        match doc {
            SessionDocument::SignIn => {
                assert_eq!(sheets.len(), 6);
                assert_eq!(first[2], ["序号", "姓名", "界别", "分组", "签名", "备注"]);
                assert_eq!(first.len(), 3 + 312);
                assert!(first.iter().skip(3).all(|r| r[4].is_empty()), "the signature column is blank");
            }
            SessionDocument::CheckIn => {
                assert_eq!(first[2][1..7], ["姓名", "类别", "界别", "分组", "报到时间", "代报到人"]);
                assert!(first
                    .iter()
                    .skip(3)
                    .all(|r| !r.last().unwrap().contains(|c: char| c.is_ascii_digit())
                        || r.last().unwrap().contains('*')));
            }
            SessionDocument::Groups => {
                assert_eq!(sheets[0], "汇总");
                assert_eq!(sheets.len() as u32, 1 + s.groups);
                let members: usize = sheets[1..].iter().map(|n| cells(&out, n).len() - 3).sum();
                assert_eq!(members, 300);
            }
            SessionDocument::Seating => {
                assert_eq!(sheets[0], "座次表");
                let flat: Vec<&String> = first.iter().flatten().collect();
                assert!(flat.iter().any(|c| c.contains("主　席　台")));
                let names = flat.iter().filter(|c| chart.seats.iter().any(|z| z.name.as_str() == c.as_str())).count();
                assert!(names >= chart.seats.len() - 5, "{names}");
            }
            SessionDocument::Attendance => {
                assert_eq!(sheets, ["按场次", "按分组", "按界别"]);
                assert_eq!(first[2][1..], ["场次", "应到", "出席", "迟到", "请假", "缺席", "未记录", "出席率"]);
            }
            _ => {}
        }
    }
    // One sitting's sign-in sheet.
    let out = dir.path().join("one.xlsx");
    let e = SessionExport {
        session_id: s.id.clone(),
        document: SessionDocument::SignIn,
        sitting_id: Some(x.id),
        with_phone: false,
        format: DocumentFormat::Xlsx,
    };
    db.export_session(&e, &out).unwrap();
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names().len(), 1);
}
