//! The demo office's proposals and speeches: handling units, proposals in every state of their
//! handling (some overdue, some 重点 or 优秀, a 不立案 one turned into a 建议, one merged into another),
//! and speeches at the demo session in every state. Written through the same core functions as the
//! app's forms, in the demo's transaction; seeded, so the same office gets the same texts.

use super::types::*;
use super::{
    handling_unit_write, proposal_step_in, save_proposal_in, speeches::save_speech_in, speeches::speech_step_in,
};
use crate::dates::{fmt_date, today};
use crate::error::Result;
use chrono::{Datelike, Duration};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;

const UNITS: &[&str] = &[
    "区发展和改革局",
    "区教育局",
    "区卫生健康局",
    "区住房和城乡建设局",
    "区交通运输局",
    "区农业农村局",
    "区生态环境分局",
    "区民政局",
    "区人力资源和社会保障局",
    "区文化和旅游局",
    "区市场监督管理局",
    "区自然资源和规划分局",
];

/// 案由 (without 关于 … 的建议), each with its category and the units it would go to.
const TOPICS: &[(&str, ProposalCategory, &[usize])] = &[
    ("加快推进老旧小区加装电梯", ProposalCategory::Society, &[3, 7]),
    ("推动农村生活污水治理设施长效运维", ProposalCategory::Ecology, &[6, 5]),
    ("完善社区居家养老服务网络", ProposalCategory::Society, &[7, 2]),
    ("加强中小学课后服务师资保障", ProposalCategory::Culture, &[1, 8]),
    ("优化营商环境，支持民营企业发展", ProposalCategory::Economy, &[0, 10]),
    ("推进县域医共体建设，提升基层医疗服务能力", ProposalCategory::Society, &[2]),
    ("加强农村文化礼堂建设与使用", ProposalCategory::Culture, &[9, 5]),
    ("规范校外培训机构管理", ProposalCategory::Culture, &[1, 10]),
    ("加快新能源汽车充电设施建设", ProposalCategory::Economy, &[0, 4, 3]),
    ("完善基层协商民主制度", ProposalCategory::Politics, &[7]),
    ("保护和利用历史文化街区", ProposalCategory::Culture, &[9, 11]),
    ("加强河道水生态修复", ProposalCategory::Ecology, &[6, 11]),
    ("推动高校毕业生留区就业创业", ProposalCategory::Economy, &[8, 0]),
    ("改善城乡公交线网布局", ProposalCategory::Society, &[4]),
    ("加强食品安全监管能力建设", ProposalCategory::Society, &[10, 2]),
    ("发展乡村民宿，促进农文旅融合", ProposalCategory::Economy, &[9, 5]),
    ("完善村级议事协商机制", ProposalCategory::Politics, &[7]),
    ("推进垃圾分类全链条治理", ProposalCategory::Ecology, &[6, 3]),
    ("加强未成年人心理健康教育", ProposalCategory::Culture, &[1, 2]),
    ("盘活农村闲置宅基地和农房", ProposalCategory::Economy, &[5, 11]),
    ("提升社区卫生服务中心家庭医生签约服务质量", ProposalCategory::Society, &[2]),
    ("加强公共法律服务体系建设", ProposalCategory::Politics, &[7, 8]),
    ("推广绿色建筑和装配式建筑", ProposalCategory::Ecology, &[3, 0]),
    ("完善残疾人托养服务", ProposalCategory::Other, &[7, 2]),
];

const SITUATIONS: &[&str] = &[
    "近年来，我区在这一方面做了大量工作，取得了一定成效，群众获得感逐步增强。",
    "据调研，全区目前仍有相当数量的群众反映这一问题，基层干部普遍认为需要统筹推进。",
    "随着城镇化进程加快和人口结构变化，这一问题日益凸显，已成为群众关心的热点。",
];
const PROBLEMS: &[&str] = &[
    "一是资金投入渠道单一，财政压力较大；二是部门之间协调不够，政策落地存在“最后一公里”问题；三是专业人才缺乏，服务质量参差不齐。",
    "一是规划滞后，设施布局不够合理；二是长效管理机制尚未建立，重建设、轻管理现象依然存在；三是群众参与度不高。",
    "一是标准不统一，各镇街做法差异较大；二是考核激励不足；三是宣传引导不够，社会认知度有待提高。",
];
const SUGGESTIONS: &[&str] = &[
    "1. 加强统筹规划，将该项工作纳入年度重点任务，明确牵头部门和责任分工；\n2. 拓宽资金渠道，引导社会资本参与，探索政府和社会资本合作模式；\n3. 建立健全长效机制，定期评估，及时总结推广好的经验做法。",
    "1. 制定出台专项实施意见，细化政策措施；\n2. 加大人才培养和引进力度，提高专业化水平；\n3. 发挥政协委员和基层群众的监督作用，形成工作合力。",
    "1. 开展专项调研，摸清底数；\n2. 试点先行、分步推进，选择条件成熟的镇街先行先试；\n3. 加强宣传引导，营造全社会共同参与的良好氛围。",
];

const SPEECH_TOPICS: &[&str] = &[
    "凝心聚力促发展，履职尽责谱新篇",
    "以数字化改革推动基层治理现代化",
    "做好“土特产”文章，助力乡村全面振兴",
    "守护一江清水，建设美丽河湖",
    "办好人民满意的教育",
    "让老年人共享美好生活",
    "发挥界别优势，助推民营经济高质量发展",
    "深化医药卫生体制改革，守护群众健康",
];

fn pick<'a, T>(rng: &mut StdRng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

fn body(rng: &mut StdRng) -> String {
    format!(
        "一、基本情况\n{}\n二、存在的问题\n{}\n三、几点建议\n{}",
        pick(rng, SITUATIONS),
        pick(rng, PROBLEMS),
        pick(rng, SUGGESTIONS)
    )
}

fn ids(tx: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut st = tx.prepare(sql)?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn step(id: &str, to: ProposalState, date: chrono::NaiveDate) -> ProposalStep {
    ProposalStep { id: id.into(), to, date: fmt_date(date), ..Default::default() }
}

/// Load the demo's proposals and speeches; returns how many of each.
pub(crate) fn load(tx: &Connection, seed: u64, members: u32) -> Result<(u32, u32)> {
    use ProposalState::*;
    let mut rng = StdRng::seed_from_u64(seed);
    let member_ids = ids(tx, "SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id")?;
    if member_ids.is_empty() {
        return Ok((0, 0));
    }
    let group_ids = ids(tx, "SELECT id FROM liaison_groups WHERE deleted_at IS NULL ORDER BY sort")?;
    let party_ids = ids(
        tx,
        "SELECT id FROM ref_items WHERE kind = 'party' AND deleted_at IS NULL AND name LIKE '%党员' ORDER BY sort",
    )?;
    let session: Option<String> =
        ids(tx, "SELECT id FROM sessions WHERE deleted_at IS NULL ORDER BY start_date DESC")?.into_iter().next();
    let mut units = Vec::new();
    for u in UNITS {
        units.push(handling_unit_write(tx, None, u)?);
    }
    let n = (members / 5).clamp(18, 400);
    let today = today();
    let mut accepted: Vec<String> = Vec::new();
    let states = [Draft, Submitted, Accepted, Rejected, Merged, Assigned, Assigned, Answered, Feedback, Closed, Closed];
    for i in 0..n {
        let (topic, category, topic_units) = TOPICS[i as usize % TOPICS.len()];
        let mut target = states[i as usize % states.len()];
        if target == Merged && accepted.is_empty() {
            target = Accepted;
        }
        // Proposals in handling began months ago; a few assigned ones are past their due date.
        let days_ago = match target {
            Draft | Submitted => rng.random_range(3..20),
            Assigned if i % 2 == 0 => rng.random_range(170..200),
            Assigned => rng.random_range(30..60),
            _ => rng.random_range(120..300),
        };
        let d0 = today - Duration::days(days_ago);
        let lead = if i % 10 == 9 && !group_ids.is_empty() {
            SubmitterInput { kind: SubmitterKind::Group, id: pick(&mut rng, &group_ids).clone() }
        } else if i % 10 == 4 && !party_ids.is_empty() {
            SubmitterInput { kind: SubmitterKind::Party, id: pick(&mut rng, &party_ids).clone() }
        } else {
            SubmitterInput { kind: SubmitterKind::Member, id: pick(&mut rng, &member_ids).clone() }
        };
        let mut proposers = vec![lead];
        for _ in 0..rng.random_range(0..4) {
            let m = SubmitterInput { kind: SubmitterKind::Member, id: pick(&mut rng, &member_ids).clone() };
            if !proposers.contains(&m) {
                proposers.push(m);
            }
        }
        let in_session = session.is_some() && i % 3 != 2 && days_ago < 60;
        let input = ProposalInput {
            id: None,
            year: d0.year(),
            title: format!("关于{topic}的建议"),
            body: body(&mut rng),
            category,
            timing: if in_session { ProposalTiming::Session } else { ProposalTiming::Routine },
            session_id: if in_session { session.clone() } else { None },
            suggested_units: topic_units.iter().map(|u| UNITS[*u]).collect::<Vec<_>>().join("、"),
            proposers,
        };
        let id = save_proposal_in(tx, input)?;
        if target == Draft {
            continue;
        }
        proposal_step_in(tx, step(&id, Submitted, d0))?;
        let review = d0 + Duration::days(7);
        match target {
            Submitted => continue,
            Rejected => {
                proposal_step_in(
                    tx,
                    ProposalStep {
                        reason: "所提问题属于个案，不宜作为提案立案，建议通过信访渠道反映".into(),
                        ..step(&id, Rejected, review)
                    },
                )?;
                if i % 2 == 1 {
                    super::convert::convert_in(tx, &id, ConvertKind::Suggestion, None)?;
                }
                continue;
            }
            Merged => {
                let into = accepted[rng.random_range(0..accepted.len())].clone();
                proposal_step_in(tx, ProposalStep { merge_into: Some(into), ..step(&id, Merged, review) })?;
                continue;
            }
            _ => {}
        }
        proposal_step_in(tx, step(&id, Accepted, review))?;
        accepted.push(id.clone());
        if target == Accepted {
            continue;
        }
        let assigned = review + Duration::days(10);
        let main = vec![units[topic_units[0]].clone()];
        let assist: Vec<String> = topic_units[1..].iter().map(|u| units[*u].clone()).collect();
        proposal_step_in(
            tx,
            ProposalStep { main_units: main.clone(), assist_units: assist, ..step(&id, Assigned, assigned) },
        )?;
        if i % 7 == 0 {
            tx.execute("UPDATE proposals SET is_key = 1 WHERE id = ?1", [&id])?;
        }
        if target == Assigned {
            continue;
        }
        let grade = *pick(
            &mut rng,
            &[ReplyGrade::A, ReplyGrade::A, ReplyGrade::B, ReplyGrade::B, ReplyGrade::C, ReplyGrade::D],
        );
        proposal_step_in(
            tx,
            ProposalStep {
                grade: Some(grade),
                reply_unit_id: Some(main[0].clone()),
                reply_text: format!(
                    "经研究，{}",
                    match grade {
                        ReplyGrade::A => "所提建议已采纳，相关工作已落实。",
                        ReplyGrade::B => "所提建议已列入明年工作计划，正在推进。",
                        ReplyGrade::C => "所提建议具有参考价值，将在今后工作中研究借鉴。",
                        ReplyGrade::D => "受资金和政策条件限制，目前暂无法解决，我们将积极创造条件。",
                    }
                ),
                ..step(&id, Answered, assigned + Duration::days(60))
            },
        )?;
        if target == Answered {
            continue;
        }
        let fb = match grade {
            ReplyGrade::A | ReplyGrade::B => super::types::Feedback::Satisfied,
            ReplyGrade::C => super::types::Feedback::Basically,
            ReplyGrade::D => super::types::Feedback::Dissatisfied,
        };
        proposal_step_in(
            tx,
            ProposalStep {
                feedback: Some(fb),
                comment: if fb == super::types::Feedback::Dissatisfied {
                    "答复内容较为笼统，希望进一步明确时间表".into()
                } else {
                    String::new()
                },
                ..step(&id, Feedback, assigned + Duration::days(70))
            },
        )?;
        if target == Feedback {
            continue;
        }
        proposal_step_in(tx, step(&id, Closed, assigned + Duration::days(75)))?;
        if i % 5 == 0 {
            tx.execute("UPDATE proposals SET is_excellent = 1 WHERE id = ?1", [&id])?;
        }
    }
    // Flags set directly above: index those proposals again.
    crate::search::rebuild(tx)?;

    // Speeches at the session.
    let mut speeches = 0;
    if let Some(session) = session {
        let k = (members / 20).clamp(6, 60);
        for i in 0..k {
            let submitter = if i % 6 == 5 && !group_ids.is_empty() {
                SubmitterInput { kind: SubmitterKind::Group, id: pick(&mut rng, &group_ids).clone() }
            } else {
                SubmitterInput { kind: SubmitterKind::Member, id: pick(&mut rng, &member_ids).clone() }
            };
            let id = save_speech_in(
                tx,
                SpeechInput {
                    id: None,
                    session_id: session.clone(),
                    title: SPEECH_TOPICS[i as usize % SPEECH_TOPICS.len()].into(),
                    body: body(&mut rng),
                    submitter,
                    submitted_date: fmt_date(today - Duration::days(20)),
                },
            )?;
            speeches += 1;
            let adoption = [SpeechAdoption::Oral, SpeechAdoption::Written, SpeechAdoption::Topic][i as usize % 3];
            match i % 4 {
                0 => {}
                1 => {
                    speech_step_in(
                        tx,
                        SpeechStep { id: id.clone(), to: SpeechState::NotAdopted, adoption: None, date: String::new() },
                    )?;
                }
                r => {
                    speech_step_in(
                        tx,
                        SpeechStep {
                            id: id.clone(),
                            to: SpeechState::Adopted,
                            adoption: Some(adoption),
                            date: String::new(),
                        },
                    )?;
                    if r == 3 {
                        speech_step_in(
                            tx,
                            SpeechStep { id, to: SpeechState::Delivered, adoption: None, date: fmt_date(today) },
                        )?;
                    }
                }
            }
        }
    }
    Ok((n, speeches))
}
