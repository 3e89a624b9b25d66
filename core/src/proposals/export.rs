//! The proposal register (提案汇总表) and the speech list (大会发言汇总表) as print-ready .xlsx, written by
//! the shared sheet writer (`export::sheet`: title, subtitle, header repeated on every page, borders,
//! A4 landscape fitted to the width, 第 X 页 共 Y 页).

use super::types::*;
use crate::db::Db;
use crate::error::Result;
use crate::export::sheet::{one_table, Col};
use crate::export::{to_folder, ExportSummary};
use std::path::Path;

/// The register's columns, after 序号.
const PROPOSAL_COLS: [Col; 11] = [
    Col::centred("提案号"),
    Col::text("案由", 40.0),
    Col::text("提案人", 24.0),
    Col::centred("类别"),
    Col::centred("提出"),
    Col::centred("状态"),
    Col::text("主办单位", 20.0),
    Col::text("会办单位", 20.0),
    Col::centred("办理期限"),
    Col::text("答复类别", 12.0),
    Col::text("备注", 16.0),
];

const SPEECH_COLS: [Col; 8] = [
    Col::text("会议", 24.0),
    Col::text("发言题目", 40.0),
    Col::text("发言人", 20.0),
    Col::text("界别", 18.0),
    Col::centred("提交日期"),
    Col::centred("状态"),
    Col::centred("采用方式"),
    Col::centred("发言日期"),
];

/// A register's 备注: 重点, 优秀, 不立案 with its reason, 并案, 委员反馈, overdue days.
fn note(p: &ProposalRow, reason: &str) -> String {
    let mut n = Vec::new();
    if p.is_key {
        n.push("重点提案".to_string());
    }
    if p.is_excellent {
        n.push("优秀提案".to_string());
    }
    if p.state == ProposalState::Rejected && !reason.is_empty() {
        n.push(format!("不立案：{reason}"));
    }
    if let Some(f) = p.feedback {
        n.push(format!("委员{}", f.label()));
    }
    if p.days_overdue > 0 {
        n.push(format!("逾期 {} 天", p.days_overdue));
    }
    n.join("；")
}

impl Db {
    /// The year's proposal register: every live proposal of the year, by number (those without one
    /// after), into `out` (.xlsx).
    pub fn export_proposals(&self, year: i32, out: &Path) -> Result<ExportSummary> {
        let list = self.proposals(&ProposalQuery { year: Some(year), ..Default::default() })?;
        let mut rows = Vec::new();
        for p in &list.rows {
            let reason: String = if p.state == ProposalState::Rejected {
                self.conn.query_row("SELECT reject_reason FROM proposals WHERE id = ?1", [&p.id], |r| r.get(0))?
            } else {
                String::new()
            };
            rows.push(vec![
                p.number.map(|n| n.to_string()).unwrap_or_default(),
                p.title.clone(),
                p.proposers.clone(),
                p.category.label().to_string(),
                p.timing.label().to_string(),
                p.state.label().to_string(),
                p.main_units.clone(),
                p.assist_units.clone(),
                p.due_date.clone().unwrap_or_default(),
                p.reply_grade.map(|g| g.label().to_string()).unwrap_or_default(),
                note(p, &reason),
            ]);
        }
        let n = rows.len();
        let accepted = list.rows.iter().filter(|p| super::is_accepted(p.state)).count();
        let title = format!("{year}年提案汇总表");
        let note = format!("共 {n} 件，立案 {accepted} 件");
        one_table(out, "提案汇总表", &title, &note, &PROPOSAL_COLS, rows)
    }

    pub fn export_proposals_to_folder(&self, year: i32) -> Result<ExportSummary> {
        to_folder(&format!("{year}年提案汇总表"), "xlsx", |p| self.export_proposals(year, p))
    }

    /// The speeches of a meeting (or of a year: `session_id` None) as a list (.xlsx).
    pub fn export_speeches(&self, q: &SpeechQuery, out: &Path) -> Result<ExportSummary> {
        let list = self.speeches(q)?;
        let rows: Vec<Vec<String>> = list
            .rows
            .iter()
            .map(|s| {
                vec![
                    s.session.clone(),
                    s.title.clone(),
                    s.submitter.clone(),
                    s.sector.clone(),
                    s.submitted_date.clone(),
                    s.state.label().to_string(),
                    s.adoption.map(|a| a.label().to_string()).unwrap_or_default(),
                    s.delivered_date.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let n = rows.len();
        let adopted = list.rows.iter().filter(|s| s.adoption.is_some()).count();
        let title = match (&q.session_id, q.year) {
            (Some(_), _) if !list.rows.is_empty() => format!("{}大会发言汇总表", list.rows[0].session),
            (_, Some(y)) => format!("{y}年大会发言汇总表"),
            _ => "大会发言汇总表".to_string(),
        };
        let note = format!("共 {n} 篇，采用 {adopted} 篇");
        one_table(out, "大会发言", &title, &note, &SPEECH_COLS, rows)
    }

    pub fn export_speeches_to_folder(&self, q: &SpeechQuery) -> Result<ExportSummary> {
        to_folder("大会发言汇总表", "xlsx", |p| self.export_speeches(q, p))
    }
}
