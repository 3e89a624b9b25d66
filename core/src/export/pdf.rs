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

/// Typeset `data` and write the PDF to `out`; `rows` is what the summary counts (visits, people, seats).
pub(crate) fn write<T: Serialize>(template: &str, data: &T, rows: usize, out: &Path) -> Result<ExportSummary> {
    let pdf = render(template, data)?;
    super::write_whole(out, |tmp| Ok(std::fs::write(tmp, pdf)?))?;
    Ok(ExportSummary { rows: rows as u32, path: out.to_path_buf() })
}
