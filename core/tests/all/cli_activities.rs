//! The `liaison activities` commands: list (JSON keys, kinds, visits' rounds), overdue follow-ups, the
//! notice text, exit codes.

use crate::common::{day, liaison};

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn today() -> String {
    day(0)
}

#[test]
fn the_demo_creates_activities_and_list_gives_id_kind_title_date_and_round() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = liaison(&db, &["demo", "--members", "200"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("委员 200 名") && said.contains("活动"), "{said}");
    let s = json(&liaison(&dir.path().join("other.db"), &["demo", "--members", "50", "--json"]));
    assert!(s["activities"].as_u64().unwrap() > 50);

    let all = json(&liaison(&db, &["activities", "list", "--json"]));
    let all = all.as_array().unwrap();
    assert!(all.len() > 100, "{}", all.len());
    for r in all {
        for key in ["id", "kind", "title", "date", "status", "round", "missing"] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
    }
    // In date order, those with no date last.
    let dates: Vec<Option<&str>> = all.iter().map(|r| r["date"].as_str()).collect();
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    assert!(dates.last().unwrap().is_none());
    let kinds: std::collections::BTreeSet<&str> = all.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    for k in ["visit", "inspection", "research", "forum", "group", "study", "standing", "chair"] {
        assert!(kinds.contains(k), "{k}");
    }

    let visits = json(&liaison(&db, &["activities", "list", "--kind", "visit", "--json"]));
    let visits = visits.as_array().unwrap();
    assert!(visits.len() >= 60 + 16 + 3, "{}", visits.len());
    assert!(visits.iter().all(|v| v["kind"] == "visit" && v["round"].as_str().is_some_and(|r| r.contains("走访"))));
    let member_round = visits.iter().filter(|v| v["round"].as_str().unwrap().ends_with("委员走访")).count();
    assert_eq!(member_round, 60);
    // Other kinds belong to no round.
    let forums = json(&liaison(&db, &["activities", "list", "--kind", "forum", "--json"]));
    assert!(forums.as_array().unwrap().iter().all(|f| f["kind"] == "forum" && f["round"].is_null()));
    let this_month = json(&liaison(&db, &["activities", "list", "--from", &today(), "--json"]));
    // Activities still going on (the demo's plenary session began yesterday) end today or later.
    assert!(this_month
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["end_date"].as_str().or(r["date"].as_str()).unwrap() >= today().as_str()));

    // For people: one line each, the round in brackets, incomplete ones marked, a total.
    let out = liaison(&db, &["activities", "list", "--kind", "visit"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("走访") && text.contains("委员走访）") && text.contains("共 "), "{text}");
    let text = String::from_utf8_lossy(&liaison(&db, &["activities", "list"]).stdout).to_string();
    assert!(text.contains("日期未定") && text.contains("【未落实：时间、地点】"), "{text}");

    // The notice of one activity, as plain text.
    let id =
        forums.as_array().unwrap().iter().find(|f| !f["date"].is_null()).unwrap()["id"].as_str().unwrap().to_string();
    let out = liaison(&db, &["activities", "notice", &id]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("【会议通知】") && text.contains("一、时间："), "{text}");
    let n = json(&liaison(&db, &["activities", "notice", &id, "--json"]));
    assert_eq!(n["text"].as_str().unwrap(), text);
    let missing = liaison(&db, &["activities", "notice", "nope", "--json"]);
    assert_eq!(missing.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&missing.stdout).unwrap();
    assert_eq!(e["error"]["code"], "not_found");
}

#[test]
fn overdue_follow_ups_as_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(liaison(&db, &["demo", "--members", "120"]).status.success());
    let list = json(&liaison(&db, &["activities", "overdue", "--json"]));
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    let t = today();
    for f in list {
        assert!(f["due_date"].as_str().unwrap() < t.as_str());
        assert_eq!(f["status"], "open");
        assert!(f["days_overdue"].as_i64().unwrap() > 0);
        assert!(!f["owner"].as_str().unwrap().is_empty() && !f["activity_title"].as_str().unwrap().is_empty());
    }
    // Most overdue first.
    let due: Vec<&str> = list.iter().map(|f| f["due_date"].as_str().unwrap()).collect();
    assert!(due.windows(2).all(|w| w[0] <= w[1]));
    // As of an early day, none; as of a later one, at least as many.
    let early = json(&liaison(&db, &["activities", "overdue", "--as-of", "2000-01-01", "--json"]));
    assert!(early.as_array().unwrap().is_empty());
    let later = json(&liaison(&db, &["activities", "overdue", "--as-of", "2099-12-31", "--json"]));
    assert!(later.as_array().unwrap().len() >= list.len());
    let out = liaison(&db, &["activities", "overdue"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("逾期") && text.contains("天") && text.contains("共"), "{text}");
}

#[test]
fn bad_activity_command_lines_exit_2_and_bad_values_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    liaison_core::Db::open(&db).unwrap();
    let out = liaison(&db, &["activities", "list", "--kind", "party"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有“party”这种活动类型"));
    assert_eq!(liaison(&db, &["activities", "frobnicate"]).status.code(), Some(2));
    let out = liaison(&db, &["activities", "list", "--from", "上周", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["error"]["code"], "validation");
    assert_eq!(e["error"]["fields"][0]["field"], "--from");
    let out = liaison(&db, &["activities", "overdue", "--as-of", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("日期格式"));
    // An empty database lists nothing, successfully.
    let empty = json(&liaison(&db, &["activities", "list", "--json"]));
    assert!(empty.as_array().unwrap().is_empty());
}

#[test]
#[cfg(feature = "pdf")] // the PDFs are typeset with Typst
fn export_prints_the_documents_as_pdf_or_xlsx_by_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    assert!(liaison(&db, &["demo", "--members", "120"]).status.success());
    let visits = json(&liaison(&db, &["activities", "list", "--kind", "visit", "--json"]));
    let round = visits[0]["round_id"].as_str().unwrap().to_string();
    let inspections = json(&liaison(&db, &["activities", "list", "--kind", "inspection", "--json"]));
    let inspection = inspections[0]["id"].as_str().unwrap().to_string();
    let meetings = json(&liaison(&db, &["activities", "list", "--kind", "group", "--json"]));
    let meeting = meetings.as_array().unwrap().iter().find(|m| m["invited"].as_u64().unwrap() > 0).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (doc, opt, id) in [
        ("visit-checklist", "--round", &round),
        ("inspection-plan", "--activity", &inspection),
        ("sign-in", "--activity", &meeting),
        ("attendance", "--activity", &meeting),
    ] {
        for ext in ["pdf", "xlsx"] {
            let out = dir.path().join(format!("{doc}.{ext}"));
            let r = json(&liaison(&db, &["--json", "export", doc, opt, id, "--out", out.to_str().unwrap()]));
            assert!(r["rows"].as_u64().unwrap() > 0, "{doc}: {r}");
            let bytes = std::fs::read(&out).unwrap();
            let magic: &[u8] = if ext == "pdf" { b"%PDF-" } else { b"PK" };
            assert!(bytes.starts_with(magic), "{doc}.{ext}");
        }
    }
    // The 走访情况汇总 of the round, and of a year (empty years too: the paper says so).
    for (opt, id) in [("--round", round.as_str()), ("--year", "2026"), ("--year", "1999")] {
        for ext in ["pdf", "xlsx"] {
            let out = dir.path().join(format!("summary-{id}.{ext}"));
            let r =
                json(&liaison(&db, &["--json", "export", "visit-summary", opt, id, "--out", out.to_str().unwrap()]));
            assert!(r["rows"].is_u64(), "{r}");
            let magic: &[u8] = if ext == "pdf" { b"%PDF-" } else { b"PK" };
            assert!(std::fs::read(&out).unwrap().starts_with(magic), "summary {id}.{ext}");
        }
    }
    let out = liaison(&db, &["export", "visit-summary", "--year", "26", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("年份应为四位数字"));
    let out = liaison(&db, &["export", "visit-summary", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2), "neither --round nor --year");
    // A file type it cannot write, and a round that does not exist: exit 1, the reason in Chinese.
    let out = liaison(&db, &["export", "visit-checklist", "--round", &round, "--out", "x.docx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out：输出文件的扩展名须为 .pdf 或 .xlsx"));
    let out = liaison(&db, &["export", "visit-checklist", "--round", "nope", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!std::path::Path::new("x.pdf").exists());
}
