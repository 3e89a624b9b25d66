//! The work plan (issue 14) on a real SQLite file: targets saved, checked (Chinese messages at the field)
//! and started from last year's; the actuals of a small office counted by hand per quarter and per
//! liaison group; the list behind every number equals the number; the groups with no activity in a
//! quarter; the composition's counts sum to the live members; both exports read back with calamine;
//! the CLI's JSON.
//!
//! Members, groups and activities are made through the core's forms; the records the plan only counts
//! (visits done, reports, reflections, proposals, bulletin issues) are written as rows, in the states the
//! workflows leave them in.

use crate::common::{liaison, open, today};
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use liaison_core::model::*;
use liaison_core::stats::types::CompositionDim;
use liaison_core::workplan::types::*;
use liaison_core::{Db, Error};
use rusqlite::params;

/// The year counted: last year, so that every quarter is due and every day has come.
fn year() -> i32 {
    today().year() - 1
}

fn d(month: u32, day: u32) -> String {
    format!("{}-{month:02}-{day:02}", year())
}

fn member(db: &mut Db, name: &str, gender: &str, birth: &str, education: &str) -> String {
    let sector = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "教育界").unwrap().id;
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: gender.into(),
        birth_date: birth.into(),
        education: education.into(),
        sector_id: Some(sector),
        term_ids: vec![term],
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

/// An activity through the form; `complete` false leaves out the responsible person (one of the 四落实).
fn activity(db: &mut Db, kind: ActivityKind, title: &str, date: &str, group: Option<&str>, complete: bool) -> String {
    db.save_activity(ActivityInput {
        kind,
        title: title.into(),
        date: date.into(),
        place: "委员之家".into(),
        content: "学习交流".into(),
        responsible: if complete { "周建国".into() } else { String::new() },
        organiser: if group.is_some() { Organiser::Group } else { Organiser::Office },
        group_id: group.map(String::from),
        ..Default::default()
    })
    .unwrap()
    .activity
    .id
}

fn cancel(db: &Db, id: &str) {
    db.conn().execute("UPDATE activities SET status = 'cancelled' WHERE id = ?1", [id]).unwrap();
}

/// A visit to a member: done on `done` (None: planned, not recorded yet).
fn visit(db: &Db, n: u32, member: &str, date: &str, done: Option<&str>) -> String {
    let id = format!("visit-{n}");
    db.conn()
        .execute(
            "INSERT INTO activities (id, kind, title, start_date, status, created_at, updated_at)
             VALUES (?1, 'visit', ?2, ?3, ?4, '2020-01-01', '2020-01-01')",
            params![id, format!("走访 {n}"), date, if done.is_some() { "done" } else { "planned" }],
        )
        .unwrap();
    db.conn()
        .execute(
            "INSERT INTO visits (activity_id, target_kind, member_id, done_date, findings) VALUES (?1, 'member', ?2, ?3, '了解情况')",
            params![id, member, done],
        )
        .unwrap();
    id
}

/// A report by members (first, then co) and/or a group, in `state`; submitted and adopted on the days given.
#[allow(clippy::too_many_arguments)]
fn report(
    db: &Db,
    n: u32,
    members: &[&str],
    group: Option<&str>,
    state: &str,
    submitted: Option<&str>,
    adopted: Option<&str>,
    combined: bool,
) {
    let id = format!("opinion-{n}");
    db.conn()
        .execute(
            "INSERT INTO opinions (id, title, report_date, state, submitted_at, adopted_level, adopted_form, adopted_at,
                                   combined, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?3, ?5, ?6, ?7, ?8, '2020-01-01', '2020-01-01')",
            params![
                id,
                format!("关于第{n}件事的建议"),
                submitted,
                state,
                adopted.map(|_| "district"),
                adopted.map(|_| "single"),
                adopted,
                combined
            ],
        )
        .unwrap();
    let mut seq = 0;
    for m in members {
        db.conn()
            .execute(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, role, name) VALUES (?1, ?2, 'member', ?3, ?4, '某委员')",
                params![id, seq, m, if seq == 0 { "first" } else { "co" }],
            )
            .unwrap();
        seq += 1;
    }
    if let Some(g) = group {
        db.conn()
            .execute(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, group_id, role, name) VALUES (?1, ?2, 'group', ?3, 'first', '联络组')",
                params![id, seq, g],
            )
            .unwrap();
    }
}

fn reflection(db: &Db, n: u32, activity: &str, member: &str, deleted: bool) {
    db.conn()
        .execute(
            "INSERT INTO reflections (id, activity_id, member_id, title, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, '学习心得', '2020-01-01', '2020-01-01', ?4)",
            params![format!("reflection-{n}"), activity, member, deleted.then_some("2020-01-02")],
        )
        .unwrap();
}

fn proposal(db: &Db, n: u32, year: i32, state: &str, submitted: &str, member: Option<&str>, group: Option<&str>) {
    let id = format!("proposal-{n}");
    db.conn()
        .execute(
            "INSERT INTO proposals (id, year, title, category, timing, state, submitted_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'society', 'routine', ?4, ?5, '2020-01-01', '2020-01-01')",
            params![id, year, format!("关于第{n}件事的提案"), state, submitted],
        )
        .unwrap();
    db.conn()
        .execute(
            "INSERT INTO proposal_proposers (proposal_id, seq, role, kind, member_id, group_id) VALUES (?1, 0, 'lead', ?2, ?3, ?4)",
            params![id, if member.is_some() { "member" } else { "group" }, member, group],
        )
        .unwrap();
}

fn issue(db: &Db, n: u32, year: i32, number: i32, date: &str, deleted: bool) {
    db.conn()
        .execute(
            "INSERT INTO bulletin_issues (id, year, number, total_number, issue_date, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '2020-01-01', '2020-01-01', ?6)",
            params![format!("issue-{n}"), year, number, n, date, deleted.then_some("2020-01-02")],
        )
        .unwrap();
}

/// The small office: groups 城关 (王一, 王二, 王三) and 东山 (李四, 李五), 赵六 in no group, 孙七 left.
struct Office {
    m: Vec<String>,
    a: String,
    b: String,
}

fn office(db: &mut Db) -> Office {
    let m: Vec<String> = [
        ("王一", "男", "1970-05-01", "大学本科"),
        ("王二", "女", "1990-01-01", "硕士研究生"),
        ("王三", "男", "1960-12-31", ""),
        ("李四", "女", "1980-06-15", "大学本科"),
        ("李五", "男", "", "大专"),
        ("赵六", "女", "1955-03-03", "大学本科"),
        ("孙七", "男", "1975-01-01", "大学本科"),
    ]
    .iter()
    .map(|(n, g, b, e)| member(db, n, g, b, e))
    .collect();
    db.conn().execute("UPDATE members SET status = 'left' WHERE id = ?1", [&m[6]]).unwrap();
    let a = group(db, "城关镇联络组", &m[0..3]);
    let b = group(db, "东山镇联络组", &m[3..5]);
    let y = year();

    // Visits: 王一 in Q1 and Q2, 李四 in Q3, 赵六 in Q4 — 4 done; one cancelled, one not recorded, one last year.
    visit(db, 1, &m[0], &d(2, 10), Some(&d(2, 10)));
    visit(db, 2, &m[0], &d(5, 10), Some(&d(5, 12)));
    visit(db, 3, &m[3], &d(8, 1), Some(&d(8, 1)));
    visit(db, 4, &m[5], &d(12, 1), Some(&d(12, 1)));
    visit(db, 5, &m[1], &d(3, 1), Some(&d(3, 1)));
    db.conn().execute("UPDATE activities SET status = 'cancelled' WHERE id = 'visit-5'", []).unwrap();
    visit(db, 6, &m[2], &d(6, 1), None);
    visit(db, 7, &m[1], &format!("{}-06-01", y - 1), Some(&format!("{}-06-01", y - 1)));

    // Group activities: 城关 Q1 and Q2 complete, Q2 one lacking a 负责人, Q4 complete but cancelled;
    // 东山 Q1 lacking a 负责人, Q3 complete (a research trip: also an inspection item).
    activity(db, ActivityKind::Group, "城关一季度活动", &d(1, 20), Some(&a), true);
    activity(db, ActivityKind::Group, "城关二季度活动", &d(4, 20), Some(&a), true);
    activity(db, ActivityKind::Group, "城关二季度座谈", &d(5, 20), Some(&a), false);
    let c = activity(db, ActivityKind::Group, "城关四季度活动", &d(11, 20), Some(&a), true);
    cancel(db, &c);
    activity(db, ActivityKind::Group, "东山一季度活动", &d(2, 20), Some(&b), false);
    activity(db, ActivityKind::Research, "东山三季度调研", &d(7, 20), Some(&b), true);
    // Office inspections: one in Q2, one cancelled.
    activity(db, ActivityKind::Inspection, "视察养老机构", &d(6, 5), None, true);
    let c = activity(db, ActivityKind::Inspection, "视察河道", &d(9, 5), None, true);
    cancel(db, &c);

    // Reports: 1 by 王一 + 李四 (adopted in Q2), 2 by 王一, 3 a draft by 王二, 4 by 东山, 5 by 李五 last year,
    // 6 a combined report (王三) adopted in Q3.
    report(db, 1, &[&m[0], &m[3]], None, "adopted", Some(&d(3, 1)), Some(&d(5, 1)), false);
    report(db, 2, &[&m[0]], None, "submitted", Some(&d(6, 1)), None, false);
    report(db, 3, &[&m[1]], None, "draft", None, None, false);
    report(db, 4, &[], Some(&b), "submitted", Some(&d(8, 1)), None, false);
    report(db, 5, &[&m[4]], None, "submitted", Some(&format!("{}-08-01", y - 1)), None, false);
    report(db, 6, &[&m[2]], None, "adopted", Some(&d(9, 1)), Some(&d(9, 15)), true);

    // Reflections on a study session in Q2: 王一 2, 王二 1 (+1 deleted), 李四 3.
    let s = activity(db, ActivityKind::Study, "理论学习会", &d(4, 8), None, true);
    for (n, (who, del)) in
        [(0, false), (0, false), (1, false), (1, true), (3, false), (3, false), (3, false)].iter().enumerate()
    {
        reflection(db, n as u32, &s, &m[*who], *del);
    }

    // Proposals: 李五 (submitted, Q1), a draft, 城关 as a group (accepted, Q3), one of last year.
    proposal(db, 1, y, "submitted", &d(1, 15), Some(&m[4]), None);
    proposal(db, 2, y, "draft", &d(1, 16), Some(&m[0]), None);
    proposal(db, 3, y, "accepted", &d(7, 15), None, Some(&a));
    proposal(db, 4, y - 1, "submitted", &format!("{}-03-01", y - 1), Some(&m[0]), None);

    // Bulletin issues: two this year (Q1, Q3), one deleted, one last year.
    issue(db, 1, y - 1, 8, &format!("{}-12-20", y - 1), false);
    issue(db, 2, y, 1, &d(3, 20), false);
    issue(db, 3, y, 2, &d(8, 20), false);
    issue(db, 4, y, 3, &d(9, 20), true);
    Office { m, a, b }
}

fn item(p: &WorkPlanProgress, i: PlanItem) -> &PlanProgress {
    p.items.iter().find(|x| x.item == i).unwrap_or_else(|| panic!("{i:?}"))
}

fn list(db: &Db, item: PlanItem, list: PlanListKind, quarter: Option<i32>, group: Option<&str>) -> PlanList {
    db.work_plan_list(&PlanListQuery { year: year(), item, list, quarter, group_id: group.map(String::from) }).unwrap()
}

/// Every figure of the small office, counted by hand.
#[test]
fn actuals_by_quarter_and_group_counted_by_hand() {
    let (_d, mut db) = open();
    let o = office(&mut db);
    let p = db.work_plan_progress(year()).unwrap();
    assert!(!p.saved);
    assert_eq!(p.members, 6, "孙七 has left");
    assert_eq!(p.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["城关镇联络组", "东山镇联络组"]);
    assert_eq!(p.current_quarter, None);

    let v = item(&p, PlanItem::MemberVisits);
    assert_eq!((v.target, v.actual, v.short, v.percent), (60, 4, 56, 6));
    assert_eq!(v.by_quarter, [1, 1, 1, 1]);
    assert_eq!(v.by_group, [2, 1]);

    let b = item(&p, PlanItem::BulletinIssues);
    assert_eq!((b.target, b.actual), (8, 2));
    assert_eq!(b.by_quarter, [1, 0, 1, 0]);
    assert_eq!(b.by_group, [0, 0]);

    let r = item(&p, PlanItem::Opinions);
    assert_eq!(r.actual, 3, "reports 1, 2, 4: not the draft, last year's or the combined one");
    assert_eq!(r.by_quarter, [1, 1, 1, 0]);
    assert_eq!(r.by_group, [2, 2], "城关: 1, 2 (王一); 东山: 1 (李四 co-submitted), 4 (the group)");

    let a = item(&p, PlanItem::OpinionsAdopted);
    assert_eq!(a.actual, 2);
    assert_eq!(a.by_quarter, [0, 1, 1, 0]);
    assert_eq!(a.by_group, [2, 1]);

    let pr = item(&p, PlanItem::Proposals);
    assert_eq!(pr.actual, 2);
    assert_eq!(pr.by_quarter, [1, 0, 1, 0]);
    assert_eq!(pr.by_group, [1, 1]);

    let i = item(&p, PlanItem::Inspections);
    assert_eq!(i.actual, 2, "the Q2 inspection and 东山's research trip; not the cancelled one");
    assert_eq!(i.by_quarter, [0, 1, 1, 0]);
    assert_eq!(i.by_group, [0, 1]);

    let g = item(&p, PlanItem::GroupQuarterly);
    assert_eq!((g.goal, g.actual, g.short, g.incomplete), (8, 3, 5, 2));
    assert_eq!(g.by_quarter, [1, 1, 1, 0]);
    assert_eq!(g.by_group, [2, 1]);
    assert_eq!(g.percent, 37);

    let mr = item(&p, PlanItem::MemberReports);
    assert_eq!((mr.goal, mr.actual, mr.short), (6, 2, 4), "王一 2, 李四 1");
    assert_eq!(mr.by_group, [1, 1]);
    assert_eq!(mr.group_members, [3, 2]);
    assert!(mr.by_quarter.is_empty());

    let rf = item(&p, PlanItem::MemberReflections);
    assert_eq!((rf.target, rf.actual, rf.short), (2, 2, 4), "王一 2, 李四 3; 王二's second is deleted");
    assert_eq!(rf.by_group, [1, 1]);

    // The lists name the right records.
    let short = list(&db, PlanItem::MemberReflections, PlanListKind::Short, None, None);
    let names: Vec<&str> = short.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(names.len(), 4);
    for n in ["王二", "王三", "李五", "赵六"] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    assert!(short.rows.iter().find(|r| r.title == "王二").unwrap().detail.contains("学习心得 1 篇"));
    let visits = list(&db, PlanItem::MemberVisits, PlanListKind::Done, Some(2), None);
    assert_eq!(visits.rows.len(), 1);
    assert_eq!((visits.rows[0].id.as_str(), visits.rows[0].date.as_str()), ("visit-2", d(5, 12).as_str()));
    assert_eq!(visits.rows[0].group, "城关镇联络组");
    let joint = list(&db, PlanItem::Opinions, PlanListKind::Done, None, Some(&o.b));
    assert_eq!(joint.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["opinion-1", "opinion-4"]);
    assert_eq!(joint.rows[0].group, "城关镇联络组、东山镇联络组");
    assert!(joint.caption.contains("东山镇联络组"), "{}", joint.caption);
    let lacking = list(&db, PlanItem::GroupQuarterly, PlanListKind::Incomplete, None, None);
    assert_eq!(lacking.rows.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(), ["东山一季度活动", "城关二季度座谈"]);
    assert!(lacking.rows.iter().all(|r| r.detail == "缺负责人"));
    let _ = o.m;
}

/// Groups with no activity (四落实 complete) in a quarter are listed, with the incomplete ones noted.
#[test]
fn a_group_with_no_activity_in_a_quarter_is_listed() {
    let (_d, mut db) = open();
    let o = office(&mut db);
    let q1 = list(&db, PlanItem::GroupQuarterly, PlanListKind::Short, Some(1), None);
    assert_eq!(q1.rows.len(), 1);
    assert_eq!((q1.rows[0].id.as_str(), q1.rows[0].quarter), (o.b.as_str(), 1));
    assert_eq!(q1.rows[0].detail, "没有四落实齐全的活动；另有 1 次四落实不全");
    let q4 = list(&db, PlanItem::GroupQuarterly, PlanListKind::Short, Some(4), None);
    assert_eq!(q4.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [o.a.as_str(), o.b.as_str()]);
    assert_eq!(q4.caption, format!("{}年 · 每个联络组每季度开展活动（四落实齐全） · 未达标 · 第四季度", year()));
    // This year, counted in May: Q1 and Q2 are due, Q3 and Q4 not yet.
    let may = NaiveDate::from_ymd_opt(year(), 5, 25).unwrap();
    let p = db.work_plan_progress_as_of(year(), may).unwrap();
    let g = item(&p, PlanItem::GroupQuarterly);
    assert_eq!((g.goal, g.actual), (4, 2));
    assert_eq!(p.current_quarter, Some(2));
    let q = PlanListQuery {
        year: year(),
        item: PlanItem::GroupQuarterly,
        list: PlanListKind::Short,
        quarter: None,
        group_id: None,
    };
    let short = db.work_plan_list_as_of(&q, may).unwrap();
    assert_eq!(
        short.rows.iter().map(|r| (r.id.as_str(), r.quarter)).collect::<Vec<_>>(),
        [(o.b.as_str(), 1), (o.b.as_str(), 2)]
    );
    // A quarter out of range is refused in Chinese.
    let e = db.work_plan_list(&PlanListQuery { quarter: Some(5), ..q.clone() }).unwrap_err();
    assert!(matches!(&e, Error::Validation(f) if f[0].message.contains("季度应为 1 到 4")), "{e:?}");
}

/// For every item, every quarter and every group: the list has as many rows as the number says.
#[test]
fn the_list_behind_each_number_equals_the_number() {
    let (_d, mut db) = open();
    office(&mut db);
    let p = db.work_plan_progress(year()).unwrap();
    let mut checked = 0;
    for i in &p.items {
        let n = |l: PlanListKind, q: Option<i32>, g: Option<&str>| list(&db, i.item, l, q, g).rows.len() as i32;
        assert_eq!(n(PlanListKind::Done, None, None), i.actual, "{:?}", i.item);
        if i.kind != PlanItemKind::Count {
            assert_eq!(n(PlanListKind::Short, None, None), i.short, "{:?} short", i.item);
        }
        if i.kind == PlanItemKind::PerGroupQuarter {
            assert_eq!(n(PlanListKind::Incomplete, None, None), i.incomplete);
        }
        for (q, want) in i.by_quarter.iter().enumerate() {
            assert_eq!(n(PlanListKind::Done, Some(q as i32 + 1), None), *want, "{:?} Q{}", i.item, q + 1);
            checked += 1;
        }
        for (g, want) in i.by_group.iter().enumerate() {
            assert_eq!(n(PlanListKind::Done, None, Some(&p.groups[g].id)), *want, "{:?} {}", i.item, p.groups[g].name);
            if i.kind == PlanItemKind::PerMember {
                let short = n(PlanListKind::Short, None, Some(&p.groups[g].id));
                assert_eq!(short + want, i.group_members[g]);
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}

/// Targets are saved per year, checked with Chinese messages, a new year starts from last year's
/// plan, and changing a target changes the progress and nothing else.
#[test]
fn targets_saved_checked_and_copied_from_last_year() {
    let (_d, mut db) = open();
    office(&mut db);
    let y = year();
    let plan = db.work_plan(y).unwrap();
    assert!(!plan.saved && plan.copied_from.is_none());
    assert_eq!(plan.targets.len(), PlanItem::ALL.len());
    let input = |targets: Vec<PlanTargetInput>| WorkPlanInput { year: y, targets };
    let from = |p: &WorkPlan| -> Vec<PlanTargetInput> {
        p.targets
            .iter()
            .map(|t| PlanTargetInput {
                item: t.item,
                enabled: t.enabled,
                target: t.target,
                target_max: t.target_max,
                label: t.label.clone(),
            })
            .collect()
    };

    // Bad input: a range upside down, an item in the plan with target 0, a long name.
    let mut bad = from(&plan);
    bad[0].target = 0;
    bad[7].target_max = Some(0);
    bad[2].label = "很".repeat(41);
    let Err(Error::Validation(f)) = db.save_work_plan(input(bad)) else { panic!("refused") };
    let fields: Vec<(&str, &str)> = f.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
    assert_eq!(fields.len(), 3, "{fields:?}");
    assert_eq!(fields[0], ("targets[0].target", "“走访委员”：目标为 0 的项目请取消勾选，不列入计划"));
    assert_eq!(fields[1].0, "targets[2].label");
    assert_eq!(
        fields[2],
        ("targets[7].target_max", "“每位委员每年报送社情民意信息”：上限 0 小于目标 1，请改为不小于目标的数，或留空")
    );
    assert!(!db.work_plan(y).unwrap().saved, "nothing written");

    // Saved: visits 5, proposals off, the office's wording for group quarterly.
    let mut t = from(&plan);
    t[0].target = 5;
    t[4].enabled = false;
    t[6].label = "联络组每季度一次活动".into();
    let saved = db.save_work_plan(input(t)).unwrap();
    assert!(saved.saved);
    assert_eq!(saved.targets[0].target, 5);
    let before = db.work_plan_progress(y).unwrap();
    assert!(before.saved);
    assert!(before.items.iter().all(|i| i.item != PlanItem::Proposals));
    assert_eq!(item(&before, PlanItem::MemberVisits).percent, 80);
    assert_eq!(item(&before, PlanItem::GroupQuarterly).label, "联络组每季度一次活动");
    let audits: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'work_plan' AND entity_id = ?1",
            [y.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 1);
    // 数据安全's log names it.
    let log = db.history(&Default::default()).unwrap();
    let e = log.entries.iter().find(|e| e.entity == "work_plan").unwrap();
    assert_eq!((e.entity_label.as_str(), e.record.as_str()), ("工作计划", format!("{y}年工作计划").as_str()));

    // Group quarterly raised to 2 a quarter: only that item's figures change.
    let mut t = from(&db.work_plan(y).unwrap());
    t[6].target = 2;
    db.save_work_plan(input(t)).unwrap();
    let after = db.work_plan_progress(y).unwrap();
    for (a, b) in before.items.iter().zip(&after.items) {
        if a.item == PlanItem::GroupQuarterly {
            assert_eq!((a.actual, b.actual), (3, 0));
        } else {
            assert_eq!((a.actual, &a.by_quarter, &a.by_group), (b.actual, &b.by_quarter, &b.by_group), "{:?}", a.item);
        }
    }

    // Next year starts from this year's plan; saving it leaves this year's alone.
    let next = db.work_plan(y + 1).unwrap();
    assert_eq!((next.saved, next.copied_from), (false, Some(y)));
    assert_eq!(next.targets, db.work_plan(y).unwrap().targets);
    let mut t = from(&next);
    t[0].target = 70;
    db.save_work_plan(WorkPlanInput { year: y + 1, targets: t }).unwrap();
    assert_eq!(db.work_plan(y).unwrap().targets[0].target, 5);
    assert_eq!(db.work_plan(y + 1).unwrap().targets[0].target, 70);
    let e = db.copy_work_plan(y, y + 1).unwrap_err();
    assert!(matches!(&e, Error::Conflict(m) if m.contains("已有工作计划")), "{e:?}");
    let copied = db.copy_work_plan(y + 1, y + 2).unwrap();
    assert_eq!(copied.targets[0].target, 70);
    // An item a newer program added is left alone: the plan reads without it.
    db.conn()
        .execute(
            "INSERT INTO work_plan_targets (year, item, target, created_at, updated_at) VALUES (?1, 'five_ones', 5, 'x', 'x')",
            [y],
        )
        .unwrap();
    assert_eq!(db.work_plan(y).unwrap().targets.len(), PlanItem::ALL.len());
    assert!(db.work_plan_progress(y).is_ok());
}

/// The bulletin's target is typed once: the year's plan holds it, and setting it on the 社情民意 screen
/// changes this year's plan.
#[test]
fn the_bulletin_target_is_the_plans() {
    let (_d, mut db) = open();
    let now = today().year();
    assert_eq!(db.bulletin_year(now).unwrap().target, 8);
    let mut t: Vec<PlanTargetInput> = db
        .work_plan(now)
        .unwrap()
        .targets
        .iter()
        .map(|t| PlanTargetInput {
            item: t.item,
            enabled: t.enabled,
            target: t.target,
            target_max: t.target_max,
            label: String::new(),
        })
        .collect();
    t[1].target = 10;
    db.save_work_plan(WorkPlanInput { year: now, targets: t }).unwrap();
    assert_eq!(db.bulletin_year(now).unwrap().target, 10);
    assert_eq!(db.bulletin_year(now - 5).unwrap().target, 8, "a year without a plan: the setting");
    assert_eq!(db.set_bulletin_target(12).unwrap().target, 12);
    assert_eq!(db.work_plan(now).unwrap().targets[1].target, 12);
    assert_eq!(db.bulletin_year(now - 5).unwrap().target, 12);
    assert_eq!(item(&db.work_plan_progress(now).unwrap(), PlanItem::BulletinIssues).target, 12);
    let audits: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'work_plan' AND action = 'update'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audits, 1);
}

/// The composition: each dimension sums to the live members of the current term.
#[test]
fn composition_counts_sum_to_the_live_members() {
    let (_d, mut db) = open();
    office(&mut db);
    // One member deleted: not counted.
    let gone = member(&mut db, "钱八", "男", "1980-01-01", "大学本科");
    db.delete_member(&gone).unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let c = db.composition_on(on).unwrap();
    assert_eq!(c.total, 6);
    assert_eq!(c.tables.len(), 6);
    for t in &c.tables {
        assert_eq!(t.rows.iter().map(|r| r.count).sum::<i32>(), 6, "{:?}", t.dim);
        let share: f64 = t.rows.iter().map(|r| r.share).sum();
        assert!((share - 100.0).abs() < 0.2, "{:?} {share}", t.dim);
    }
    let t = |dim: CompositionDim| -> Vec<(String, i32)> {
        c.tables.iter().find(|t| t.dim == dim).unwrap().rows.iter().map(|r| (r.label.clone(), r.count)).collect()
    };
    let s = |v: &[(&str, i32)]| v.iter().map(|(l, n)| (l.to_string(), *n)).collect::<Vec<_>>();
    assert_eq!(t(CompositionDim::Gender), s(&[("男", 3), ("女", 3)]));
    // Ages on 2026-06-01: 王一 56, 王二 36, 王三 65, 李四 45, 李五 unknown, 赵六 71.
    assert_eq!(
        t(CompositionDim::Age),
        s(&[("40岁以下", 1), ("40–49岁", 1), ("50–59岁", 1), ("60岁及以上", 2), ("出生日期不详", 1)])
    );
    assert_eq!(t(CompositionDim::Education), s(&[("硕士研究生", 1), ("大学本科", 3), ("大专", 1), ("未填写", 1)]));
    assert_eq!(t(CompositionDim::Group), s(&[("城关镇联络组", 3), ("东山镇联络组", 2), ("未分组", 1)]));
    assert_eq!(t(CompositionDim::Sector), s(&[("教育界", 6)]));
    assert_eq!(t(CompositionDim::Party), s(&[("未填写", 6)]));
    let c = db.composition().unwrap();
    assert_eq!(c.total, 6);
}

fn cells(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    o => o.to_string(),
                })
                .collect()
        })
        .collect()
}

/// Both exports, read back with calamine; and from the CLI, with its JSON.
#[test]
fn exports_read_back_and_cli_json() {
    let (dir, mut db) = open();
    office(&mut db);
    let y = year();
    let out = dir.path().join("计划.xlsx");
    let s = db.export_work_plan(y, &out).unwrap();
    assert_eq!(s.rows, 9);
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["完成情况", "按联络组", "未达标联络组", "四落实不全的活动", "社情民意未达标委员", "学习心得未达标委员"]
    );
    let main = cells(&out, "完成情况");
    assert_eq!(main[0][0], format!("{y}年工作计划完成情况"));
    assert_eq!(main[2], ["序号", "项目", "目标", "完成", "完成率", "一季度", "二季度", "三季度", "四季度", "说明"]);
    assert_eq!(
        main[3][1..],
        ["走访委员", "60 人次", "4 人次", "6%", "1", "1", "1", "1", "尚差 56 人次"].map(String::from)
    );
    let g = main.iter().find(|r| r[1].starts_with("每个联络组")).unwrap();
    assert_eq!(g[3], "3 / 8 组次");
    assert_eq!(g[9], "未达标 5 组次；四落实不全的活动 2 次");
    let by = cells(&out, "按联络组");
    assert_eq!(by[3][1], "城关镇联络组");
    assert_eq!(by[3][2], "2", "visits to 城关's members");
    let short = cells(&out, "学习心得未达标委员");
    assert_eq!(short.len(), 3 + 4);
    assert_eq!(short[2], ["序号", "姓名", "联络组", "完成情况"]);
    let groups = cells(&out, "未达标联络组");
    assert_eq!(groups[2], ["序号", "季度", "联络组", "说明"]);
    assert_eq!(groups[3][1..3], ["第一季度", "东山镇联络组"].map(String::from));
    let lacking = cells(&out, "四落实不全的活动");
    assert_eq!(lacking[3][1..], [d(2, 20).as_str(), "东山一季度活动", "东山镇联络组", "负责人"].map(String::from));

    let comp = dir.path().join("构成.xlsx");
    assert_eq!(db.export_composition(&comp).unwrap().rows, 6);
    let wb: Xlsx<_> = open_workbook(&comp).unwrap();
    assert_eq!(wb.sheet_names(), ["界别", "党派", "性别", "年龄", "学历", "联络组"]);
    let age = cells(&comp, "年龄");
    assert!(age[0][0].ends_with("委员构成统计（按年龄）"), "{}", age[0][0]);
    assert_eq!(age[2], ["序号", "类别", "人数", "占比"]);
    assert_eq!(age.last().unwrap()[..], ["合计", "", "6", "100.0%"].map(String::from), "合计 is not a numbered row");
    let gender = cells(&comp, "性别");
    assert_eq!(gender[3][1..], ["男", "3", "50.0%"].map(String::from));

    // The CLI.
    let path = dir.path().join("t.db");
    drop(db);
    let o = liaison(&path, &["workplan", "--year", &y.to_string(), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["year"], y);
    assert_eq!(v["members"], 6);
    let visits = v["items"].as_array().unwrap().iter().find(|i| i["item"] == "member_visits").unwrap();
    assert_eq!(visits["actual"], 4);
    assert_eq!(visits["by_group"], serde_json::json!([2, 1]));
    let ys = y.to_string();
    let o = liaison(
        &path,
        &["--json", "workplan", "--year", &ys, "--list", "group_quarterly", "--which", "short", "--quarter", "1"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
    assert_eq!(v["rows"][0]["group"], "东山镇联络组");
    let o = liaison(&path, &["workplan", "--year", &ys, "--list", "member_reflections", "--which", "short"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("学习心得 1 篇（目标 2–3 篇）") && text.ends_with("共 4 条\n"), "{text}");
    let o = liaison(&path, &["workplan", "--list", "visits"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有“visits”这一项"));
    let o = liaison(&path, &["workplan", "--year", &y.to_string()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("走访委员\t目标 60 人次，完成 4 人次\t6%（各季度 1 / 1 / 1 / 1）"), "{text}");
    let x = dir.path().join("cli.xlsx");
    let o = liaison(&path, &["export", "workplan", "--year", &y.to_string(), "--out", x.to_str().unwrap()]);
    assert!(o.status.success() && x.exists());
    let o = liaison(&path, &["export", "composition", "--out", dir.path().join("c.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("委员构成统计为 .xlsx 文件"));
    let o = liaison(&path, &["--json", "export", "composition", "--out", dir.path().join("c.xlsx").to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"], 6);
}

/// The demo sets this year's and last year's plans.
#[test]
fn the_demo_sets_the_plans() {
    let (_d, mut db) = open();
    db.load_demo(120, None).unwrap();
    let y = today().year();
    let p = db.work_plan(y).unwrap();
    assert!(p.saved);
    assert_eq!(p.targets[0].target, 60);
    assert_eq!(db.work_plan(y - 1).unwrap().targets[0].target, 50);
    let g = db.work_plan_progress(y).unwrap();
    assert_eq!(g.items.len(), PlanItem::ALL.len());
    assert!(item(&g, PlanItem::MemberVisits).actual > 0);
}

#[test]
fn a_joint_activity_counts_for_each_of_its_groups() {
    let (_d, mut db) = open();
    let o = office(&mut db);
    // Group b has no complete activity in Q1; one organised by group a jointly with b gives it one.
    let short = |db: &Db| list(db, PlanItem::GroupQuarterly, PlanListKind::Short, Some(1), None).rows.len();
    assert_eq!(short(&db), 1);
    db.save_activity(ActivityInput {
        kind: ActivityKind::Group,
        title: "城关、西城联片学习会".into(),
        date: d(2, 20),
        place: "委员之家".into(),
        content: "学习交流".into(),
        responsible: "周建国".into(),
        organiser: Organiser::Group,
        group_id: Some(o.a.clone()),
        joint_group_ids: vec![o.b.clone()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(short(&db), 0, "the joint activity counts for group b too");
    let done = list(&db, PlanItem::GroupQuarterly, PlanListKind::Done, Some(1), Some(&o.b));
    assert_eq!(done.rows.len(), 1, "{:?}", done.rows);
    assert_eq!(done.rows[0].id, o.b);
    assert!(done.rows[0].detail.starts_with("四落实齐全的活动 1 次"), "{:?}", done.rows);
}
