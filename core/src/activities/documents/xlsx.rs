//! The documents as .xlsx: the tables by the shared sheet writer (`export::sheet`: title, repeated
//! header, borders, A4, page numbers), and the visit record sheets as one form-like sheet per visit.

use super::{InspectionPlan, PeopleList, VisitChecklist, VisitSummary};
use crate::error::Result;
use crate::export::sheet::{new_workbook, save, write_table, Col, Formats, Heading, Table, BODY, PAGE_FOOTER};
use crate::export::{text_width, ExportSummary};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::path::Path;

/// Body rows of the sheet (after title, subtitle and header) made `height` points high: room to sign.
fn tall_rows(ws: &mut Worksheet, first: u32, end: u32, height: f64) -> Result<()> {
    for r in first..end {
        ws.set_row_height(r, height)?;
    }
    Ok(())
}

const CHECKLIST_COLS: [Col; 7] = [
    Col::centred("日期"),
    Col::centred("时间"),
    Col::text("走访对象", 24.0),
    Col::text("地址", 30.0),
    Col::text("联系电话", 16.0),
    Col::text("走访事由", 30.0),
    Col::text("走访人员", 20.0),
];

pub(super) fn visit_checklist(c: &VisitChecklist, out: &Path) -> Result<ExportSummary> {
    let mut wb = new_workbook();
    let f = Formats::new();
    let rows = Table(
        c.visits
            .iter()
            .map(|v| {
                let target = if v.target_note.is_empty() {
                    v.target.clone()
                } else {
                    format!("{}（{}）", v.target, v.target_note)
                };
                vec![
                    v.date_label.clone(),
                    v.time.clone(),
                    target,
                    v.address.clone(),
                    v.phone.clone(),
                    v.purpose.clone(),
                    v.visitors.clone(),
                ]
            })
            .collect(),
    );
    let ws = wb.add_worksheet();
    ws.set_name("走访安排表")?;
    write_table(ws, &f, &Heading { title: &c.title, note: &c.note, date: &c.printed }, &CHECKLIST_COLS, &rows)?;
    // One record sheet per visit.
    let rf = RecordFormats::new();
    for v in &c.visits {
        let ws = wb.add_worksheet();
        let mut name: String = format!("记录表{} {}", v.seq, v.target);
        name.retain(|ch| !"[]:*?/\\'".contains(ch));
        ws.set_name(name.chars().take(31).collect::<String>())?;
        record_sheet(ws, &rf, c, v)?;
    }
    save(&mut wb, out, c.visits.len())
}

struct RecordFormats {
    title: Format,
    sub: Format,
    label: Format,
    value: Format,
    area: Format,
    plain: Format,
}

impl RecordFormats {
    fn new() -> RecordFormats {
        let base = Format::new().set_font_name("宋体").set_font_size(11).set_text_wrap();
        RecordFormats {
            title: Format::new().set_font_name("黑体").set_font_size(18).set_bold().set_align(FormatAlign::Center),
            sub: base.clone(),
            label: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color("F0F0F0"),
            value: base.clone().set_align(FormatAlign::VerticalCenter).set_border(FormatBorder::Thin),
            area: base.clone().set_align(FormatAlign::Top).set_border(FormatBorder::Thin),
            plain: base,
        }
    }
}

/// One visit's record sheet: the member's data, the purpose, boxes to write in, signature and date.
fn record_sheet(ws: &mut Worksheet, f: &RecordFormats, c: &VisitChecklist, v: &super::ChecklistVisit) -> Result<()> {
    for (col, w) in [(0u16, 12.0), (1, 26.0), (2, 12.0), (3, 26.0)] {
        ws.set_column_width(col, w)?;
    }
    ws.merge_range(0, 0, 0, 3, "委员走访记录表", &f.title)?;
    ws.set_row_height(0, 32)?;
    ws.merge_range(1, 0, 1, 2, &c.round, &f.sub)?;
    ws.write_string_with_format(1, 3, format!("编号：{}", v.seq), &f.sub.clone().set_align(FormatAlign::Right))?;
    let mut row = 2u32;
    let wide = |ws: &mut Worksheet, row: &mut u32, label: &str, value: &str| -> Result<()> {
        ws.write_string_with_format(*row, 0, label, &f.label)?;
        ws.merge_range(*row, 1, *row, 3, value, &f.value)?;
        ws.set_row_height(*row, 24)?;
        *row += 1;
        Ok(())
    };
    let target =
        if v.target_note.is_empty() { v.target.clone() } else { format!("{}（{}）", v.target, v.target_note) };
    wide(ws, &mut row, "走访对象", &target)?;
    let pair = |ws: &mut Worksheet, row: &mut u32, a: (&str, &str), b: (&str, &str)| -> Result<()> {
        ws.write_string_with_format(*row, 0, a.0, &f.label)?;
        ws.write_string_with_format(*row, 1, a.1, &f.value)?;
        ws.write_string_with_format(*row, 2, b.0, &f.label)?;
        ws.write_string_with_format(*row, 3, b.1, &f.value)?;
        ws.set_row_height(*row, 24)?;
        *row += 1;
        Ok(())
    };
    if let Some(m) = &v.member {
        pair(ws, &mut row, ("性别", &m.gender), ("出生年月", &m.birth))?;
        pair(ws, &mut row, ("界别", &m.sector), ("政治面貌", &m.party))?;
        wide(ws, &mut row, "工作单位及职务", &m.work)?;
        wide(ws, &mut row, "所在联络组", &m.group)?;
    }
    wide(ws, &mut row, "地址", &v.address)?;
    pair(ws, &mut row, ("联系电话", &v.phone), ("计划时间", &format!("{} {}", v.date_label, v.time)))?;
    wide(ws, &mut row, "走访人员", &v.visitors)?;
    wide(ws, &mut row, "走访事由", &v.purpose)?;
    wide(ws, &mut row, "实际走访时间", "        年    月    日    时")?;
    for (label, height) in
        [("委员反映的意见建议", 120.0), ("反映的困难和诉求", 100.0), ("需跟踪落实的事项（责任人、完成时限）", 80.0)]
    {
        ws.merge_range(row, 0, row, 3, label, &f.label.clone().set_align(FormatAlign::Left))?;
        row += 1;
        ws.merge_range(row, 0, row, 3, "", &f.area)?;
        ws.set_row_height(row, height)?;
        row += 1;
    }
    row += 1;
    ws.merge_range(row, 0, row, 1, "走访人（签名）：", &f.plain)?;
    ws.merge_range(row, 2, row, 3, "日期：        年    月    日", &f.plain)?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_footer(PAGE_FOOTER);
    Ok(())
}

const SIGN_IN_COLS: [Col; 5] = [
    Col::centred("姓名"),
    Col::text("界别／身份", 20.0),
    Col::text("工作单位及职务", 34.0),
    Col::centred("签名"),
    Col::text("备注", 12.0),
];

/// A sheet named `name` with the list's people as a table (time and place in the subtitle); returns
/// the sheet and the row after the table.
fn people_sheet<'a>(
    wb: &'a mut Workbook,
    name: &str,
    l: &PeopleList,
    cols: &[Col],
    rows: &Table,
) -> Result<(&'a mut Worksheet, u32)> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let note = format!("时间：{}　地点：{}", l.when, l.place);
    let end =
        write_table(ws, &Formats::new(), &Heading { title: &l.title, note: &note, date: &l.printed }, cols, rows)?;
    Ok((ws, end))
}

pub(super) fn sign_in(l: &PeopleList, out: &Path) -> Result<ExportSummary> {
    let mut wb = new_workbook();
    let rows = Table(
        l.rows
            .iter()
            .map(|r| vec![r.name.clone(), r.sector.clone(), r.work.clone(), String::new(), r.note.clone()])
            .collect(),
    );
    let (ws, end) = people_sheet(&mut wb, "签到表", l, &SIGN_IN_COLS, &rows)?;
    ws.set_column_width(4, 22.0)?;
    tall_rows(ws, BODY, end, 32.0)?;
    save(&mut wb, out, l.rows.len())
}

const ATTENDANCE_COLS: [Col; 6] = [
    Col::centred("姓名"),
    Col::text("联络组", 20.0),
    Col::text("界别", 20.0),
    Col::centred("出勤"),
    Col::centred("签到时间"),
    Col::text("备注", 30.0),
];

pub(super) fn attendance(l: &PeopleList, out: &Path) -> Result<ExportSummary> {
    let mut wb = new_workbook();
    let rows = Table(
        l.rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.group.clone(),
                    r.sector.clone(),
                    r.outcome.clone(),
                    r.signed_in.clone(),
                    r.note.clone(),
                ]
            })
            .collect(),
    );
    let (ws, end) = people_sheet(&mut wb, "出勤情况", l, &ATTENDANCE_COLS, &rows)?;
    // The counts under the table.
    let last = ATTENDANCE_COLS.len() as u16;
    ws.merge_range(end + 1, 0, end + 1, last, &l.summary, &Formats::new().sub_left)?;
    save(&mut wb, out, l.rows.len())
}

const STOP_COLS: [Col; 5] = [
    Col::centred("时间"),
    Col::text("地点", 24.0),
    Col::text("接待单位", 24.0),
    Col::text("联系人及电话", 22.0),
    Col::text("内容／备注", 30.0),
];

const PEOPLE_COLS: [Col; 5] = [
    Col::centred("姓名"),
    Col::text("界别／身份", 20.0),
    Col::text("工作单位及职务", 34.0),
    Col::centred("分组"),
    Col::centred("角色"),
];

pub(super) fn inspection_plan(p: &InspectionPlan, out: &Path) -> Result<ExportSummary> {
    let mut wb = new_workbook();
    let f = Formats::new();
    // Sheet 1: the plan's text, one item a row.
    let ws = wb.add_worksheet();
    ws.set_name("活动方案")?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 70)?;
    ws.merge_range(0, 0, 0, 1, &p.title, &f.title)?;
    ws.set_row_height(0, 30)?;
    ws.write_string_with_format(1, 0, &p.organiser, &f.sub_left)?;
    ws.write_string_with_format(1, 1, &p.printed, &f.sub_right)?;
    let items = [
        ("活动主题", p.theme.as_str()),
        ("时间", p.when.as_str()),
        ("地点", p.place.as_str()),
        ("负责人", p.responsible.as_str()),
        ("联系人", p.contact.as_str()),
        ("活动方式", p.methods.as_str()),
        ("车辆", p.vehicles.as_str()),
        ("用餐", p.meals.as_str()),
        ("视察（调研）报告", p.report.as_str()),
        ("意见建议", p.suggestions.as_str()),
    ];
    let mut row = 2;
    for (label, value) in items {
        ws.write_string_with_format(row, 0, label, &f.header)?;
        ws.write_string_with_format(row, 1, value, &f.body_left)?;
        row += 1;
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer(PAGE_FOOTER);
    // Sheet 2: the schedule; sheet 3: the participants.
    let ws = wb.add_worksheet();
    ws.set_name("日程安排")?;
    let stops = Table(
        p.stops
            .iter()
            .map(|s| vec![s.when.clone(), s.place.clone(), s.host_unit.clone(), s.host_contact.clone(), s.note.clone()])
            .collect(),
    );
    let title = format!("{}　日程安排", p.title);
    write_table(ws, &f, &Heading { title: &title, note: &p.organiser, date: &p.printed }, &STOP_COLS, &stops)?;
    let ws = wb.add_worksheet();
    ws.set_name("参加人员")?;
    let people = Table(
        p.people
            .iter()
            .map(|r| vec![r.name.clone(), r.sector.clone(), r.work.clone(), r.group.clone(), r.note.clone()])
            .collect(),
    );
    let title = format!("{}　参加人员名单", p.title);
    let note = format!("共 {} 人", p.people.len());
    write_table(ws, &f, &Heading { title: &title, note: &note, date: &p.printed }, &PEOPLE_COLS, &people)?;
    save(&mut wb, out, p.people.len())
}

const SUMMARY_COLS: [Col; 6] = [
    Col::centred("走访日期"),
    Col::text("走访对象", 18.0),
    Col::text("走访人员", 14.0),
    Col::text("了解到的情况", 44.0),
    Col::text("意见建议", 36.0),
    Col::text("困难诉求", 30.0),
];

const SUMMARY_FU_COLS: [Col; 6] = [
    Col::text("走访对象", 18.0),
    Col::text("跟踪落实事项", 40.0),
    Col::centred("责任人"),
    Col::centred("完成期限"),
    Col::centred("状态"),
    Col::text("落实情况", 40.0),
];

/// Rows tall enough for their wrapped text. Neither Excel nor LibreOffice grows a row for text that
/// wraps when the file is opened, so long findings would be cut at one line: count each cell's lines at
/// its column's width (as `write_table` sets it: the longest text, clamped to the column's maximum) and
/// set the row's height for the most.
fn fit_rows(ws: &mut Worksheet, cols: &[Col], rows: &Table) -> Result<()> {
    let mut widths: Vec<f64> = cols.iter().map(|c| text_width(c.label) as f64).collect();
    for row in &rows.0 {
        for (w, v) in widths.iter_mut().zip(row) {
            *w = w.max(text_width(v) as f64);
        }
    }
    let widths: Vec<f64> = widths.iter().zip(cols).map(|(w, c)| (w + 2.0).clamp(5.0, c.max_width)).collect();
    for (i, row) in rows.0.iter().enumerate() {
        let lines = row
            .iter()
            .zip(&widths)
            .map(|(v, w)| v.split('\n').map(|l| (text_width(l) as f64 / (w - 1.5)).ceil().max(1.0) as u32).sum::<u32>())
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(BODY + i as u32, 14.0 * lines as f64 + 4.0)?;
        }
    }
    Ok(())
}

/// A line of text under a table (or in place of its rows), merged across it and wrapped.
fn note_row(ws: &mut Worksheet, row: u32, last_col: u16, text: &str, height: f64) -> Result<()> {
    let f = Formats::new().sub_left.set_text_wrap().set_align(FormatAlign::Top);
    ws.merge_range(row, 0, row, last_col, text, &f)?;
    ws.set_row_height(row, height)?;
    Ok(())
}

/// The 走访情况汇总 as two sheets: 走访情况 (one row per visit done: what was found, the opinions, the
/// difficulties; the visits still to make under it) and 跟踪落实 (the follow-ups and their state). Long
/// text wraps in the cells; landscape A4, one page wide. An empty round or year says so on the sheet.
pub(super) fn visit_summary(s: &VisitSummary, out: &Path) -> Result<ExportSummary> {
    let mut wb = new_workbook();
    let f = Formats::new();
    let rows = Table(
        s.visits
            .iter()
            .map(|v| {
                vec![
                    v.date.clone(),
                    v.target.clone(),
                    v.visitors.clone(),
                    v.findings.clone(),
                    v.opinions.clone(),
                    v.difficulties.clone(),
                ]
            })
            .collect(),
    );
    let ws = wb.add_worksheet();
    ws.set_name("走访情况")?;
    let end =
        write_table(ws, &f, &Heading { title: &s.title, note: &s.scope, date: &s.printed }, &SUMMARY_COLS, &rows)?;
    fit_rows(ws, &SUMMARY_COLS, &rows)?;
    ws.set_landscape();
    let last = SUMMARY_COLS.len() as u16;
    let mut row = end;
    if !s.empty.is_empty() {
        note_row(ws, row, last, &s.empty, 30.0)?;
        row += 1;
    }
    row += 1;
    note_row(ws, row, last, &s.overview, 36.0)?;
    if !s.pending.is_empty() {
        let text = format!("尚未走访（{} 处）：{}", s.pending.len(), s.pending.join("、"));
        note_row(ws, row + 1, last, &text, 18.0 * (1 + text.chars().count() / 90) as f64)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("跟踪落实")?;
    let rows = Table(
        s.follow_ups
            .iter()
            .map(|x| {
                vec![
                    x.target.clone(),
                    x.content.clone(),
                    x.owner.clone(),
                    x.due.clone(),
                    x.state.clone(),
                    x.result.clone(),
                ]
            })
            .collect(),
    );
    let title = format!("{}　跟踪落实事项", s.title);
    let note = format!("共 {} 项", s.follow_ups.len());
    let end = write_table(ws, &f, &Heading { title: &title, note: &note, date: &s.printed }, &SUMMARY_FU_COLS, &rows)?;
    fit_rows(ws, &SUMMARY_FU_COLS, &rows)?;
    ws.set_landscape();
    if s.follow_ups.is_empty() {
        note_row(ws, end, SUMMARY_FU_COLS.len() as u16, "没有需要跟踪落实的事项。", 24.0)?;
    }
    save(&mut wb, out, s.visits.len())
}
