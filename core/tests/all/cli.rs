//! The `liaison` CLI: exit codes, JSON output, and `check` finding real problems.

use crate::common::liaison;
use std::process::Command;

#[test]
fn demo_list_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = liaison(&db, &["demo", "--members", "120"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("委员 120 名"));

    let out = liaison(&db, &["members", "list", "--json"]);
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 120);
    for key in ["id", "name", "gender", "sector", "group"] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    assert!(rows.iter().any(|r| r["group"] != ""));
    // Sorted by strokes by default: the first name's surname has no more strokes than the last's.
    let first = rows[0]["name"].as_str().unwrap().chars().next().unwrap();
    let last = rows[119]["name"].as_str().unwrap().chars().next().unwrap();
    assert!(liaison_core::hanzi::strokes(first) <= liaison_core::hanzi::strokes(last));

    let initials = liaison_core::hanzi::pinyin_initials(rows[5]["name"].as_str().unwrap());
    let out = liaison(&db, &["members", "list", "--search", &initials, "--sort", "pinyin", "--json"]);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(found.iter().any(|r| r["id"] == rows[5]["id"]));

    let out = liaison(&db, &["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("数据库正常"));

    // Break a foreign key behind the program's back: check must say so and exit 1.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "foreign_keys", "OFF").unwrap();
        c.execute("INSERT INTO member_terms (member_id, term_id) VALUES ('ghost', 'ghost')", []).unwrap();
    }
    let out = liaison(&db, &["check", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
}

#[test]
fn bad_command_lines_exit_2_and_failures_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert_eq!(liaison(&db, &["members", "list", "--sort", "height"]).status.code(), Some(2));
    assert_eq!(liaison(&db, &["frobnicate"]).status.code(), Some(2));
    assert!(liaison(&db, &["demo", "--members", "5"]).status.success());
    let again = liaison(&db, &["demo", "--members", "5"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("演示数据只能载入空数据库"));
}

#[test]
fn the_environment_variable_chooses_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let run =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_liaison")).env("LIAISON_DB", &db).args(args).output().unwrap();
    assert!(run(&["demo", "--members", "3"]).status.success());
    assert!(db.exists());
    let out = run(&["info", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["member_count"], 3);
}

#[test]
fn only_a_command_that_writes_creates_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    for args in [&["info"][..], &["check"], &["members", "list"], &["export", "roster", "--out", "x.xlsx"]] {
        let out = liaison(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("数据库文件不存在") && err.contains("typo.db"), "{args:?}: {err}");
        assert!(!db.exists(), "{args:?} left no empty database behind");
    }
    assert!(liaison(&db, &["demo", "--members", "3"]).status.success());
    assert!(liaison(&db, &["info"]).status.success());
}

#[test]
fn export_roster_to_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(liaison(&db, &["demo", "--members", "30"]).status.success());
    let out = dir.path().join("名册.xlsx");
    let o = liaison(&db, &["export", "roster", "--out", out.to_str().unwrap(), "--pad-names"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("已导出 30 名委员到"));
    assert!(out.exists());

    let o = liaison(
        &db,
        &["export", "roster", "--out", out.to_str().unwrap(), "--columns", "name,mobile", "--sort", "pinyin", "--json"],
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"], 30);
    assert_eq!(v["path"], out.to_str().unwrap());

    let o = liaison(&db, &["export", "roster", "--out", out.to_str().unwrap(), "--sector", "火星界"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--sector"));
    let o = liaison(&db, &["export", "roster", "--out", out.to_str().unwrap(), "--group", "没有这个组"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--group"));
    let o = liaison(&db, &["export", "roster", "--out", out.to_str().unwrap(), "--columns", "height"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_group_lists_and_contacts_to_xlsx() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(liaison(&db, &["demo", "--members", "60", "--groups", "3"]).status.success());

    let out = dir.path().join("联络组.xlsx");
    let o = liaison(&db, &["export", "groups", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("已导出 3 个联络组、") && text.contains("名委员到"), "{text}");
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names().len(), 4);
    assert_eq!(wb.sheet_names()[0], "汇总");

    let o = liaison(&db, &["export", "groups", "--out", out.to_str().unwrap(), "--with-phone", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["rows"].as_u64().unwrap() > 0);
    assert_eq!(v["path"], out.to_str().unwrap());

    let out = dir.path().join("通讯录.xlsx");
    let o = liaison(&db, &["export", "contacts", "--out", out.to_str().unwrap(), "--sort", "group", "--pad-names"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("已导出 60 名委员的通讯录到"));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let range = wb.worksheet_range("通讯录").unwrap();
    assert_eq!(range.get_value((1, 0)).unwrap().to_string(), "按联络组排序");

    let o = liaison(&db, &["export", "contacts", "--out", out.to_str().unwrap(), "--sector", "教育界", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["rows"].as_u64().unwrap() < 60);
    let o = liaison(&db, &["export", "contacts", "--out", out.to_str().unwrap(), "--group", "没有这个组"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--group"));
    assert_eq!(liaison(&db, &["export", "contacts", "--out", "x.xlsx", "--sort", "height"]).status.code(), Some(2));
    assert_eq!(liaison(&db, &["export", "groups"]).status.code(), Some(2), "--out is required");

    // The roster listed by group: groups in display order, members in no group last.
    let o = liaison(&db, &["members", "list", "--sort", "group", "--json"]);
    assert!(o.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let groups: Vec<&str> = rows.iter().map(|r| r["group"].as_str().unwrap()).collect();
    let mut seen: Vec<&str> = Vec::new();
    for g in &groups {
        if seen.last() != Some(g) {
            assert!(!seen.contains(g), "group {g} split in the list: {groups:?}");
            seen.push(g);
        }
    }
    assert_eq!(seen.len(), 4, "3 groups, then members in none: {seen:?}");
    assert_eq!(seen[3], "");

    // An empty database has no groups to list: exit 1 with the reason.
    let empty = dir.path().join("empty.db");
    liaison_core::Db::open(&empty).unwrap();
    let o = liaison(&empty, &["export", "groups", "--out", dir.path().join("e.xlsx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("还没有联络组"));
}

#[test]
fn import_dry_run_json_commit_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    liaison_core::Db::open(&db).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/contacts-gbk.csv");
    let file = fixture.to_str().unwrap();

    // A dry run with --json: summary and one object per row; nothing written; exit 0 despite a row error.
    let out = liaison(&db, &["import", file, "--dry-run", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["new"], 2);
    assert_eq!(v["summary"]["error"], 1);
    assert_eq!(v["committed"], false);
    let rows = v["rows"].as_array().unwrap();
    let bad = rows.iter().find(|r| r["outcome"] == "error").unwrap();
    assert_eq!(
        (bad["sheet"].as_str(), bad["row"].as_u64(), bad["code"].as_str()),
        (Some("contacts-gbk"), Some(5), Some("id_precision_lost"))
    );
    assert!(bad["message"].as_str().unwrap().contains("身份证号"));
    for r in rows {
        for key in ["sheet", "row", "outcome"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
    }
    let out = liaison(&db, &["info", "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["member_count"], 0);

    // --all-or-nothing with an error row writes nothing.
    let out = liaison(&db, &["import", file, "--all-or-nothing"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("未导入"));
    let out = liaison(&db, &["info", "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["member_count"], 0);

    // Without --dry-run: the valid rows go in, the error is reported, and saved as a report.
    let report = dir.path().join("errors.xlsx");
    let out = liaison(&db, &["import", file, "--error-report", report.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已导入：新增 2") && text.contains("第 5 行C列"), "{text}");
    assert!(report.exists());
    let out = liaison(&db, &["info", "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["member_count"], 2);

    // The same file again: nothing new.
    let out = liaison(&db, &["import", file, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["summary"]["new"].as_u64(), v["summary"]["unchanged"].as_u64()), (Some(0), Some(2)));

    // A file that cannot be read: exit 1 and a Chinese reason.
    let out = liaison(&db, &["import", dir.path().join("missing.xlsx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取文件"));
    let out = liaison(&db, &["import", dir.path().join("missing.xlsx").to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "import");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_listing_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(liaison(&db, &["demo", "--members", "3000"]).status.success());
    // `liaison members list | head -1`: read one line, close the pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("--db")
        .arg(&db)
        .args(["members", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.contains("姓名"));
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
