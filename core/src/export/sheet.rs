//! The print-ready table every .xlsx export writes — the roster, the contact list, the group lists and
//! their summary, the activities' and the session's lists: a merged title, a subtitle, the header
//! repeated on every printed page, thin borders, A4 fitted to the page width, 第 X 页 共 Y 页. Written
//! once; each domain gives only its columns and rows.

use super::{text_width, ExportSummary};
use crate::error::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// A column of a print-ready table. 序号 is not one of them: every table starts with it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Col {
    pub label: &'static str,
    /// Short values: centred in their cells.
    pub centred: bool,
    /// Widest the column may get (in Excel width units); longer text wraps.
    pub max_width: f64,
    /// A count: written as a number when the text is one (like 序号), else as text.
    pub number: bool,
}

impl Col {
    pub(crate) const fn text(label: &'static str, max_width: f64) -> Col {
        Col { label, centred: false, max_width, number: false }
    }
    pub(crate) const fn centred(label: &'static str) -> Col {
        Col { label, centred: true, max_width: 24.0, number: false }
    }
    /// A count (人数, 桌号 …): centred, written as a number.
    pub(crate) const fn count(label: &'static str, max_width: f64) -> Col {
        Col { label, centred: true, max_width, number: true }
    }
}

/// The rows of a table: the text of each cell (an empty string leaves a bordered blank cell).
pub(crate) trait Rows {
    fn len(&self) -> usize;
    fn cell(&self, row: usize, col: usize) -> Cow<'_, str>;
}

/// What goes above the header: the title (merged across the table) and a subtitle line with a note
/// on the left and the date on the right.
pub(crate) struct Heading<'a> {
    pub title: &'a str,
    pub note: &'a str,
    pub date: &'a str,
}

/// The cell formats of every export: 黑体 title, 宋体 text, thin borders round the table.
pub(crate) struct Formats {
    pub title: Format,
    pub sub_left: Format,
    pub sub_right: Format,
    pub header: Format,
    pub body_left: Format,
    pub body_centre: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        const FONT: &str = "宋体";
        let body = Format::new()
            .set_font_name(FONT)
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_font_name("黑体").set_font_size(18).set_bold().set_align(FormatAlign::Center),
            sub_left: Format::new().set_font_name(FONT).set_font_size(11).set_align(FormatAlign::Left),
            sub_right: Format::new().set_font_name(FONT).set_font_size(11).set_align(FormatAlign::Right),
            header: Format::new()
                .set_font_name(FONT)
                .set_font_size(11)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_border(FormatBorder::Thin),
            body_left: body.clone().set_align(FormatAlign::Left),
            body_centre: body.set_align(FormatAlign::Center),
        }
    }
}

/// A workbook as every export writes it. Zip compression level 1: for 10,000 rows about 1.7x the size
/// of the default level, ~45 ms faster to write.
pub(crate) fn new_workbook() -> Workbook {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    wb
}

/// Rows above this go on a constant-memory worksheet (rows streamed to a temporary file, strings
/// inline): faster for big tables, no shared-string table to build. Small tables stay in memory.
const CONSTANT_MEMORY_ROWS: usize = 500;

/// A new worksheet for a table of `rows` rows (constant memory for big tables, see above).
pub(crate) fn add_sheet(wb: &mut Workbook, rows: usize) -> Result<&mut Worksheet> {
    if rows > CONSTANT_MEMORY_ROWS {
        Ok(wb.add_worksheet_with_constant_memory()?)
    } else {
        Ok(wb.add_worksheet())
    }
}

/// How a table is laid out on paper beyond its columns: the defaults suit lists that are read; a sheet
/// that is written on (the 签到表) asks for tall rows and a wide column to sign in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Paper<'a> {
    /// Height of every body row in points (None: one line, taller where wrapped text needs more).
    pub row_height: Option<f64>,
    /// Columns (index into `cols`) that must be at least this wide (Excel width units), filled or not.
    pub min_widths: &'a [(usize, f64)],
}

/// Points per line of body text (10.5 pt 宋体 with its leading) and the cell's padding: the height a
/// row of wrapped text needs, so that it never spills over the rows around it.
const LINE_PT: f64 = 14.0;
const ROW_PAD_PT: f64 = 4.0;

/// Lines `text` takes in a column `width` units wide (wrapped at about width − 1 units, at line breaks).
pub(crate) fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n').map(|l| ((text_width(l) as f64) / room).ceil().max(1.0) as usize).sum()
}

/// The header row of every table: row 3 (after the title and the subtitle).
const HEADER: u32 = 2;

/// The first body row of a table written by `write_table` (title, subtitle, header above it).
pub(crate) const BODY: u32 = HEADER + 1;

/// 第 X 页 共 Y 页, centred in the footer of every printed page.
pub(crate) const PAGE_FOOTER: &str = "&C第 &P 页 共 &N 页";

/// Write a print-ready table on `ws`: the title row (merged), the subtitle (note left, date right),
/// the header (序号 + `cols`; frozen, repeated on every printed page), one row per item with its 序号,
/// thin borders, widths that fit Chinese text (2 units per CJK character, clamped; longer text wraps);
/// A4, landscape when more than 8 columns, one page wide, 第 X 页 共 Y 页 in the footer.
/// Every value is written as a string (or a number for 序号 and counts), never as a formula.
/// Rows are written in order, so `ws` may be a constant-memory worksheet. Returns the next free row.
pub(crate) fn write_table(ws: &mut Worksheet, f: &Formats, h: &Heading, cols: &[Col], rows: &dyn Rows) -> Result<u32> {
    write_table_on(ws, f, h, cols, rows, &Paper::default())
}

/// `write_table` with the paper's layout: row heights and minimum column widths (see `Paper`). Rows whose
/// wrapped text needs more than one line get the height it needs.
pub(crate) fn write_table_on(
    ws: &mut Worksheet,
    f: &Formats,
    h: &Heading,
    cols: &[Col],
    rows: &dyn Rows,
    paper: &Paper,
) -> Result<u32> {
    let n = rows.len();
    let ncols = cols.len() + 1;
    let last_col = (ncols - 1) as u16;

    // Every cell's text once (mostly borrowed; masked and padded values made once), and the widths
    // from it before anything is written, so that the subtitle can be split to fit.
    let mut cells: Vec<Cow<str>> = Vec::with_capacity(n * cols.len());
    let mut widths: Vec<usize> = Vec::with_capacity(ncols);
    widths.push(text_width("序号").max(n.to_string().len()));
    widths.extend(cols.iter().map(|c| text_width(c.label)));
    for r in 0..n {
        for (i, w) in widths[1..].iter_mut().enumerate() {
            let v = rows.cell(r, i);
            *w = (*w).max(text_width(&v));
            cells.push(v);
        }
    }
    let widths: Vec<f64> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = (*w as f64 + 2.0).clamp(5.0, if i == 0 { 8.0 } else { cols[i - 1].max_width });
            let min =
                paper.min_widths.iter().filter(|(c, _)| i > 0 && *c == i - 1).map(|(_, m)| *m).fold(0.0, f64::max);
            w.max(min)
        })
        .collect();
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }

    // Title, subtitle (note on the left, date on the right), header.
    ws.merge_range(0, 0, 0, last_col, h.title, &f.title)?;
    ws.set_row_height(0, 30)?;
    if ncols >= 4 {
        // The date takes as few columns on the right as it needs; the note the rest.
        let need = text_width(h.date) as f64 + 2.0;
        let mut split = last_col;
        let mut room = widths[split as usize];
        while room < need && split > 1 {
            split -= 1;
            room += widths[split as usize];
        }
        if split == 1 {
            // A narrow table: the note in the first cell alone (Excel refuses a merged range of one cell).
            ws.write_string_with_format(1, 0, h.note, &f.sub_left)?;
        } else {
            ws.merge_range(1, 0, 1, split - 1, h.note, &f.sub_left)?;
        }
        if split == last_col {
            // Excel refuses a merged range of one cell.
            ws.write_string_with_format(1, split, h.date, &f.sub_right)?;
        } else {
            ws.merge_range(1, split, 1, last_col, h.date, &f.sub_right)?;
        }
    } else {
        ws.merge_range(1, 0, 1, last_col, &format!("{}　{}", h.note, h.date), &f.sub_left)?;
    }
    ws.set_row_height(1, 20)?;
    ws.write_string_with_format(HEADER, 0, "序号", &f.header)?;
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(HEADER, (i + 1) as u16, c.label, &f.header)?;
    }
    ws.set_row_height(HEADER, 22)?;

    // The body: cells written without a format, then each row formatted with a few calls: the whole
    // row left-aligned, then each run of centred columns. (A format passed with every cell is hashed for
    // every cell to find its index: that was a quarter of the time of a 10,000-row export.)
    let mut centred_runs: Vec<(u16, u16)> = Vec::new();
    for (i, centred) in std::iter::once(true).chain(cols.iter().map(|c| c.centred)).enumerate() {
        let i = i as u16;
        match centred_runs.last_mut() {
            Some(run) if centred && run.1 + 1 == i => run.1 = i,
            _ if centred => centred_runs.push((i, i)),
            _ => {}
        }
    }
    let mut cells = cells.into_iter();
    for r in 0..n {
        let row = HEADER + 1 + r as u32;
        ws.write_number(row, 0, (r + 1) as f64)?;
        let mut lines = 1;
        for (i, c) in cols.iter().enumerate() {
            let v = cells.next().expect("one text per cell");
            let col = (i + 1) as u16;
            if text_width(&v) as f64 > widths[i + 1] - 1.0 || v.contains('\n') {
                lines = lines.max(wrapped_lines(&v, widths[i + 1]));
            }
            if v.is_empty() {
                // Left blank; the run's format below gives it its borders.
            } else if let Some(x) = c.number.then(|| v.parse::<u32>().ok()).flatten() {
                ws.write_number(row, col, x as f64)?;
            } else {
                // write_string, never write(): "=1+1" stays text.
                ws.write_string(row, col, fit_cell(&v).into_owned())?;
            }
        }
        let needed = if lines > 1 { Some(lines as f64 * LINE_PT + ROW_PAD_PT) } else { None };
        let height = match (paper.row_height, needed) {
            (Some(h), Some(x)) => Some(h.max(x)),
            (h, x) => h.or(x),
        };
        if let Some(h) = height {
            ws.set_row_height(row, h)?;
        }
        ws.set_range_format(row, 0, row, last_col, &f.body_left)?;
        for (first, last) in &centred_runs {
            ws.set_range_format(row, *first, row, *last, &f.body_centre)?;
        }
    }

    // Print: A4, orientation by column count, one page wide, header repeated, page numbers.
    ws.set_paper_size(9);
    if ncols > 8 {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER, HEADER)?;
    ws.set_freeze_panes(HEADER + 1, 0)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_footer(PAGE_FOOTER);
    Ok(HEADER + 1 + n as u32)
}

/// Rows of a table as text cells, built once (a row shorter than the columns leaves the rest blank).
pub(crate) struct Table(pub Vec<Vec<String>>);

impl Rows for Table {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn cell(&self, row: usize, col: usize) -> Cow<'_, str> {
        Cow::Borrowed(self.0[row].get(col).map(String::as_str).unwrap_or(""))
    }
}

/// A new sheet named `name` (made one Excel accepts, unique in `used`: see `sheet_name`) with a table on
/// it (`write_table`, constant memory for big tables); returns the next free row.
pub(crate) fn table_sheet(
    wb: &mut Workbook,
    used: &mut HashSet<String>,
    name: &str,
    f: &Formats,
    h: &Heading,
    cols: &[Col],
    rows: &dyn Rows,
) -> Result<u32> {
    table_sheet_on(wb, used, name, f, h, cols, rows, &Paper::default())
}

/// `table_sheet` with the paper's layout (see `Paper`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn table_sheet_on(
    wb: &mut Workbook,
    used: &mut HashSet<String>,
    name: &str,
    f: &Formats,
    h: &Heading,
    cols: &[Col],
    rows: &dyn Rows,
    paper: &Paper,
) -> Result<u32> {
    let ws = add_sheet(wb, rows.len())?;
    ws.set_name(sheet_name(name, used))?;
    write_table_on(ws, f, h, cols, rows, paper)
}

/// Save a workbook to `out` (whole or not at all: `write_whole`); `rows` is what the summary counts
/// (members, visits, people …).
/// A register of one table (the house's title, note and date above it) written to `out`, whole: the
/// shape of the 提案汇总表, the 大会发言汇总表, the 履职积分汇总表.
pub(crate) fn one_table(
    out: &Path,
    sheet: &str,
    title: &str,
    note: &str,
    cols: &[Col],
    rows: Vec<Vec<String>>,
) -> Result<ExportSummary> {
    let n = rows.len();
    let date = crate::dates::doc_date(crate::dates::today());
    let mut wb = new_workbook();
    let mut used = HashSet::new();
    table_sheet(&mut wb, &mut used, sheet, &Formats::new(), &Heading { title, note, date: &date }, cols, &Table(rows))?;
    save(&mut wb, out, n)
}

pub(crate) fn save(wb: &mut Workbook, out: &Path, rows: usize) -> Result<ExportSummary> {
    super::write_whole(out, |tmp| Ok(wb.save(tmp)?))?;
    Ok(ExportSummary { rows: rows as u32, path: out.to_path_buf() })
}

/// The most characters an Excel cell holds.
pub(crate) const CELL_MAX_CHARS: usize = 32_767;

/// A text as a cell can hold it: a text over Excel's 32,767 characters is cut, with a note saying so at
/// its end, instead of failing the whole export.
pub(crate) fn fit_cell(s: &str) -> Cow<'_, str> {
    const NOTE: &str = "……（内容超过 Excel 单元格上限 32767 字，以下已截去，全文请在程序中查看）";
    if s.len() <= CELL_MAX_CHARS || s.chars().count() <= CELL_MAX_CHARS {
        return Cow::Borrowed(s);
    }
    let keep = CELL_MAX_CHARS - NOTE.chars().count();
    let mut out: String = s.chars().take(keep).collect();
    out.push_str(NOTE);
    Cow::Owned(out)
}

/// A worksheet name Excel accepts, unique in `used` (compared as Excel does, ignoring case):
/// []:*?/\ become their full-width forms, no apostrophe at either end, at most 31 characters
/// (UTF-16 units), not blank and not the reserved "History"; a repeated name gets (2), (3) …
pub fn sheet_name(name: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut base = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace()).to_string();
    if base.is_empty() {
        base = "联络组".into();
    }
    if base.eq_ignore_ascii_case("history") {
        base.push('组');
    }
    let fit = |s: &str, room: usize| -> String {
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            n += c.len_utf16();
            if n > room {
                break;
            }
            out.push(c);
        }
        out.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()).to_string()
    };
    let mut candidate = fit(&base, 31);
    let mut n = 2;
    while used.contains(&candidate.to_lowercase()) {
        let suffix = format!("({n})");
        candidate = format!("{}{suffix}", fit(&base, 31 - suffix.len()));
        n += 1;
    }
    used.insert(candidate.to_lowercase());
    candidate
}
