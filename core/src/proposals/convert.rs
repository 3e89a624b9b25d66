//! A 不立案 proposal turned into a 建议 or a 社情民意 report, in one step, linked both ways.
//!
//! For a report the proposal's text is split into the report's three parts: a proposal is usually
//! written under headings (一、基本情况 二、存在的问题 三、对策建议); a heading's words say which part
//! follows. What stands before the first heading is the situation; a text without headings is all
//! situation. The window shows the draft made here, the clerk corrects it, and the report then goes
//! through 核稿 like any other.

use super::types::{ConvertKind, ProposalState, SubmitterKind};
use super::{live_state, proposers_in, row_in};
use crate::dates::{fmt_date, today};
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::opinions::types::{OpinionInput, ReportSubmitterInput, ReportSubmitterKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// Which part of a report a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Situation,
    Problem,
    Suggestion,
}

const ORDINALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The part a heading names, by its words; None for a heading that names none of them.
fn part_named(heading: &str) -> Option<Part> {
    let has = |words: &[&str]| words.iter().any(|w| heading.contains(w));
    let problem = has(&["问题", "困难", "不足", "短板", "原因", "隐患", "矛盾"]);
    let suggestion = has(&["建议", "对策", "措施", "办法", "举措", "意见", "思路"]);
    let situation = has(&["情况", "现状", "背景", "概况", "基本", "成效"]);
    match (situation, problem, suggestion) {
        // 存在的问题及建议: the problems come first.
        (_, true, _) => Some(Part::Problem),
        (_, false, true) => Some(Part::Suggestion),
        (true, false, false) => Some(Part::Situation),
        _ => None,
    }
}

/// A line that opens a section: `一、…` (a top-level Chinese ordinal), or a short line of its own
/// (存在问题 / 对策建议：). Returns the heading and what follows it on the same line.
fn heading(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let first = t.chars().next()?;
    // 一是…… is a point within a part, not a heading.
    let numbered = ORDINALS.contains(&first) && t.chars().find(|c| !ORDINALS.contains(c)) == Some('、');
    if numbered {
        let body = t.trim_start_matches(ORDINALS).trim_start_matches('、').trim();
        // 一、存在的问题。当前…… : the heading ends at the first stop within a short reach.
        let stop = body.char_indices().take(30).find(|(_, c)| matches!(c, '。' | '：' | ':' | '；'));
        return Some(match stop {
            Some((i, c)) => (body[..i].to_string(), body[i + c.len_utf8()..].trim().to_string()),
            None => (body.to_string(), String::new()),
        });
    }
    // A line of its own: a heading ends with a colon, or is one of the usual ones (资金不足 is content).
    let bare = t.trim_end_matches(['：', ':']);
    let usual = [
        "基本情况",
        "现状",
        "情况",
        "背景",
        "存在问题",
        "存在的问题",
        "主要问题",
        "问题",
        "问题及原因",
        "原因分析",
        "建议",
        "对策",
        "对策建议",
        "意见建议",
        "具体建议",
        "几点建议",
        "工作建议",
        "措施",
    ];
    let colon = bare.len() < t.len();
    if (colon || usual.contains(&bare))
        && bare.chars().count() <= 12
        && !bare.contains(['。', '，', ','])
        && part_named(bare).is_some()
    {
        return Some((bare.to_string(), String::new()));
    }
    None
}

/// The proposal's text as a report's 情况 / 问题 / 建议.
pub fn split_body(body: &str) -> (String, String, String) {
    let mut parts: [Vec<String>; 3] = Default::default();
    let mut current = Part::Situation;
    let mut found = false;
    for line in body.lines() {
        if let Some((h, rest)) = heading(line) {
            if let Some(p) = part_named(&h) {
                current = p;
                found = true;
                if !rest.is_empty() {
                    parts[current as usize].push(rest);
                }
                continue;
            }
        }
        if !line.trim().is_empty() || !parts[current as usize].is_empty() {
            parts[current as usize].push(line.trim_end().to_string());
        }
    }
    if !found {
        return (body.trim().to_string(), String::new(), String::new());
    }
    let [a, b, c] = parts.map(|p| p.join("\n").trim().to_string());
    (a, b, c)
}

/// 关于……的提案 → 关于……的建议 (a report's title names a suggestion).
fn report_title(title: &str) -> String {
    let t = title.trim();
    match t.strip_suffix("的提案") {
        Some(stem) => format!("{stem}的建议"),
        None => t.to_string(),
    }
}

/// The report a proposal would become: its title, its text split into the three parts, its proposers
/// as submitters (a committee cannot submit a report: left out), its sector (a sector proposer's, else
/// the lead member's) and its category as the topic.
fn opinion_draft_in(conn: &Connection, id: &str) -> Result<OpinionInput> {
    let row = row_in(conn, id)?;
    let body: String = conn.query_row("SELECT body FROM proposals WHERE id = ?1", [id], |r| r.get(0))?;
    let (situation, problem, suggestion) = split_body(&body);
    let proposers = proposers_in(conn, id)?;
    let submitters = proposers
        .iter()
        .filter_map(|p| {
            let kind = match p.kind {
                SubmitterKind::Member => ReportSubmitterKind::Member,
                SubmitterKind::Group => ReportSubmitterKind::Group,
                SubmitterKind::Party => ReportSubmitterKind::Party,
                SubmitterKind::Sector => ReportSubmitterKind::Sector,
                SubmitterKind::Committee => return None,
            };
            Some(ReportSubmitterInput { kind, id: p.id.clone() })
        })
        .collect::<Vec<_>>();
    let sector_id = match proposers.iter().find(|p| p.kind == SubmitterKind::Sector) {
        Some(p) => Some(p.id.clone()),
        None => match proposers.iter().find(|p| p.kind == SubmitterKind::Member) {
            Some(p) => conn
                .query_row("SELECT sector_id FROM members WHERE id = ?1", [&p.id], |r| r.get::<_, Option<String>>(0))
                .optional()?
                .flatten(),
            None => None,
        },
    };
    Ok(OpinionInput {
        id: None,
        title: report_title(&row.title),
        date: fmt_date(today()),
        situation,
        problem,
        suggestion,
        sector_id,
        topics: vec![row.category.label().to_string()],
        submitters,
    })
}

/// Convert in the caller's transaction (the demo uses it too); returns the new record's id.
pub(crate) fn convert_in(tx: &Connection, id: &str, kind: ConvertKind, report: Option<OpinionInput>) -> Result<String> {
    let s = live_state(tx, id)?;
    if s.state != ProposalState::Rejected {
        return Err(Error::Conflict(format!(
            "提案“{}”是“{}”：只有不立案的提案才能转为{}",
            s.title,
            s.state.label(),
            kind.label()
        )));
    }
    if let Some(k) = s.converted {
        return Err(Error::Conflict(format!("提案“{}”已转为{}，不能再次转换", s.title, k.label())));
    }
    let new = match kind {
        ConvertKind::Suggestion => suggestion_from(tx, id)?,
        ConvertKind::Opinion => {
            let draft = match report {
                Some(r) => r,
                None => opinion_draft_in(tx, id)?,
            };
            Db::opinion_from(tx, draft, "proposal", id)?
        }
    };
    tx.execute(
        "UPDATE proposals SET converted_kind = ?2, converted_id = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, kind.as_str(), new, now()],
    )?;
    audit(
        tx,
        "proposal",
        id,
        "convert",
        &json!({ "converted_kind": [null, kind.as_str()], "converted_id": [null, new],
                 "detail": format!("转为{}", kind.label()) }),
    )?;
    Ok(new)
}

fn suggestion_from(tx: &Connection, proposal_id: &str) -> Result<String> {
    let row = row_in(tx, proposal_id)?;
    let (body, units): (String, String) =
        tx.query_row("SELECT body, suggested_units FROM proposals WHERE id = ?1", [proposal_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let id = new_id();
    let t = now();
    tx.execute(
        "INSERT INTO suggestions (id, year, title, body, submitters, units, state, source_kind, source_id,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', 'proposal', ?7, ?8, ?8)",
        params![id, row.year, row.title, body, row.proposers, units, proposal_id, t],
    )?;
    audit(
        tx,
        "suggestion",
        &id,
        "create",
        &json!({ "title": [null, row.title], "source": [null, format!("提案 {proposal_id}")] }),
    )?;
    Ok(id)
}

impl Db {
    /// The 社情民意 report a 不立案 proposal would become, for the window to show and correct before
    /// converting (`convert_proposal` with the corrected report).
    pub fn proposal_opinion_draft(&self, id: &str) -> Result<OpinionInput> {
        opinion_draft_in(&self.conn, id)
    }

    /// Turn a 不立案 proposal into a 建议 or a 社情民意 report, in one step, linked both ways; returns the
    /// new record's id. A proposal is converted once. For a report, `report` is the corrected draft
    /// (None: the draft as `proposal_opinion_draft` makes it); it is checked like the report form, and
    /// the report is written as 已提交, ready for 核稿.
    pub fn convert_proposal(&mut self, id: &str, kind: ConvertKind, report: Option<OpinionInput>) -> Result<String> {
        let tx = self.conn.transaction()?;
        let new = convert_in(&tx, id, kind, report)?;
        tx.commit()?;
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_under_headings_splits_into_the_three_parts() {
        let body = "近年来，我区老旧小区加装电梯工作取得一定进展。\n\n一、基本情况\n全区已加装电梯 120 台。\n二、存在的问题。协调难，资金缺口大。\n（一）业主意见难统一。\n三、对策建议：\n1. 完善补贴政策。\n2. 建立协商机制。";
        let (a, b, c) = split_body(body);
        assert_eq!(a, "近年来，我区老旧小区加装电梯工作取得一定进展。\n\n全区已加装电梯 120 台。");
        assert_eq!(b, "协调难，资金缺口大。\n（一）业主意见难统一。");
        assert_eq!(c, "1. 完善补贴政策。\n2. 建立协商机制。");
    }

    #[test]
    fn bare_headings_and_a_text_without_headings() {
        let (a, b, c) = split_body("存在问题\n停车难。\n对策建议：\n建设立体车库。");
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("", "停车难。", "建设立体车库。"));
        let plain = "建议在城关镇增设公交线路，方便群众出行。";
        assert_eq!(split_body(plain), (plain.to_string(), String::new(), String::new()));
        // A sentence that mentions 问题 is not a heading, nor a short line of content.
        let (a, b, _) = split_body("二、存在的问题\n资金不足\n人手紧张");
        assert_eq!((a.as_str(), b.as_str()), ("", "资金不足\n人手紧张"));
        let (a, b, _) = split_body("这个问题由来已久，群众反映强烈，亟待解决。");
        assert_eq!((a.as_str(), b.as_str()), ("这个问题由来已久，群众反映强烈，亟待解决。", ""));
        // 一是…二是… are points, not headings, unless they name a part.
        let (a, b, c) = split_body("一是加大投入；\n二是强化考核。");
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("一是加大投入；\n二是强化考核。", "", ""));
    }

    #[test]
    fn the_title_names_a_suggestion() {
        assert_eq!(report_title("关于加快老旧小区加装电梯的提案"), "关于加快老旧小区加装电梯的建议");
        assert_eq!(report_title("关于加强河道治理"), "关于加强河道治理");
    }
}
