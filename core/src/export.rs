//! Exports to print-ready .xlsx: the roster (委员名册).
//!
//! Every value is written as data (a string, or a number for 序号), never as a formula: a name or a
//! note starting with = + - @ stays text. Dates are written as text (1968-05-12), as the tables show
//! them. ID and phone numbers are masked unless the caller asks for them.

use crate::db::Db;
use crate::error::{Error, Result};
use crate::idcard;
use crate::model::{MemberDetail, RosterQuery, RosterSort};
use chrono::Datelike;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A column of the roster export. 序号 is not one of them: it is always the first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    pub rows: u32,
    #[ts(type = "string")]
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

fn cell(m: &MemberDetail, c: RosterColumn, opts: &RosterExport) -> String {
    use RosterColumn::*;
    let phone = |p: &str| if opts.with_phone { p.to_string() } else { idcard::mask_phone(p) };
    match c {
        Name if opts.pad_two_char_names => pad_name(&m.name),
        Name => m.name.clone(),
        Gender => m.gender.clone(),
        Ethnicity => m.ethnicity.clone(),
        BirthDate => m.birth_date.clone(),
        NativePlace => m.native_place.clone(),
        Party => m.party.clone(),
        Sector => m.sector.clone(),
        Committee => m.committee.clone(),
        Role => m.roles.join("、"),
        Group => m.group.clone(),
        WorkUnit => m.work_unit.clone(),
        JobTitle => m.job_title.clone(),
        ProfessionalTitle => m.professional_title.clone(),
        Education => m.education.clone(),
        Mobile => phone(&m.mobile),
        Phone => phone(&m.phone),
        Address => m.address.clone(),
        Postcode => m.postcode.clone(),
        IdNumber if opts.with_id => m.id_number.clone(),
        IdNumber => idcard::mask(&m.id_number),
        Status => m.status.label().to_string(),
        Notes => m.notes.clone(),
    }
}

impl Db {
    /// The roster (委员名册) as a print-ready .xlsx: a merged title row, a subtitle with the order and
    /// the date, the header row (frozen, repeated on every printed page), thin borders, A4 fitted to
    /// the page width (landscape when more than 8 columns), 第 X 页 共 Y 页 in the footer.
    pub fn export_roster(&self, opts: &RosterExport, out: &Path) -> Result<ExportSummary> {
        let today = chrono::Local::now().date_naive();
        let office = self.app_info()?.office_name;
        let members = self.roster_details(&opts.query)?;

        let mut columns: Vec<RosterColumn> = Vec::new();
        for c in if opts.columns.is_empty() { RosterColumn::defaults() } else { opts.columns.clone() } {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        let ncols = columns.len() + 1;
        let last_col = (ncols - 1) as u16;

        const FONT: &str = "宋体";
        let title_fmt = Format::new().set_font_name("黑体").set_font_size(18).set_bold().set_align(FormatAlign::Center);
        let sub_left = Format::new().set_font_name(FONT).set_font_size(11).set_align(FormatAlign::Left);
        let sub_right = Format::new().set_font_name(FONT).set_font_size(11).set_align(FormatAlign::Right);
        let header_fmt = Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        let body = Format::new()
            .set_font_name(FONT)
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        let body_left = body.clone().set_align(FormatAlign::Left);
        let body_centre = body.clone().set_align(FormatAlign::Center);

        let mut wb = Workbook::new();
        // Level 1: for 10,000 rows about 1.7x the size of the default level, ~45 ms faster to write.
        wb.set_zip_compression_level(1);
        let ws = wb.add_worksheet();
        ws.set_name("委员名册")?;

        // Title, subtitle (order on the left, date on the right), header.
        let title = format!("{office}委员名册");
        ws.merge_range(0, 0, 0, last_col, &title, &title_fmt)?;
        ws.set_row_height(0, 30)?;
        let date = format!("{}年{}月{}日", today.year(), today.month(), today.day());
        if ncols >= 4 {
            let mid = (ncols / 2) as u16;
            ws.merge_range(1, 0, 1, mid - 1, sort_label(opts.query.sort), &sub_left)?;
            ws.merge_range(1, mid, 1, last_col, &date, &sub_right)?;
        } else {
            ws.merge_range(1, 0, 1, last_col, &format!("{}　{date}", sort_label(opts.query.sort)), &sub_left)?;
        }
        ws.set_row_height(1, 20)?;
        const HEADER: u32 = 2;
        ws.write_string_with_format(HEADER, 0, "序号", &header_fmt)?;
        let mut widths: Vec<usize> = vec![text_width("序号").max(members.len().to_string().len())];
        for (i, c) in columns.iter().enumerate() {
            ws.write_string_with_format(HEADER, (i + 1) as u16, c.label(), &header_fmt)?;
            widths.push(text_width(c.label()));
        }
        ws.set_row_height(HEADER, 22)?;

        for (n, m) in members.iter().enumerate() {
            let row = HEADER + 1 + n as u32;
            ws.write_number_with_format(row, 0, (n + 1) as f64, &body_centre)?;
            for (i, c) in columns.iter().enumerate() {
                let v = cell(m, *c, opts);
                let col = (i + 1) as u16;
                let f = if c.centred() { &body_centre } else { &body_left };
                if v.is_empty() {
                    ws.write_blank(row, col, f)?;
                } else {
                    // write_string, never write(): "=1+1" stays text.
                    ws.write_string_with_format(row, col, &v, f)?;
                    let w = text_width(&v);
                    if w > widths[i + 1] {
                        widths[i + 1] = w;
                    }
                }
            }
        }

        // Column widths that fit Chinese text: 2 units per CJK character, a margin, clamped.
        for (i, w) in widths.iter().enumerate() {
            let max = if i == 0 { 8.0 } else { columns[i - 1].max_width() };
            ws.set_column_width(i as u16, (*w as f64 + 2.0).clamp(5.0, max))?;
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

        wb.save(out)?;
        Ok(ExportSummary { rows: members.len() as u32, path: out.to_path_buf() })
    }
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

impl Db {
    /// Export the roster into the export folder under a new name; what the app's 导出 button does.
    pub fn export_roster_to_folder(&self, opts: &RosterExport) -> Result<ExportSummary> {
        let dir = export_dir();
        std::fs::create_dir_all(&dir)?;
        let path = new_export_path(&dir, "委员名册", "xlsx");
        self.export_roster(opts, &path)
    }
}

/// A roster column as the export dialog lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
