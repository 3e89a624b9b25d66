//! 履职积分 (issue 14): the three templates scored by hand on a small office; the ledger explains every
//! point; changing a rule changes the ledger and nothing else; ranks with ties; grade thresholds; caps
//! and the limit on points added; manual entries through the trash; the 未履职 list; 五个一 from the
//! records and by hand; deeds; validation; the CLI's `score --json` and the score table.

use crate::common::{liaison, open, ref_id};
use liaison_core::model::*;
use liaison_core::performance::*;
use liaison_core::{Db, Error};
use rusqlite::params;

const T: &str = "2025-01-01T00:00:00.000Z";

fn member(db: &mut Db, name: &str) -> String {
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        sector_id: Some(ref_id(db, RefKind::Sector, "教育界")),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap()
    .id
}

fn exec(db: &Db, sql: &str, p: impl rusqlite::Params) {
    db.conn().execute(sql, p).unwrap();
}

fn activity(db: &Db, id: &str, kind: &str, date: &str, status: &str) {
    exec(
        db,
        "INSERT INTO activities (id, kind, title, start_date, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, kind, format!("活动{id}"), date, status, T],
    );
}

fn part(db: &Db, activity: &str, member: &str, role: &str, attendance: &str) {
    exec(
        db,
        "INSERT INTO participants (id, activity_id, member_id, role, attendance, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![liaison_core::db::new_id(), activity, member, role, attendance, T],
    );
}

fn reflection(db: &Db, activity: &str, member: &str) {
    exec(
        db,
        "INSERT INTO reflections (id, activity_id, member_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, '心得', ?4, ?4)",
        params![liaison_core::db::new_id(), activity, member, T],
    );
}

struct Office {
    _dir: tempfile::TempDir,
    db: Db,
    a: String,
    b: String,
    c: String,
    d: String,
}

/// The small office every template is scored on, all in 2025 (with a record in 2024 and a cancelled
/// activity that must not count):
///
/// | member | activities | plenary (3 half days) | reports | proposals | speeches | deeds | manual |
/// |---|---|---|---|---|---|---|---|
/// | A 王伟 | 视察 出席, 座谈会 发言, 学习会 出席 + 心得, 调研 出席 + 心得 | 3 present | o1 first (市级采用, 市领导批示) | p1 lead (立案, 重点) | sp1 口头采用, 已发言 | project | |
/// | B 李娜 | 视察 牵头, 座谈会 请假 | present, absent, leave | o1 co | p1 co | | deed | |
/// | C 张敏 | 视察 缺席, 座谈会 出席, 学习会 出席 | leave, present, present | o2 first (submitted) | p2 lead (不立案) | sp2 书面采用 | | +5 reward |
/// | D 赵强 | — | — | — | — | — | — | |
fn office() -> Office {
    let (dir, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let c = member(&mut db, "张敏");
    let d = member(&mut db, "赵强");
    activity(&db, "act1", "inspection", "2025-03-10", "done");
    part(&db, "act1", &a, "attendee", "present");
    part(&db, "act1", &b, "lead", "present");
    part(&db, "act1", &c, "attendee", "absent");
    activity(&db, "act2", "forum", "2025-04-15", "done");
    part(&db, "act2", &a, "speaker", "present");
    part(&db, "act2", &b, "attendee", "leave");
    part(&db, "act2", &c, "attendee", "late");
    activity(&db, "act3", "study", "2025-05-20", "done");
    part(&db, "act3", &a, "attendee", "present");
    part(&db, "act3", &c, "attendee", "present");
    reflection(&db, "act3", &a);
    activity(&db, "act4", "research", "2025-06-01", "done");
    part(&db, "act4", &a, "attendee", "present");
    reflection(&db, "act4", &a);
    // Not in 2025, and cancelled: neither counts.
    activity(&db, "act5", "forum", "2024-12-20", "done");
    part(&db, "act5", &a, "attendee", "present");
    part(&db, "act5", &d, "attendee", "present");
    activity(&db, "act6", "forum", "2025-07-01", "cancelled");
    part(&db, "act6", &a, "attendee", "present");
    part(&db, "act6", &d, "attendee", "present");
    // The plenary: three half days.
    let term = db.current_term().unwrap().unwrap().id;
    activity(&db, "pl", "plenary", "2025-01-10", "done");
    exec(
        &db,
        "INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, kind, created_at, updated_at)
         VALUES ('S', 'pl', ?1, '第三次会议', '2025-01-10', '2025-01-11', 'plenary', ?2, ?2)",
        params![term, T],
    );
    for (id, date, half) in [("s1", "2025-01-10", "am"), ("s2", "2025-01-10", "pm"), ("s3", "2025-01-11", "am")] {
        exec(
            &db,
            "INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, created_at, updated_at)
             VALUES (?1, 'S', 'plenary', '全体会议', ?2, ?3, ?4, ?4)",
            params![id, date, half, T],
        );
    }
    for (att, m, outcomes) in [
        ("ta", &a, ["present", "present", "present"]),
        ("tb", &b, ["present", "absent", "leave"]),
        ("tc", &c, ["leave", "present", "late"]),
    ] {
        exec(
            &db,
            "INSERT INTO session_attendees (id, session_id, kind, member_id, created_at, updated_at)
             VALUES (?1, 'S', 'member', ?2, ?3, ?3)",
            params![att, m, T],
        );
        for (s, o) in ["s1", "s2", "s3"].iter().zip(outcomes) {
            exec(
                &db,
                "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![s, att, o, T],
            );
        }
    }
    // Reports.
    exec(
        &db,
        "INSERT INTO opinions (id, title, state, submitted_at, adopted_level, adopted_at, created_at, updated_at)
         VALUES ('o1', '关于停车难的建议', 'adopted', '2025-02-01', 'city', '2025-03-01', ?1, ?1)",
        [T],
    );
    exec(
        &db,
        "INSERT INTO opinions (id, title, state, submitted_at, created_at, updated_at)
         VALUES ('o2', '关于养老的建议', 'submitted', '2025-07-01', ?1, ?1)",
        [T],
    );
    exec(
        &db,
        "INSERT INTO opinions (id, title, state, created_at, updated_at) VALUES ('o3', '草稿', 'draft', ?1, ?1)",
        [T],
    );
    for (o, seq, m, role, name) in [
        ("o1", 1, &a, "first", "王伟"),
        ("o1", 2, &b, "co", "李娜"),
        ("o2", 1, &c, "first", "张敏"),
        ("o3", 1, &b, "first", "李娜"),
    ] {
        exec(
            &db,
            "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name) VALUES (?1, ?2, 'member', ?3, ?4, ?5)",
            params![o, seq, m, role, name],
        );
    }
    exec(
        &db,
        "INSERT INTO opinion_instructions (id, opinion_id, leader, level, date, created_at, updated_at)
         VALUES ('i1', 'o1', '副市长', 'city', '2025-03-05', ?1, ?1)",
        [T],
    );
    // Proposals.
    for (id, state, key) in [("p1", "accepted", 1), ("p2", "rejected", 0), ("p3", "draft", 0)] {
        exec(
            &db,
            "INSERT INTO proposals (id, year, title, category, timing, state, is_key, created_at, updated_at)
             VALUES (?1, 2025, ?2, 'society', 'routine', ?3, ?4, ?5, ?5)",
            params![id, format!("提案{id}"), state, key, T],
        );
    }
    for (p, seq, role, m) in [("p1", 1, "lead", &a), ("p1", 2, "co", &b), ("p2", 1, "lead", &c), ("p3", 1, "lead", &b)]
    {
        exec(
            &db,
            "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id) VALUES (?1, ?2, ?3, 'member', ?4)",
            params![p, seq, role, m],
        );
    }
    // Speeches.
    exec(
        &db,
        "INSERT INTO speeches (id, session_id, title, submitter_kind, member_id, submitted_date, state, adoption, delivered_date,
                               created_at, updated_at)
         VALUES ('sp1', 'S', '发言一', 'member', ?1, '2025-01-05', 'delivered', 'oral', '2025-01-10', ?2, ?2),
                ('sp2', 'S', '发言二', 'member', ?3, '2025-01-06', 'adopted', 'written', NULL, ?2, ?2)",
        params![a, T, c],
    );
    db.save_deed(DeedInput {
        member_id: a.clone(),
        kind: DeedKind::Project,
        what: "引进冷链物流项目".into(),
        for_whom: "现代农业园区".into(),
        amount: Some(300.0),
        deed_date: "2025-08-01".into(),
        ..Default::default()
    })
    .unwrap();
    db.save_deed(DeedInput {
        member_id: b.clone(),
        kind: DeedKind::Deed,
        what: "为村小学捐赠图书".into(),
        for_whom: "南湖村小学".into(),
        deed_date: "2025-09-01".into(),
        ..Default::default()
    })
    .unwrap();
    db.save_score_adjustment(ScoreAdjustmentInput {
        member_id: c.clone(),
        year: 2025,
        kind: AdjustmentKind::Reward,
        points: 5.0,
        reason: "获评区级优秀政协委员".into(),
        entry_date: "2025-12-01".into(),
        ..Default::default()
    })
    .unwrap();
    Office { _dir: dir, db, a, b, c, d }
}

fn points(l: &ScoreLedger, id: &str) -> (f64, u32, Option<ScoreGrade>) {
    let r = l.rows.iter().find(|r| r.member_id == id).unwrap();
    (r.points, r.rank, r.grade)
}

/// The explained items sum to the points, every item with a record names it, for every member.
fn assert_explained(db: &Db, year: i32) {
    let l = db.score_ledger(year).unwrap();
    for r in &l.rows {
        let s = db.member_score(&r.member_id, year).unwrap().unwrap();
        let sum: f64 = s.items.iter().map(|i| i.points).sum();
        assert!((sum - r.points).abs() < 1e-9, "{}: items sum to {sum}, ledger says {}", r.name, r.points);
        assert_eq!(s.row, *r);
        for i in &s.items {
            if !["base", "max_bonus", "manual"].contains(&i.item.as_str()) && !i.item.starts_with("cap.") {
                assert!(!i.record_id.is_empty() && !i.record_title.is_empty(), "{i:?}");
                assert_eq!(i.points, i.points_each * i.count);
            }
        }
    }
}

#[test]
fn minhang_scored_by_hand() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let l = o.db.score_ledger(2025).unwrap();
    // A: four activities × 5 = 20; 3 half days × 5 = 15; report adopted 市级 10, 市领导批示 10;
    //    proposal 立案 (lead) 15; speech delivered 5; project 5 → 80, 优秀 (≥60).
    assert_eq!(points(&l, &o.a), (80.0, 1, Some(ScoreGrade::Excellent)));
    // B: inspection led 5; one half day 5, unexcused −5; report (co) adopted 市级 10 + 批示 10;
    //    proposal 立案 (co) 3; deed 5 → 33, 称职 (≥30).
    assert_eq!(points(&l, &o.b), (33.0, 2, Some(ScoreGrade::Competent)));
    // C: forum 5 (late counts), study 5; two half days 10 (excused absence: no rule); the report
    //    submitted, the proposal not accepted, the written speech: no rules; manual +5 → 25, 基本称职 (≥15).
    assert_eq!(points(&l, &o.c), (25.0, 3, Some(ScoreGrade::Basic)));
    // D: nothing in 2025 (2024's forum and the cancelled one do not count) → 0, 不称职.
    assert_eq!(points(&l, &o.d), (0.0, 4, Some(ScoreGrade::Unfit)));
    assert_eq!((l.excellent, l.competent, l.basic, l.unfit), (1, 1, 1, 1));
    // Deterministic: read again, the same ledger to the row.
    assert_eq!(o.db.score_ledger(2025).unwrap(), l);
    // Baseline (activity, plenary): B missed the plenary (an unexcused half day), D the activities.
    let missed = |id: &str| l.rows.iter().find(|r| r.member_id == id).unwrap().missed.clone();
    assert_eq!(missed(&o.b), vec![ScoreBaseline::Plenary]);
    assert_eq!(missed(&o.d), vec![ScoreBaseline::Activity]);
    assert!(missed(&o.a).is_empty());
    assert_explained(&o.db, 2025);
}

#[test]
fn jinan_scored_by_hand() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Jinan, false).unwrap();
    let l = o.db.score_ledger(2025).unwrap();
    // A: base 70; inspection 2, forum spoke 3, study 2, research 2, two reflections 3 + 3 = 15;
    //    report 2, 市级 5, 批示 5 = 12; proposal lead 3, 立案 5, 重点 5 = 13; oral speech 5; project 3
    //    → bonus 48 (under 50) → 118, 优秀.
    assert_eq!(points(&l, &o.a), (118.0, 1, Some(ScoreGrade::Excellent)));
    // C: 70; inspection absent −5; forum 2, study 2; excused half day −10; report 2; proposal lead 3;
    //    written speech 3; manual +5 → 72, 称职.
    assert_eq!(points(&l, &o.c), (72.0, 2, Some(ScoreGrade::Competent)));
    // D: the base, 70, 称职.
    assert_eq!(points(&l, &o.d), (70.0, 3, Some(ScoreGrade::Competent)));
    // B: 70; led 3; co report 1, 市级 5, 批示 5; co proposal 1, 立案 2; deed 3 → +20; unexcused half day
    //    −30, excused −10 → 50, 不称职 (no 基本称职 band: its line is 称职's, 60).
    assert_eq!(points(&l, &o.b), (50.0, 4, Some(ScoreGrade::Unfit)));
    assert_eq!(l.basic, 0);
    assert_explained(&o.db, 2025);
}

#[test]
fn xuanwei_scored_by_hand() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Xuanwei, false).unwrap();
    let l = o.db.score_ledger(2025).unwrap();
    // A: inspection 2, forum spoke 2, study 1, research 2, reflections 1 + 1 = 9; plenary (a session) 2;
    //    report 1, 市级 3; proposal lead 2, 立案 2; speech 2; project 2 → 23, 优秀 (≥20).
    assert_eq!(points(&l, &o.a), (23.0, 1, Some(ScoreGrade::Excellent)));
    // C: forum 1, study 1; plenary 2; report 1; proposal lead 2; manual +5 → 12, 称职 (≥10).
    assert_eq!(points(&l, &o.c), (12.0, 2, Some(ScoreGrade::Competent)));
    // B: led 2; plenary 2; unexcused half day −2; co report adopted 市级 3; co proposal 1; deed 2 → 8, 基本称职 (≥5).
    assert_eq!(points(&l, &o.b), (8.0, 3, Some(ScoreGrade::Basic)));
    assert_eq!(points(&l, &o.d), (0.0, 4, Some(ScoreGrade::Unfit)));
    assert_explained(&o.db, 2025);
}

#[test]
fn caps_and_the_limit_on_points_added_are_explained() {
    let mut o = office();
    // 宣威 caps reflections at 5 a kind: six more study reflections for A make 7, counted as 5.
    o.db.copy_score_template(2025, ScoreTemplate::Xuanwei, false).unwrap();
    for _ in 0..6 {
        reflection(&o.db, "act3", &o.a);
    }
    let s = o.db.member_score(&o.a, 2025).unwrap().unwrap();
    // 23 − 1 (the one study reflection before) + 5 (capped) = 27.
    assert_eq!(s.row.points, 27.0);
    let cap = s.items.iter().find(|i| i.item == "cap.activity.study.report").unwrap();
    assert_eq!(cap.points, -2.0);
    assert_eq!(s.items.iter().filter(|i| i.item == "activity.study.report").count(), 7);
    assert_explained(&o.db, 2025);

    // 济南 (no cap on reflections) with the limit on points added lowered to 40: A's bonus, 48 + six more
    // reflections × 3 = 66, counts as 40 → 110, the cut of 26 explained.
    let mut set = o.db.copy_score_template(2025, ScoreTemplate::Jinan, true).unwrap();
    set.max_bonus = Some(40.0);
    o.db.save_score_rules(set).unwrap();
    let s = o.db.member_score(&o.a, 2025).unwrap().unwrap();
    assert_eq!(s.row.points, 110.0);
    assert_eq!(s.items.iter().find(|i| i.item == "max_bonus").unwrap().points, -26.0);
    assert_explained(&o.db, 2025);
}

#[test]
fn ties_share_a_rank_and_thresholds_are_inclusive() {
    let mut o = office();
    let e = member(&mut o.db, "钱芳");
    let mut set = o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    // Thresholds on the very scores: 80 优秀, 33 称职, 25 基本称职.
    set.excellent = 80.0;
    set.competent = 33.0;
    set.basic = 25.0;
    o.db.save_score_rules(set).unwrap();
    let l = o.db.score_ledger(2025).unwrap();
    assert_eq!(points(&l, &o.a), (80.0, 1, Some(ScoreGrade::Excellent)));
    assert_eq!(points(&l, &o.b), (33.0, 2, Some(ScoreGrade::Competent)));
    assert_eq!(points(&l, &o.c), (25.0, 3, Some(ScoreGrade::Basic)));
    // D and E both 0: both 4th; B given C's 25 − 33 … ties again further up.
    assert_eq!(points(&l, &o.d).1, 4);
    assert_eq!(points(&l, &e).1, 4);
    o.db.save_score_adjustment(ScoreAdjustmentInput {
        member_id: o.c.clone(),
        year: 2025,
        kind: AdjustmentKind::Other,
        points: 8.0,
        reason: "参加区委统战部培训".into(),
        ..Default::default()
    })
    .unwrap();
    let l = o.db.score_ledger(2025).unwrap();
    assert_eq!(points(&l, &o.b).1, 2);
    assert_eq!(points(&l, &o.c).1, 2);
    assert_eq!(points(&l, &o.d).1, 4);
    let ranks: Vec<u32> = l.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![1, 2, 2, 4, 4]);
}

/// Every table's rows as text, sorted, except those named.
fn dump(db: &Db, except: &[&str]) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = {
        let mut st = db
            .conn()
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
            )
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    tables
        .into_iter()
        .filter(|t| !except.contains(&t.as_str()))
        .map(|t| {
            let mut st = db.conn().prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                            v => format!("{v:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

#[test]
fn changing_a_rule_changes_the_ledger_and_nothing_else() {
    let mut o = office();
    let set = o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let before = dump(&o.db, &[]);
    let ledger_before = o.db.score_ledger(2025).unwrap();
    let mut changed = set.clone();
    changed.rules.iter_mut().find(|r| r.item == "plenary.sitting").unwrap().points = 6.0;
    o.db.save_score_rules(changed).unwrap();
    let after = dump(&o.db, &[]);
    let ledger_after = o.db.score_ledger(2025).unwrap();
    // The ledger: A's three half days now 18 (was 15).
    assert_eq!(points(&ledger_before, &o.a).0 + 3.0, points(&ledger_after, &o.a).0);
    assert_ne!(ledger_before, ledger_after);
    // Only the rules and the audit log changed; in score_rules only the one row.
    for ((t, a), (t2, b)) in before.iter().zip(&after) {
        assert_eq!(t, t2);
        match t.as_str() {
            "audit_log" => assert_eq!(a.len() + 1, b.len()),
            "score_rule_sets" => assert_ne!(a, b, "its updated_at"),
            "score_rules" => {
                let gone: Vec<_> = a.iter().filter(|r| !b.contains(r)).collect();
                let came: Vec<_> = b.iter().filter(|r| !a.contains(r)).collect();
                assert_eq!(gone.len(), 1, "{gone:?}");
                assert!(gone[0].contains("plenary.sitting") && came[0].contains("plenary.sitting"));
                assert_eq!(came.len(), 1);
            }
            _ => assert_eq!(a, b, "{t} changed with a rule"),
        }
    }
    assert_eq!(before.len(), after.len());
    let entry: String = o
        .db
        .conn()
        .query_row("SELECT changes FROM audit_log WHERE entity = 'score_rules' ORDER BY rowid DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(entry, r#"{"plenary.sitting":["5","6"]}"#);
}

#[test]
fn manual_entries_are_audited_and_go_through_the_trash() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let adj = o.db.score_adjustments(2025, Some(&o.c)).unwrap();
    assert_eq!(adj.len(), 1);
    let s = o.db.member_score(&o.c, 2025).unwrap().unwrap();
    let manual = s.items.iter().find(|i| i.item == "manual").unwrap();
    assert_eq!((manual.points, manual.record_title.as_str()), (5.0, "获评区级优秀政协委员"));
    o.db.delete_score_adjustment(&adj[0].id).unwrap();
    assert_eq!(o.db.member_score(&o.c, 2025).unwrap().unwrap().row.points, 20.0);
    o.db.restore_score_adjustment(&adj[0].id).unwrap();
    assert_eq!(o.db.member_score(&o.c, 2025).unwrap().unwrap().row.points, 25.0);
    let actions: Vec<String> = {
        let mut st = o.db.conn().prepare("SELECT action FROM audit_log WHERE entity_id = ?1 ORDER BY rowid").unwrap();
        st.query_map([&adj[0].id], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(actions, ["create", "delete", "restore"]);
    // A reason is required, and the points must be a non-zero number.
    let Err(Error::Validation(f)) = o.db.save_score_adjustment(ScoreAdjustmentInput {
        member_id: o.c.clone(),
        year: 2025,
        points: 0.0,
        reason: "  ".into(),
        ..Default::default()
    }) else {
        panic!("accepted")
    };
    let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["reason", "points"]);
    assert!(f[0].message.contains("理由"));
}

#[test]
fn idle_members_are_listed_for_the_chair() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let idle = o.db.idle_members(2025).unwrap();
    let names: Vec<&str> = idle.iter().map(|i| i.row.name.as_str()).collect();
    assert_eq!(names, ["赵强"]);
    assert!(idle[0].reasons[0].contains("全年未参加活动"));
    // A second unexcused absence puts B on the list.
    activity(&o.db, "act7", "group", "2025-10-10", "done");
    part(&o.db, "act7", &o.b, "attendee", "absent");
    let idle = o.db.idle_members(2025).unwrap();
    let b = idle.iter().find(|i| i.row.member_id == o.b).unwrap();
    assert_eq!(b.reasons, ["无故缺席 2 次"]);
}

#[test]
fn five_ones_progress_comes_from_the_records_and_hand_ticks() {
    let mut o = office();
    let items = o.db.save_five_ones_items(2025, o.db.five_ones_defaults()).unwrap();
    assert_eq!(items.len(), 5);
    // A: a report, an inspection, a reflection, a project; no deed → 4 of 5.
    let a = o.db.five_ones_progress(&o.a, 2025).unwrap();
    assert_eq!(a.marks.iter().map(|m| m.done).collect::<Vec<_>>(), [true, true, true, true, false]);
    assert_eq!(a.done, 4);
    // B: a co-signed report, led the inspection, a deed → 3.
    let b = o.db.five_ones_progress(&o.b, 2025).unwrap();
    assert_eq!(b.marks.iter().map(|m| m.done).collect::<Vec<_>>(), [true, true, false, false, true]);
    // C was absent from the inspection: not done.
    let c = o.db.five_ones_progress(&o.c, 2025).unwrap();
    assert!(!c.marks[1].done);
    // A hand tick for A's deed (done outside the records).
    let a = o.db.set_five_ones_tick(2025, 5, &o.a, true, "帮扶困难户").unwrap();
    assert_eq!(a.done, 5);
    assert!(a.marks[4].ticked);
    let table = o.db.five_ones_table(2025).unwrap();
    assert_eq!(table.rows.len(), 4);
    assert_eq!(table.done_counts, [3, 2, 1, 1, 2]);
    let a = o.db.set_five_ones_tick(2025, 5, &o.a, false, "").unwrap();
    assert_eq!(a.done, 4);
    // A sixth item is refused, as an empty title.
    let mut six = o.db.five_ones_defaults();
    six.push(six[0].clone());
    six[1].title = " ".into();
    let Err(Error::Validation(f)) = o.db.save_five_ones_items(2025, six) else { panic!("accepted") };
    assert!(f.iter().any(|e| e.field == "items" && e.message.contains("1 至 5 项")));
    assert!(f.iter().any(|e| e.field == "items[1].title"));
}

#[test]
fn rules_are_checked_with_messages_that_name_the_field() {
    let (_d, mut db) = open();
    let mut set = templates::template(ScoreTemplate::Jinan);
    set.year = 2025;
    set.excellent = 50.0; // below 称职 (60)
    set.max_bonus = Some(-1.0);
    set.rules[0].cap = Some(-3.0);
    set.rules.push(ScoreRule {
        item: "absence.plenary.excused".into(),
        points: 4.0,
        cap: None,
        label: String::new(),
        group: String::new(),
    });
    set.rules.push(ScoreRule {
        item: "activity.nosuch.attended".into(),
        points: 1.0,
        cap: None,
        label: String::new(),
        group: String::new(),
    });
    let Err(Error::Validation(f)) = db.save_score_rules(set) else { panic!("accepted") };
    let msg = |field: &str| f.iter().find(|e| e.field == field).map(|e| e.message.clone()).unwrap_or_default();
    assert!(msg("excellent").contains("等次分数线顺序不对"), "{f:?}");
    assert!(msg("max_bonus").contains("加分上限不能为负数"));
    assert!(msg("rules[0].cap").contains("上限不能为负数"));
    let dup = f.iter().find(|e| e.message.contains("重复")).unwrap();
    assert!(dup.message.contains("请假缺席全会"));
    assert!(f.iter().any(|e| e.message.contains("是扣分项")));
    assert!(f.iter().any(|e| e.message.contains("activity.nosuch.attended")));
    assert_eq!(db.score_rule_set(2025).unwrap(), None, "nothing written");
    // Copying over a year with rules needs `replace`.
    db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    assert!(matches!(db.copy_score_template(2025, ScoreTemplate::Jinan, false), Err(Error::Conflict(_))));
    assert_eq!(db.copy_score_template(2025, ScoreTemplate::Jinan, true).unwrap().template, "jinan");
    // Last year's rules into this year, edited there without touching last year's.
    let mut next = db.copy_score_rules(2025, 2026, false).unwrap();
    assert_eq!((next.base, next.rules.len()), (70.0, db.score_rule_set(2025).unwrap().unwrap().rules.len()));
    next.base = 60.0;
    db.save_score_rules(next).unwrap();
    assert_eq!(db.score_rule_set(2025).unwrap().unwrap().base, 70.0);
    assert_eq!(db.score_rule_years().unwrap(), [2026, 2025]);
    assert!(matches!(db.copy_score_rules(2024, 2026, true), Err(Error::NotFound(_))));
    // A form loaded before the rules were saved elsewhere is refused, saying so.
    let mut stale = db.score_rule_set(2026).unwrap().unwrap();
    stale.updated_at = Some("2000-01-01T00:00:00.000Z".into());
    let Err(Error::Conflict(m)) = db.save_score_rules(stale) else { panic!("a stale form was saved") };
    assert!(m.starts_with(liaison_core::db::STALE_PREFIX) && m.contains("2026年积分规则"), "{m}");
}

#[test]
fn every_template_is_valid_and_prices_only_known_items() {
    let (_d, db) = open();
    let known: Vec<String> = db.score_items().into_iter().map(|i| i.item).collect();
    for t in db.score_templates() {
        let mut set = t.rules.clone();
        set.year = 2026;
        rules::validate(&set).unwrap();
        assert!(set.rules.iter().all(|r| known.contains(&r.item)));
        assert!(t.note.contains("本模板补充"), "{}: the note says what was filled in", t.name);
    }
}

#[test]
fn a_year_without_rules_scores_nothing() {
    let o = office();
    let l = o.db.score_ledger(2025).unwrap();
    assert!(!l.has_rules);
    assert!(l.rows.iter().all(|r| r.points == 0.0 && r.grade.is_none() && r.rank == 1));
    assert!(o.db.export_scores(2025, &o._dir.path().join("x.xlsx")).is_err());
}

#[test]
fn deeds_are_recorded_checked_and_deleted_softly() {
    let mut o = office();
    let Err(Error::Validation(f)) = o.db.save_deed(DeedInput {
        member_id: o.a.clone(),
        what: "".into(),
        amount: Some(-1.0),
        deed_date: "2025-13-40".into(),
        ..Default::default()
    }) else {
        panic!("accepted")
    };
    let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["what", "deed_date", "amount"]);
    let list = o.db.deeds(&DeedQuery { year: Some(2025), ..Default::default() }).unwrap();
    assert_eq!(list.len(), 2);
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let before = o.db.member_score(&o.a, 2025).unwrap().unwrap().row.points;
    let project = list.iter().find(|d| d.member_id == o.a).unwrap();
    o.db.delete_deed(&project.id).unwrap();
    assert_eq!(o.db.member_score(&o.a, 2025).unwrap().unwrap().row.points, before - 5.0);
    assert_eq!(o.db.deeds(&DeedQuery { deleted: true, ..Default::default() }).unwrap().len(), 1);
    o.db.restore_deed(&project.id).unwrap();
    assert_eq!(o.db.member_score(&o.a, 2025).unwrap().unwrap().row.points, before);
}

#[test]
fn cli_score_json_and_the_score_table() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let path = std::path::PathBuf::from(o.db.path());
    let out = liaison(&path, &["score", "--year", "2025", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["id"], o.a.as_str());
    assert_eq!(rows[0]["name"], "王伟");
    assert_eq!(rows[0]["points"], 80.0);
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["grade"], "excellent");
    assert_eq!(rows[3]["grade"], "unfit");
    let out = liaison(&path, &["score", "--year", "2025", "--member", &o.b]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("李娜 2025年积分 33，第 2 名，称职"), "{text}");
    assert!(text.contains("-5\t无故缺席全会（每半天）"), "{text}");
    let xlsx = o._dir.path().join("积分.xlsx");
    let out = liaison(&path, &["export", "scores", "--year", "2025", "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sheet = crate::common::zip_text(&xlsx, "xl/sharedStrings.xml");
    assert!(sheet.contains("2025年度委员履职积分汇总表"));
    assert!(sheet.contains("王　伟"));
    assert!(sheet.contains("按时出席全会"));
    let bad = liaison(&path, &["export", "scores", "--year", "2025", "--out", "x.pdf"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn the_demo_year_has_scores_that_differ() {
    let (_d, mut db) = open();
    db.load_demo(120, None).unwrap();
    let year = chrono::Datelike::year(&crate::common::today());
    let l = db.score_ledger(year).unwrap();
    assert!(l.has_rules);
    let distinct: std::collections::HashSet<i64> = l.rows.iter().map(|r| (r.points * 100.0) as i64).collect();
    assert!(distinct.len() >= 10, "{} different scores", distinct.len());
    assert!(l.excellent > 0 && l.competent > 0);
    assert_eq!(db.five_ones_items(year).unwrap().len(), 5);
    let five = db.five_ones_table(year).unwrap();
    assert!(five.rows.iter().any(|r| r.marks.iter().any(|m| m.ticked)), "some hand ticks");
    assert!(five.done_counts.iter().all(|&n| n > 0), "{:?}", five.done_counts);
    assert!(!db.deeds(&DeedQuery { year: Some(year), ..Default::default() }).unwrap().is_empty());
    assert_explained(&db, year);
}

#[test]
fn rules_deeds_and_manual_entries_travel_and_the_office_scores_as_the_laptop() {
    use liaison_core::exchange::ExchangeKind;
    let dir = tempfile::tempdir().unwrap();
    let mut office = Db::open(dir.path().join("office.db")).unwrap();
    office.load_demo(40, None).unwrap();
    office.set_laptop_name("政协联络办公室").unwrap();
    let baseline = dir.path().join("baseline.ldx");
    office.exchange_export(&baseline, ExchangeKind::Baseline, None).unwrap();
    let (mut laptop, _) =
        Db::exchange_join(&dir.path().join("laptop.db"), &baseline, Some("城关镇联络组笔记本"), None).unwrap();
    let year = chrono::Datelike::year(&crate::common::today());
    assert_eq!(laptop.score_ledger(year).unwrap(), office.score_ledger(year).unwrap());
    // On the laptop: a rule changed, a rule added, next year's rules, a deed, a manual entry.
    let mut set = laptop.score_rule_set(year).unwrap().unwrap();
    set.rules.iter_mut().find(|r| r.item == "activity.forum.attended").unwrap().points = 4.0;
    set.rules.push(ScoreRule {
        item: "plenary.sitting".into(),
        points: 1.0,
        cap: Some(6.0),
        label: String::new(),
        group: String::new(),
    });
    laptop.save_score_rules(set).unwrap();
    laptop.copy_score_template(year + 1, ScoreTemplate::Xuanwei, false).unwrap();
    let m = laptop.score_ledger(year).unwrap().rows[7].member_id.clone();
    laptop
        .save_deed(DeedInput {
            member_id: m.clone(),
            what: "修缮村道".into(),
            deed_date: format!("{year}-03-03"),
            ..Default::default()
        })
        .unwrap();
    laptop
        .save_score_adjustment(ScoreAdjustmentInput {
            member_id: m.clone(),
            year,
            points: -3.0,
            reason: "未按要求提交年度履职报告".into(),
            kind: AdjustmentKind::Other,
            ..Default::default()
        })
        .unwrap();
    let changed = laptop.score_ledger(year).unwrap();
    assert_ne!(changed, office.score_ledger(year).unwrap());
    let file = dir.path().join("laptop-1.ldx");
    laptop.exchange_export(&file, ExchangeKind::Changes, None).unwrap();
    let o = office.exchange_import(&file, None).unwrap();
    assert_eq!(o.conflicts, 0, "{o:?}");
    assert_eq!(office.score_ledger(year).unwrap(), changed);
    assert_eq!(office.score_rule_set(year + 1).unwrap().unwrap().template, "xuanwei");
    assert_eq!(office.member_score(&m, year).unwrap(), laptop.member_score(&m, year).unwrap());
}

#[test]
fn deleted_deeds_and_manual_entries_are_in_the_recycle_bin() {
    let mut o = office();
    let deed = o.db.deeds(&DeedQuery { member_id: Some(o.b.clone()), ..Default::default() }).unwrap().remove(0);
    let adj = o.db.score_adjustments(2025, Some(&o.c)).unwrap().remove(0);
    o.db.delete_deed(&deed.id).unwrap();
    o.db.delete_score_adjustment(&adj.id).unwrap();
    let bin = o.db.trash("").unwrap();
    let kinds: Vec<(&str, &str, &str)> =
        bin.iter().map(|t| (t.kind.as_str(), t.kind_label.as_str(), t.name.as_str())).collect();
    assert!(kinds.contains(&("deed", "实事与项目", "为村小学捐赠图书")), "{kinds:?}");
    assert!(kinds.contains(&("score_adjustment", "加减分", "获评区级优秀政协委员")), "{kinds:?}");
    assert_eq!(o.db.trash("deed").unwrap().len(), 1);
    o.db.trash_restore("deed", &deed.id).unwrap();
    o.db.trash_restore("score_adjustment", &adj.id).unwrap();
    assert!(o.db.trash("").unwrap().is_empty());
    assert_eq!(o.db.score_adjustments(2025, Some(&o.c)).unwrap().len(), 1);
}

#[test]
fn a_combined_report_credits_its_adoption_not_a_second_submission() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Jinan, false).unwrap();
    let before = o.db.member_score(&o.c, 2025).unwrap().unwrap().row.points;
    // o2 (C's) merged into a combined report that the province adopted; C is its first submitter.
    exec(
        &o.db,
        "INSERT INTO opinions (id, title, state, submitted_at, adopted_level, adopted_at, combined, created_at, updated_at)
         VALUES ('o9', '综合：关于养老的建议', 'adopted', '2025-07-10', 'province', '2025-08-01', 1, ?1, ?1)",
        [T],
    );
    exec(
        &o.db,
        "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name) VALUES ('o9', 1, 'member', ?1, 'first', '张敏')",
        [&o.c],
    );
    let s = o.db.member_score(&o.c, 2025).unwrap().unwrap();
    // 济南: 省级采用 +8; no second 报送 (+2).
    assert_eq!(s.row.points, before + 8.0);
    assert_eq!(s.row.reports, 1);
    assert_eq!(s.items.iter().filter(|i| i.item == "opinion.submitted").count(), 1);
}

#[test]
fn a_standing_committee_meeting_counts_as_an_activity_unless_it_is_a_session() {
    let mut o = office();
    o.db.copy_score_template(2025, ScoreTemplate::Minhang, false).unwrap();
    let before = o.db.member_score(&o.d, 2025).unwrap().unwrap().row.points;
    // A 常委会 recorded only as an activity: D attended → 闵行's "each meeting 5".
    activity(&o.db, "st1", "standing", "2025-09-09", "done");
    part(&o.db, "st1", &o.d, "attendee", "present");
    let s = o.db.member_score(&o.d, 2025).unwrap().unwrap();
    assert_eq!(s.row.points, before + 5.0);
    assert_eq!(s.items.iter().find(|i| i.item == "activity.standing.attended").unwrap().label, "常委会：出席");
    // The plenary's own activity (it carries the session) is not counted again as an activity.
    part(&o.db, "pl", &o.d, "attendee", "present");
    assert_eq!(o.db.member_score(&o.d, 2025).unwrap().unwrap().row.points, before + 5.0);
}

/// The ledger is kept per database state: read twice it is the same; any write (here a manual entry)
/// makes it computed again.
#[test]
fn the_ledger_is_computed_again_after_any_write() {
    use liaison_core::performance::types::*;
    let (_d, mut db) = crate::common::open();
    db.load_demo(30, None).unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now());
    let a = db.score_ledger(year).unwrap();
    assert!(a.has_rules);
    assert_eq!(a, db.score_ledger(year).unwrap());
    let m = a.rows[5].clone();
    db.save_score_adjustment(ScoreAdjustmentInput {
        member_id: m.member_id.clone(),
        year,
        kind: AdjustmentKind::Reward,
        points: 7.0,
        reason: "获评优秀委员".into(),
        ..Default::default()
    })
    .unwrap();
    let b = db.score_ledger(year).unwrap();
    let after = b.rows.iter().find(|r| r.member_id == m.member_id).unwrap();
    assert_eq!(
        after.points,
        db.recompute_score_ledger(year).unwrap().rows.iter().find(|r| r.member_id == m.member_id).unwrap().points
    );
    assert!(after.points > m.points, "{} → {}", m.points, after.points);
}
