//! The import's types that cross IPC (and `--json`): the preview of a file, row by row, the user's
//! column choices and options, and the progress of a long import.

use crate::members::RosterColumn;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    New,
    Update,
    Unchanged,
    Skipped,
    Error,
}
crate::codes::impl_coded!(ImportOutcome, ImportOutcome::ALL);

impl ImportOutcome {
    pub const ALL: [ImportOutcome; 5] = [
        ImportOutcome::New,
        ImportOutcome::Update,
        ImportOutcome::Unchanged,
        ImportOutcome::Skipped,
        ImportOutcome::Error,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ImportOutcome::New => "new",
            ImportOutcome::Update => "update",
            ImportOutcome::Unchanged => "unchanged",
            ImportOutcome::Skipped => "skipped",
            ImportOutcome::Error => "error",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ImportOutcome::New => "新增",
            ImportOutcome::Update => "更新",
            ImportOutcome::Unchanged => "无变化",
            ImportOutcome::Skipped => "跳过",
            ImportOutcome::Error => "出错",
        }
    }
}

/// One problem with a row, at its cell.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RowIssue {
    /// Stable: id_checksum, id_precision_lost, id_format, id_birth_date, duplicate_in_file, missing_name,
    /// missing_sector, birth_mismatch, gender_mismatch, date_format, date_ambiguous, phone_format,
    /// unknown_sector, unknown_party, unknown_committee, unknown_role, unknown_group, invalid_value.
    pub code: String,
    pub message: String,
    /// The column letter (D), when the problem is in one cell.
    pub column: Option<String>,
}

/// One row of the file and what importing it does.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportRow {
    pub sheet: String,
    /// 1-based, as Excel shows it.
    pub row: u32,
    pub outcome: ImportOutcome,
    /// For errors: the first issue's code; for skipped rows: why (blank, title, header, totals, note).
    pub code: Option<String>,
    /// Chinese: the reason (errors, skipped) or what changes (updates: 更新：手机、工作单位).
    pub message: String,
    /// For errors: the first issue's column letter.
    pub column: Option<String>,
    pub issues: Vec<RowIssue>,
    /// The member's name as read (cleaned).
    pub name: String,
    /// The existing member updated or left unchanged.
    pub member_id: Option<String>,
    /// The labels of the fields an update changes.
    pub changes: Vec<String>,
    /// For errors: the row's cells as the sheet shows them (for the error report).
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct ImportSummary {
    pub new: u32,
    pub update: u32,
    pub unchanged: u32,
    pub skipped: u32,
    pub error: u32,
}

/// A column of a sheet and the member field it goes into (None: not imported).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SheetColumn {
    pub index: u32,
    pub letter: String,
    pub header: String,
    pub field: Option<RosterColumn>,
    /// How the field was chosen: "auto" (a known header), "remembered" (the user's earlier choice),
    /// "chosen" (this import's choice), "none".
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportSheet {
    pub name: String,
    /// 1-based; None when no header row was found.
    pub header_row: Option<u32>,
    pub columns: Vec<SheetColumn>,
    pub data_rows: u32,
    /// Why the sheet is not imported, if it is not.
    pub note: String,
}

/// A value naming a sector, party, committee, role or group that is not in the lists.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct UnknownValue {
    /// sector, party, committee, role or group.
    pub kind: String,
    /// 界别, 政治面貌 …
    pub label: String,
    pub value: String,
    pub rows: u32,
    /// Where the list is kept: “联络组”页 for groups, “设置 → 界别” for the others.
    pub place: String,
}

/// The user's choices for one column.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ColumnChoice {
    pub sheet: String,
    pub index: u32,
    pub field: Option<RosterColumn>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct ImportOptions {
    /// Column mapping chosen in the wizard (overrides the automatic one; remembered on commit).
    pub columns: Vec<ColumnChoice>,
    /// Add the unknown sectors, parties, committees, roles and groups to the lists on commit.
    pub add_unknown: bool,
    /// The sector of new members whose row gives none.
    pub default_sector_id: Option<String>,
    /// Sheets not to import.
    pub skip_sheets: Vec<String>,
    /// Cells corrected in the wizard (改正), read instead of the file's: the file itself is not changed.
    pub fixes: Vec<CellFix>,
    /// Rows the user chose not to import (不导入此行), e.g. the second of a person listed twice.
    pub skip_rows: Vec<RowRef>,
}

/// A cell's value typed in the wizard over the file's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CellFix {
    pub sheet: String,
    /// 1-based, as Excel shows it.
    pub row: u32,
    /// 0-based (`SheetColumn::index`).
    pub column: u32,
    /// The text as typed; empty clears the cell.
    pub value: String,
}

/// A row of a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RowRef {
    pub sheet: String,
    /// 1-based, as Excel shows it.
    pub row: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportPreview {
    pub file: String,
    /// The term new members join (the current one).
    pub term: String,
    pub sheets: Vec<ImportSheet>,
    pub summary: ImportSummary,
    pub rows: Vec<ImportRow>,
    pub unknown: Vec<UnknownValue>,
    /// Whether this is the result of a commit that wrote the rows.
    pub committed: bool,
    /// The import run a commit that wrote something made (its id for 撤销导入); None otherwise.
    pub run_id: Option<String>,
}

/// How a commit treats rows with errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitMode {
    /// Write the valid rows, report the rest.
    ValidRows,
    /// Write nothing if any row has an error.
    AllOrNothing,
}

/// Progress of a long import: `done` of `total` rows, at a stage (读取, 检查, 写入).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportProgress {
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

/// One import that wrote something (`liaison imports`, the history page): who, when, which file, what
/// it did, and whether it was undone.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportRun {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub file: String,
    pub created: u32,
    pub updated: u32,
    /// Values added to the lists (界别, 联络组 …).
    pub lists_added: u32,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
}

/// A record an import wrote that was changed after it: its undo would lose that change.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ChangedAfterImport {
    pub member_id: String,
    pub name: String,
    /// Who changed it last, and when (UTC).
    pub by: String,
    pub at: String,
    /// 已编辑 / 已删除
    pub what: String,
}

/// What undoing an import would do, or did.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportUndo {
    pub run: ImportRun,
    /// New members it soft-deletes (with their group memberships).
    pub delete_members: u32,
    /// Updated members whose fields it sets back.
    pub revert_members: u32,
    /// List values the import added that go too (unused ones).
    pub delete_lists: u32,
    /// Members changed after the import: while there are any the undo is refused.
    pub changed: Vec<ChangedAfterImport>,
    /// Whether it was done (false: a check only, or refused).
    pub done: bool,
}
