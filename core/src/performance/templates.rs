//! The three scoring templates the app ships, from real offices' rules (DESIGN.md, "Real scoring
//! rules"). What those rules say is kept as said; what they leave open is filled with sensible values,
//! and each template's note says which is which. An office copies one into a year and edits it.

use super::rules::{ACTIVITY_ROLES, SITTING_KINDS};
use super::types::*;
use crate::activities::types::ActivityKind;

fn rule(item: &str, points: f64, cap: Option<f64>) -> ScoreRule {
    ScoreRule { item: item.into(), points, cap, label: String::new(), group: String::new() }
}

/// Every activity kind scored as an activity (not per sitting).
fn activity_kinds() -> impl Iterator<Item = ActivityKind> {
    ActivityKind::ALL.iter().copied().filter(|k| !SITTING_KINDS.contains(&k.as_str()))
}

/// Points per activity role for every kind: `f(kind, role)` (None: no rule).
fn activities(f: impl Fn(ActivityKind, &str) -> Option<f64>) -> Vec<ScoreRule> {
    let mut out = Vec::new();
    for k in activity_kinds() {
        for (role, _) in ACTIVITY_ROLES {
            if let Some(p) = f(k, role) {
                out.push(rule(&format!("activity.{}.{role}", k.as_str()), p, None));
            }
        }
    }
    out
}

pub fn template(t: ScoreTemplate) -> ScoreRuleSet {
    use ActivityKind::*;
    let (note, base, max_bonus, thresholds, baseline, mut rules) = match t {
        ScoreTemplate::Minhang => (
            "闵行区政协的规则：全会每半天 5 分；参加每次会议或活动 5 分；提案立案领衔 15 分、联名每人 3 分。\
             原规则未写、由本模板补充的（请按本办实际修改）：常委会议每半天 5 分；社情民意采用区级 5、市级 10、\
             省级 15、全国 20 分，批示同；大会发言 5 分；实事、项目各 5 分；无故缺席全会每半天扣 5 分；\
             无基础分；优秀 ≥60 分，称职 ≥30 分，基本称职 ≥15 分。",
            0.0,
            None,
            (60.0, 30.0, 15.0),
            vec![ScoreBaseline::Activity, ScoreBaseline::Plenary],
            {
                let mut r = activities(|_, role| (role != "report").then_some(5.0));
                r.extend([
                    rule("plenary.sitting", 5.0, None),
                    rule("standing.sitting", 5.0, None),
                    rule("absence.plenary.unexcused", -5.0, None),
                    rule("opinion.adopted.district", 5.0, None),
                    rule("opinion.adopted.city", 10.0, None),
                    rule("opinion.adopted.province", 15.0, None),
                    rule("opinion.adopted.national", 20.0, None),
                    rule("opinion.instructed.district", 5.0, None),
                    rule("opinion.instructed.city", 10.0, None),
                    rule("opinion.instructed.province", 15.0, None),
                    rule("opinion.instructed.national", 20.0, None),
                    rule("proposal.accepted.lead", 15.0, None),
                    rule("proposal.accepted.co", 3.0, None),
                    rule("speech.delivered", 5.0, None),
                    rule("deed.project", 5.0, None),
                    rule("deed.deed", 5.0, None),
                ]);
                r
            },
        ),
        ScoreTemplate::Jinan => (
            "济南市政协的规则：基础分 70 分，加分最多 50 分；无故缺席全会扣 30 分，请假缺席扣 10 分；\
             ≥85 分优秀，60–84 分称职，60 分以下不称职（不设基本称职）。原规则未写加分细则，由本模板补充\
             （请按本办实际修改）：参加活动 2 分，发言、牵头或提交调研报告 3 分；社情民意报送 2 分（联名 1 分），\
             采用区级 3、市级 5、省级 8、全国 10 分，批示区级 3、市级 5、省级 10、全国 15 分；提案领衔 3 分、\
             联名 1 分，立案领衔再加 5 分、联名 2 分，重点提案 5 分，优秀提案 10 分；大会发言采用口头 5 分、\
             书面 3 分；实事、项目各 3 分；无故缺席活动扣 5 分。全会按半天计缺席。",
            70.0,
            Some(50.0),
            (85.0, 60.0, 60.0),
            vec![ScoreBaseline::Activity, ScoreBaseline::Report, ScoreBaseline::Plenary],
            {
                let mut r = activities(|_, role| Some(if role == "attended" { 2.0 } else { 3.0 }));
                r.extend([
                    rule("absence.plenary.unexcused", -30.0, None),
                    rule("absence.plenary.excused", -10.0, None),
                    rule("absence.activity.unexcused", -5.0, None),
                    rule("opinion.submitted", 2.0, None),
                    rule("opinion.co", 1.0, None),
                    rule("opinion.adopted.district", 3.0, None),
                    rule("opinion.adopted.city", 5.0, None),
                    rule("opinion.adopted.province", 8.0, None),
                    rule("opinion.adopted.national", 10.0, None),
                    rule("opinion.instructed.district", 3.0, None),
                    rule("opinion.instructed.city", 5.0, None),
                    rule("opinion.instructed.province", 10.0, None),
                    rule("opinion.instructed.national", 15.0, None),
                    rule("proposal.lead", 3.0, None),
                    rule("proposal.co", 1.0, None),
                    rule("proposal.accepted.lead", 5.0, None),
                    rule("proposal.accepted.co", 2.0, None),
                    rule("proposal.key", 5.0, None),
                    rule("proposal.excellent", 10.0, None),
                    rule("speech.adopted.oral", 5.0, None),
                    rule("speech.adopted.written", 3.0, None),
                    rule("deed.project", 3.0, None),
                    rule("deed.deed", 3.0, None),
                ]);
                r
            },
        ),
        ScoreTemplate::Xuanwei => (
            "宣威市政协的规则：参加全会 2 分（每次全会），参加其他会议 1 分，大会发言 2 分，参加学习 1 分，\
             参加视察、调研 2 分。原规则未写、由本模板补充的（请按本办实际修改）：常委会议每半天 1 分；\
             在会议、活动中发言 2 分，牵头 2 分；走访 1 分；提交心得或调研报告 1 分（每项每年最多 5 分）；\
             社情民意报送 1 分，采用区级 2、市级 3、省级 4、全国 5 分；提案领衔 2 分、联名 1 分，立案领衔再加 2 分；\
             实事、项目各 2 分；无故缺席全会每半天扣 2 分；无基础分；优秀 ≥20 分，称职 ≥10 分，基本称职 ≥5 分。",
            0.0,
            None,
            (20.0, 10.0, 5.0),
            vec![ScoreBaseline::Activity],
            {
                let mut r = activities(|k, role| match role {
                    "attended" => Some(if matches!(k, Inspection | Research) { 2.0 } else { 1.0 }),
                    "spoke" | "led" => Some(2.0),
                    _ => None,
                });
                for k in activity_kinds() {
                    r.push(rule(&format!("activity.{}.report", k.as_str()), 1.0, Some(5.0)));
                }
                r.extend([
                    rule("plenary.session", 2.0, None),
                    rule("standing.sitting", 1.0, None),
                    rule("absence.plenary.unexcused", -2.0, None),
                    rule("speech.delivered", 2.0, None),
                    rule("opinion.submitted", 1.0, None),
                    rule("opinion.adopted.district", 2.0, None),
                    rule("opinion.adopted.city", 3.0, None),
                    rule("opinion.adopted.province", 4.0, None),
                    rule("opinion.adopted.national", 5.0, None),
                    rule("proposal.lead", 2.0, None),
                    rule("proposal.co", 1.0, None),
                    rule("proposal.accepted.lead", 2.0, None),
                    rule("deed.project", 2.0, None),
                    rule("deed.deed", 2.0, None),
                ]);
                r
            },
        ),
    };
    rules.sort_by(|a, b| a.item.cmp(&b.item));
    ScoreRuleSet {
        year: 0,
        template: t.as_str().into(),
        note: note.into(),
        base,
        max_bonus,
        excellent: thresholds.0,
        competent: thresholds.1,
        basic: thresholds.2,
        baseline,
        rules,
        updated_at: None,
    }
}
