//! The opinion reports' papers: the year's register (社情民意信息汇总表, print-ready .xlsx), the 核稿单 of a
//! report (PDF: the original and the edited text side by side, with lines to sign), and a bulletin issue
//! 《社情民意》 as .docx (offices edit it in Word or WPS before printing) and as PDF (Typst template
//! `bulletin`). Each is gathered once into a plain structure, then written.

use super::bulletin::issue_reports;
use super::types::*;
use super::{doc_date_of, submitter_names, submitters_in};
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::sheet::{new_workbook, save, write_table, Col, Formats, Heading, Table};
use crate::export::{file_stem, pdf, to_folder, write_whole, ExportSummary};
use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType,
};
use serde::Serialize;
use std::path::Path;

/// A report's text as printed: the edited one once edited, else the submitter's.
#[derive(Debug, Clone, Serialize, serde::Deserialize, specta::Type)]
pub struct PrintedReport {
    pub seq: u32,
    pub title: String,
    /// The submitters as printed at the foot of the report: 王伟　张敏（民盟区委会）.
    pub submitters: String,
    /// (heading, text) of the non-empty parts: 一、基本情况 …
    pub parts: Vec<PrintedPart>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, specta::Type)]
pub struct PrintedPart {
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

/// A bulletin issue as printed.
#[derive(Debug, Clone, Serialize, serde::Deserialize, specta::Type)]
pub struct BulletinPaper {
    /// 2026年第3期（总第45期）
    pub number_line: String,
    pub office: String,
    pub date: String,
    pub signer: String,
    pub reports: Vec<PrintedReport>,
    pub send_to: String,
    pub copy_to: String,
}

/// The 核稿单 of a report.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSheet {
    pub office: String,
    pub title: String,
    pub submitters: String,
    pub sector: String,
    pub date: String,
    pub state: String,
    pub editor: String,
    pub edited_at: String,
    pub note: String,
    /// (label, original, edited) for 标题, 情况, 问题, 建议.
    pub rows: Vec<[String; 3]>,
    pub printed: String,
}

fn paragraphs(s: &str) -> Vec<String> {
    s.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect()
}

fn printed_text(d: &OpinionDetail) -> OpinionText {
    if d.edited.title.is_empty() {
        d.original.clone()
    } else {
        d.edited.clone()
    }
}

fn printed_report(seq: u32, d: &OpinionDetail) -> PrintedReport {
    let t = printed_text(d);
    let mut parts = Vec::new();
    for (h, s) in [("基本情况", &t.situation), ("存在问题", &t.problem), ("意见建议", &t.suggestion)] {
        let ps = paragraphs(s);
        if !ps.is_empty() {
            parts.push(PrintedPart { heading: h.into(), paragraphs: ps });
        }
    }
    // Number the headings that are there: 一、 二、 三、
    for (i, p) in parts.iter_mut().enumerate() {
        p.heading = format!("{}、{}", ["一", "二", "三"][i], p.heading);
    }
    PrintedReport {
        seq,
        title: t.title,
        submitters: d.submitters.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("　"),
        parts,
    }
}

const REGISTER_COLS: [Col; 9] = [
    Col::text("标题", 36.0),
    Col::text("报送人", 20.0),
    Col::text("界别", 14.0),
    Col::centred("报送日期"),
    Col::centred("状态"),
    Col::text("采用情况", 12.0),
    Col::text("批示", 24.0),
    Col::text("转办部门", 16.0),
    Col::centred("刊发期号"),
];

impl Db {
    /// A bulletin issue as printed.
    pub fn bulletin_paper(&self, id: &str) -> Result<BulletinPaper> {
        let b = self.bulletin(id)?;
        let mut reports = Vec::new();
        for (i, r) in issue_reports(&self.conn, id)?.iter().enumerate() {
            reports.push(printed_report(i as u32 + 1, &self.opinion(&r.id)?));
        }
        Ok(BulletinPaper {
            number_line: format!("{}年第{}期（总第{}期）", b.row.year, b.row.number, b.row.total_number),
            office: b.office,
            date: doc_date_of(&b.row.date),
            signer: b.row.signer,
            reports,
            send_to: b.send_to,
            copy_to: b.copy_to,
        })
    }

    /// Write a bulletin issue as .docx or .pdf (by `out`'s extension).
    pub fn export_bulletin(&self, id: &str, out: &Path) -> Result<ExportSummary> {
        let paper = self.bulletin_paper(id)?;
        let n = paper.reports.len();
        match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => pdf::write("bulletin", &paper, n, out),
            Some("docx") => {
                let bytes = bulletin_docx(&paper)?;
                write_whole(out, |tmp| Ok(std::fs::write(tmp, &bytes)?))?;
                Ok(ExportSummary { rows: n as u32, path: out.to_path_buf() })
            }
            _ => Err(Error::Export("《社情民意》可导出为 .docx 或 .pdf，请把文件名改为以 .docx 或 .pdf 结尾".into())),
        }
    }

    /// The issue into the export folder (社情民意2026年第3期.docx).
    pub fn export_bulletin_to_folder(&self, id: &str, ext: &str) -> Result<ExportSummary> {
        let b = self.bulletin(id)?;
        let stem = file_stem(&format!("社情民意{}年第{}期", b.row.year, b.row.number));
        to_folder(&stem, ext, |p| self.export_bulletin(id, p))
    }

    /// The 核稿单 of a report.
    pub fn review_sheet(&self, id: &str) -> Result<ReviewSheet> {
        let d = self.opinion(id)?;
        let o = &d.original;
        let e = &d.edited;
        Ok(ReviewSheet {
            office: self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into()),
            title: if e.title.is_empty() { o.title.clone() } else { e.title.clone() },
            submitters: submitter_names(&d.submitters),
            sector: d.row.sector.clone(),
            date: d.row.date.as_deref().map(doc_date_of).unwrap_or_default(),
            state: d.row.state.label().into(),
            editor: d.editor.clone(),
            edited_at: d.edited_at.as_deref().map(doc_date_of).unwrap_or_default(),
            note: d.edit_note.clone(),
            rows: vec![
                ["标题".into(), o.title.clone(), e.title.clone()],
                ["情况".into(), o.situation.clone(), e.situation.clone()],
                ["问题".into(), o.problem.clone(), e.problem.clone()],
                ["建议".into(), o.suggestion.clone(), e.suggestion.clone()],
            ],
            printed: doc_date(today()),
        })
    }

    /// The 核稿单 as PDF.
    pub fn export_review_sheet(&self, id: &str, out: &Path) -> Result<ExportSummary> {
        let s = self.review_sheet(id)?;
        pdf::write("opinion-review", &s, 1, out)
    }

    pub fn export_review_sheet_to_folder(&self, id: &str) -> Result<ExportSummary> {
        let t: String = file_stem(&self.review_sheet(id)?.title).chars().take(40).collect();
        to_folder(&format!("{t}-核稿单"), "pdf", |p| self.export_review_sheet(id, p))
    }

    /// The year's register of reports (社情民意信息汇总表): every live report dated in the year, oldest first.
    pub fn export_opinions(&self, year: i32, out: &Path) -> Result<ExportSummary> {
        let mut list = self.opinions(&OpinionQuery { year: Some(year), ..Default::default() })?.rows;
        list.reverse();
        let mut instructions: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        {
            let mut st = self.conn.prepare(
                "SELECT i.opinion_id, i.leader, i.level, i.date FROM opinion_instructions i
                 JOIN opinions o ON o.id = i.opinion_id
                 WHERE i.deleted_at IS NULL AND o.report_date BETWEEN ?1 AND ?2 ORDER BY i.date",
            )?;
            let rows = st.query_map([format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
            })?;
            for r in rows {
                let (id, who, level, date) = r?;
                let level = OpinionLevel::parse(&level).map(|l| l.label()).unwrap_or("");
                let e = instructions.entry(id).or_default();
                if !e.is_empty() {
                    e.push('\n');
                }
                e.push_str(&format!("{who}（{level}，{date}）"));
            }
        }
        let depts: std::collections::HashMap<String, String> = {
            let mut st = self.conn.prepare(
                "SELECT id, department FROM opinions WHERE report_date BETWEEN ?1 AND ?2 AND department <> ''",
            )?;
            let rows =
                st.query_map([format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let adopted = list.iter().filter(|r| r.adopted_level.is_some()).count();
        let instructed = list.iter().filter(|r| r.instructions > 0).count();
        let rows = Table(
            list.iter()
                .map(|r| {
                    let mut title = r.title.clone();
                    if r.combined {
                        title.push_str("（综合）");
                    }
                    if let Some(c) = &r.merged_into {
                        title.push_str(&format!("（已并入：{c}）"));
                    }
                    let adoption = match (r.adopted_level, r.adopted_form) {
                        (Some(l), Some(f)) => format!("{}·{}", l.label(), f.label()),
                        _ => String::new(),
                    };
                    vec![
                        title,
                        r.submitters.clone(),
                        r.sector.clone(),
                        r.date.clone().unwrap_or_default(),
                        r.state.label().to_string(),
                        adoption,
                        instructions.get(&r.id).cloned().unwrap_or_default(),
                        depts.get(&r.id).cloned().unwrap_or_default(),
                        r.issue.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        );
        let office = self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into());
        let mut wb = new_workbook();
        let ws = wb.add_worksheet();
        ws.set_name(format!("{year}年"))?;
        let title = format!("{year}年社情民意信息汇总表");
        let note = format!("{office}　共 {} 篇，采用 {adopted} 篇，获批示 {instructed} 篇", list.len());
        let date = format!("制表日期：{}", doc_date(today()));
        write_table(ws, &Formats::new(), &Heading { title: &title, note: &note, date: &date }, &REGISTER_COLS, &rows)?;
        save(&mut wb, out, list.len())
    }

    pub fn export_opinions_to_folder(&self, year: i32) -> Result<ExportSummary> {
        to_folder(&format!("{year}年社情民意信息汇总表"), "xlsx", |p| self.export_opinions(year, p))
    }

    /// The submitters of a report, for other domains' documents.
    pub fn opinion_submitters(&self, id: &str) -> Result<Vec<Submitter>> {
        submitters_in(&self.conn, id)
    }
}

// The bulletin as .docx: A4, 仿宋 body (三号, 16 pt) with a first-line indent of two characters, 黑体
// headings, the masthead in red 宋体, red rules under it, the 报送 / 抄送 lines between rules at the foot.

const RED: &str = "C00000";
/// Half-points.
const BODY_SZ: usize = 32;

pub(crate) fn fonts(face: &str) -> RunFonts {
    RunFonts::new().east_asia(face).ascii(face).hi_ansi(face)
}

pub(crate) fn run(text: &str, face: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(face)).size(size)
}

fn rule(p: Paragraph, pos: ParagraphBorderPosition, color: &str, size: usize) -> Paragraph {
    p.set_borders(
        ParagraphBorders::with_empty()
            .set(ParagraphBorder::new(pos).val(BorderType::Single).size(size).color(color).space(1)),
    )
}

pub(crate) fn bulletin_docx(p: &BulletinPaper) -> Result<Vec<u8>> {
    let exact = |pt: u32| LineSpacing::new().line((pt * 20) as i32).line_rule(docx_rs::LineSpacingType::Exact);
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1587).right(1474))
        .default_fonts(fonts("仿宋"))
        .default_size(BODY_SZ);
    // Masthead.
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(200).after(120))
            .add_run(run("社情民意", "宋体", 96).bold().color(RED).character_spacing(200)),
    );
    doc =
        doc.add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(&p.number_line, "仿宋", BODY_SZ)));
    let signer = if p.signer.is_empty() { String::new() } else { format!("签发人：{}", p.signer) };
    let head = Paragraph::new()
        .line_spacing(LineSpacing::new().before(240).after(60))
        .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Center).pos(4400))
        .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Right).pos(8845))
        .add_run(run(&format!("{}编", p.office), "仿宋", 28))
        .add_run(Run::new().add_tab())
        .add_run(run(&signer, "仿宋", 28))
        .add_run(Run::new().add_tab())
        .add_run(run(&p.date, "仿宋", 28));
    doc = doc.add_paragraph(rule(head, ParagraphBorderPosition::Bottom, RED, 18));
    for (i, r) in p.reports.iter().enumerate() {
        let mut title = Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(480).after(240))
            .keep_next(true)
            .add_run(run(&r.title, "黑体", 36));
        if i > 0 {
            title = rule(title, ParagraphBorderPosition::Top, "808080", 4);
        }
        doc = doc.add_paragraph(title);
        for part in &r.parts {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                    .keep_next(true)
                    .line_spacing(exact(28))
                    .add_run(run(&part.heading, "黑体", BODY_SZ)),
            );
            for para in &part.paragraphs {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                        .line_spacing(exact(28))
                        .add_run(run(para, "仿宋", BODY_SZ)),
                );
            }
        }
        doc = doc.add_paragraph(
            Paragraph::new().align(AlignmentType::Right).line_spacing(LineSpacing::new().before(120)).add_run(run(
                &format!("（{}）", r.submitters),
                "楷体",
                BODY_SZ,
            )),
        );
    }
    // The foot: 报送 / 抄送 between rules.
    let foot = |label: &str, text: &str, top: bool| {
        let p = Paragraph::new().line_spacing(LineSpacing::new().before(60).after(60)).add_run(run(
            &format!("{label}：{text}"),
            "仿宋",
            28,
        ));
        let p = rule(p, ParagraphBorderPosition::Bottom, "000000", 6);
        if top {
            rule(p, ParagraphBorderPosition::Top, "000000", 6)
        } else {
            p
        }
    };
    doc = doc.add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().before(480)));
    if !p.send_to.is_empty() {
        doc = doc.add_paragraph(foot("报送", &p.send_to, true));
    }
    if !p.copy_to.is_empty() {
        doc = doc.add_paragraph(foot("抄送", &p.copy_to, p.send_to.is_empty()));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| Error::Export(format!("写入 .docx 失败：{e}")))?;
    Ok(buf.into_inner())
}
