//! History: the log per record and for the whole database (old → new, ID and phone numbers masked on
//! screen, whole in the log), an earlier value put back, the one 回收站, undoing an import as one step
//! (the database as before, compared table by table; refused while its members were changed after),
//! stale forms refused, the operator, and the personal exports that are logged.

use crate::common::{day, liaison, open, ref_id};
use liaison_core::history::HistoryQuery;
use liaison_core::import::{CommitMode, ImportOptions, ImportOutcome};
use liaison_core::model::*;
use liaison_core::sessions::SessionInput;
use liaison_core::{Db, Error};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn conflict(e: Error) -> String {
    match e {
        Error::Conflict(m) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn member(db: &mut Db, name: &str, id_number: &str, mobile: &str) -> MemberDetail {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        id_number: id_number.into(),
        mobile: mobile.into(),
        // The ID number gives the gender; without one it is chosen.
        gender: if id_number.is_empty() { "女".into() } else { String::new() },
        sector_id: Some(ref_id(db, RefKind::Sector, "教育界")),
        term_ids: vec![term],
        work_unit: "东港区第一中学".into(),
        ..Default::default()
    })
    .unwrap()
}

fn history_of(db: &Db, id: &str) -> Vec<liaison_core::history::HistoryEntry> {
    db.history(&HistoryQuery { entity_id: id.into(), ..Default::default() }).unwrap().entries
}

#[test]
fn an_edit_shows_old_and_new_masked_and_the_log_keeps_them_whole() {
    let (_d, mut db) = open();
    db.set_operator("  王秘书 ").unwrap();
    assert_eq!(db.operator().unwrap().as_deref(), Some("王秘书"));
    let id_no = crate::common::id_number("1968-05-12", 11);
    let m = member(&mut db, "张明华", &id_no, "13812345678");
    // Timestamps have milliseconds: the edit comes later.
    std::thread::sleep(std::time::Duration::from_millis(3));
    let mut input = m.as_input();
    input.mobile = "13998765432".into();
    input.work_unit = "东港区教育局".into();
    input.updated_at = Some(m.updated_at.clone());
    db.save_member(input).unwrap();

    let h = history_of(&db, &m.id);
    assert_eq!(h.len(), 2);
    let edit = &h[0];
    assert_eq!(
        (edit.actor.as_str(), edit.action_label.as_str(), edit.entity_label.as_str()),
        ("王秘书", "修改", "委员")
    );
    assert_eq!(edit.record, "张明华");
    let by: BTreeMap<&str, (&str, &str, &str, bool)> = edit
        .changes
        .iter()
        .map(|c| (c.field.as_str(), (c.label.as_str(), c.old.as_str(), c.new.as_str(), c.restorable)))
        .collect();
    assert_eq!(by["mobile"], ("手机", "138****5678", "139****5432", true));
    assert_eq!(by["work_unit"], ("工作单位", "东港区第一中学", "东港区教育局", true));
    assert_eq!(by.len(), 2, "{by:?}");
    // The creation shows the ID number masked; nothing shown carries a whole number.
    let shown = serde_json::to_string(&h).unwrap();
    assert!(shown.contains("330102***********"), "{shown}");
    assert!(!shown.contains(&id_no) && !shown.contains("13812345678") && !shown.contains("13998765432"));
    // The log itself keeps them whole (so that a restore is exact).
    let raw: String = db
        .conn()
        .query_row("SELECT group_concat(changes, ' ') FROM audit_log WHERE entity_id = ?1", [&m.id], |r| r.get(0))
        .unwrap();
    assert!(raw.contains(&id_no) && raw.contains("13812345678") && raw.contains("13998765432"));

    // 恢复此值: the old phone back, exactly, as one more change; a stale screen is refused.
    let now = db.member(&m.id).unwrap();
    let e = db.restore_history_value(&edit.id, "mobile", Some(m.updated_at.clone())).unwrap_err();
    assert!(conflict(e).starts_with(liaison_core::db::STALE_PREFIX));
    let back = db.restore_history_value(&edit.id, "mobile", Some(now.updated_at.clone())).unwrap();
    assert_eq!(back.mobile, "13812345678");
    assert_eq!(back.work_unit, "东港区教育局");
    assert_eq!(history_of(&db, &m.id).len(), 3);
    // A field logged by name (the sector) is changed in the form, not from the log.
    let e = db.restore_history_value(&edit.id, "sector", None).unwrap_err();
    assert!(conflict(e).contains("不能从记录中恢复"));
}

#[test]
fn an_earlier_id_number_now_another_members_is_refused() {
    let (_d, mut db) = open();
    let a_no = crate::common::id_number("1970-01-01", 13);
    let a = member(&mut db, "李芳", &a_no, "");
    let mut i = a.as_input();
    i.id_number = crate::common::id_number("1970-01-01", 15);
    db.save_member(i).unwrap();
    // Someone else now has 李芳's old number.
    member(&mut db, "李芳芳", &a_no, "");
    let edit = history_of(&db, &a.id)[0].clone();
    let e = db.restore_history_value(&edit.id, "id_number", None).unwrap_err();
    match e {
        Error::Validation(f) => assert!(f[0].message.contains("李芳芳"), "{f:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_whole_log_filters_by_who_what_when_and_text_and_pages() {
    let (_d, mut db) = open();
    db.set_operator("王秘书").unwrap();
    let m = member(&mut db, "赵晓东", &crate::common::id_number("1975-03-04", 17), "13700001111");
    db.set_operator("李干事").unwrap();
    db.save_group(GroupInput { name: "城关镇联络组".into(), ..Default::default() }).unwrap();
    for i in 0..30 {
        member(&mut db, &format!("委员{i:02}"), "", "");
    }
    let all = db.history(&HistoryQuery::default()).unwrap();
    assert!(all.total >= 34, "{}", all.total);
    assert_eq!(all.entries.len(), 50.min(all.total as usize));
    // Newest first.
    assert!(all.entries.windows(2).all(|w| w[0].at >= w[1].at));
    let q = |q: HistoryQuery| db.history(&q).unwrap();
    let wang = q(HistoryQuery { actor: "王秘书".into(), ..Default::default() });
    assert!(wang.entries.iter().all(|e| e.actor == "王秘书"));
    assert!(wang.entries.iter().any(|e| e.entity_id == m.id));
    let groups = q(HistoryQuery { kind: "group".into(), ..Default::default() });
    assert_eq!(groups.total, 1);
    assert_eq!(groups.entries[0].record, "城关镇联络组");
    let by_name = q(HistoryQuery { text: "赵晓东".into(), ..Default::default() });
    assert!(by_name.total >= 1 && by_name.entries.iter().all(|e| e.entity_id == m.id));
    let today = crate::common::day(0);
    assert_eq!(q(HistoryQuery { from: today.clone(), to: today.clone(), ..Default::default() }).total, all.total);
    assert_eq!(q(HistoryQuery { to: day(-1), ..Default::default() }).total, 0);
    // Pages of 10 cover every entry once.
    let mut seen = std::collections::HashSet::new();
    for page in 0..all.total.div_ceil(10) {
        for e in q(HistoryQuery { page, page_size: 10, ..Default::default() }).entries {
            assert!(seen.insert(e.id));
        }
    }
    assert_eq!(seen.len(), all.total as usize);
    assert!(db.history_actors().unwrap().contains(&"李干事".to_string()));
    let e = db.history(&HistoryQuery { from: "2026年".into(), ..Default::default() }).unwrap_err();
    assert!(matches!(e, Error::Validation(_)));
}

#[test]
fn one_recycle_bin_lists_every_kind_and_restores_with_what_went_with_it() {
    let (_d, mut db) = open();
    let long = "东港区城关镇人民政府驻上海办事处联络服务中心综合协调科科长助理兼第一联络组联络员";
    let id_no = crate::common::id_number("1980-02-02", 19);
    let m = member(&mut db, "欧阳娜娜", &id_no, "13600002222");
    let g = db.save_group(GroupInput { name: long.into(), ..Default::default() }).unwrap();
    let round = db
        .save_visit_round(VisitRoundInput {
            title: "2026年冬季委员走访".into(),
            visits: vec![VisitInput {
                target_kind: VisitTarget::Unit,
                target_name: "区人民医院".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .unwrap();
    let s = db
        .save_session(SessionInput {
            name: "政协第十五届第三次会议".into(),
            start_date: day(10),
            end_date: day(12),
            ..Default::default()
        })
        .unwrap()
        .session;
    db.delete_member(&m.id).unwrap();
    db.delete_group(&g.id).unwrap();
    db.delete_visit_round(&round.round.id).unwrap();
    db.delete_session(&s.id).unwrap();
    let bin = db.trash("").unwrap();
    let kinds: Vec<(&str, &str)> = bin.iter().map(|t| (t.kind.as_str(), t.name.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("session", "政协第十五届第三次会议"),
            ("visit_round", "2026年冬季委员走访"),
            ("group", long),
            ("member", "欧阳娜娜")
        ]
    );
    // The round's visits went with it and are not listed on their own; the session's activity neither.
    assert!(bin.iter().all(|t| t.kind != "activity"));
    assert!(bin.iter().all(|t| !t.deleted_by.is_empty()));
    assert_eq!(db.trash("member").unwrap().len(), 1);

    // The round comes back with its visit.
    db.trash_restore("visit_round", &round.round.id).unwrap();
    assert_eq!(db.visit_round(&round.round.id).unwrap().visits.len(), 1);
    // The member's ID number is now another member's: refused with the reason, nothing written.
    member(&mut db, "欧阳娜", &id_no, "");
    let e = db.trash_restore("member", &m.id).unwrap_err();
    assert!(conflict(e).contains("欧阳娜"));
    assert!(db.member(&m.id).unwrap().deleted_at.is_some());
    db.trash_restore("session", &s.id).unwrap();
    assert_eq!(db.trash("").unwrap().len(), 2);
    // Restored and deleted show in the record's history.
    let h = history_of(&db, &s.id);
    assert_eq!(h[0].action_label, "恢复");
}

// ---- Undoing an import.

/// Every table's live rows (rows with a `deleted_at` only while not deleted, the link rows of live
/// members), less what records the history itself (the log, the runs) and the `updated_at` stamps.
fn live_state(db: &Db) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = db
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = BTreeMap::new();
    for t in tables {
        if ["audit_log", "import_runs", "import_run_members"].contains(&t.as_str()) {
            continue;
        }
        let cols: Vec<String> = db
            .conn()
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        // A membership written again (an updated member's group set back) is dated anew.
        let keep: Vec<String> = cols
            .iter()
            .filter(|c| *c != "updated_at" && !(t == "group_members" && *c == "created_at"))
            .map(|c| format!("quote({c})"))
            .collect();
        let mut cond =
            if cols.iter().any(|c| c == "deleted_at") { "deleted_at IS NULL".to_string() } else { "1".into() };
        if cols.iter().any(|c| c == "member_id") && t != "members" {
            cond.push_str(" AND (member_id IS NULL OR member_id IN (SELECT id FROM members WHERE deleted_at IS NULL))");
        }
        let sql = format!("SELECT {} FROM {t} WHERE {cond}", keep.join(" || '|' || "));
        let mut rows: Vec<String> =
            db.conn().prepare(&sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        rows.sort();
        out.insert(t, rows);
    }
    out
}

#[test]
fn an_import_undone_leaves_every_table_as_before() {
    let (_d, mut db) = crate::import::setup();
    let before = live_state(&db);
    let opts = ImportOptions { add_unknown: true, ..Default::default() };
    let p = db.import_commit(&fixture("messy-roster.xlsx"), &opts, CommitMode::ValidRows).unwrap();
    assert!(p.committed && p.summary.new > 0 && p.summary.update > 0, "{:?}", p.summary);
    let run = p.run_id.clone().expect("a run");
    let runs = db.import_runs().unwrap();
    assert_eq!((runs[0].id.as_str(), runs[0].file.as_str()), (run.as_str(), "messy-roster.xlsx"));
    assert_eq!((runs[0].created, runs[0].updated), (p.summary.new, p.summary.update));
    assert!(runs[0].lists_added > 0);
    // Its audit entries carry the run.
    let tagged: i64 =
        db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE run_id = ?1", [&run], |r| r.get(0)).unwrap();
    assert!(tagged as u32 > p.summary.new + p.summary.update);
    assert_ne!(live_state(&db), before);

    let check = db.import_undo_check(&run).unwrap();
    assert_eq!((check.delete_members, check.revert_members), (p.summary.new, p.summary.update));
    assert!(check.changed.is_empty() && !check.done);
    let u = db.undo_import(&run).unwrap();
    assert!(u.done && u.run.undone_at.is_some());
    // The lists' new values (a new group's township too) go with it.
    assert!(u.delete_lists >= runs[0].lists_added);
    let after = live_state(&db);
    for (t, rows) in &before {
        assert_eq!(rows, &after[t], "table {t}");
    }
    // Twice is refused; the new members are in the 回收站.
    assert!(conflict(db.undo_import(&run).unwrap_err()).contains("已于"));
    assert_eq!(db.trash("member").unwrap().len() as u32, p.summary.new);
    assert!(db.check().unwrap().is_empty());
}

#[test]
fn an_undo_is_refused_and_lists_the_members_changed_after_the_import() {
    let (_d, mut db) = crate::import::setup();
    let p = db.import_commit(&fixture("messy-roster.xlsx"), &ImportOptions::default(), CommitMode::ValidRows).unwrap();
    let run = p.run_id.clone().unwrap();
    let new_id = p.rows.iter().find(|r| r.outcome == ImportOutcome::New).unwrap().member_id.clone().unwrap();
    db.set_operator("李干事").unwrap();
    let m = db.member(&new_id).unwrap();
    let mut i = m.as_input();
    i.notes = "导入后补充的备注".into();
    db.save_member(i).unwrap();
    let state = live_state(&db);
    let check = db.import_undo_check(&run).unwrap();
    assert_eq!(check.changed.len(), 1);
    assert_eq!((check.changed[0].name.as_str(), check.changed[0].by.as_str()), (m.name.as_str(), "李干事"));
    let e = conflict(db.undo_import(&run).unwrap_err());
    assert!(e.contains(&m.name) && e.contains("已编辑"), "{e}");
    assert_eq!(live_state(&db), state);
    assert!(db.import_runs().unwrap()[0].undone_at.is_none());
}

#[test]
fn the_cli_lists_imports_and_undoes_one() {
    let (dir, db) = crate::import::setup();
    drop(db);
    let path = dir.path().join("t.db");
    let out = liaison(&path, &["import", fixture("messy-roster.xlsx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("liaison import undo "), "{text}");
    let out = liaison(&path, &["imports", "--json"]);
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = runs[0]["id"].as_str().unwrap().to_string();
    assert_eq!(runs[0]["file"], "messy-roster.xlsx");
    let out = liaison(&path, &["import", "undo", &id, "--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("撤销将导入"));
    let out = liaison(&path, &["import", "undo", &id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("已撤销导入 messy-roster.xlsx"));
    let out = liaison(&path, &["import", "undo", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("已于"));
    let out = liaison(&path, &["imports"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("撤销"));
}

// ---- Stale forms.

#[test]
fn a_save_from_a_stale_form_is_refused_for_members_groups_activities_and_sessions() {
    let (_d, mut db) = open();
    let stale = |e: Error| {
        let m = conflict(e);
        assert!(m.starts_with("此记录已被修改：李干事 于 "), "{m}");
        m
    };
    // Members: the form loaded, then the CLI (another operator) saves; the form's save is refused.
    let m = member(&mut db, "孙立新", "", "");
    // Timestamps have milliseconds: the other save comes later.
    let pause = || std::thread::sleep(std::time::Duration::from_millis(3));
    db.set_operator("李干事").unwrap();
    pause();
    let mut other = m.as_input();
    other.job_title = "校长".into();
    db.save_member(other).unwrap();
    db.set_operator("王秘书").unwrap();
    let mut form = m.as_input();
    form.updated_at = Some(m.updated_at.clone());
    form.notes = "表单中的修改".into();
    assert!(stale(db.save_member(form.clone()).unwrap_err()).contains("委员“孙立新”"));
    assert_eq!(db.member(&m.id).unwrap().job_title, "校长");
    form.updated_at = Some(db.member(&m.id).unwrap().updated_at);
    db.save_member(form).unwrap();

    // Groups.
    let g = db.save_group(GroupInput { name: "东城街道联络组".into(), ..Default::default() }).unwrap();
    db.set_operator("李干事").unwrap();
    pause();
    db.save_group(GroupInput {
        id: Some(g.id.clone()),
        name: g.name.clone(),
        notes: "改".into(),
        ..Default::default()
    })
    .unwrap();
    let form = GroupInput {
        id: Some(g.id.clone()),
        name: "东城联络组".into(),
        updated_at: Some(g.updated_at.clone()),
        ..Default::default()
    };
    stale(db.save_group(form).unwrap_err());
    assert_eq!(db.groups(None).unwrap()[0].name, "东城街道联络组");

    // Activities.
    let a = db
        .save_activity(ActivityInput {
            kind: ActivityKind::Forum,
            title: "界别协商座谈会".into(),
            date: day(5),
            ..Default::default()
        })
        .unwrap();
    let mut later = ActivityInput {
        id: Some(a.activity.id.clone()),
        kind: ActivityKind::Forum,
        title: "界别协商座谈会".into(),
        date: day(5),
        place: "三楼会议室".into(),
        ..Default::default()
    };
    std::thread::sleep(std::time::Duration::from_millis(3));
    db.save_activity(later.clone()).unwrap();
    later.place = "一楼报告厅".into();
    later.updated_at = Some(a.updated_at.clone());
    stale(db.save_activity(later).unwrap_err());

    // Sessions.
    let s = db
        .save_session(SessionInput {
            name: "政协第十五届第三次会议".into(),
            start_date: day(10),
            end_date: day(12),
            ..Default::default()
        })
        .unwrap()
        .session;
    let input = |place: &str, updated_at: Option<String>| SessionInput {
        id: Some(s.id.clone()),
        name: s.name.clone(),
        start_date: day(10),
        end_date: day(12),
        place: place.into(),
        updated_at,
        ..Default::default()
    };
    pause();
    db.save_session(input("大礼堂", Some(s.updated_at.clone()))).unwrap();
    stale(db.save_session(input("小礼堂", Some(s.updated_at.clone()))).unwrap_err());
}

#[test]
fn a_visit_checklist_with_whole_phones_is_logged() {
    let (d, mut db) = open();
    let round = db
        .save_visit_round(VisitRoundInput {
            title: "2026年冬季委员走访".into(),
            visits: vec![VisitInput {
                target_kind: VisitTarget::Unit,
                target_name: "区人民医院".into(),
                phone: "13500001234".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .unwrap();
    let logged = |db: &Db| db.history(&HistoryQuery { kind: "export".into(), ..Default::default() }).unwrap().total;
    let out = d.path().join("走访安排表.xlsx");
    let mut req = liaison_core::documents::DocumentExport {
        kind: liaison_core::documents::DocumentKind::VisitChecklist,
        id: round.round.id.clone(),
        format: liaison_core::documents::DocumentFormat::Xlsx,
        with_phone: false,
    };
    db.export_document(&req, &out).unwrap();
    assert_eq!(logged(&db), 0);
    req.with_phone = true;
    db.export_document(&req, &out).unwrap();
    assert_eq!(logged(&db), 1);
    let e = &db.history(&HistoryQuery { kind: "export".into(), ..Default::default() }).unwrap().entries[0];
    assert_eq!(e.record, "走访安排表.xlsx");
    assert!(e.changes.iter().any(|c| c.label == "含完整电话" && c.new == "是"));
}

/// An entry written with blank → blank fields (as older versions wrote a new member's empty fields)
/// shows only the fields that say something.
#[test]
fn blank_to_blank_fields_are_not_shown() {
    let (_d, mut db) = open();
    let m = member(&mut db, "郑晓岚", "", "");
    db.conn()
        .execute(
            "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes)
             VALUES ('old-entry', '2020-01-01T00:00:00.000Z', '王秘书', 'member', ?1, 'create',
                     '{\"name\": [null, \"郑晓岚\"], \"phone\": [null, \"\"], \"address\": [\"\", null], \"terms\": [[], []]}')",
            [&m.id],
        )
        .unwrap();
    let old = history_of(&db, &m.id).into_iter().find(|e| e.id == "old-entry").unwrap();
    let fields: Vec<&str> = old.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["name"], "{:?}", old.changes);
}
