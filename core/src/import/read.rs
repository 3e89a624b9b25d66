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

/// Read every sheet of a workbook or the one table of a CSV file.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if !path.exists() {
        return Err(unreadable(&name, "文件不存在"));
    }
    let data = std::fs::read(path).map_err(|e| unreadable(&name, e))?;
    read_bytes(&name, &data)
}

/// Read a file's contents; `file_name` gives the kind (by its extension) and names it in messages.
pub fn read_bytes(file_name: &str, data: &[u8]) -> Result<Vec<Sheet>> {
    let path = Path::new(file_name);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "CSV".into());
            Ok(vec![read_csv(data, &stem).map_err(|e| unreadable(file_name, e))?])
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(file_name, data),
        _ => Err(unreadable(file_name, "只支持 Excel 表格（.xlsx、.xls）和 CSV 文件（.csv）")),
    }
}

fn read_workbook(file_name: &str, data: &[u8]) -> Result<Vec<Sheet>> {
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(data))
        .map_err(|_| unreadable(file_name, "文件已损坏或不是 Excel 表格（若有密码保护，请先去掉密码）"))?;
    let names = wb.sheet_names().to_vec();
    // calamine reads an .xlsx sheet's merged cells with a second XML parse of the whole sheet; a byte
    // search for <mergeCell ref="…"/> in the inflated XML does the same for a fraction of the time.
    // Other formats (and an .xlsx the search cannot follow) use calamine's own reader.
    let fast = matches!(wb, Sheets::Xlsx(_)).then(|| xlsx_merges(data)).flatten();
    let ranges: Vec<_> = names.iter().map(|n| wb.worksheet_range(n).ok()).collect();
    let mut merges: Vec<Vec<calamine::Dimensions>> = names
        .iter()
        .map(|n| match &fast {
            Some(m) => m.get(n).cloned().unwrap_or_default(),
            None => match &mut wb {
                Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(n).unwrap_or_default(),
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(n).unwrap_or_default(),
                _ => Vec::new(),
            },
        })
        .collect();
    merges.resize(names.len(), Vec::new());
    let mut out = Vec::new();
    for ((name, range), merges) in names.into_iter().zip(ranges).zip(merges) {
        // Chart sheets and the like have no cells.
        let Some(range) = range else { continue };
        let Some((r0, c0)) = range.start() else {
            out.push(Sheet { name, rows: vec![] });
            continue;
        };
        let (r0, c0) = (r0 as usize, c0 as usize);
        let (h, w) = range.get_size();
        // Absolute coordinates: pad the rows and columns before the first used cell.
        let width = c0 + w;
        let mut rows = vec![vec![Cell::Empty; width]; r0 + h];
        for (i, row) in range.rows().enumerate() {
            for (j, d) in row.iter().enumerate() {
                rows[r0 + i][c0 + j] = cell_of(d);
            }
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
        out.push(Sheet { name, rows });
    }
    Ok(out)
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
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("CSV 格式有误（{e}）"))?;
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
