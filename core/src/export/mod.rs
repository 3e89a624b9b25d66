//! Exports, written once for every domain: the print-ready sheet writer (`sheet`), the PDF call (`pdf`),
//! and the export folder with the rule for which files the app may open (`folder`). Each domain owns its
//! documents and calls these: the roster and the contact list (`members::export`), the group lists
//! (`groups::export`), the activities' documents (`activities::documents`), the session's lists and
//! charts (`sessions`).
//!
//! Every value is written as data (a string, or a number for 序号), never as a formula: a name or a
//! note starting with = + - @ stays text. Dates are written as text (1968-05-12), as the tables show
//! them. ID and phone numbers are masked unless the caller asks for them (`masks`).

mod folder;
pub(crate) mod pdf;
pub(crate) mod sheet;

pub use folder::{export_dir, file_stem, new_export_path, openable_export, EXPORT_DIR_ENV};
pub(crate) use folder::{private_dir, private_file, to_folder, write_whole};
pub use sheet::sheet_name;

/// The roster's export types and helpers at their old paths (they live in `members`).
pub use crate::members::export::{roster_columns, sort_label, CONTACT_COLUMNS};
pub use crate::members::types::{ContactsExport, RosterColumn, RosterColumnInfo, RosterExport};

use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportSummary {
    /// Data rows written (for the group lists: the members on all the groups' sheets).
    pub rows: u32,
    #[specta(type = String)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    #[default]
    Pdf,
    Xlsx,
}

impl DocumentFormat {
    pub const ALL: [DocumentFormat; 2] = [DocumentFormat::Pdf, DocumentFormat::Xlsx];
    pub fn as_str(self) -> &'static str {
        self.ext()
    }
    pub fn label(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "PDF",
            DocumentFormat::Xlsx => "Excel",
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Xlsx => "xlsx",
        }
    }
    /// From a file name's extension (.pdf or .xlsx).
    pub fn from_path(p: &Path) -> Option<DocumentFormat> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(DocumentFormat::Pdf),
            "xlsx" => Some(DocumentFormat::Xlsx),
            _ => None,
        }
    }
}

crate::codes::impl_coded!(DocumentFormat, DocumentFormat::ALL);

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
