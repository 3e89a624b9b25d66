//! Proposals (issue 13): every step of the handling and the refused ones, with their audit entries and
//! timeline; 团体提案 and 联名; 并案; 不立案 turned into a 建议; flags; overdue and unanswered lists;
//! what the scoring reads; speeches; the register and the speech list read back; the demo in every state.

use crate::common::{count, day, open, ref_id, zip_text};
use liaison_core::model::*;
use liaison_core::proposals::types::*;
use liaison_core::sessions::{SessionInput, SessionKind};
use liaison_core::{Db, Error};

pub fn member(db: &mut Db, name: &str) -> String {
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

pub fn session(db: &mut Db) -> String {
    db.save_session(SessionInput {
        name: "政协第十五届第三次会议".into(),
        start_date: day(1),
        end_date: day(3),
        place: "区行政中心".into(),
        kind: SessionKind::Plenary,
        ..Default::default()
    })
    .unwrap()
    .session
    .id
}

pub fn unit(db: &mut Db, name: &str) -> String {
    db.save_handling_unit(None, name).unwrap().id
}

pub fn file(db: &mut Db, title: &str, body: &str, proposers: &[&str]) -> String {
    db.save_proposal(ProposalInput {
        title: title.into(),
        body: body.into(),
        timing: ProposalTiming::Routine,
        category: ProposalCategory::Society,
        proposers: proposers
            .iter()
            .map(|id| SubmitterInput { kind: SubmitterKind::Member, id: id.to_string() })
            .collect(),
        ..Default::default()
    })
    .unwrap()
    .proposal
    .id
}

fn step(id: &str, to: ProposalState) -> ProposalStep {
    ProposalStep { id: id.into(), to, ..Default::default() }
}

fn conflict(r: liaison_core::Result<ProposalDetail>) -> String {
    match r {
        Err(Error::Conflict(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn field(r: liaison_core::Result<ProposalDetail>, f: &str) -> String {
    match r {
        Err(Error::Validation(list)) => {
            list.iter().find(|e| e.field == f).unwrap_or_else(|| panic!("no message at {f}: {list:?}")).message.clone()
        }
        other => panic!("expected a message at {f}, got {other:?}"),
    }
}

fn audits(db: &Db, id: &str) -> i64 {
    count(db, &format!("SELECT COUNT(*) FROM audit_log WHERE entity = 'proposal' AND entity_id = '{id}'"))
}

#[test]
fn a_proposal_goes_through_every_step_each_with_its_audit_entry() {
    let (_d, mut db) = open();
    let wang = member(&mut db, "王丽");
    let li = member(&mut db, "李明");
    let fgw = unit(&mut db, "区发展和改革局");
    let jyj = unit(&mut db, "区教育局");
    let id = file(&mut db, "关于加强中小学课后服务师资保障的建议", "课后服务需要更多老师。", &[&wang, &li]);
    let p = db.proposal(&id).unwrap();
    assert_eq!(p.proposal.state, ProposalState::Draft);
    assert_eq!(p.proposal.lead, "王丽");
    assert_eq!(p.proposal.co_count, 1);
    assert_eq!(p.proposers[1].role, ProposerRole::Co);
    assert_eq!(p.next, vec![ProposalState::Submitted]);
    assert_eq!(audits(&db, &id), 1);

    db.proposal_step(ProposalStep { date: "2026-3-1".into(), ..step(&id, ProposalState::Submitted) }).unwrap();
    let p = db.proposal_step(ProposalStep { date: "2026-03-05".into(), ..step(&id, ProposalState::Accepted) }).unwrap();
    assert_eq!(p.proposal.state, ProposalState::Accepted);
    assert_eq!(p.proposal.number, Some(1), "立案 gives the year's first number");
    assert_eq!(p.review_date.as_deref(), Some("2026-03-05"));

    // 交办: the due date is three months on by default.
    let p = db
        .proposal_step(ProposalStep {
            date: "2026-03-10".into(),
            main_units: vec![jyj.clone()],
            assist_units: vec![fgw.clone()],
            ..step(&id, ProposalState::Assigned)
        })
        .unwrap();
    assert_eq!(p.proposal.due_date.as_deref(), Some("2026-06-10"));
    assert_eq!(p.proposal.main_units, "区教育局");
    assert_eq!(p.proposal.assist_units, "区发展和改革局");
    assert_eq!(p.units.len(), 2);

    let p = db
        .proposal_step(ProposalStep {
            date: "2026-05-20".into(),
            grade: Some(ReplyGrade::B),
            reply_unit_id: Some(jyj.clone()),
            reply_text: "已列入明年计划。".into(),
            ..step(&id, ProposalState::Answered)
        })
        .unwrap();
    assert_eq!(p.proposal.reply_grade, Some(ReplyGrade::B));
    assert_eq!(p.reply_unit, "区教育局");

    let p = db
        .proposal_step(ProposalStep {
            date: "2026-05-25".into(),
            feedback: Some(Feedback::Basically),
            comment: "希望加快落实".into(),
            ..step(&id, ProposalState::Feedback)
        })
        .unwrap();
    assert_eq!(p.proposal.feedback, Some(Feedback::Basically));
    assert_eq!(p.next, vec![ProposalState::Closed], "基本满意 cannot be sent back to handling");
    let p = db.proposal_step(ProposalStep { date: "2026-05-30".into(), ..step(&id, ProposalState::Closed) }).unwrap();
    assert_eq!(p.proposal.state, ProposalState::Closed);
    assert!(p.next.is_empty());

    // One audit entry per step, and the timeline reads them in order with their details.
    assert_eq!(audits(&db, &id), 7);
    let steps: Vec<&str> = p.timeline.iter().map(|t| t.step.as_str()).collect();
    assert_eq!(steps, ["新建（暂存）", "提交", "立案", "交办", "答复", "委员反馈", "办结"]);
    let assign = &p.timeline[3];
    assert_eq!(assign.date, "2026-03-10");
    assert_eq!(assign.detail, "主办：区教育局；会办：区发展和改革局；办理期限 2026-06-10");
    assert!(p.timeline[4].detail.contains("B 正在解决或列入计划"), "{:?}", p.timeline[4]);
    assert_eq!(p.timeline[5].detail, "基本满意：希望加快落实");
}

#[test]
fn steps_out_of_order_are_refused_with_what_to_do_and_nothing_is_written() {
    let (_d, mut db) = open();
    let m = member(&mut db, "王丽");
    let u = unit(&mut db, "区教育局");
    let id = file(&mut db, "关于规范校外培训机构管理的建议", "", &[&m]);
    let before = audits(&db, &id);

    let msg = conflict(db.proposal_step(step(&id, ProposalState::Accepted)));
    assert!(msg.contains("尚未提交，请先提交再立案"), "{msg}");
    let msg =
        conflict(db.proposal_step(ProposalStep { grade: Some(ReplyGrade::A), ..step(&id, ProposalState::Answered) }));
    assert!(msg.contains("尚未立案，不能答复"), "{msg}");
    let msg = conflict(db.proposal_step(step(&id, ProposalState::Closed)));
    assert!(msg.contains("尚未答复，不能办结"), "{msg}");

    db.proposal_step(step(&id, ProposalState::Submitted)).unwrap();
    let msg = conflict(db.proposal_step(step(&id, ProposalState::Submitted)));
    assert!(msg.contains("不能再提交"), "{msg}");
    let msg =
        conflict(db.proposal_step(ProposalStep { main_units: vec![u.clone()], ..step(&id, ProposalState::Assigned) }));
    assert!(msg.contains("尚未立案，请先立案再交办"), "{msg}");

    db.proposal_step(step(&id, ProposalState::Accepted)).unwrap();
    // Replying to a proposal 立案 but not 交办.
    let msg =
        conflict(db.proposal_step(ProposalStep { grade: Some(ReplyGrade::A), ..step(&id, ProposalState::Answered) }));
    assert!(msg.contains("尚未交办，请先交办承办单位再录入答复"), "{msg}");
    let msg = conflict(
        db.proposal_step(ProposalStep { feedback: Some(Feedback::Satisfied), ..step(&id, ProposalState::Feedback) }),
    );
    assert!(msg.contains("尚未答复，不能录入委员反馈"), "{msg}");
    let msg = conflict(db.proposal_step(ProposalStep { reason: "x".into(), ..step(&id, ProposalState::Rejected) }));
    assert!(msg.contains("已是“已立案”，不能再作不立案处理"), "{msg}");

    // A step's own fields: 交办 needs a 主办 unit, a due date not before the day; 答复 a grade.
    assert_eq!(field(db.proposal_step(step(&id, ProposalState::Assigned)), "main_units"), "请至少选择一个主办单位");
    let msg = field(
        db.proposal_step(ProposalStep {
            main_units: vec![u.clone()],
            assist_units: vec![u.clone()],
            date: "2026-03-10".into(),
            due_date: "2026-03-01".into(),
            ..step(&id, ProposalState::Assigned)
        }),
        "due_date",
    );
    assert_eq!(msg, "办理期限不能早于交办日期");
    db.proposal_step(ProposalStep { main_units: vec![u.clone()], ..step(&id, ProposalState::Assigned) }).unwrap();
    assert!(field(db.proposal_step(step(&id, ProposalState::Answered)), "grade").starts_with("请选择答复类别"));
    let other = unit(&mut db, "区民政局");
    let msg = field(
        db.proposal_step(ProposalStep {
            grade: Some(ReplyGrade::A),
            reply_unit_id: Some(other),
            ..step(&id, ProposalState::Answered)
        }),
        "reply_unit_id",
    );
    assert_eq!(msg, "答复单位应是该提案的主办或会办单位");
    db.proposal_step(ProposalStep { grade: Some(ReplyGrade::D), ..step(&id, ProposalState::Answered) }).unwrap();
    let msg = conflict(db.proposal_step(step(&id, ProposalState::Closed)));
    assert!(msg.contains("请先录入委员的反馈意见"), "{msg}");
    // 不满意 needs its reason, and may send the proposal back to 交办 (重新办理).
    assert_eq!(
        field(
            db.proposal_step(ProposalStep {
                feedback: Some(Feedback::Dissatisfied),
                ..step(&id, ProposalState::Feedback)
            }),
            "comment"
        ),
        "委员不满意时，请写明不满意的原因"
    );
    let p = db
        .proposal_step(ProposalStep {
            feedback: Some(Feedback::Dissatisfied),
            comment: "答复笼统".into(),
            ..step(&id, ProposalState::Feedback)
        })
        .unwrap();
    assert_eq!(p.next, vec![ProposalState::Closed, ProposalState::Assigned]);
    let p = db.proposal_step(ProposalStep { main_units: vec![u], ..step(&id, ProposalState::Assigned) }).unwrap();
    assert_eq!(p.proposal.state, ProposalState::Assigned);
    assert_eq!(p.proposal.reply_grade, None, "重新办理 starts the reply afresh");
    assert!(p.timeline.last().unwrap().detail.starts_with("重新交办"));
    // Refused steps wrote nothing: 1 create + submit, accept, assign, answer, feedback, assign again.
    assert_eq!(audits(&db, &id), before + 6);

    // An edit of the text after 立案 is refused too.
    let mut input = ProposalInput {
        id: Some(id.clone()),
        title: "改过的案由".into(),
        timing: ProposalTiming::Routine,
        proposers: vec![SubmitterInput { kind: SubmitterKind::Member, id: m }],
        ..Default::default()
    };
    match db.save_proposal(input.clone()) {
        Err(Error::Conflict(msg)) => assert!(msg.contains("不能再修改"), "{msg}"),
        other => panic!("{other:?}"),
    }
    input.id = None;
    input.proposers.clear();
    input.timing = ProposalTiming::Session;
    match db.save_proposal(input) {
        Err(Error::Validation(list)) => {
            let fields: Vec<&str> = list.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(fields, ["session_id", "proposers"], "{list:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn group_proposals_merging_rejection_into_a_suggestion_and_flags() {
    let (_d, mut db) = open();
    let m = member(&mut db, "赵敏");
    let party = ref_id(&db, RefKind::Party, "民盟盟员");
    let sess = session(&mut db);
    // 团体提案: the lead is a party, a member co-signs; 会间, linked to the session.
    let p = db
        .save_proposal(ProposalInput {
            title: "关于推进垃圾分类全链条治理的建议".into(),
            timing: ProposalTiming::Session,
            session_id: Some(sess.clone()),
            category: ProposalCategory::Ecology,
            proposers: vec![
                SubmitterInput { kind: SubmitterKind::Party, id: party.clone() },
                SubmitterInput { kind: SubmitterKind::Member, id: m.clone() },
            ],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p.proposal.lead_kind, SubmitterKind::Party);
    assert_eq!(p.proposal.session, "政协第十五届第三次会议");
    assert_eq!(p.proposal.year, day(1)[..4].parse::<i32>().unwrap(), "the year follows the session");
    let main = p.proposal.id.clone();
    // A proposer named twice is refused at its row.
    let dup = db.save_proposal(ProposalInput {
        title: "重复".into(),
        timing: ProposalTiming::Routine,
        proposers: vec![
            SubmitterInput { kind: SubmitterKind::Member, id: m.clone() },
            SubmitterInput { kind: SubmitterKind::Member, id: m.clone() },
        ],
        ..Default::default()
    });
    match dup {
        Err(Error::Validation(l)) => assert_eq!(l[0].field, "proposers[1]", "{l:?}"),
        other => panic!("{other:?}"),
    }

    // 重点 only once 立案.
    match db.set_proposal_flags(&main, true, false) {
        Err(Error::Conflict(msg)) => assert!(msg.contains("只有立案的提案"), "{msg}"),
        other => panic!("{other:?}"),
    }
    db.proposal_step(step(&main, ProposalState::Submitted)).unwrap();
    db.proposal_step(step(&main, ProposalState::Accepted)).unwrap();
    let row = db.set_proposal_flags(&main, true, true).unwrap();
    assert!(row.is_key && row.is_excellent);

    // 并案 into an accepted one; not into a draft, not into itself.
    let second = file(&mut db, "关于垃圾分类的建议", "同题提案", &[&m]);
    let draft = file(&mut db, "草稿", "", &[&m]);
    db.proposal_step(step(&second, ProposalState::Submitted)).unwrap();
    let msg = field(
        db.proposal_step(ProposalStep { merge_into: Some(draft), ..step(&second, ProposalState::Merged) }),
        "merge_into",
    );
    assert!(msg.starts_with("只能并入已立案的提案"), "{msg}");
    let msg = field(
        db.proposal_step(ProposalStep { merge_into: Some(second.clone()), ..step(&second, ProposalState::Merged) }),
        "merge_into",
    );
    assert!(msg.contains("不能并入它自己"), "{msg}");
    let p = db
        .proposal_step(ProposalStep { merge_into: Some(main.clone()), ..step(&second, ProposalState::Merged) })
        .unwrap();
    assert_eq!(p.merged_into_title, "关于推进垃圾分类全链条治理的建议");
    assert_eq!(db.proposal(&main).unwrap().merged_from.len(), 1);
    match db.delete_proposal(&main) {
        Err(Error::Conflict(msg)) => assert!(msg.contains("并入"), "{msg}"),
        other => panic!("{other:?}"),
    }

    // 不立案 needs a reason; it then becomes a 建议 in one step, linked both ways, once.
    let third = file(&mut db, "关于修缮某小区围墙的建议", "个案问题", &[&m]);
    db.proposal_step(step(&third, ProposalState::Submitted)).unwrap();
    assert_eq!(field(db.proposal_step(step(&third, ProposalState::Rejected)), "reason"), "请填写不立案的理由");
    match db.convert_proposal(&third, ConvertKind::Suggestion, None) {
        Err(Error::Conflict(msg)) => assert!(msg.contains("只有不立案的提案才能转为建议"), "{msg}"),
        other => panic!("{other:?}"),
    }
    db.proposal_step(ProposalStep { reason: "属个案".into(), ..step(&third, ProposalState::Rejected) }).unwrap();
    let sid = db.convert_proposal(&third, ConvertKind::Suggestion, None).unwrap();
    let s = db.suggestion(&sid).unwrap();
    assert_eq!(s.title, "关于修缮某小区围墙的建议");
    assert_eq!(s.submitters, "赵敏");
    assert_eq!(s.source_id.as_deref(), Some(third.as_str()));
    let p = db.proposal(&third).unwrap();
    assert_eq!(p.converted_kind, Some(ConvertKind::Suggestion));
    assert_eq!(p.converted_id.as_deref(), Some(sid.as_str()));
    assert!(db.convert_proposal(&third, ConvertKind::Suggestion, None).is_err(), "converted once");

    // What the scoring reads: the member's role on each proposal, 立案, flags.
    let credits = db.proposal_credits(None).unwrap();
    let on_main = credits.iter().find(|c| c.proposal_id == main).unwrap();
    assert_eq!(
        (on_main.role, on_main.accepted, on_main.is_key, on_main.is_excellent),
        (ProposerRole::Co, true, true, true)
    );
    let on_third = credits.iter().find(|c| c.proposal_id == third).unwrap();
    assert_eq!((on_third.role, on_third.accepted), (ProposerRole::Lead, false));
    // The member's writings list them with their role.
    let w = db.member_writings(&m).unwrap();
    assert_eq!(w.proposals.len(), 4);
}

#[test]
fn overdue_and_unanswered_lists_and_counts_per_state() {
    let (_d, mut db) = open();
    let m = member(&mut db, "钱伟");
    let u = unit(&mut db, "区交通运输局");
    let mut ids = Vec::new();
    for (i, due) in [day(-5), day(30)].iter().enumerate() {
        let id = file(&mut db, &format!("关于改善城乡公交线网布局的建议{i}"), "", &[&m]);
        db.proposal_step(ProposalStep { date: day(-100), ..step(&id, ProposalState::Submitted) }).unwrap();
        db.proposal_step(ProposalStep { date: day(-95), ..step(&id, ProposalState::Accepted) }).unwrap();
        db.proposal_step(ProposalStep {
            date: day(-90),
            due_date: due.clone(),
            main_units: vec![u.clone()],
            ..step(&id, ProposalState::Assigned)
        })
        .unwrap();
        ids.push(id);
    }
    file(&mut db, "暂存的提案", "", &[&m]);
    let all = db.proposals(&ProposalQuery::default()).unwrap();
    assert_eq!(all.total, 3);
    assert_eq!((all.overdue, all.unanswered), (1, 2));
    let c = |s: &str| all.counts.iter().find(|c| c.state == s).unwrap().count;
    assert_eq!((c("draft"), c("assigned"), c("closed")), (1, 2, 0));
    let overdue = db.proposals(&ProposalQuery { overdue: true, ..Default::default() }).unwrap();
    assert_eq!(overdue.rows.len(), 1);
    assert_eq!(overdue.rows[0].id, ids[0]);
    assert_eq!(overdue.rows[0].days_overdue, 5);
    let unanswered = db.proposals(&ProposalQuery { unanswered: true, ..Default::default() }).unwrap();
    assert_eq!(unanswered.rows.len(), 2);
    let drafts = db.proposals(&ProposalQuery { state: Some(ProposalState::Draft), ..Default::default() }).unwrap();
    assert_eq!(drafts.rows.len(), 1);
    assert_eq!(drafts.total, 3, "the counts ignore the state filter");
}

#[test]
fn speeches_are_adopted_then_delivered_and_refused_out_of_order() {
    let (_d, mut db) = open();
    let m = member(&mut db, "孙丽");
    let sess = session(&mut db);
    let s = db
        .save_speech(SpeechInput {
            session_id: sess.clone(),
            title: "以数字化改革推动基层治理现代化".into(),
            body: "数字赋能基层治理。".into(),
            submitter: SubmitterInput { kind: SubmitterKind::Member, id: m.clone() },
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.speech.state, SpeechState::Submitted);
    assert_eq!(s.speech.submitter, "孙丽");
    assert_eq!(s.speech.sector, "教育界");
    let id = s.speech.id.clone();
    let deliver = SpeechStep { id: id.clone(), to: SpeechState::Delivered, ..Default::default() };
    match db.speech_step(deliver.clone()) {
        Err(Error::Conflict(msg)) => assert!(msg.contains("尚未采用，不能标记为已发言"), "{msg}"),
        other => panic!("{other:?}"),
    }
    match db.speech_step(SpeechStep { id: id.clone(), to: SpeechState::Adopted, ..Default::default() }) {
        Err(Error::Validation(l)) => assert_eq!(l[0].field, "adoption"),
        other => panic!("{other:?}"),
    }
    let s = db
        .speech_step(SpeechStep {
            id: id.clone(),
            to: SpeechState::Adopted,
            adoption: Some(SpeechAdoption::Oral),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.speech.adoption, Some(SpeechAdoption::Oral));
    let s = db.speech_step(SpeechStep { date: day(0), ..deliver }).unwrap();
    assert_eq!(s.speech.state, SpeechState::Delivered);
    assert_eq!(s.speech.adoption, Some(SpeechAdoption::Oral), "delivered keeps its form");
    assert_eq!(s.speech.delivered_date, Some(day(0)));
    assert!(s.next.is_empty());
    match db.save_speech(SpeechInput {
        id: Some(id.clone()),
        session_id: sess,
        title: "x".into(),
        ..Default::default()
    }) {
        Err(Error::Validation(_)) | Err(Error::Conflict(_)) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(
        count(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE entity = 'speech' AND entity_id = '{id}'")),
        3
    );
    let list = db.speeches(&SpeechQuery::default()).unwrap();
    assert_eq!(list.total, 1);
    assert_eq!(list.counts.iter().find(|c| c.state == "delivered").unwrap().count, 1);
    assert_eq!(db.member_writings(&m).unwrap().speeches.len(), 1);
}

#[test]
fn the_register_and_the_speech_list_read_back() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let year = db.proposals(&ProposalQuery::default()).unwrap().rows[0].year;
    let out = dir.path().join("提案汇总表.xlsx");
    let s = db.export_proposals(year, &out).unwrap();
    let want = db.proposals(&ProposalQuery { year: Some(year), ..Default::default() }).unwrap().rows.len();
    assert_eq!(s.rows as usize, want);
    let strings = zip_text(&out, "xl/sharedStrings.xml");
    assert!(strings.contains(&format!("{year}年提案汇总表")), "title");
    for h in ["提案号", "案由", "提案人", "主办单位", "办理期限", "答复类别"] {
        assert!(strings.contains(h), "header {h}");
    }
    let first = &db.proposals(&ProposalQuery { year: Some(year), ..Default::default() }).unwrap().rows[0];
    assert!(strings.contains(&first.title));
    let sheet = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("orientation=\"landscape\""), "11 columns print landscape");
    assert!(sheet.contains("第 &amp;P 页 共 &amp;N 页"), "page numbers");

    let out = dir.path().join("大会发言.xlsx");
    let s = db.export_speeches(&SpeechQuery::default(), &out).unwrap();
    assert_eq!(s.rows, db.speeches(&SpeechQuery::default()).unwrap().total);
    let strings = zip_text(&out, "xl/sharedStrings.xml");
    for h in ["发言题目", "发言人", "采用方式", "口头发言"] {
        assert!(strings.contains(h), "{h}");
    }
}

#[test]
fn the_demo_has_proposals_and_speeches_in_every_state() {
    let (_d, mut db) = open();
    let s = db.load_demo(300, None).unwrap();
    assert!(s.proposals >= 18 && s.speeches >= 6, "{s:?}");
    let list = db.proposals(&ProposalQuery::default()).unwrap();
    for c in &list.counts {
        assert!(c.count > 0, "no demo proposal is {}", c.state);
    }
    assert!(list.overdue > 0 && list.unanswered > list.overdue);
    assert!(list.rows.iter().any(|r| r.lead_kind != SubmitterKind::Member), "团体提案");
    assert!(list.rows.iter().any(|r| r.is_key) && list.rows.iter().any(|r| r.is_excellent));
    assert!(count(&db, "SELECT COUNT(*) FROM suggestions") > 0);
    let sp = db.speeches(&SpeechQuery::default()).unwrap();
    for c in &sp.counts {
        assert!(c.count > 0, "no demo speech is {}", c.state);
    }
    assert_eq!(db.check().unwrap(), Vec::<String>::new());
}

#[test]
fn handling_units_are_a_managed_list() {
    let (_d, mut db) = open();
    let a = unit(&mut db, "区教育局");
    match db.save_handling_unit(None, " 区教育局 ") {
        Err(Error::Validation(l)) => assert_eq!(l[0].message, "承办单位“区教育局”已在列表中"),
        other => panic!("{other:?}"),
    }
    db.save_handling_unit(Some(a.clone()), "区教育体育局").unwrap();
    assert_eq!(db.handling_units().unwrap()[0].name, "区教育体育局");
    db.delete_handling_unit(&a).unwrap();
    assert!(db.handling_units().unwrap().is_empty());
}

#[test]
fn a_rejected_proposal_becomes_a_public_opinion_report_split_into_its_parts_and_linked() {
    let (_d, mut db) = open();
    let m = member(&mut db, "赵敏");
    let n = member(&mut db, "钱进");
    let body = "近年来我区老旧小区加装电梯需求旺盛。\n一、存在的问题\n业主意见难统一，资金缺口大。\n二、对策建议\n完善补贴政策，建立协商机制。";
    let id = file(&mut db, "关于加快老旧小区加装电梯的提案", body, &[&m, &n]);
    db.proposal_step(step(&id, ProposalState::Submitted)).unwrap();
    db.proposal_step(ProposalStep {
        reason: "宜作为社情民意信息反映".into(), ..step(&id, ProposalState::Rejected)
    })
    .unwrap();

    // The draft the window shows: the title names a suggestion, the text split under its headings, the
    // proposers as submitters in order, the lead member's sector, the category as the topic.
    let draft = db.proposal_opinion_draft(&id).unwrap();
    assert_eq!(draft.title, "关于加快老旧小区加装电梯的建议");
    assert_eq!(draft.situation, "近年来我区老旧小区加装电梯需求旺盛。");
    assert_eq!(draft.problem, "业主意见难统一，资金缺口大。");
    assert_eq!(draft.suggestion, "完善补贴政策，建立协商机制。");
    assert_eq!(draft.submitters.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [m.as_str(), n.as_str()]);
    assert_eq!(draft.sector_id, Some(ref_id(&db, RefKind::Sector, "教育界")));
    assert_eq!(draft.topics, ["社会"]);

    // A corrected draft that the report form refuses changes nothing.
    let before = count(&db, "SELECT COUNT(*) FROM opinions");
    let empty = liaison_core::opinions::types::OpinionInput { title: String::new(), ..draft.clone() };
    match db.convert_proposal(&id, ConvertKind::Opinion, Some(empty)) {
        Err(Error::Validation(list)) => assert!(list.iter().any(|f| f.field == "title"), "{list:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM opinions"), before);
    assert_eq!(db.proposal(&id).unwrap().converted_kind, None);

    // The clerk's corrected draft becomes a submitted report, linked both ways, ready for 核稿.
    let corrected = liaison_core::opinions::types::OpinionInput { suggestion: "完善补贴政策。".into(), ..draft };
    let rid = db.convert_proposal(&id, ConvertKind::Opinion, Some(corrected)).unwrap();
    let r = db.opinion(&rid).unwrap();
    assert_eq!(r.row.state, liaison_core::opinions::types::OpinionState::Submitted);
    assert_eq!(r.original.suggestion, "完善补贴政策。");
    assert_eq!((r.source_kind.as_str(), r.source_id.as_deref()), ("proposal", Some(id.as_str())));
    assert_eq!(r.submitters.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["赵敏", "钱进"]);
    let p = db.proposal(&id).unwrap();
    assert_eq!((p.converted_kind, p.converted_id.as_deref()), (Some(ConvertKind::Opinion), Some(rid.as_str())));
    assert!(db.convert_proposal(&id, ConvertKind::Suggestion, None).is_err(), "converted once");
    // The report is found by the full-text search like any other.
    let hits = db.search(&liaison_core::search::SearchQuery { text: "加装电梯".into(), ..Default::default() }).unwrap();
    assert!(hits.groups.iter().flat_map(|g| &g.hits).any(|h| h.id == rid), "{hits:?}");
}
