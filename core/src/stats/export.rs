//! 委员构成统计 as a print-ready .xlsx: one sheet per dimension (界别, 党派, 性别, 年龄, 学历, 联络组), each
//! a table of counts and shares with a 合计 row.

use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::Result;
use crate::export::sheet::{new_workbook, save, table_sheet_on, Col, Formats, Heading, Paper, Table};
use crate::export::{to_folder, ExportSummary};
use std::collections::HashSet;
use std::path::Path;

const COLS: [Col; 3] = [Col::text("类别", 30.0), Col::count("人数", 10.0), Col::centred("占比")];

impl Db {
    /// The composition statistics into `out` (.xlsx); `rows` counts the members.
    pub fn export_composition(&self, out: &Path) -> Result<ExportSummary> {
        let c = self.composition()?;
        let f = Formats::new();
        let date = doc_date(today());
        let mut wb = new_workbook();
        let mut used = HashSet::new();
        let term = c.term.clone();
        for t in &c.tables {
            let rows: Vec<Vec<String>> =
                t.rows.iter().map(|r| vec![r.label.clone(), r.count.to_string(), format!("{:.1}%", r.share)]).collect();
            let sum: i32 = t.rows.iter().map(|r| r.count).sum();
            let title = format!("{term}委员构成统计（按{}）", t.dim.label());
            let note = if t.dim == crate::stats::types::CompositionDim::Age {
                format!("年龄计至 {}", c.as_of)
            } else {
                format!("在任委员 {} 人", c.total)
            };
            // 人数 and 占比 wide enough that the subtitle's date fits over them.
            let paper = Paper { row_height: None, min_widths: &[(0, 16.0), (1, 12.0), (2, 12.0)] };
            let h = Heading { title: &title, note: &note, date: &date };
            let next = table_sheet_on(&mut wb, &mut used, t.dim.label(), &f, &h, &COLS, &Table(rows), &paper)?;
            // 合计 under the table, across 序号 and 类别 (not a numbered row).
            let ws = wb.worksheet_from_name(t.dim.label())?;
            ws.merge_range(next, 0, next, 1, "合计", &f.body_centre)?;
            ws.write_number_with_format(next, 2, sum as f64, &f.body_centre)?;
            ws.write_string_with_format(next, 3, if c.total > 0 { "100.0%" } else { "" }, &f.body_centre)?;
        }
        save(&mut wb, out, c.total as usize)
    }

    pub fn export_composition_to_folder(&self) -> Result<ExportSummary> {
        to_folder("委员构成统计", "xlsx", |p| self.export_composition(p))
    }
}
