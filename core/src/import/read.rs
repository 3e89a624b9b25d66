//! Reading a spreadsheet into plain cells: .xlsx/.xlsm/.xls (calamine) and .csv in UTF-8 (with or
//! without BOM) or GBK/GB18030 (encoding_rs). Row and column numbers are absolute (0-based), so
//! `row + 1` is the row number Excel shows. A value merged down several rows is copied into each of
//! them (a group name merged down the rows of its members means each row has that group).

use crate::error::{Error, Result};
use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell (not date-formatted).
    Number(f64),
    /// A date-formatted cell.
    Date(NaiveDate),
    Bool(bool),
    /// An Excel error value (#N/A …).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty() || s.chars().all(|c| c.is_whitespace() || c == '\u{3000}'),
            _ => false,
        }
    }

    /// The value as the sheet shows it (numbers as Excel's General format would, 15 significant digits).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(f) => number_text(*f),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as text: integers in full (at most 15 significant digits, as Excel keeps), others
/// in their shortest form.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        let s = format!("{:.0}", f.abs());
        let digits: String = s.chars().enumerate().map(|(i, c)| if i >= 15 { '0' } else { c }).collect();
        if f < 0.0 {
            format!("-{digits}")
        } else {
            digits
        }
    } else {
        format!("{f}")
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// rows[r][c]; every row has the same length.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows.get(r).and_then(|row| row.get(c)).unwrap_or(&Cell::Empty)
    }
}

fn unreadable(name: &str, why: impl std::fmt::Display) -> Error {
    Error::Import(format!("无法读取文件“{name}”：{why}"))
}

/// What an import reads at most. A roster is a few thousand rows of a few dozen columns; these limits
/// are far above that and far below what would exhaust a laptop's memory or time (a 2 KB .xlsx with
/// one value at XFD1048576 would otherwise ask for 10¹⁰ cells).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// All the parts of an .xlsx package together, as its directory declares them (the zip reader
/// refuses a part that inflates beyond its declared size).
pub const MAX_UNPACKED_BYTES: u64 = 512 << 20;
pub const MAX_ROWS: usize = 100_000;
pub const MAX_COLS: usize = 1_000;
/// Rows × columns of one sheet, counted from A1 (rows and columns keep their Excel numbers).
pub const MAX_CELLS: usize = 3_000_000;

/// Read every sheet of a workbook or the one table of a CSV file.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if !path.exists() {
        return Err(unreadable(&name, "文件不存在"));
    }
    let len = std::fs::metadata(path).map_err(|e| unreadable(&name, e))?.len();
    check_file_size(&name, len)?;
    let data = std::fs::read(path).map_err(|e| unreadable(&name, e))?;
    read_bytes(&name, &data)
}

fn check_file_size(name: &str, len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(unreadable(
            name,
            format!(
                "文件有 {} MB，超过导入上限 {} MB（名册通常不到 1 MB，请检查是否选错了文件）",
                len >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// Read a file's contents; `file_name` gives the kind (by its extension) and names it in messages.
pub fn read_bytes(file_name: &str, data: &[u8]) -> Result<Vec<Sheet>> {
    check_file_size(file_name, data.len() as u64)?;
    let path = Path::new(file_name);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "CSV".into());
            Ok(vec![read_csv(data, &stem).map_err(|e| unreadable(file_name, e))?])
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" => read_workbook_guarded(file_name, data),
        _ => Err(unreadable(file_name, "只支持 Excel 表格（.xlsx、.xls）和 CSV 文件（.csv）")),
    }
}

/// The cells of one sheet as they come, before they are laid out in rows.
struct SparseSheet {
    name: String,
    cells: Vec<(u32, u32, Cell)>,
}

/// A refusal for a sheet whose used area is beyond the limits, naming the farthest cell.
fn too_large(file_name: &str, sheet: &str, row: usize, col: usize) -> Error {
    Error::Import(format!(
        "无法读取文件“{file_name}”：工作表“{sheet}”的单元格 {}{} 有内容，超出可导入的范围（最多 {MAX_ROWS} 行、{MAX_COLS} 列、共 {MAX_CELLS} 个单元格）。请删去表格中与名册无关的内容后再导入。",
        col_letter(col),
        row + 1
    ))
}

/// Check a sheet's extent (rows and columns counted from A1) against the limits.
fn check_extent(file_name: &str, sheet: &str, max_row: usize, max_col: usize) -> Result<()> {
    let (h, w) = (max_row + 1, max_col + 1);
    if h > MAX_ROWS || w > MAX_COLS || h.saturating_mul(w) > MAX_CELLS {
        return Err(too_large(file_name, sheet, max_row, max_col));
    }
    Ok(())
}

/// `read_workbook`, with a panic inside the spreadsheet library taken as a broken file. Fuzzing found
/// one (calamine 0.38 multiplies a crafted cell reference such as `AAAAAAAAA1` past u32 while parsing
/// it: a panic where overflow is checked, a wrong position where it is not); whatever the library does
/// with a hostile file, the import answers with a refusal, never a crash.
fn read_workbook_guarded(file_name: &str, data: &[u8]) -> Result<Vec<Sheet>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(file_name, data)))
        .unwrap_or_else(|_| Err(unreadable(file_name, "文件已损坏或不是 Excel 表格（若有密码保护，请先去掉密码）")))
}

fn read_workbook(file_name: &str, data: &[u8]) -> Result<Vec<Sheet>> {
    let broken = || unreadable(file_name, "文件已损坏或不是 Excel 表格（若有密码保护，请先去掉密码）");
    let is_zip = data.starts_with(b"PK");
    if is_zip {
        check_package(file_name, data)?;
    } else {
        // .xls: calamine lays out every sheet when it opens the file, so its extent is checked first.
        for (sheet, max_row, max_col) in xls_extents(data).ok_or_else(broken)? {
            check_extent(file_name, &sheet, max_row, max_col)?;
        }
    }
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(data)).map_err(|_| broken())?;
    let names = wb.sheet_names().to_vec();
    // calamine reads an .xlsx sheet's merged cells with a second XML parse of the whole sheet; a byte
    // search for <mergeCell ref="…"/> in the inflated XML does the same for a fraction of the time.
    // Other formats (and an .xlsx the search cannot follow) use calamine's own reader.
    let fast = matches!(wb, Sheets::Xlsx(_)).then(|| xlsx_merges(data)).flatten();
    let mut sparse = Vec::with_capacity(names.len());
    for name in &names {
        // Chart sheets and the like have no cells.
        let cells = match &mut wb {
            // .xlsx and .xlsb: the used cells one by one, so that a far-away cell costs one cell.
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(name) {
                Ok(mut rd) => Some(collect_cells(file_name, name, || rd.next_cell().map_err(|_| broken()))?),
                Err(_) => None,
            },
            Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
                Ok(mut rd) => Some(collect_cells(file_name, name, || rd.next_cell().map_err(|_| broken()))?),
                Err(_) => None,
            },
            // .xls: already laid out by calamine (within the limits checked above).
            other => other.worksheet_range(name).ok().map(|range| {
                let mut cells = Vec::new();
                for (r, c, d) in range.used_cells() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    cells.push((r0 + r as u32, c0 + c as u32, cell_of(d)));
                }
                cells
            }),
        };
        if let Some(cells) = cells {
            sparse.push(SparseSheet { name: name.clone(), cells });
        }
    }
    let mut out = Vec::with_capacity(sparse.len());
    for sheet in sparse {
        let merges = match &fast {
            Some(m) => m.get(&sheet.name).cloned().unwrap_or_default(),
            None => match &mut wb {
                Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&sheet.name).unwrap_or_default(),
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(&sheet.name).unwrap_or_default(),
                _ => Vec::new(),
            },
        };
        out.push(lay_out(file_name, sheet, &merges)?);
    }
    Ok(out)
}

/// The used cells a cells reader gives, each checked against the limits as it comes.
fn collect_cells<'a>(
    file_name: &str,
    sheet: &str,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>>,
) -> Result<Vec<(u32, u32, Cell)>> {
    let mut cells = Vec::new();
    while let Some(c) = next()? {
        push_cell(file_name, sheet, &mut cells, c.get_position(), c.get_value().clone().into())?;
    }
    Ok(cells)
}

/// Keep a used cell, refusing at once a cell beyond the limits (before anything is laid out).
fn push_cell(
    file_name: &str,
    sheet: &str,
    cells: &mut Vec<(u32, u32, Cell)>,
    (r, c): (u32, u32),
    d: Data,
) -> Result<()> {
    let cell = cell_of(&d);
    if cell == Cell::Empty {
        return Ok(());
    }
    check_extent(file_name, sheet, r as usize, c as usize)?;
    cells.push((r, c, cell));
    Ok(())
}

/// Lay the used cells out in rows (absolute coordinates from A1) and copy merged values down.
fn lay_out(file_name: &str, sheet: SparseSheet, merges: &[calamine::Dimensions]) -> Result<Sheet> {
    let SparseSheet { name, cells } = sheet;
    if cells.is_empty() {
        return Ok(Sheet { name, rows: vec![] });
    }
    let max_row = cells.iter().map(|c| c.0 as usize).max().unwrap_or(0);
    let max_col = cells.iter().map(|c| c.1 as usize).max().unwrap_or(0);
    check_extent(file_name, &name, max_row, max_col)?;
    let width = max_col + 1;
    let mut rows = vec![vec![Cell::Empty; width]; max_row + 1];
    for (r, c, v) in cells {
        rows[r as usize][c as usize] = v;
    }
    for m in merges {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let bottom = m.end.0 as usize;
        if top >= rows.len() || left >= width {
            continue;
        }
        let v = rows[top][left].clone();
        for row in rows.iter_mut().take(bottom + 1).skip(top + 1) {
            if row[left].is_empty() {
                row[left] = v.clone();
            }
        }
    }
    Ok(Sheet { name, rows })
}

/// Refuse an .xlsx/.xlsb package whose parts would inflate beyond `MAX_UNPACKED_BYTES` (a zip bomb),
/// from the sizes its directory declares; the zip reader stops a part at its declared size.
fn check_package(file_name: &str, data: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data))
        .map_err(|_| unreadable(file_name, "文件已损坏或不是 Excel 表格（若有密码保护，请先去掉密码）"))?;
    let total: u64 = match zip.decompressed_size() {
        Some(t) => u64::try_from(t).unwrap_or(u64::MAX),
        // Parts written with a data descriptor: their sizes from the central directory, one by one.
        None => {
            (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size())).fold(0u64, u64::saturating_add)
        }
    };
    if total > MAX_UNPACKED_BYTES {
        return Err(unreadable(
            file_name,
            format!(
                "表格解压后有 {} MB，超过导入上限 {} MB（文件可能已损坏或是特意构造的）",
                total >> 20,
                MAX_UNPACKED_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// The extent of each worksheet of an .xls (BIFF8) file — (sheet, last row, last column) of the
/// cells that hold a value, as calamine will lay them out — by a scan of the workbook stream's
/// records (no cell is decoded). None when the file is not a readable .xls.
fn xls_extents(data: &[u8]) -> Option<Vec<(String, usize, usize)>> {
    use std::io::Read;
    let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(data)).ok()?;
    let mut stream = Vec::new();
    let mut s = cfb.open_stream("/Workbook").or_else(|_| cfb.open_stream("/Book")).ok()?;
    s.read_to_end(&mut stream).ok()?;
    let mut out = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut index = 0usize;
    let mut extent: Option<(usize, usize)> = None;
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let body = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        let rc = |b: &[u8]| -> Option<(usize, usize)> {
            Some((
                u16::from_le_bytes([*b.first()?, *b.get(1)?]) as usize,
                u16::from_le_bytes([*b.get(2)?, *b.get(3)?]) as usize,
            ))
        };
        let mut grow = |r: usize, c: usize| {
            let e = extent.get_or_insert((0, 0));
            e.0 = e.0.max(r);
            e.1 = e.1.max(c);
        };
        match typ {
            // BOF: a substream begins (the first is the workbook's globals).
            0x0809 => depth += 1,
            // EOF: a substream ends; a worksheet's extent is recorded.
            0x000A => {
                if depth >= 1 {
                    depth -= 1;
                }
                if let Some((r, c)) = extent.take() {
                    let name = index.checked_sub(1).and_then(|i| names.get(i).cloned());
                    out.push((name.unwrap_or_else(|| format!("第 {index} 个工作表")), r, c));
                }
                index += 1;
            }
            // BOUNDSHEET: a sheet's name (ShortXLUnicodeString after offset, state and type).
            0x0085 if body.len() >= 8 => {
                let cch = body[6] as usize;
                let name = if body[7] & 1 == 1 {
                    let units: Vec<u16> =
                        body[8..].chunks_exact(2).take(cch).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
                    String::from_utf16_lossy(&units)
                } else {
                    body[8..].iter().take(cch).map(|&b| b as char).collect()
                };
                names.push(name);
            }
            // Cells with a value (calamine skips BLANK and MULBLANK).
            0x0006 | 0x00FD | 0x0203 | 0x027E | 0x0205 | 0x0204 | 0x00D6 => {
                if let Some((r, c)) = rc(body) {
                    grow(r, c);
                }
            }
            // MULRK: row, first column, …, last column in its last two bytes.
            0x00BD => {
                if let (Some((r, _)), true) = (rc(body), body.len() >= 6) {
                    let last = u16::from_le_bytes([body[len - 2], body[len - 1]]) as usize;
                    grow(r, last);
                }
            }
            _ => {}
        }
    }
    Some(out)
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            if dt.is_datetime() {
                match dt.as_datetime() {
                    Some(t) => Cell::Date(t.date()),
                    None => Cell::Number(dt.as_f64()),
                }
            } else {
                Cell::Number(dt.as_f64())
            }
        }
        Data::DateTimeIso(s) => match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The merged ranges of every worksheet of an .xlsx package, by sheet name; None when the package
/// does not look as expected (the caller then asks calamine).
fn xlsx_merges(data: &[u8]) -> Option<std::collections::HashMap<String, Vec<calamine::Dimensions>>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data)).ok()?;
    let mut entry = |name: &str| -> Option<Vec<u8>> {
        let mut f = zip.by_name(name).ok()?;
        let mut v = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut v).ok()?;
        Some(v)
    };
    let workbook = String::from_utf8(entry("xl/workbook.xml")?).ok()?;
    let rels = String::from_utf8(entry("xl/_rels/workbook.xml.rels")?).ok()?;
    let mut out = std::collections::HashMap::new();
    // <sheet name="委员名册" sheetId="1" r:id="rId1"/> → <Relationship Id="rId1" Target="worksheets/sheet1.xml"/>
    for tag in tags(&workbook, "sheet") {
        let name = unescape(attr(tag, "name")?);
        let rid = attr(tag, "r:id")?;
        let rel = tags(&rels, "Relationship").find(|t| attr(t, "Id") == Some(rid))?;
        let target = attr(rel, "Target")?;
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let xml = entry(&path)?;
        let mut dims = Vec::new();
        for at in memchr::memmem::find_iter(&xml, b"mergeCell ") {
            let rest = &xml[at..xml.len().min(at + 200)];
            let end = memchr::memchr(b'>', rest)?;
            let tag = std::str::from_utf8(&rest[..end]).ok()?;
            let r = attr(tag, "ref")?;
            dims.push(parse_ref_range(r)?);
        }
        out.insert(name, dims);
    }
    Some(out)
}

/// The opening tags `<name …>` (or `<x:name …>`) in a small XML text, without the `<`.
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').filter_map(move |t| {
        let t = t.split('>').next()?;
        let local = t.split_whitespace().next()?.rsplit(':').next()?;
        (local == name).then_some(t)
    })
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i > 0 && rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        if before_ok {
            if let Some(v) = after.strip_prefix("=\"") {
                return v.split('"').next();
            }
        }
        rest = after;
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// "B5:B12" → rows 4..=11, column 1 (0-based).
fn parse_ref_range(r: &str) -> Option<calamine::Dimensions> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let cell = |s: &str| -> Option<(u32, u32)> {
        let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let row: u32 = s[letters.len()..].parse().ok()?;
        let col =
            letters.bytes().try_fold(0u32, |acc, b| Some(acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32))?;
        Some((row.checked_sub(1)?, col.checked_sub(1)?))
    };
    Some(calamine::Dimensions { start: cell(a)?, end: cell(b)? })
}

/// Which text encoding a CSV file is in: UTF-8 (BOM or valid UTF-8), else GB18030 (a superset of GBK,
/// what Excel on Chinese Windows saves).
pub fn decode_csv(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (s, _, _) = encoding_rs::GB18030.decode(bytes);
            (s.into_owned(), "GBK")
        }
    }
}

fn read_csv(bytes: &[u8], name: &str) -> std::result::Result<Sheet, String> {
    let (text, _) = decode_csv(bytes);
    // Excel in some locales saves with semicolons or tabs; pick the delimiter the first lines use most.
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delim = [b',', b'\t', b';'].into_iter().max_by_key(|d| head.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut widest = 0usize;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("CSV 格式有误（{e}）"))?;
        let (r, w) = (rows.len(), rec.len());
        widest = widest.max(w);
        if r >= MAX_ROWS || w > MAX_COLS || (r + 1).saturating_mul(widest) > MAX_CELLS {
            return Err(format!(
                "第 {} 行有 {w} 列，超出可导入的范围（最多 {MAX_ROWS} 行、{MAX_COLS} 列、共 {MAX_CELLS} 个单元格）",
                r + 1
            ));
        }
        rows.push(rec.iter().map(|v| if v.is_empty() { Cell::Empty } else { Cell::Text(v.to_string()) }).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize(width, Cell::Empty);
    }
    Ok(Sheet { name: name.to_string(), rows })
}

/// Excel's column letters: 0 → A, 26 → AA.
pub fn col_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(col_letter(27), "AB");
        assert_eq!(col_letter(701), "ZZ");
        assert_eq!(col_letter(702), "AAA");
    }

    #[test]
    fn the_fast_merge_scan_agrees_with_calamine() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/messy-roster.xlsx");
        let data = std::fs::read(path).unwrap();
        let fast = xlsx_merges(&data).expect("scan");
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
        let mut total = 0;
        for name in wb.sheet_names() {
            let mut a: Vec<_> = fast[&name].iter().map(|d| (d.start, d.end)).collect();
            let mut b: Vec<_> = wb.merge_cells_by_sheet_name(&name).unwrap().iter().map(|d| (d.start, d.end)).collect();
            a.sort();
            b.sort();
            assert_eq!(a, b, "{name}");
            total += a.len();
        }
        assert!(total >= 10);
    }

    #[test]
    fn merged_range_references() {
        let d = parse_ref_range("B5:C12").unwrap();
        assert_eq!((d.start, d.end), ((4, 1), (11, 2)));
        let d = parse_ref_range("AA1:AB2").unwrap();
        assert_eq!((d.start, d.end), ((0, 26), (1, 27)));
        assert_eq!(attr(r#"sheet name="A &amp; B" sheetId="1" r:id="rId3""#, "r:id"), Some("rId3"));
        assert_eq!(attr(r#"sheet name="A" sheetId="1" r:id="rId3""#, "Id"), None);
    }

    #[test]
    fn numbers_display_as_excel_keeps_them() {
        assert_eq!(number_text(13800138000.0), "13800138000");
        assert_eq!(number_text(330106196805121234.0), "330106196805121000");
        assert_eq!(number_text(1968.05), "1968.05");
    }

    #[test]
    fn csv_encodings() {
        let gbk = encoding_rs::GBK.encode("姓名,性别\n王伟,男\n").0.into_owned();
        let (s, enc) = decode_csv(&gbk);
        assert_eq!(enc, "GBK");
        assert!(s.starts_with("姓名,性别"));
        let (s, enc) = decode_csv("\u{FEFF}姓名".as_bytes());
        assert_eq!((s.as_str(), enc), ("姓名", "UTF-8"));
    }
}
