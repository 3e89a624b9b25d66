//! The annual score table (履职积分汇总表) as a print-ready .xlsx, written by the shared sheet writer
//! (title, subtitle, header repeated on every page, borders, A4 fitted to the width, page numbers).

use super::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::sheet::{one_table, Col};
use crate::export::{to_folder, ExportSummary};
use crate::rows::join_codes;
use std::path::Path;

const COLS: [Col; 12] = [
    Col::count("名次", 6.0),
    Col::text("姓名", 10.0),
    Col::text("联络组", 18.0),
    Col::text("界别", 26.0),
    Col::count("活动", 6.0),
    Col::count("全会", 6.0),
    Col::count("社情民意", 8.0),
    Col::count("提案", 6.0),
    Col::count("无故缺席", 8.0),
    Col::count("积分", 8.0),
    Col::centred("等次"),
    Col::text("未达基本要求", 24.0),
];

impl Db {
    /// The year's score table, by rank, into `out` (.xlsx). Refused while the year has no rules.
    pub fn export_scores(&self, year: i32, out: &Path) -> Result<ExportSummary> {
        let l = self.score_ledger(year)?;
        if !l.has_rules {
            return Err(Error::Conflict(format!("{year}年还没有积分规则：请先在“履职 → 积分规则”中设置")));
        }
        let rows: Vec<Vec<String>> = l
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    crate::export::pad_name(&r.name),
                    r.group.clone(),
                    r.sector.clone(),
                    r.activities.to_string(),
                    r.sittings.to_string(),
                    r.reports.to_string(),
                    r.proposals.to_string(),
                    r.absences.to_string(),
                    super::fmt_points(r.points),
                    r.grade.map(|g| g.label().to_string()).unwrap_or_default(),
                    join_codes(&r.missed, ScoreBaseline::label).replace(',', "、"),
                ]
            })
            .collect();
        let n = rows.len();
        let title = format!("{year}年度委员履职积分汇总表");
        let note = format!(
            "共 {n} 人：优秀 {} 人，称职 {} 人，基本称职 {} 人，不称职 {} 人",
            l.excellent, l.competent, l.basic, l.unfit
        );
        one_table(out, "履职积分汇总表", &title, &note, &COLS, rows)
    }

    pub fn export_scores_to_folder(&self, year: i32) -> Result<ExportSummary> {
        to_folder(&format!("{year}年度委员履职积分汇总表"), "xlsx", |p| self.export_scores(year, p))
    }
}
