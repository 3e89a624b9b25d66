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
