//! 工作计划完成情况 as a print-ready .xlsx: the year's items against their targets with the quarters
//! (完成情况), the figures by liaison group (按联络组), then the lists the office acts on: the groups
//! short of their quarterly activity, the activities lacking one of the 四落实, and the members short of
//! each per-member target.

use super::types::*;
use super::{quarter_label, target_text};
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::Result;
use crate::export::sheet::{new_workbook, save, table_sheet, Col, Formats, Heading, Table};
use crate::export::{to_folder, ExportSummary};
use std::collections::HashSet;
use std::path::Path;

const PROGRESS_COLS: [Col; 9] = [
    Col::text("项目", 30.0),
    Col::centred("目标"),
    Col::centred("完成"),
    Col::centred("完成率"),
    Col::centred("一季度"),
    Col::centred("二季度"),
    Col::centred("三季度"),
    Col::centred("四季度"),
    Col::text("说明", 30.0),
];

/// The lists' columns: the groups short of a quarter, the activities lacking a 四落实, the members short.
const GROUP_COLS: [Col; 3] = [Col::centred("季度"), Col::text("联络组", 24.0), Col::text("说明", 44.0)];
const ACTIVITY_COLS: [Col; 4] =
    [Col::centred("日期"), Col::text("活动", 36.0), Col::text("联络组", 24.0), Col::text("缺少", 20.0)];
const MEMBER_COLS: [Col; 3] = [Col::text("姓名", 12.0), Col::text("联络组", 24.0), Col::text("完成情况", 36.0)];

/// An item's row of 完成情况.
fn progress_row(p: &PlanProgress) -> Vec<String> {
    let u = &p.unit;
    let (target, done, note) = match p.kind {
        PlanItemKind::Count => (
            target_text(p.target, p.target_max, u),
            format!("{} {u}", p.actual),
            if p.short > 0 { format!("尚差 {} {u}", p.short) } else { "已完成".to_string() },
        ),
        PlanItemKind::PerGroupQuarter => {
            (format!("每组每季度 {} 次", p.target), format!("{} / {} 组次", p.actual, p.goal), {
                let mut n =
                    if p.short > 0 { format!("未达标 {} 组次", p.short) } else { "均已达标".to_string() };
                if p.incomplete > 0 {
                    n.push_str(&format!("；四落实不全的活动 {} 次", p.incomplete));
                }
                n
            })
        }
        PlanItemKind::PerMember => (
            format!("每人 {}", target_text(p.target, p.target_max, u)),
            format!("{} / {} 人", p.actual, p.goal),
            if p.short > 0 { format!("未达标 {} 人", p.short) } else { "均已达标".to_string() },
        ),
    };
    let mut row = vec![p.label.clone(), target, done, format!("{}%", p.percent)];
    for q in 0..4 {
        row.push(p.by_quarter.get(q).map(|n| n.to_string()).unwrap_or_default());
    }
    row.push(note);
    row
}

/// A list's columns and rows as its sheet shows them.
fn list_table(kind: PlanItemKind, l: &PlanList) -> (&'static [Col], Vec<Vec<String>>) {
    match (kind, l.list) {
        (PlanItemKind::PerGroupQuarter, PlanListKind::Short | PlanListKind::Done) => (
            &GROUP_COLS,
            l.rows
                .iter()
                .map(|r| vec![quarter_label(r.quarter).to_string(), r.group.clone(), r.detail.clone()])
                .collect(),
        ),
        (PlanItemKind::PerMember, _) => {
            (&MEMBER_COLS, l.rows.iter().map(|r| vec![r.title.clone(), r.group.clone(), r.detail.clone()]).collect())
        }
        _ => (
            &ACTIVITY_COLS,
            l.rows
                .iter()
                .map(|r| {
                    vec![
                        r.date.clone(),
                        r.title.clone(),
                        r.group.clone(),
                        r.detail.trim_start_matches('缺').to_string(),
                    ]
                })
                .collect(),
        ),
    }
}

impl Db {
    /// The year's 工作计划完成情况 into `out` (.xlsx); `rows` counts the items of the plan.
    pub fn export_work_plan(&self, year: i32, out: &Path) -> Result<ExportSummary> {
        let p = self.work_plan_progress(year)?;
        let f = Formats::new();
        let date = doc_date(today());
        let mut wb = new_workbook();
        let mut used = HashSet::new();

        let rows: Vec<Vec<String>> = p.items.iter().map(progress_row).collect();
        let title = format!("{year}年工作计划完成情况");
        let note = format!(
            "统计至 {}；本届委员 {} 人，联络组 {} 个{}",
            p.as_of,
            p.members,
            p.groups.len(),
            if p.saved { "" } else { "（本年度尚未制定计划，按参考目标统计）" }
        );
        table_sheet(
            &mut wb,
            &mut used,
            "完成情况",
            &f,
            &Heading { title: &title, note: &note, date: &date },
            &PROGRESS_COLS,
            &Table(rows),
        )?;

        // 按联络组: one column per item that has a figure per group.
        let items: Vec<&PlanProgress> = p.items.iter().filter(|i| i.item != PlanItem::BulletinIssues).collect();
        if !p.groups.is_empty() && !items.is_empty() {
            let mut cols = vec![Col::text("联络组", 24.0)];
            cols.extend(items.iter().map(|i| Col::centred(i.item.short())));
            let rows: Vec<Vec<String>> = p
                .groups
                .iter()
                .enumerate()
                .map(|(g, grp)| {
                    let mut row = vec![grp.name.clone()];
                    for i in &items {
                        row.push(match i.kind {
                            PlanItemKind::Count => i.by_group[g].to_string(),
                            PlanItemKind::PerGroupQuarter => {
                                format!("{} / {}", i.by_group[g], i.goal / p.groups.len().max(1) as i32)
                            }
                            PlanItemKind::PerMember => format!("{} / {}", i.by_group[g], i.group_members[g]),
                        });
                    }
                    row
                })
                .collect();
            let title = format!("{year}年工作计划完成情况（按联络组）");
            let note = "季度活动达标：达标季度 / 应开展季度；委员达标：达标人数 / 组内委员";
            table_sheet(
                &mut wb,
                &mut used,
                "按联络组",
                &f,
                &Heading { title: &title, note, date: &date },
                &cols,
                &Table(rows),
            )?;
        }

        // The lists to act on.
        for i in &p.items {
            let lists: &[(PlanListKind, &str)] = match i.kind {
                PlanItemKind::Count => &[],
                PlanItemKind::PerGroupQuarter => {
                    &[(PlanListKind::Short, "未达标联络组"), (PlanListKind::Incomplete, "四落实不全的活动")]
                }
                PlanItemKind::PerMember => &[(PlanListKind::Short, "未达标委员")],
            };
            for (kind, name) in lists {
                let l = self.work_plan_list(&PlanListQuery {
                    year,
                    item: i.item,
                    list: *kind,
                    quarter: None,
                    group_id: None,
                })?;
                let sheet = match i.item {
                    PlanItem::MemberReports => "社情民意未达标委员".to_string(),
                    PlanItem::MemberReflections => "学习心得未达标委员".to_string(),
                    _ => name.to_string(),
                };
                let title = format!("{year}年{}", sheet);
                let (cols, rows) = list_table(i.kind, &l);
                let note = format!("共 {} 条", l.rows.len());
                table_sheet(
                    &mut wb,
                    &mut used,
                    &sheet,
                    &f,
                    &Heading { title: &title, note: &note, date: &date },
                    cols,
                    &Table(rows),
                )?;
            }
        }
        save(&mut wb, out, p.items.len())
    }

    pub fn export_work_plan_to_folder(&self, year: i32) -> Result<ExportSummary> {
        to_folder(&format!("{year}年工作计划完成情况"), "xlsx", |p| self.export_work_plan(year, p))
    }
}
