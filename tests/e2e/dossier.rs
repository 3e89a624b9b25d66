//! The performance file from the member drawer (issue 14): 打印履职档案 writes the member's PDF into the
//! export folder; its text (pdftotext) has the member and what they took part in.

use crate::harness::*;
use liaison_core::model::*;
use std::process::Command;
use std::time::Duration;

#[tokio::test]
async fn the_member_drawer_prints_the_members_performance_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.db");
    prepare(&path, |db| {
        db.load_demo(60, None).unwrap();
        let mut m = member(db, "阿依古丽·买买提·艾尔肯江");
        m.work_unit = "疏附县托克扎克镇中心小学附属幼儿园".into();
        let id = db.save_member(m).unwrap().id;
        let a = db
            .save_activity(ActivityInput {
                kind: ActivityKind::Service,
                title: "委员义诊送医下乡".into(),
                date: today(),
                ..Default::default()
            })
            .unwrap()
            .activity
            .id;
        db.invite_members(InviteInput { activity_id: a.clone(), member_ids: vec![id.clone()], ..Default::default() })
            .unwrap();
        let p = db.participants(&a, "").unwrap().into_iter().find(|p| p.member_id.as_deref() == Some(&id)).unwrap();
        db.set_attendance(&a, &[OutcomeInput { participant_id: p.id, attendance: Some(Attendance::Present) }]).unwrap();
    });
    let exports = dir.path().join("exports");
    let app = App::start_on(dir, path).await;
    app.wait_text_in("[data-testid=roster-total]", "共 61 人").await;
    app.fill("[data-testid=roster-search] input", "aygl").await;
    app.wait_text_in("[data-testid=roster-total]", "共 1 人").await;
    app.click("[data-testid=roster-table] tbody tr td:nth-child(2)").await;
    app.wait("[data-testid=member-drawer]").await;
    app.click("[data-testid=member-dossier]").await;
    app.wait_text_in("[data-testid=member-dossier-path]", ".pdf").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shot(&app, "dossier-drawer").await;
    let shown = app.text_of("[data-testid=member-dossier-path]").await;
    let pdf = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the PDF is in the export folder");
    assert!(shown.contains(&*pdf.file_name().unwrap().to_string_lossy()), "{shown}");
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text: String = String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
    for s in ["政协委员履职档案", "阿依古丽·买买提·艾尔肯江", "委员义诊送医下乡", "服务民生", "基本情况"]
    {
        assert!(text.contains(s), "{s} not in {text}");
    }

    // 委员名册 → 履职档案: every member's file in one zip, with progress.
    app.click("[data-testid=member-drawer] .el-drawer__close-btn").await;
    pause(400).await;
    app.click("[data-testid=roster-dossiers]").await;
    app.click("[data-testid=dossier-start]").await;
    app.wait_text_in_within("[data-testid=dossier-path]", ".zip", Duration::from_secs(120)).await;
    pause(300).await;
    shot(&app, "dossier-batch").await;
    let zip = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .expect("the zip is in the export folder");
    let out = Command::new("unzip").arg("-Z1").arg(&zip).output().unwrap();
    let names = String::from_utf8(out.stdout).unwrap();
    assert_eq!(names.lines().count(), 61, "{names}");
    assert!(names.lines().all(|n| n.ends_with(".pdf") && n.chars().take(3).all(|c| c.is_ascii_digit())), "{names}");
    assert!(names.contains("-阿依古丽·买买提·艾尔肯江.pdf"), "{names}");
    app.close().await;
}
