//! The plenary session (全会): the check-in desk, leave, seating and printing, and a screenshot tour.

use crate::harness::{member, pause, prepare, shot, today, App};

/// The plenary session (全会): check in three members at the desk by their initials, record a leave, seat
/// everyone automatically and print the seating chart as PDF.
#[tokio::test(flavor = "multi_thread")]
async fn plenary_check_in_at_the_desk_leave_seating_and_print() {
    use liaison_core::sessions::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plenary.db");
    let names = ["欧阳明", "郑晓燕", "王伟", "李建国", "张丽华", "陈志强", "刘芳", "杨帆", "赵敏", "黄磊"];
    prepare(&path, |db| {
        for n in names {
            db.save_member(member(db, n)).unwrap();
        }
        let layout = db
            .save_hall_layout(HallLayoutInput {
                name: "大礼堂".into(),
                rows: 3,
                seat_columns: 9,
                aisle_columns: vec![5],
                section_names: vec!["左区".into(), "右区".into()],
                rostrum_rows: 1,
                rostrum_seats: 5,
                ..Default::default()
            })
            .unwrap();
        let s = db
            .save_session(SessionInput {
                name: "政协第十五届第三次会议".into(),
                start_date: today(),
                end_date: today(),
                place: "区行政中心大礼堂".into(),
                layout_id: Some(layout.id),
                ..Default::default()
            })
            .unwrap();
        for (half, kind) in [(HalfDay::Am, SittingKind::Opening), (HalfDay::Pm, SittingKind::Group)] {
            db.save_sitting(SittingInput {
                session_id: s.session.id.clone(),
                kind,
                date: today(),
                half,
                ..Default::default()
            })
            .unwrap();
        }
        assert_eq!(db.add_session_members(&s.session.id, &[]).unwrap(), 10);
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-title]", "政协第十五届第三次会议").await;
    app.wait_text_in("[data-testid=att-table]", "欧阳明").await;
    pause(300).await;
    shot(&app, "session-overview").await;

    // The check-in desk: initials, Enter; the counts follow.
    app.c.execute("document.querySelector('#tab-desk').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=desk-expected]", "10").await;
    for (initials, name, done) in [("oym", "欧阳明", "1"), ("zxy", "郑晓燕", "2"), ("ljg", "李建国", "3")] {
        let input = app.wait("[data-testid=desk-search]").await;
        input.send_keys(initials).await.unwrap();
        app.wait_text_in("[data-testid=desk-results]", name).await;
        if initials == "ljg" {
            pause(300).await;
            shot(&app, "session-desk-match").await;
        }
        input.send_keys("\u{E007}").await.unwrap();
        app.wait_text_in("[data-testid=desk-notice]", &format!("{name} 报到成功")).await;
        app.wait_text_in("[data-testid=desk-checked]", done).await;
        // The search box keeps the focus, emptied for the next person.
        let focused = app
            .c
            .execute(
                "return document.activeElement.getAttribute('data-testid') + '|' + document.activeElement.value",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(focused.as_str(), Some("desk-search|"));
    }
    app.wait_text_in("[data-testid=desk-remaining]", "7").await;
    pause(300).await;
    shot(&app, "session-desk").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NULL"), 3);
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM session_checkins c JOIN session_attendees a ON a.id = c.attendee_id
             JOIN members m ON m.id = a.member_id
             WHERE c.deleted_at IS NULL AND m.name IN ('欧阳明','郑晓燕','李建国') AND c.items = '出席证,会议材料,餐券'"
        ),
        3
    );

    // A leave for 王伟, for the whole session.
    app.c.execute("document.querySelector('#tab-leave').click()", vec![]).await.unwrap();
    app.wait("[data-testid=leave-form]").await;
    app.choose("[data-testid=leave-attendee]", "王伟").await;
    app.fill("input[data-testid=leave-reason]", "因公出差").await;
    app.click("[data-testid=leave-submit]").await;
    app.wait_text_in("[data-testid=leave-table]", "因公出差").await;
    app.wait_text_in("[data-testid=leave-table]", "待批").await;
    pause(300).await;
    shot(&app, "session-leave").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM session_leaves l JOIN session_attendees a ON a.id = l.attendee_id
             JOIN members m ON m.id = a.member_id WHERE m.name = '王伟' AND l.reason = '因公出差'
             AND l.sitting_id IS NULL AND l.status = 'pending'"
        ),
        1
    );

    // Seat everyone, then print the seating chart as PDF.
    app.c.execute("document.querySelector('#tab-seating').click()", vec![]).await.unwrap();
    app.wait("[data-testid=seat-chart]").await;
    pause(500).await;
    if app.db_count("SELECT COUNT(*) FROM session_seats") == 0 {
        app.click("[data-testid=seat-auto]").await;
    }
    app.wait_text("已排 10 人").await;
    app.wait_text_in("[data-testid=seat-chart]", "欧阳明").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_seats"), 10);
    pause(300).await;
    shot(&app, "session-seating").await;
    app.click("[data-testid=session-print-seating]").await;
    app.wait("[data-testid=session-print-dialog]").await;
    pause(300).await;
    shot(&app, "session-print-dialog").await;
    app.click("[data-testid=session-print-confirm]").await;
    app.wait_text_in("[data-testid=session-print-result]", "座次表已生成").await;
    let pdf = app.text_of("[data-testid=session-print-path]").await;
    let pdf = pdf.trim().trim_start_matches("已导出到 ").to_string();
    assert!(pdf.ends_with(".pdf"), "{pdf}");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{pdf}: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF: {pdf}");
    pause(300).await;
    shot(&app, "session-printed").await;
    app.close().await;
}

/// Check-in by scanning (issue 11): a USB scanner types the 12 digits of a 出席证 and Enter into the desk's
/// box, as keystrokes; that person, and only that person, is checked in; a second scan says 已报到; an
/// unknown code says so. Then the seating chart warns that the rostrum is empty (no one holds a 政协职务)
/// and switches to 单双号.
#[tokio::test(flavor = "multi_thread")]
async fn a_scanned_code_checks_that_person_in() {
    use liaison_core::sessions::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.db");
    let names = ["欧阳明", "郑晓燕", "王伟", "李建国", "张丽华", "陈志强"];
    let mut code = String::new();
    let mut other = String::new();
    prepare(&path, |db| {
        for n in names {
            db.save_member(member(db, n)).unwrap();
        }
        let layout = db
            .save_hall_layout(HallLayoutInput {
                name: "小礼堂".into(),
                rows: 2,
                seat_columns: 9,
                aisle_columns: vec![5],
                rostrum_rows: 1,
                rostrum_seats: 5,
                ..Default::default()
            })
            .unwrap();
        let s = db
            .save_session(SessionInput {
                name: "政协第十五届第三次会议".into(),
                start_date: today(),
                end_date: today(),
                layout_id: Some(layout.id),
                ..Default::default()
            })
            .unwrap();
        db.add_session_members(&s.session.id, &[]).unwrap();
        db.auto_seat(&s.session.id).unwrap();
        let people = db.session_attendees(&s.session.id, &AttendeeQuery::default()).unwrap();
        code = people.iter().find(|a| a.name == "郑晓燕").unwrap().code.clone();
        other = people.iter().find(|a| a.name == "王伟").unwrap().code.clone();
    });
    assert_ne!(code, other);
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-title]", "政协第十五届第三次会议").await;
    app.c.execute("document.querySelector('#tab-desk').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=desk-expected]", "6").await;
    let input = app.wait("[data-testid=desk-search]").await;
    // The scanner's keystrokes: the digits one by one, then Enter.
    for d in code.chars() {
        input.send_keys(&d.to_string()).await.unwrap();
    }
    input.send_keys("\u{E007}").await.unwrap();
    app.wait_text_in("[data-testid=desk-notice]", "郑晓燕 扫码报到成功").await;
    app.wait_text_in("[data-testid=desk-checked]", "1").await;
    assert_eq!(
        app.db_count(
            "SELECT COUNT(*) FROM session_checkins c JOIN session_attendees a ON a.id = c.attendee_id
             JOIN members m ON m.id = a.member_id WHERE c.deleted_at IS NULL AND m.name = '郑晓燕'"
        ),
        1
    );
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NULL"), 1);
    pause(300).await;
    shot(&app, "session-desk-scan").await;
    // A second scan of the same pass.
    input.send_keys(&format!("{code}\u{E007}")).await.unwrap();
    app.wait_text_in("[data-testid=desk-notice]", "郑晓燕 已报到").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NULL"), 1);
    // A pass of another session (a code no one on this list has).
    let stranger = liaison_core::sessions::scan::attendee_code("someone-else");
    input.send_keys(&format!("{stranger}\u{E007}")).await.unwrap();
    app.wait_text_in("[data-testid=desk-notice]", "不是本次会议名单中的人员").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_checkins WHERE deleted_at IS NULL"), 1);
    // The box is empty and keeps the focus for the next scan.
    let focused = app
        .c
        .execute(
            "return document.activeElement.getAttribute('data-testid') + '|' + document.activeElement.value",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("desk-search|"));

    // The seating chart: the rostrum is empty (no one holds a 政协职务), said where the chart is; 单双号.
    app.c.execute("document.querySelector('#tab-seating').click()", vec![]).await.unwrap();
    app.wait_text_in("[data-testid=seat-warning]", "政协职务").await;
    app.wait_text_in("[data-testid=seat-counts]", "共 6 人需排座").await;
    let toolbar_h = app
        .c
        .execute("return document.querySelector('[data-testid=seat-toolbar]').getBoundingClientRect().height", vec![])
        .await
        .unwrap();
    assert!(toolbar_h.as_f64().unwrap() < 40.0, "the seating toolbar is one line at 1280 px: {toolbar_h}");
    app.click("[data-testid=seat-numbering]").await;
    app.click("[data-testid=seat-numbering-odd-even]").await;
    app.wait_text_in("[data-testid=seat-counts]", "单双号").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM hall_layouts WHERE numbering = 'odd_even'"), 1);
    pause(400).await;
    shot(&app, "session-seating-odd-even").await;
    app.close().await;
}

/// Screenshots of the 全会 screens on the demo's session of 500 members (target/e2e-shots/session-tour-*.png).
/// `cargo test -p liaison-e2e -- --ignored sessions_tour`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn sessions_tour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tour.db");
    prepare(&path, |db| {
        db.load_demo(500, None).unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-title]", "第三次会议").await;
    app.wait("[data-testid=att-table]").await;
    pause(1000).await;
    shot(&app, "session-tour-overview").await;
    for tab in ["desk", "leave", "signin", "groups", "seating", "logistics", "print"] {
        app.c.execute(&format!("document.querySelector('#tab-{tab}').click()"), vec![]).await.unwrap();
        pause(1500).await;
        if tab == "desk" {
            app.wait("[data-testid=desk-search]").await.send_keys("w").await.unwrap();
            pause(800).await;
        }
        shot(&app, &format!("session-tour-{tab}")).await;
    }
    app.c.execute("document.querySelector('#tab-signin').click()", vec![]).await.unwrap();
    pause(800).await;
    app.c
        .execute("document.querySelector('[data-testid=signin-view] label:nth-child(2)').click()", vec![])
        .await
        .unwrap();
    pause(1500).await;
    shot(&app, "session-tour-stats").await;
    app.close().await;
}

/// Setting a session up (issue 11): a session created from the window gets its sittings over its dates,
/// its list and a hall layout fitted to it, so 自动排座 works with no further setup; what is still missing
/// (groups, seats) is named on 概况 with a link to the tab that fixes it. Screenshots at 1280×800.
#[tokio::test(flavor = "multi_thread")]
async fn a_session_made_in_the_window_is_ready_to_seat() {
    use liaison_core::model::RefKind;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("setup.db");
    let names =
        ["欧阳明", "郑晓燕", "王伟", "李建国", "张丽华", "陈志强", "刘芳", "杨帆", "赵敏", "黄磊", "司马相如", "周建"];
    prepare(&path, |db| {
        let roles = db.refs(RefKind::Role).unwrap();
        let role = |n: &str| roles.iter().find(|r| r.name == n).unwrap().id.clone();
        for (i, n) in names.iter().enumerate() {
            let mut m = member(db, n);
            m.role_ids = match i {
                0 => vec![role("主席")],
                1 => vec![role("副主席")],
                2 => vec![role("常委")],
                _ => vec![],
            };
            db.save_member(m).unwrap();
        }
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-sessions]").await;
    app.wait_text_in("[data-testid=session-empty]", "新增").await;
    app.click("[data-testid=session-new]").await;
    app.fill("[data-testid=sf-name] input, input[data-testid=sf-name]", "政协第十五届第四次会议").await;
    // The dates: type the start and the end into the range picker.
    let start = today();
    let end: String = rusqlite::Connection::open_in_memory()
        .unwrap()
        .query_row("SELECT date(?1, '+1 day')", [&start], |r| r.get(0))
        .unwrap();
    let inputs = app.c.find_all(fantoccini::Locator::Css(".el-range-input")).await.unwrap();
    inputs[0].click().await.unwrap();
    inputs[0].send_keys(&start).await.unwrap();
    inputs[1].click().await.unwrap();
    inputs[1].send_keys(&end).await.unwrap();
    inputs[1].send_keys("\u{E007}").await.unwrap();
    app.click("[data-testid=sf-place] input, input[data-testid=sf-place]").await;
    app.fill("[data-testid=sf-place] input, input[data-testid=sf-place]", "区行政中心").await;
    // The sittings planned over the two days, shown before saving.
    app.wait_text_in("[data-testid=sf-sittings]", "闭幕会").await;
    let planned = app.c.find_all(fantoccini::Locator::Css("[data-testid=sf-sitting]")).await.unwrap().len();
    assert_eq!(planned, 4);
    pause(300).await;
    shot(&app, "session-new-form").await;
    app.click("[data-testid=sf-save]").await;
    app.wait_text_in("[data-testid=session-title]", "政协第十五届第四次会议").await;
    app.wait_text_in("[data-testid=sitting-table]", "闭幕会").await;
    app.wait_text_in("[data-testid=att-table]", "司马相如").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_sittings"), 4);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_attendees"), 12);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM hall_layouts WHERE made_for IS NOT NULL"), 1);
    // Only the groups and the seats are left, each with where it is done.
    app.wait_text_in("[data-testid=session-readiness]", "还没有排座").await;
    let ready = app.text_of("[data-testid=session-readiness]").await;
    assert!(!ready.contains("还没有场次") && !ready.contains("还没有会场布局"), "{ready}");
    // The attendee table's 操作 column is on screen at 1280 px (asked again while the table settles).
    let js = "const e = document.querySelector('[data-testid=att-remove]'); if (!e) return 'none';
              const b = e.getBoundingClientRect();
              const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
              return JSON.stringify({right: b.right, width: window.innerWidth, hit: !!(hit && hit.closest('[data-testid=att-remove]'))})";
    let mut seen = serde_json::Value::Null;
    for _ in 0..50 {
        seen = app.c.execute(js, vec![]).await.unwrap();
        let v: serde_json::Value = serde_json::from_str(seen.as_str().unwrap_or("{}")).unwrap_or_default();
        if v["hit"] == true && v["right"].as_f64() <= v["width"].as_f64() {
            break;
        }
        pause(100).await;
    }
    assert!(seen.as_str().unwrap_or("").contains("\"hit\":true"), "移出 is on screen: {seen}");
    pause(300).await;
    shot(&app, "session-setup-overview").await;
    // The link goes to 座次, where 自动排座 works at once.
    app.click("[data-testid=ready-fix-seats]").await;
    app.click("[data-testid=seat-auto]").await;
    app.wait_text("已排座").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_seats"), 12);
    pause(300).await;
    shot(&app, "session-setup-seated").await;
    app.close().await;
}

/// A 常委会 made in the activities leads to the same meeting tools: 打开会务 in its drawer opens it on the
/// 全会 · 常委会 screen as a 常委会议, with the standing committee as its list, one 全体会议 and a hall.
#[tokio::test(flavor = "multi_thread")]
async fn a_standing_committee_meeting_opens_the_meeting_tools() {
    use liaison_core::activities::{ActivityInput, ActivityKind};
    use liaison_core::model::RefKind;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("standing.db");
    prepare(&path, |db| {
        let roles = db.refs(RefKind::Role).unwrap();
        let role = |n: &str| roles.iter().find(|r| r.name == n).unwrap().id.clone();
        for (n, r) in
            [("欧阳明", "主席"), ("郑晓燕", "副主席"), ("王伟", "秘书长"), ("李建国", "常委"), ("张丽华", "常委")]
        {
            let mut m = member(db, n);
            m.role_ids = vec![role(r)];
            db.save_member(m).unwrap();
        }
        for n in ["陈志强", "刘芳", "杨帆"] {
            db.save_member(member(db, n)).unwrap();
        }
        db.save_activity(ActivityInput {
            kind: ActivityKind::Standing,
            title: "政协第十五届常委会第八次会议".into(),
            date: today(),
            place: "区政协三楼会议室".into(),
            ..Default::default()
        })
        .unwrap();
    });
    let app = App::start_on(dir, path).await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_text_in("[data-testid=act-table]", "常委会第八次会议").await;
    app.click("[data-testid=act-table] tbody tr td:nth-child(3)").await;
    app.wait_text_in("[data-testid=activity-meeting]", "报到台").await;
    // The drawer slides in: click once it is still.
    pause(600).await;
    app.click("[data-testid=activity-open-meeting]").await;
    app.wait_text_in("[data-testid=session-title]", "政协第十五届常委会第八次会议").await;
    app.wait_text_in("[data-testid=session-kind]", "常委会议").await;
    app.wait_text_in("[data-testid=att-table]", "张丽华").await;
    let list = app.text_of("[data-testid=att-table]").await;
    assert!(!list.contains("陈志强"), "only the standing committee: {list}");
    app.wait_text_in("[data-testid=sitting-table]", "全体会议").await;
    assert_eq!(app.db_count("SELECT COUNT(*) FROM sessions WHERE kind = 'standing'"), 1);
    assert_eq!(app.db_count("SELECT COUNT(*) FROM session_attendees"), 5);
    assert!(app.text_of("[data-testid=session-tabs]").await.contains("座次"));
    assert!(!app.text_of("[data-testid=session-tabs] .el-tabs__header").await.contains("分组讨论"));
    pause(300).await;
    shot(&app, "standing-overview").await;
    app.close().await;
}
