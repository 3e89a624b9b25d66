//! The `liaison` CLI for the plenary session: `sessions list --json` after `demo`, and every session export
//! (`export <document> --session ID --out FILE.xlsx`) read back; bad command lines exit 2, failures 1.

use crate::common::liaison;
use calamine::{open_workbook, Reader, Xlsx};

#[test]
fn demo_session_list_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = liaison(&db, &["demo", "--members", "300"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = liaison(&db, &["sessions", "list", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    for key in
        ["id", "name", "start_date", "end_date", "sittings", "members", "observers", "staff", "checked_in", "groups"]
    {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(rows[0]["members"], 300);
    let id = rows[0]["id"].as_str().unwrap().to_string();
    let out = liaison(&db, &["sessions", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("共 1 次会议"));

    let sheets = |p: &std::path::Path| -> Vec<String> {
        let wb: Xlsx<_> = open_workbook(p).unwrap();
        wb.sheet_names()
    };
    for (doc, first) in [
        ("check-in", "报到名册"),
        ("sign-in", ""),
        ("groups", "汇总"),
        ("seating", "座次表"),
        ("leave", "请假人员名单"),
        ("rooms", "住宿安排表"),
        ("meals", "用餐安排"),
        ("vehicles", "车辆安排"),
        ("attendance", "按场次"),
    ] {
        let file = dir.path().join(format!("{doc}.xlsx"));
        let out = liaison(&db, &["export", doc, "--session", &id, "--out", file.to_str().unwrap(), "--json"]);
        assert!(
            out.status.success(),
            "{doc}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["rows"].as_u64().unwrap() > 0, "{doc}");
        let names = sheets(&file);
        if first.is_empty() {
            assert_eq!(names.len(), 6, "sign-in: one sheet per sitting");
        } else {
            assert_eq!(names[0], first, "{doc}");
        }
    }
    // One sitting's sign-in sheet.
    let sitting: String = {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT id FROM session_sittings ORDER BY sitting_date, half LIMIT 1", [], |r| r.get(0)).unwrap()
    };
    let file = dir.path().join("one.xlsx");
    let out =
        liaison(&db, &["export", "sign-in", "--session", &id, "--sitting", &sitting, "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导出签到表"));
    assert_eq!(sheets(&file).len(), 1);
    // The liaison groups' lists are still `export groups` without --session.
    let file = dir.path().join("lg.xlsx");
    assert!(liaison(&db, &["export", "groups", "--out", file.to_str().unwrap()]).status.success());
    assert_eq!(sheets(&file)[0], "汇总");

    // Failures exit 1 with a Chinese message; bad command lines exit 2.
    let file = dir.path().join("x.xlsx");
    let out = liaison(&db, &["export", "check-in", "--session", "nope", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("该会议不存在"));
    let out = liaison(&db, &["export", "rooms", "--session", &id, "--out", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx"));
    assert_eq!(liaison(&db, &["export", "seating", "--out", file.to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(liaison(&db, &["sessions", "frobnicate"]).status.code(), Some(2));
    assert_eq!(
        liaison(&db, &["export", "sign-in", "--activity", "a", "--session", &id, "--out", file.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}
