//! The PDF call: a document's data as JSON, typeset by crate liaison-pdf (Typst) with one of its
//! templates (`pdf/templates/*.typ`). Behind the `pdf` feature; without it, asking for a PDF says so.

use super::ExportSummary;
use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;

/// Typeset `data` with the template `template`; the PDF's bytes.
#[cfg(feature = "pdf")]
pub(crate) fn render<T: Serialize>(template: &str, data: &T) -> Result<Vec<u8>> {
    let json = serde_json::to_string(data).map_err(|e| Error::Export(e.to_string()))?;
    liaison_pdf::render(template, &json).map_err(|e| Error::Export(e.to_string()))
}

#[cfg(not(feature = "pdf"))]
pub(crate) fn render<T: Serialize>(_template: &str, _data: &T) -> Result<Vec<u8>> {
    Err(Error::Export("本程序构建时未包含 PDF 功能，请改为导出 Excel".into()))
}

/// Drop what Typst memoised for documents typeset a while ago (a long batch, as it goes).
pub(crate) fn trim_cache() {
    #[cfg(feature = "pdf")]
    liaison_pdf::trim_cache();
}

/// Typeset `data` and write the PDF to `out`; `rows` is what the summary counts (visits, people, seats).
pub(crate) fn write<T: Serialize>(template: &str, data: &T, rows: usize, out: &Path) -> Result<ExportSummary> {
    let pdf = render(template, data)?;
    super::write_whole(out, |tmp| Ok(std::fs::write(tmp, pdf)?))?;
    Ok(ExportSummary { rows: rows as u32, path: out.to_path_buf() })
}

/// A column of a list typeset as PDF (template `lists`): its label, its width in millimetres (0: shares
/// what the fixed columns leave), centred or not.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListCol {
    pub label: String,
    pub width_mm: f64,
    pub centred: bool,
}

/// One list of a PDF of lists (template `lists`): it starts on a new page with its title, a note on the
/// left and the date on the right, its header repeated on every page; rows `row_height_mm` high (0: as
/// their text needs), and a line under the table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListSection {
    pub title: String,
    pub note: String,
    pub printed: String,
    pub columns: Vec<ListCol>,
    pub rows: Vec<Vec<String>>,
    pub row_height_mm: f64,
    pub foot: String,
}

/// A PDF of lists: A4, portrait unless `flipped`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Lists {
    pub flipped: bool,
    pub sections: Vec<ListSection>,
}
