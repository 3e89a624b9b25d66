//! Printable documents of an activity: the visit checklist of a round (走访安排表 + one 走访记录表 per
//! visit), the sign-in sheet (签到表), the attendance list (出勤情况表) and the plan of an inspection or
//! research trip (视察/调研方案). Each is gathered once from the database into a plain structure, then
//! written as .xlsx (by the shared table writer) or typeset as PDF (crate liaison-pdf, feature `pdf`).

use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::{to_folder_ext, ExportSummary};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A round of visits: the day table and one record sheet per visit (id: the round's id).
    #[default]
    VisitChecklist,
    /// 签到表 of an activity: names in stroke order, a signature column (id: the activity's id).
    SignIn,
    /// 出勤情况表 of an activity: everyone with their outcome and counts (id: the activity's id).
    Attendance,
    /// 视察/调研方案: theme, schedule with stops, participants, logistics (id: the activity's id).
    InspectionPlan,
}

impl DocumentKind {
    pub fn parse(s: &str) -> Option<DocumentKind> {
        Some(match s {
            "visit-checklist" => DocumentKind::VisitChecklist,
            "sign-in" => DocumentKind::SignIn,
            "attendance" => DocumentKind::Attendance,
            "inspection-plan" => DocumentKind::InspectionPlan,
            _ => return None,
        })
    }
    /// The file name's stem: 走访安排表, 签到表 …
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::VisitChecklist => "走访安排表",
            DocumentKind::SignIn => "签到表",
            DocumentKind::Attendance => "出勤情况表",
            DocumentKind::InspectionPlan => "活动方案",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    #[default]
    Pdf,
    Xlsx,
}

impl DocumentFormat {
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

/// What to print: which document, of which round or activity, in which format.
#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct DocumentExport {
    pub kind: DocumentKind,
    /// The visit round's id (visit checklist) or the activity's id (the others).
    pub id: String,
    pub format: DocumentFormat,
    /// Phone numbers in full (the visitors need them to call ahead); masked otherwise.
    pub with_phone: bool,
}

impl Db {
    /// Write a document to `out` (its format from the request, not the extension).
    pub fn export_document(&self, req: &DocumentExport, out: &Path) -> Result<ExportSummary> {
        let _ = (req, out);
        Err(Error::Conflict("尚未实现".into()))
    }

    /// Write a document into the export folder under a new name; what the app's buttons do.
    pub fn export_document_to_folder(&self, req: &DocumentExport) -> Result<ExportSummary> {
        to_folder_ext(req.kind.label(), req.format.ext(), |p| self.export_document(req, p))
    }
}
