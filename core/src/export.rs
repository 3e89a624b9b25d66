//! Exports to print-ready .xlsx: the roster (委员名册) and the contact list (通讯录); the group lists
//! (联络组成员名单) are in `export_lists`. All of them are written by `write_table` below.
//!
//! Every value is written as data (a string, or a number for 序号), never as a formula: a name or a
//! note starting with = + - @ stays text. Dates are written as text (1968-05-12), as the tables show
//! them. ID and phone numbers are masked unless the caller asks for them.

use crate::dates::doc_date;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::masks::{mask_id, phone_unless};
use crate::members::{MemberDetail, RosterQuery, RosterSort};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// A column of the roster export. 序号 is not one of them: it is always the first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RosterColumn {
    Name,
    Gender,
    Ethnicity,
    BirthDate,
    NativePlace,
    Party,
    Sector,
    Committee,
    Role,
    Group,
    WorkUnit,
    JobTitle,
    ProfessionalTitle,
    Education,
    Mobile,
    Phone,
    Address,
    Postcode,
    IdNumber,
    Status,
    Notes,
}

impl RosterColumn {
    pub const ALL: [RosterColumn; 21] = [
        RosterColumn::Name,
        RosterColumn::Gender,
        RosterColumn::Ethnicity,
        RosterColumn::BirthDate,
        RosterColumn::NativePlace,
        RosterColumn::Party,
        RosterColumn::Sector,
        RosterColumn::Committee,
        RosterColumn::Role,
        RosterColumn::Group,
        RosterColumn::WorkUnit,
        RosterColumn::JobTitle,
        RosterColumn::ProfessionalTitle,
        RosterColumn::Education,
        RosterColumn::Mobile,
        RosterColumn::Phone,
        RosterColumn::Address,
        RosterColumn::Postcode,
        RosterColumn::IdNumber,
        RosterColumn::Status,
        RosterColumn::Notes,
    ];

    /// What an official roster usually shows: 序号 + these 9 columns (landscape).
    pub fn defaults() -> Vec<RosterColumn> {
        use RosterColumn::*;
        vec![Name, Gender, Ethnicity, BirthDate, Party, Sector, Group, WorkUnit, JobTitle]
    }

    /// The key used by the CLI and in JSON (snake_case).
    pub fn key(self) -> &'static str {
        use RosterColumn::*;
        match self {
            Name => "name",
            Gender => "gender",
            Ethnicity => "ethnicity",
            BirthDate => "birth_date",
            NativePlace => "native_place",
            Party => "party",
            Sector => "sector",
            Committee => "committee",
            Role => "role",
            Group => "group",
            WorkUnit => "work_unit",
            JobTitle => "job_title",
            ProfessionalTitle => "professional_title",
            Education => "education",
            Mobile => "mobile",
            Phone => "phone",
            Address => "address",
            Postcode => "postcode",
            IdNumber => "id_number",
            Status => "status",
            Notes => "notes",
        }
    }

    /// The header label in the sheet.
    pub fn label(self) -> &'static str {
        use RosterColumn::*;
        match self {
            Name => "姓名",
            Gender => "性别",
            Ethnicity => "民族",
            BirthDate => "出生日期",
            NativePlace => "籍贯",
            Party => "政治面貌",
            Sector => "界别",
            Committee => "专委会",
            Role => "政协职务",
            Group => "联络组",
            WorkUnit => "工作单位",
            JobTitle => "职务",
            ProfessionalTitle => "职称",
            Education => "学历",
            Mobile => "手机",
            Phone => "固定电话",
            Address => "通讯地址",
            Postcode => "邮编",
            IdNumber => "身份证号",
            Status => "状态",
            Notes => "备注",
        }
    }

    /// A CLI key (`birth_date`) or the Chinese label (出生日期).
    pub fn parse(s: &str) -> Option<RosterColumn> {
        let s = s.trim();
        RosterColumn::ALL.into_iter().find(|c| c.key() == s || c.label() == s)
    }

    /// Short values: centred in their cells.
    fn centred(self) -> bool {
        use RosterColumn::*;
        matches!(self, Gender | Ethnicity | BirthDate | Postcode | Status)
    }

    /// Widest a column may get (in Excel width units); longer text wraps.
    fn max_width(self) -> f64 {
        use RosterColumn::*;
        match self {
            WorkUnit | Address | Notes => 36.0,
            _ => 24.0,
        }
    }
}

/// What to export: the roster view's filters and sort (paging ignored: every row), the columns,
/// and whether ID and phone numbers go out unmasked.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct RosterExport {
    pub query: RosterQuery,
    pub columns: Vec<RosterColumn>,
    pub with_id: bool,
    pub with_phone: bool,
    /// 王伟 → 王　伟 (U+3000 between the characters), as official rosters print them.
    pub pad_two_char_names: bool,
}

impl Default for RosterExport {
    fn default() -> Self {
        RosterExport {
            query: RosterQuery::default(),
            columns: RosterColumn::defaults(),
            with_id: false,
            with_phone: false,
            pad_two_char_names: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportSummary {
    /// Data rows written (for the group lists: the members on all the groups' sheets).
    pub rows: u32,
    #[specta(type = String)]
    pub path: PathBuf,
}

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::IoError(e) => Error::Io(e),
            e => Error::Export(e.to_string()),
        }
    }
}

/// Display width of text: a CJK (wide) character counts about 2 units, others 1.
pub fn text_width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

/// 王伟 → 王　伟; other names unchanged.
pub fn pad_name(name: &str) -> String {
    let mut cs = name.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), None) if !a.is_ascii() && !b.is_ascii() => format!("{a}\u{3000}{b}"),
        _ => name.to_string(),
    }
}

/// The subtitle of a roster sorted this way.
pub fn sort_label(sort: RosterSort) -> &'static str {
    match sort {
        RosterSort::Strokes => "按姓氏笔画为序",
        RosterSort::Pinyin => "按拼音排序",
        RosterSort::Sector => "按界别排序",
        RosterSort::Group => "按联络组排序",
    }
}

/// The text of one roster cell; borrowed from the member where it can be (no allocation per cell).
fn roster_cell<'a>(m: &'a MemberDetail, c: RosterColumn, with_id: bool, with_phone: bool, pad: bool) -> Cow<'a, str> {
    use RosterColumn::*;
    match c {
        Name if pad => Cow::Owned(pad_name(&m.name)),
        Name => Cow::Borrowed(&m.name),
        Gender => Cow::Borrowed(&m.gender),
        Ethnicity => Cow::Borrowed(&m.ethnicity),
        BirthDate => Cow::Borrowed(&m.birth_date),
        NativePlace => Cow::Borrowed(&m.native_place),
        Party => Cow::Borrowed(&m.party),
        Sector => Cow::Borrowed(&m.sector),
        Committee => Cow::Borrowed(&m.committee),
        Role if m.roles.len() == 1 => Cow::Borrowed(&m.roles[0]),
        Role => Cow::Owned(m.roles.join("、")),
        Group => Cow::Borrowed(&m.group),
        WorkUnit => Cow::Borrowed(&m.work_unit),
        JobTitle => Cow::Borrowed(&m.job_title),
        ProfessionalTitle => Cow::Borrowed(&m.professional_title),
        Education => Cow::Borrowed(&m.education),
        Mobile => phone_unless(with_phone, &m.mobile),
        Phone => phone_unless(with_phone, &m.phone),
        Address => Cow::Borrowed(&m.address),
        Postcode => Cow::Borrowed(&m.postcode),
        IdNumber if with_id => Cow::Borrowed(&m.id_number),
        IdNumber => Cow::Owned(mask_id(&m.id_number)),
        Status => Cow::Borrowed(m.status.label()),
        Notes => Cow::Borrowed(&m.notes),
    }
}

impl RosterColumn {
    fn col(self) -> Col {
        Col { label: self.label(), centred: self.centred(), max_width: self.max_width(), number: false }
    }
}

/// Members as table rows: the chosen roster columns of each.
struct MemberRows<'a> {
    members: &'a [MemberDetail],
    columns: &'a [RosterColumn],
    with_id: bool,
    with_phone: bool,
    pad: bool,
}

impl Rows for MemberRows<'_> {
    fn len(&self) -> usize {
        self.members.len()
    }
    fn cell(&self, row: usize, col: usize) -> Cow<'_, str> {
        roster_cell(&self.members[row], self.columns[col], self.with_id, self.with_phone, self.pad)
    }
}

/// The columns of the contact list (通讯录), after 序号.
pub const CONTACT_COLUMNS: [RosterColumn; 8] = [
    RosterColumn::Name,
    RosterColumn::Group,
    RosterColumn::WorkUnit,
    RosterColumn::JobTitle,
    RosterColumn::Mobile,
    RosterColumn::Phone,
    RosterColumn::Address,
    RosterColumn::Postcode,
];

/// What to put in the contact list (通讯录): the roster view's filters and sort (paging ignored),
/// and whether phone numbers go out unmasked.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct ContactsExport {
    pub query: RosterQuery,
    pub with_phone: bool,
    /// 王伟 → 王　伟, as in the roster.
    pub pad_two_char_names: bool,
}

impl Db {
    /// The roster (委员名册) as a print-ready .xlsx: a merged title row, a subtitle with the order and
    /// the date, the header row (frozen, repeated on every printed page), thin borders, A4 fitted to
    /// the page width (landscape when more than 8 columns), 第 X 页 共 Y 页 in the footer.
    pub fn export_roster(&self, opts: &RosterExport, out: &Path) -> Result<ExportSummary> {
        self.export_member_table("委员名册", "委员名册", opts, out)
    }

    /// The contact list (通讯录): the members a roster query finds, in its order, with 序号 姓名 联络组
    /// 工作单位 职务 手机 固定电话 通讯地址 邮编; phone numbers masked unless asked for. Printed like the roster.
    pub fn export_contacts(&self, opts: &ContactsExport, out: &Path) -> Result<ExportSummary> {
        let table = RosterExport {
            query: opts.query.clone(),
            columns: CONTACT_COLUMNS.to_vec(),
            with_id: false,
            with_phone: opts.with_phone,
            pad_two_char_names: opts.pad_two_char_names,
        };
        self.export_member_table("委员通讯录", "通讯录", &table, out)
    }

    /// One sheet of members (roster, contact list) titled `{office}{title}`, the order and the date below.
    fn export_member_table(&self, title: &str, sheet: &str, opts: &RosterExport, out: &Path) -> Result<ExportSummary> {
        let office = self.app_info()?.office_name;
        let members = self.roster_details(&opts.query)?;
        let mut columns: Vec<RosterColumn> = Vec::new();
        for c in if opts.columns.is_empty() { RosterColumn::defaults() } else { opts.columns.clone() } {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        let cols: Vec<Col> = columns.iter().map(|c| c.col()).collect();
        let rows = MemberRows {
            members: &members,
            columns: &columns,
            with_id: opts.with_id,
            with_phone: opts.with_phone,
            pad: opts.pad_two_char_names,
        };
        let f = Formats::new();
        let mut wb = new_workbook();
        let ws = add_sheet(&mut wb, rows.len())?;
        ws.set_name(sheet)?;
        let date = doc_date(chrono::Local::now().date_naive());
        let heading = Heading { title: &format!("{office}{title}"), note: sort_label(opts.query.sort), date: &date };
        write_table(ws, &f, &heading, &cols, &rows)?;
        wb.save(out)?;
        Ok(ExportSummary { rows: members.len() as u32, path: out.to_path_buf() })
    }
}

// ---------------------------------------------------------------------------------------------
// The print-ready table every export writes (roster, contact list, group lists and their summary).

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

/// The header row of every table: row 3 (after the title and the subtitle).
const HEADER: u32 = 2;

/// Write a print-ready table on `ws`: the title row (merged), the subtitle (note left, date right),
/// the header (序号 + `cols`; frozen, repeated on every printed page), one row per item with its 序号,
/// thin borders, widths that fit Chinese text (2 units per CJK character, clamped; longer text wraps);
/// A4, landscape when more than 8 columns, one page wide, 第 X 页 共 Y 页 in the footer.
/// Every value is written as a string (or a number for 序号 and counts), never as a formula.
/// Rows are written in order, so `ws` may be a constant-memory worksheet. Returns the next free row.
pub(crate) fn write_table(ws: &mut Worksheet, f: &Formats, h: &Heading, cols: &[Col], rows: &dyn Rows) -> Result<u32> {
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
        .map(|(i, w)| (*w as f64 + 2.0).clamp(5.0, if i == 0 { 8.0 } else { cols[i - 1].max_width }))
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
        ws.merge_range(1, 0, 1, split - 1, h.note, &f.sub_left)?;
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
        for (i, c) in cols.iter().enumerate() {
            let v = cells.next().expect("one text per cell");
            let col = (i + 1) as u16;
            if v.is_empty() {
                // Left blank; the run's format below gives it its borders.
            } else if let Some(x) = c.number.then(|| v.parse::<u32>().ok()).flatten() {
                ws.write_number(row, col, x as f64)?;
            } else {
                // write_string, never write(): "=1+1" stays text.
                ws.write_string(row, col, v.into_owned())?;
            }
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
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(HEADER + 1 + n as u32)
}

/// The environment variable that overrides where the app saves exports (tests use it).
pub const EXPORT_DIR_ENV: &str = "LIAISON_EXPORT_DIR";

/// Where the app saves what it exports: `LIAISON_EXPORT_DIR`, else 文档/委员联络工作台 (Documents),
/// else the home folder's 委员联络工作台.
pub fn export_dir() -> PathBuf {
    if let Ok(d) = std::env::var(EXPORT_DIR_ENV) {
        if !d.is_empty() {
            return PathBuf::from(d);
        }
    }
    dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(|| PathBuf::from(".")).join("委员联络工作台")
}

/// A file name that does not exist yet in `dir`: 委员名册-2026-11-27-153012.xlsx (then -2, -3 …).
pub fn new_export_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let mut p = dir.join(format!("{stem}-{stamp}.{ext}"));
    let mut n = 2;
    while p.exists() {
        p = dir.join(format!("{stem}-{stamp}-{n}.{ext}"));
        n += 1;
    }
    p
}

/// A path the app may hand to the system viewer: an existing .xlsx or .pdf inside the export folder.
/// (The webview asks to open files by path; this keeps it to what the app itself wrote.)
pub fn openable_export(path: &Path) -> Result<PathBuf> {
    let dir = export_dir().canonicalize().map_err(|_| Error::NotFound("导出文件夹不存在".into()))?;
    let p = path.canonicalize().map_err(|_| Error::NotFound(format!("文件不存在：{}", path.display())))?;
    let ext_ok = matches!(p.extension().and_then(|e| e.to_str()), Some("xlsx" | "pdf"));
    if !p.starts_with(&dir) || !ext_ok {
        return Err(Error::Conflict(format!("只能打开本程序导出的文件（{}）", dir.display())));
    }
    Ok(p)
}

/// Write an export into the export folder under a new name (`{stem}-{date}-{time}.xlsx`).
pub(crate) fn to_folder(stem: &str, write: impl FnOnce(&Path) -> Result<ExportSummary>) -> Result<ExportSummary> {
    to_folder_ext(stem, "xlsx", write)
}

/// Write an export into the export folder under a new name with the extension `ext` (xlsx, pdf).
pub(crate) fn to_folder_ext(
    stem: &str,
    ext: &str,
    write: impl FnOnce(&Path) -> Result<ExportSummary>,
) -> Result<ExportSummary> {
    let dir = export_dir();
    std::fs::create_dir_all(&dir)?;
    write(&new_export_path(&dir, stem, ext))
}

impl Db {
    /// Export the roster into the export folder under a new name; what the app's 导出 button does.
    pub fn export_roster_to_folder(&self, opts: &RosterExport) -> Result<ExportSummary> {
        to_folder("委员名册", |p| self.export_roster(opts, p))
    }

    /// Export the contact list into the export folder under a new name.
    pub fn export_contacts_to_folder(&self, opts: &ContactsExport) -> Result<ExportSummary> {
        to_folder("通讯录", |p| self.export_contacts(opts, p))
    }
}

/// A roster column as the export dialog lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RosterColumnInfo {
    pub column: RosterColumn,
    pub label: String,
    /// In the default set (what an official roster usually shows).
    pub default: bool,
}

/// Every exportable column, in sheet order, with its header label.
pub fn roster_columns() -> Vec<RosterColumnInfo> {
    let defaults = RosterColumn::defaults();
    RosterColumn::ALL
        .into_iter()
        .map(|c| RosterColumnInfo { column: c, label: c.label().to_string(), default: defaults.contains(&c) })
        .collect()
}
