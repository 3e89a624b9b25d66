//! 走访情况汇总: what came of a round of visits, or of a year's visits — what was found, the opinions and
//! suggestions raised, the difficulties, and the follow-ups with their state — gathered once for the
//! .xlsx and the PDF.

use super::super::types::*;
use super::super::visits::{follow_ups_in, visit_in};
use crate::dates::{doc_date, parse_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use serde::Serialize;

/// One visit done, as the summary prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryVisit {
    pub seq: usize,
    /// The day it was done: 2026年12月1日.
    pub date: String,
    /// Whom: 王伟, 王伟（区人民医院）, 民革区委会.
    pub target: String,
    pub visitors: String,
    /// The round it belongs to (a year's summary lists several); empty for a visit on its own.
    pub round: String,
    pub findings: String,
    pub opinions: String,
    pub difficulties: String,
}

/// One follow-up of a visit and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryFollowUp {
    pub seq: usize,
    pub target: String,
    pub content: String,
    pub owner: String,
    /// 2026年12月31日
    pub due: String,
    /// 已落实 / 待落实 / 逾期 N 天
    pub state: String,
    /// Done: the day and the result (2026年12月20日：已向财政局反映); empty while open.
    pub result: String,
    pub overdue: bool,
}

/// The summary of a round or a year of visits.
#[derive(Debug, Clone, Serialize)]
pub struct VisitSummary {
    /// 2026年冬季委员走访情况汇总, 2026年委员走访情况汇总.
    pub title: String,
    /// The round's name, or 2026年.
    pub scope: String,
    pub printed: String,
    /// The counts in one sentence: 计划走访 …，已走访 …
    pub overview: String,
    /// Set when no visit has a recorded outcome: what to say instead of the tables.
    pub empty: String,
    pub visits: Vec<SummaryVisit>,
    /// Visits planned and not yet done: whom (and the planned day).
    pub pending: Vec<String>,
    pub follow_ups: Vec<SummaryFollowUp>,
}

/// A year as a summary's id asks for it: four digits, 1900–2999.
pub(crate) fn summary_year(id: &str) -> Option<i32> {
    let id = id.trim().trim_end_matches('年');
    (id.len() == 4 && id.chars().all(|c| c.is_ascii_digit()))
        .then(|| id.parse().ok())
        .flatten()
        .filter(|y| (1900..3000).contains(y))
}

fn day_label(d: &str) -> String {
    parse_date(d).ok().flatten().map(doc_date).unwrap_or_else(|| d.to_string())
}

impl Db {
    /// The 走访情况汇总 of a round (`id`: the round's id) or of a year (`id`: 2026): its visits that are
    /// done, with what was found, the opinions, the difficulties; the follow-ups with their state; the
    /// visits still to make. Cancelled and deleted visits are left out. An empty round or year is not an
    /// error: the summary says so.
    pub fn visit_summary(&self, id: &str) -> Result<VisitSummary> {
        let (title, scope, visits, empty_what) = match summary_year(id) {
            Some(year) => {
                let mut st = self.conn.prepare_cached(
                    "SELECT a.id FROM activities a JOIN visits v ON v.activity_id = a.id
                     WHERE a.kind = 'visit' AND a.deleted_at IS NULL AND a.status <> 'cancelled'
                       AND substr(CASE WHEN a.status = 'done' THEN COALESCE(v.done_date, a.start_date)
                                       ELSE a.start_date END, 1, 4) = ?1
                     ORDER BY a.start_date, a.start_time, a.id",
                )?;
                let ids: Vec<String> =
                    st.query_map([year.to_string()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                let visits = ids.iter().map(|i| visit_in(&self.conn, i)).collect::<Result<Vec<_>>>()?;
                (format!("{year}年委员走访情况汇总"), format!("{year}年"), visits, format!("{year}年"))
            }
            None if id.trim().is_empty() => {
                return Err(Error::field("id", "请选择走访计划，或填写年份（如 2026）"));
            }
            None => {
                let r = self.visit_round(id)?;
                let t = r.round.title.clone();
                let title = if t.ends_with("情况汇总") { t.clone() } else { format!("{t}情况汇总") };
                let visits = r.visits.into_iter().filter(|v| v.status != ActivityStatus::Cancelled).collect();
                (title, t, visits, "该走访计划".to_string())
            }
        };
        let as_of = today();
        let mut done: Vec<&Visit> = visits.iter().filter(|v| v.status == ActivityStatus::Done).collect();
        done.sort_by(|a, b| (&a.done_date, &a.date, &a.time).cmp(&(&b.done_date, &b.date, &b.time)));
        let pending: Vec<String> = visits
            .iter()
            .filter(|v| v.status != ActivityStatus::Done)
            .map(|v| match v.date.as_deref() {
                Some(d) => format!("{}（计划 {}）", v.target, day_label(d)),
                None => v.target.clone(),
            })
            .collect();
        let summary_visits: Vec<SummaryVisit> = done
            .iter()
            .enumerate()
            .map(|(i, v)| SummaryVisit {
                seq: i + 1,
                date: v.done_date.as_deref().or(v.date.as_deref()).map(day_label).unwrap_or_default(),
                target: v.target.clone(),
                visitors: v.visitors.clone(),
                round: v.round.clone().unwrap_or_default(),
                findings: v.findings.clone(),
                opinions: v.opinions.clone(),
                difficulties: v.difficulties.clone(),
            })
            .collect();
        let mut follow_ups = Vec::new();
        for v in &done {
            for f in follow_ups_in(&self.conn, &v.activity_id, as_of)? {
                let (state, result) = match f.status {
                    FollowUpStatus::Done => {
                        let day = f.done_at.as_deref().map(day_label).unwrap_or_default();
                        let result = match (day.is_empty(), f.result.trim().is_empty()) {
                            (false, false) => format!("{day}：{}", f.result.trim()),
                            (false, true) => day,
                            _ => f.result.trim().to_string(),
                        };
                        ("已落实".to_string(), result)
                    }
                    FollowUpStatus::Open if f.days_overdue > 0 => {
                        (format!("逾期 {} 天", f.days_overdue), String::new())
                    }
                    FollowUpStatus::Open => ("待落实".to_string(), String::new()),
                };
                follow_ups.push(SummaryFollowUp {
                    seq: follow_ups.len() + 1,
                    target: v.target.clone(),
                    content: f.content,
                    owner: f.owner,
                    due: day_label(&f.due_date),
                    state,
                    result,
                    overdue: f.days_overdue > 0 && f.status == FollowUpStatus::Open,
                });
            }
        }
        let n_done = summary_visits.len();
        let members: std::collections::HashSet<&str> = done.iter().filter_map(|v| v.member_id.as_deref()).collect();
        let opinions = summary_visits.iter().filter(|v| !v.opinions.trim().is_empty()).count();
        let difficulties = summary_visits.iter().filter(|v| !v.difficulties.trim().is_empty()).count();
        let fu_done = follow_ups.iter().filter(|f| f.state == "已落实").count();
        let fu_overdue = follow_ups.iter().filter(|f| f.overdue).count();
        let mut overview = format!("计划走访 {} 处，已走访 {n_done} 处", visits.len());
        if !members.is_empty() {
            overview.push_str(&format!("（委员 {} 人）", members.len()));
        }
        if !pending.is_empty() {
            overview.push_str(&format!("，尚未走访 {} 处", pending.len()));
        }
        if n_done > 0 {
            overview.push_str(&format!("；反映意见建议的 {opinions} 处，反映困难诉求的 {difficulties} 处"));
            overview.push_str(&format!("；跟踪落实事项 {} 项", follow_ups.len()));
            if !follow_ups.is_empty() {
                overview.push_str(&format!("，已落实 {fu_done} 项，待落实 {} 项", follow_ups.len() - fu_done));
                if fu_overdue > 0 {
                    overview.push_str(&format!("（其中逾期 {fu_overdue} 项）"));
                }
            }
        }
        overview.push('。');
        let empty = match (visits.is_empty(), n_done) {
            (true, _) => format!("{empty_what}还没有安排走访。"),
            (false, 0) => format!("{empty_what}还没有记录走访情况的走访：计划的 {} 处走访都尚未走访。", visits.len()),
            _ => String::new(),
        };
        Ok(VisitSummary {
            title,
            scope,
            printed: doc_date(as_of),
            overview,
            empty,
            visits: summary_visits,
            pending,
            follow_ups,
        })
    }
}
