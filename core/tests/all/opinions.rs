//! 社情民意 reports and the bulletin 《社情民意》 (issue 13) on a real SQLite file: every step of the
//! workflow and the refused ones, the audit entries, the merge into a combined report, `opinion_from`,
//! the member page's totals, bulletin numbering (a number used twice refused, 总第M期 across years),
//! deletion and restore, the demo, the register read back, and the CLI.

use crate::common::{count, liaison, open, today, zip_text};
use chrono::Datelike;
use liaison_core::model::*;
use liaison_core::opinions::*;
use liaison_core::{Db, Error};

fn member(db: &mut Db, name: &str) -> String {
    let sector = db.refs(RefKind::Sector).unwrap().into_iter().find(|r| r.name == "教育界").unwrap().id;
    let term = db.current_term().unwrap().unwrap().id;
    db.save_member(MemberInput {
        name: name.into(),
        gender: "女".into(),
        sector_id: Some(sector),
        term_ids: vec![term],
        ..Default::default()
    })
    .unwrap()
    .id
}

pub(crate) fn draft(db: &mut Db, title: &str, members: &[&String]) -> String {
    db.save_opinion(OpinionInput {
        title: title.into(),
        date: format!("{}-03-05", today().year()),
        situation: "全区共有留守老人一万余人。".into(),
        problem: "日间照料中心运营困难。".into(),
        suggestion: "一是加大投入；二是引入社会力量。".into(),
        topics: vec!["养老、民生".into()],
        submitters: members
            .iter()
            .map(|m| ReportSubmitterInput { kind: ReportSubmitterKind::Member, id: (*m).clone() })
            .collect(),
        ..Default::default()
    })
    .unwrap()
    .row
    .id
}

fn conflict(r: liaison_core::Result<OpinionDetail>) -> String {
    match r {
        Err(Error::Conflict(m)) => m,
        Err(e) => panic!("expected a conflict, got {e:?}"),
        Ok(d) => panic!("expected a conflict, got state {:?}", d.row.state),
    }
}

fn state(db: &Db, id: &str) -> OpinionState {
    db.opinion(id).unwrap().row.state
}

fn audits(db: &Db, id: &str, action: &str) -> i64 {
    db.conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'opinion' AND entity_id = ?1 AND action = ?2",
            [id, action],
            |r| r.get(0),
        )
        .unwrap()
}

fn step(text: &str) -> StepInput {
    StepInput { text: text.into(), date: String::new() }
}

fn adopt(level: OpinionLevel) -> AdoptInput {
    AdoptInput { level, form: AdoptForm::Single, by: "区政协办公室".into(), date: String::new() }
}

/// Draft → submitted → 核稿 → adopted → 批示 ×2 → 转办 → 办复 → 反馈, each with its audit entry.
#[test]
fn the_whole_workflow() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let id = draft(&mut db, "关于加强农村留守老人关爱服务的建议", &[&a, &b]);
    let d = db.opinion(&id).unwrap();
    assert_eq!(d.row.state, OpinionState::Draft);
    assert_eq!(d.row.submitters, "王伟、李娜");
    assert_eq!(d.submitters[0].role, SubmitterRole::First);
    assert_eq!(d.submitters[1].role, SubmitterRole::Co);
    assert_eq!(d.row.topics, vec!["养老", "民生"]);
    assert_eq!(d.next, vec![OpinionStep::Edit, OpinionStep::Submit]);
    assert_eq!(audits(&db, &id, "create"), 1);

    db.submit_opinion(&id).unwrap();
    assert_eq!(state(&db, &id), OpinionState::Submitted);
    // The original is fixed once submitted.
    let mut again = OpinionInput { id: Some(id.clone()), title: "改过的标题".into(), ..Default::default() };
    again.submitters = vec![ReportSubmitterInput { kind: ReportSubmitterKind::Member, id: a.clone() }];
    assert!(conflict(db.save_opinion(again)).contains("不能修改原文"));

    let d = db
        .review_opinion(
            &id,
            ReviewInput {
                text: OpinionText {
                    title: "关于加强农村留守老人关爱服务的建议".into(),
                    suggestion: "一是将农村养老服务设施纳入规划；二是引导社会组织参与运营。".into(),
                    ..Default::default()
                },
                editor: "张丽".into(),
                date: String::new(),
                note: "建议部分压缩".into(),
            },
        )
        .unwrap();
    assert_eq!(d.row.state, OpinionState::Editing);
    // The original kept beside the edited text; parts left empty are the original's.
    assert_eq!(d.original.suggestion, "一是加大投入；二是引入社会力量。");
    assert_eq!(d.edited.suggestion, "一是将农村养老服务设施纳入规划；二是引导社会组织参与运营。");
    assert_eq!(d.edited.situation, d.original.situation);
    assert_eq!(d.editor, "张丽");
    assert_eq!(d.edited_at.as_deref(), Some(today().format("%Y-%m-%d").to_string().as_str()));

    let d = db.adopt_opinion(&id, adopt(OpinionLevel::City)).unwrap();
    assert_eq!(d.row.state, OpinionState::Adopted);
    assert_eq!(d.row.adopted_level, Some(OpinionLevel::City));
    assert_eq!(d.row.adopted_form, Some(AdoptForm::Single));

    let ins = InstructionInput {
        leader: "市委副书记 赵启明".into(),
        level: OpinionLevel::City,
        date: String::new(),
        text: "请市民政局研究。".into(),
    };
    assert_eq!(db.instruct_opinion(&id, ins.clone()).unwrap().row.state, OpinionState::Instructed);
    let ins2 = InstructionInput { leader: "区长 孙海涛".into(), level: OpinionLevel::District, ..ins };
    let d = db.instruct_opinion(&id, ins2).unwrap();
    assert_eq!(d.instructions.len(), 2);
    assert_eq!(d.row.instructions, 2);

    assert_eq!(db.transfer_opinion(&id, step("区民政局")).unwrap().row.state, OpinionState::Transferred);
    assert_eq!(db.reply_opinion(&id, step("已纳入明年计划。")).unwrap().row.state, OpinionState::Replied);
    let d = db.feedback_opinion(&id, step("已电话告知王伟委员。")).unwrap();
    assert_eq!(d.row.state, OpinionState::FedBack);
    assert_eq!(d.department, "区民政局");
    assert_eq!(d.reply, "已纳入明年计划。");
    // A 批示 may still come after the feedback; the state stays.
    assert_eq!(d.next, vec![OpinionStep::Instruct]);
    let ins3 = InstructionInput { leader: "副省长".into(), level: OpinionLevel::Province, ..Default::default() };
    assert_eq!(db.instruct_opinion(&id, ins3).unwrap().row.state, OpinionState::FedBack);

    for action in ["submit", "review", "adopt", "transfer", "reply", "feedback"] {
        assert_eq!(audits(&db, &id, action), 1, "{action}");
    }
    assert_eq!(audits(&db, &id, "instruct"), 3);
    // The audit entry names the state change.
    let ch: String = db
        .conn()
        .query_row("SELECT changes FROM audit_log WHERE entity_id = ?1 AND action = 'adopt'", [&id], |r| r.get(0))
        .unwrap();
    assert!(ch.contains("核稿中") && ch.contains("已采用") && ch.contains("市级"), "{ch}");
}

/// Steps out of order are refused with a sentence that says what to do, and change nothing.
#[test]
fn refused_steps() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let id = draft(&mut db, "关于破解老旧小区停车难问题的建议", &[&a]);
    let m = conflict(db.adopt_opinion(&id, adopt(OpinionLevel::District)));
    assert!(m.contains("尚未提交") && m.contains("请先提交"), "{m}");
    assert!(conflict(db.review_opinion(&id, ReviewInput::default())).contains("尚未提交"));
    assert!(conflict(db.instruct_opinion(&id, InstructionInput { leader: "区长".into(), ..Default::default() }))
        .contains("尚未提交"));
    assert!(conflict(db.transfer_opinion(&id, step("区住建局"))).contains("尚未提交"));
    assert!(conflict(db.feedback_opinion(&id, step("已告知"))).contains("尚未提交"));
    assert_eq!(state(&db, &id), OpinionState::Draft);

    db.submit_opinion(&id).unwrap();
    assert!(conflict(db.submit_opinion(&id)).contains("不能提交"));
    let m = conflict(db.adopt_opinion(&id, adopt(OpinionLevel::District)));
    assert!(m.contains("尚未核稿") && m.contains("请先核稿"), "{m}");
    db.review_opinion(&id, ReviewInput { editor: "张丽".into(), ..Default::default() }).unwrap();
    let m = conflict(db.reply_opinion(&id, step("已办理")));
    assert!(m.contains("正在核稿"), "{m}");
    db.adopt_opinion(&id, adopt(OpinionLevel::District)).unwrap();
    let m = conflict(db.reply_opinion(&id, step("已办理")));
    assert!(m.contains("尚未转办") && m.contains("请先转办"), "{m}");
    assert!(conflict(db.retain_opinion(&id, step(""))).contains("不能留存"));
    assert!(conflict(db.review_opinion(&id, ReviewInput::default())).contains("不能核稿"));

    // Bad input at its field.
    match db.transfer_opinion(&id, step("  ")) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "text"),
        r => panic!("{r:?}"),
    }
    match db.instruct_opinion(&id, InstructionInput { date: "2026-13-40".into(), ..Default::default() }) {
        Err(Error::Validation(f)) => {
            assert!(f.iter().any(|f| f.field == "leader"));
            assert!(f.iter().any(|f| f.field == "date"));
        }
        r => panic!("{r:?}"),
    }

    // A retained report cannot be adopted, transferred or get a 批示; feedback is fine.
    let r = draft(&mut db, "关于规范校外培训机构管理的建议", &[&a]);
    db.submit_opinion(&r).unwrap();
    db.retain_opinion(&r, step("内容与前期信息重复")).unwrap();
    assert!(conflict(db.adopt_opinion(&r, adopt(OpinionLevel::City))).contains("已留存"));
    assert!(conflict(db.transfer_opinion(&r, step("区教育局"))).contains("已留存"));
    db.feedback_opinion(&r, step("已告知留存")).unwrap();
    let m = conflict(db.instruct_opinion(&r, InstructionInput { leader: "区长".into(), ..Default::default() }));
    assert!(m.contains("未被采用"), "{m}");

    // Submitting needs a submitter and some text; an empty draft is kept, then refused at submit.
    let e = db.save_opinion(OpinionInput { title: "关于某事的建议".into(), ..Default::default() }).unwrap().row.id;
    match db.submit_opinion(&e) {
        Err(Error::Validation(f)) => {
            assert!(f.iter().any(|f| f.field == "submitters"));
            assert!(f.iter().any(|f| f.field == "situation"));
        }
        r => panic!("{r:?}"),
    }
    match db.save_opinion(OpinionInput::default()) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "title"),
        r => panic!("{r:?}"),
    }

    // Returned to the submitter: back to 暂存 with the reason, editable again.
    let t = draft(&mut db, "关于提升基层医疗卫生服务能力的建议", &[&a]);
    db.submit_opinion(&t).unwrap();
    match db.return_opinion(&t, step("")) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "text"),
        r => panic!("{r:?}"),
    }
    let d = db.return_opinion(&t, step("请补充具体数据")).unwrap();
    assert_eq!(d.row.state, OpinionState::Draft);
    assert_eq!(d.returned_reason, "请补充具体数据");
    assert!(d.next.contains(&OpinionStep::Submit));
}

/// Several reports merge into a combined one (综合): the links both ways, the submitters with their
/// roles, the sources not adoptable on their own; adopted as 综合.
#[test]
fn merge_into_a_combined_report() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let c = member(&mut db, "赵敏");
    let s1 = draft(&mut db, "关于加强农村留守老人关爱服务的建议", &[&a, &b]);
    let s2 = draft(&mut db, "关于完善社区嵌入式养老服务的建议", &[&c, &a]);
    let s3 = draft(&mut db, "关于养老的另一条建议", &[&c]);
    for s in [&s1, &s2] {
        db.submit_opinion(s).unwrap();
    }
    let text = OpinionText {
        title: "关于统筹解决养老服务短板的建议".into(),
        situation: "多位委员反映。".into(),
        ..Default::default()
    };
    // A draft cannot be merged; one report is not a merge.
    let m = conflict(db.merge_opinions(MergeInput {
        source_ids: vec![s1.clone(), s3.clone()],
        text: text.clone(),
        date: String::new(),
    }));
    assert!(m.contains("尚未提交"), "{m}");
    match db.merge_opinions(MergeInput { source_ids: vec![s1.clone()], text: text.clone(), date: String::new() }) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "source_ids"),
        r => panic!("{r:?}"),
    }
    let d =
        db.merge_opinions(MergeInput { source_ids: vec![s1.clone(), s2.clone()], text, date: String::new() }).unwrap();
    assert!(d.row.combined);
    assert_eq!(d.row.state, OpinionState::Editing);
    assert_eq!(d.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), vec![s1.clone(), s2.clone()]);
    assert_eq!(d.row.submitters, "王伟、李娜、赵敏");
    // 王伟 and 赵敏 each led a source: both first submitters; 李娜 co-signed.
    let roles: Vec<(String, SubmitterRole)> = d.submitters.iter().map(|s| (s.name.clone(), s.role)).collect();
    assert_eq!(
        roles,
        vec![
            ("王伟".into(), SubmitterRole::First),
            ("李娜".into(), SubmitterRole::Co),
            ("赵敏".into(), SubmitterRole::First)
        ]
    );
    let src = db.opinion(&s1).unwrap();
    assert_eq!(src.merged_into_id.as_deref(), Some(d.row.id.as_str()));
    assert_eq!(src.row.merged_into.as_deref(), Some("关于统筹解决养老服务短板的建议"));
    assert!(src.next.is_empty());
    let m = conflict(db.adopt_opinion(&s1, adopt(OpinionLevel::District)));
    assert!(m.contains("已并入综合信息"), "{m}");
    let m = conflict(db.merge_opinions(MergeInput {
        source_ids: vec![s1.clone(), s2.clone()],
        text: OpinionText { title: "再综合".into(), situation: "x".into(), ..Default::default() },
        date: String::new(),
    }));
    assert!(m.contains("已并入"), "{m}");
    let done =
        db.adopt_opinion(&d.row.id, AdoptInput { form: AdoptForm::Combined, ..adopt(OpinionLevel::City) }).unwrap();
    assert_eq!(done.row.adopted_form, Some(AdoptForm::Combined));
    // Each member's reports include the combined one (for the scoring).
    let mine = db.opinions(&OpinionQuery { member_id: Some(c.clone()), ..Default::default() }).unwrap();
    assert!(mine.rows.iter().any(|r| r.combined));
    // Deleting the combined report frees its sources; restoring it links them again.
    db.delete_opinion(&d.row.id).unwrap();
    assert!(db.opinion(&s1).unwrap().row.merged_into.is_none());
    db.restore_opinion(&d.row.id).unwrap();
    assert!(db.opinion(&s1).unwrap().row.merged_into.is_some());
    assert_eq!(audits(&db, &d.row.id, "merge"), 1);
    assert_eq!(audits(&db, &s1, "merged"), 1);
}

/// `opinion_from`: a report made from another record in the caller's transaction, 已提交, linked.
#[test]
fn opinion_from_another_record() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let draft = OpinionInput {
        title: "关于优化营商环境的建议".into(),
        suggestion: "简化审批流程。".into(),
        submitters: vec![ReportSubmitterInput { kind: ReportSubmitterKind::Member, id: a }],
        ..Default::default()
    };
    let conn = db.conn();
    conn.execute_batch("BEGIN").unwrap();
    let id = Db::opinion_from(conn, draft.clone(), "proposal", "p-123").unwrap();
    conn.execute_batch("COMMIT").unwrap();
    let d = db.opinion(&id).unwrap();
    assert_eq!(d.row.state, OpinionState::Submitted);
    assert_eq!((d.source_kind.as_str(), d.source_id.as_deref()), ("proposal", Some("p-123")));
    assert_eq!(d.row.date, Some(today().format("%Y-%m-%d").to_string()));
    assert_eq!(audits(&db, &id, "create_from"), 1);
    // Incomplete: refused, nothing written.
    let before = count(&db, "SELECT COUNT(*) FROM opinions");
    let bad = OpinionInput { submitters: vec![], ..draft };
    assert!(matches!(Db::opinion_from(db.conn(), bad, "proposal", "p-124"), Err(Error::Validation(_))));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM opinions"), before);
}

fn adopted(db: &mut Db, title: &str, who: &String) -> String {
    let id = draft(db, title, &[who]);
    db.submit_opinion(&id).unwrap();
    db.review_opinion(&id, ReviewInput { editor: "张丽".into(), ..Default::default() }).unwrap();
    db.adopt_opinion(&id, adopt(OpinionLevel::District)).unwrap();
    id
}

fn issue(year: i32, number: i32, total: i32, ids: &[&String]) -> BulletinInput {
    BulletinInput {
        year,
        number,
        total_number: total,
        date: format!("{year}-06-01"),
        signer: "周建国".into(),
        send_to: "区委、区政府领导".into(),
        copy_to: "各镇（街道）联络组".into(),
        opinion_ids: ids.iter().map(|s| (*s).clone()).collect(),
        ..Default::default()
    }
}

fn field_error(r: liaison_core::Result<BulletinDetail>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| (f.field, f.message)).collect(),
        r => panic!("expected a validation error, got {r:?}"),
    }
}

/// Bulletin issues: adopted reports only, each in one issue; a number used twice refused; 总第M期
/// continues across years; the year's count against the target.
#[test]
fn bulletin_numbering() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let r1 = adopted(&mut db, "关于加强农村留守老人关爱服务的建议", &a);
    let r2 = adopted(&mut db, "关于破解老旧小区停车难问题的建议", &a);
    let r3 = adopted(&mut db, "关于规范校外培训机构管理的建议", &a);
    let d = draft(&mut db, "关于还在暂存的建议", &[&a]);

    let y = db.bulletin_year(2025).unwrap();
    assert_eq!((y.issues, y.target, y.next_number, y.next_total), (0, 8, 1, 1));
    // Numbers left 0 take the next ones.
    let first = db.save_bulletin(issue(2025, 0, 0, &[&r1])).unwrap();
    assert_eq!((first.row.number, first.row.total_number), (1, 1));
    // A new year starts at 第1期 and the total goes on.
    let y = db.bulletin_year(2026).unwrap();
    assert_eq!((y.next_number, y.next_total, y.last_signer.as_str()), (1, 2, "周建国"));
    let second = db.save_bulletin(issue(2026, 1, 2, &[&r2, &r3])).unwrap();
    assert_eq!(second.reports.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![r2.clone(), r3.clone()]);

    // The same 第N期 in the year, the same 总第M期: refused at their fields.
    let e = field_error(db.save_bulletin(issue(2026, 1, 9, &[&r1])));
    assert!(e.iter().any(|(f, m)| f == "number" && m.contains("2026年第1期已经编过") && m.contains("第2期")), "{e:?}");
    let e = field_error(db.save_bulletin(issue(2026, 5, 2, &[&r1])));
    assert!(e.iter().any(|(f, m)| f == "total_number" && m.contains("总第2期已是2026年第1期")), "{e:?}");
    // A report not adopted, or already in another issue.
    let e = field_error(db.save_bulletin(issue(2026, 2, 3, &[&d])));
    assert!(e.iter().any(|(f, m)| f == "opinion_ids[0]" && m.contains("尚未采用")), "{e:?}");
    let e = field_error(db.save_bulletin(issue(2026, 2, 3, &[&r1])));
    assert!(e.iter().any(|(_, m)| m.contains("已编入2025年第1期")), "{e:?}");
    let e = field_error(db.save_bulletin(issue(2026, 2, 3, &[])));
    assert!(e.iter().any(|(f, _)| f == "opinion_ids"), "{e:?}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bulletin_issues"), 2);

    // Reordering an issue keeps its numbers.
    let mut again = issue(2026, 1, 2, &[&r3, &r2]);
    again.id = Some(second.row.id.clone());
    let second = db.save_bulletin(again).unwrap();
    assert_eq!(second.reports[0].id, r3);
    assert_eq!(db.bulletin_year(2026).unwrap().issues, 1);
    db.set_bulletin_target(10).unwrap();
    assert_eq!(db.bulletin_year(2026).unwrap().target, 10);
    assert!(db.set_bulletin_target(0).is_err());

    // The list shows the issue; a report in an issue cannot be deleted.
    let row = db.opinions(&OpinionQuery::default()).unwrap().rows.into_iter().find(|r| r.id == r2).unwrap();
    assert_eq!(row.issue.as_deref(), Some("2026年第1期"));
    assert!(matches!(db.delete_opinion(&r2), Err(Error::Conflict(m)) if m.contains("已编入《社情民意》2026年第1期")));
    // Deleting the issue frees its numbers and reports; restoring is refused once they are used again.
    db.delete_bulletin(&second.row.id).unwrap();
    assert_eq!(db.bulletin_year(2026).unwrap().next_total, 2);
    db.save_bulletin(issue(2026, 1, 2, &[&r2])).unwrap();
    assert!(matches!(db.restore_bulletin(&second.row.id), Err(Error::Conflict(_))));
    let unpublished = db.opinions(&OpinionQuery { unpublished: true, ..Default::default() }).unwrap();
    assert_eq!(unpublished.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![r3.clone()]);
    let list = db.bulletins(None, false).unwrap();
    assert_eq!(list.iter().map(|b| b.total_number).collect::<Vec<_>>(), vec![2, 1]);
}

/// The list's filters and counts by state; the member page's totals; delete and restore.
#[test]
fn list_counts_and_member_totals() {
    let (_d, mut db) = open();
    let a = member(&mut db, "王伟");
    let b = member(&mut db, "李娜");
    let g = db.save_group(GroupInput { name: "城关镇联络组".into(), ..Default::default() }).unwrap();
    db.add_group_members(&g.id, &[a.clone()], GroupRole::Member, false).unwrap();
    let r1 = adopted(&mut db, "关于加强农村留守老人关爱服务的建议", &a);
    let r2 = draft(&mut db, "关于破解老旧小区停车难问题的建议", &[&b]);
    let r3 = db
        .save_opinion(OpinionInput {
            title: "关于城关镇集镇改造的建议".into(),
            date: format!("{}-04-01", today().year()),
            situation: "集镇道路狭窄。".into(),
            submitters: vec![ReportSubmitterInput { kind: ReportSubmitterKind::Group, id: g.id.clone() }],
            ..Default::default()
        })
        .unwrap()
        .row
        .id;
    db.submit_opinion(&r3).unwrap();
    let all = db.opinions(&OpinionQuery::default()).unwrap();
    assert_eq!(all.total, 3);
    let n = |s: OpinionState| all.counts.iter().find(|c| c.state == s).unwrap().count;
    assert_eq!((n(OpinionState::Draft), n(OpinionState::Submitted), n(OpinionState::Adopted)), (1, 1, 1));
    let only = db.opinions(&OpinionQuery { state: Some(OpinionState::Draft), ..Default::default() }).unwrap();
    assert_eq!(only.rows.len(), 1);
    assert_eq!(only.total, 3, "the counts ignore the state filter");
    assert_eq!(db.opinions(&OpinionQuery { search: "停车".into(), ..Default::default() }).unwrap().rows[0].id, r2);
    assert_eq!(db.opinions(&OpinionQuery { search: "李娜".into(), ..Default::default() }).unwrap().rows[0].id, r2);
    // The group's reports: its own and its members'.
    let gq = db.opinions(&OpinionQuery { group_id: Some(g.id.clone()), ..Default::default() }).unwrap();
    let mut ids: Vec<String> = gq.rows.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    let mut want = vec![r1.clone(), r3.clone()];
    want.sort();
    assert_eq!(ids, want);
    let t = db.member_opinions(&a, today().year()).unwrap();
    assert_eq!(t.member.len(), 1);
    let gl = t.group.unwrap();
    assert_eq!((gl.name.as_str(), gl.submitted, gl.adopted), ("城关镇联络组", 2, 1));
    let sl = t.sector.unwrap();
    assert_eq!((sl.name.as_str(), sl.submitted, sl.adopted), ("教育界", 1, 1));

    db.delete_opinion(&r2).unwrap();
    assert_eq!(db.opinions(&OpinionQuery::default()).unwrap().total, 2);
    assert_eq!(db.opinions(&OpinionQuery { deleted: true, ..Default::default() }).unwrap().rows[0].id, r2);
    assert!(conflict(db.submit_opinion(&r2)).contains("已删除"));
    db.restore_opinion(&r2).unwrap();
    assert_eq!(db.opinions(&OpinionQuery::default()).unwrap().total, 3);
}

/// The register (社情民意信息汇总表) read back; the bulletin as .docx read back.
#[test]
fn register_and_bulletin_docx() {
    let (dir, mut db) = open();
    let a = member(&mut db, "王伟");
    let r1 = adopted(&mut db, "关于加强农村留守老人关爱服务的建议", &a);
    db.instruct_opinion(&r1, InstructionInput { leader: "区长 孙海涛".into(), ..Default::default() }).unwrap();
    db.transfer_opinion(&r1, step("区民政局")).unwrap();
    draft(&mut db, "关于=1+1的建议", &[&a]);
    let b = db.save_bulletin(issue(today().year(), 3, 45, &[&r1])).unwrap();

    let out = dir.path().join("汇总表.xlsx");
    let s = db.export_opinions(today().year(), &out).unwrap();
    assert_eq!(s.rows, 2);
    let strings = zip_text(&out, "xl/sharedStrings.xml");
    for want in [
        &format!("{}年社情民意信息汇总表", today().year()),
        "关于加强农村留守老人关爱服务的建议",
        "区级·单篇",
        "区长 孙海涛",
        "区民政局",
        &format!("{}年第3期", today().year()),
        "关于=1+1的建议",
        "共 2 篇，采用 1 篇，获批示 1 篇",
    ] {
        assert!(strings.contains(want), "{want} missing");
    }
    let sheet = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formulas");
    assert!(sheet.contains("paperSize=\"9\""));

    let docx = dir.path().join("社情民意.docx");
    let s = db.export_bulletin(&b.row.id, &docx).unwrap();
    assert_eq!(s.rows, 1);
    let xml = zip_text(&docx, "word/document.xml");
    for want in [
        "社情民意",
        &format!("{}年第3期（总第45期）", today().year()),
        "签发人：周建国",
        "关于加强农村留守老人关爱服务的建议",
        "一、基本情况",
        "（王伟）",
        "报送：区委、区政府领导",
        "抄送：各镇（街道）联络组",
    ] {
        assert!(xml.contains(want), "{want} missing from the .docx");
    }
    assert!(matches!(db.export_bulletin(&b.row.id, &dir.path().join("x.txt")), Err(Error::Export(_))));
}

/// The demo has reports in every state, a combined report and bulletin issues over two years.
#[test]
fn demo_reports_and_issues() {
    let (_d, mut db) = open();
    db.load_demo(120, None).unwrap();
    let l = db.opinions(&OpinionQuery::default()).unwrap();
    for c in &l.counts {
        assert!(c.count > 0, "no demo report is {}", c.state.label());
    }
    assert!(l.rows.iter().any(|r| r.combined));
    let y = today().year();
    assert_eq!(db.bulletin_year(y - 1).unwrap().issues, 8);
    let this = db.bulletin_year(y).unwrap();
    assert!(this.issues >= 2);
    assert_eq!(this.next_total, 8 + this.issues + 1);
    assert!(!db.opinions(&OpinionQuery { unpublished: true, ..Default::default() }).unwrap().rows.is_empty());
    assert!(db.check().unwrap().is_empty());
}

/// The CLI: `bulletins list --json`, `export bulletin`, `export opinions`, and the refusals.
#[test]
fn cli_bulletins_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let out = liaison(&db, &["demo", "--members", "80"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = liaison(&db, &["bulletins", "list", "--json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &list.as_array().unwrap()[0];
    assert!(first["number"].as_i64().unwrap() >= 1);
    assert_eq!(first["year"].as_i64().unwrap(), today().year() as i64);
    let id = first["id"].as_str().unwrap();
    let docx = dir.path().join("b.docx");
    let out = liaison(&db, &["export", "bulletin", "--issue", id, "--out", docx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(zip_text(&docx, "word/document.xml").contains("社情民意"));
    let xlsx = dir.path().join("r.xlsx");
    let y = today().year().to_string();
    let out = liaison(&db, &["export", "opinions", "--year", &y, "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("社情民意信息汇总表"));
    let out = liaison(&db, &["export", "opinions", "--year", &y, "--out", dir.path().join("r.csv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = liaison(&db, &["export", "bulletin", "--issue", "nope", "--out", docx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在"));
    let out = liaison(&db, &["opinions", "list"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("共 "));
}

/// The bulletin and the 核稿单 as PDF, read back.
#[cfg(feature = "pdf")]
#[test]
fn bulletin_and_review_sheet_pdf() {
    use crate::common::{pdf_text, squash};
    let (dir, mut db) = open();
    let a = member(&mut db, "王伟");
    let r1 = adopted(&mut db, "关于加强农村留守老人关爱服务的建议", &a);
    let b = db.save_bulletin(issue(today().year(), 3, 45, &[&r1])).unwrap();
    let pdf = dir.path().join("b.pdf");
    db.export_bulletin(&b.row.id, &pdf).unwrap();
    let text = squash(&pdf_text(&pdf));
    for want in [
        "社情民意",
        "第3期（总第45期）",
        "签发人：周建国",
        "关于加强农村留守老人关爱服务的建议",
        "报送：区委、区政府领导",
    ] {
        assert!(text.contains(&squash(want)), "{want} missing: {text}");
    }
    let sheet = dir.path().join("k.pdf");
    db.export_review_sheet(&r1, &sheet).unwrap();
    let text = squash(&pdf_text(&sheet));
    for want in ["社情民意信息核稿单", "原稿", "核稿稿", "张丽", "王伟"] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
}
