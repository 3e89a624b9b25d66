//! The exchange's types that cross IPC (and `--json`).

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// What an exchange file holds.
    ExchangeKind {
        /// What changed on its laptop since that laptop's last exchange.
        Changes = "changes", "变更";
        /// Every exchanged row of the office: a new laptop joins from it, an old one catches up.
        Baseline = "baseline", "基准";
    }
}

coded_enum! {
    /// Why a change from the other side could not be applied as it came (SQLite's session extension's
    /// conflict types).
    ConflictKind {
        /// The row was changed on both sides.
        Data = "data", "双方都修改了";
        /// The other side changed a row this side no longer has.
        Notfound = "notfound", "本机已删除，对方修改了";
        /// The other side added a row this side already has, with other values.
        Conflict = "conflict", "双方都新增了";
        /// The other side's row breaks a rule here, e.g. the same ID number entered on two laptops.
        Constraint = "constraint", "与本机记录重复";
        /// The other side's row refers to a record this side does not have (or deleted one still used here).
        ForeignKey = "foreign_key", "引用的记录不存在";
    }
}

coded_enum! {
    /// What the other side did to the row.
    ChangeOp {
        Insert = "insert", "新增";
        Update = "update", "修改";
        Delete = "delete", "删除";
    }
}

coded_enum! {
    /// How a conflict was settled.
    Resolution {
        Local = "local", "保留本机";
        Theirs = "theirs", "采用对方";
        Fields = "fields", "逐项选择";
    }
}

/// Rows of one table in an exchange file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TableCount {
    pub table: String,
    pub inserts: u32,
    pub updates: u32,
    pub deletes: u32,
}

/// The header of an exchange file: who made it, for which office, in which order, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ExchangeHeader {
    /// The file format's version (`exchange::FORMAT`).
    pub format: u32,
    pub kind: ExchangeKind,
    pub office_id: String,
    pub office_name: String,
    pub origin_laptop_id: String,
    pub origin_name: String,
    /// 1, 2, 3 … per origin laptop: an office imports them in order.
    pub sequence: u32,
    /// The last file this laptop had imported when it made this one ("城关镇笔记本 第 3 号"), empty if none.
    pub base: String,
    pub created_at: String,
    /// The database schema the changes were recorded with (both sides must have the same).
    pub schema_version: i64,
    /// SHA-256 of the changeset (hex), and its length in bytes.
    pub payload_sha256: String,
    pub payload_bytes: u64,
    pub counts: Vec<TableCount>,
}

/// What `inspect_bytes` found in a file: its header and what its changeset holds, counted again.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExchangeInspection {
    pub header: ExchangeHeader,
    pub counts: Vec<TableCount>,
}

/// An exchange file written.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportOutcome {
    pub path: String,
    pub header: ExchangeHeader,
    /// Rows in the file (all tables, all kinds).
    pub rows: u32,
}

/// An exchange file imported (or found imported before: `already_imported`, nothing changed).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExchangeImportOutcome {
    pub kind: ExchangeKind,
    pub origin_laptop_id: String,
    pub origin_name: String,
    pub sequence: u32,
    pub already_imported: bool,
    pub inserted: u32,
    pub updated: u32,
    pub deleted: u32,
    /// Rows kept for the user to settle (this side's row kept meanwhile).
    pub conflicts: u32,
    /// The backup made before the import (file name), if one was made.
    pub backup: Option<String>,
}

/// A new database made from a baseline.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct JoinOutcome {
    pub path: String,
    pub office_id: String,
    pub office_name: String,
    pub laptop_id: String,
    pub laptop_name: String,
    pub members: u32,
    pub rows: u32,
}

/// One file imported before.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportRecord {
    pub kind: ExchangeKind,
    pub origin_laptop_id: String,
    pub origin_name: String,
    pub sequence: u32,
    pub created_at: String,
    pub imported_at: String,
    pub inserted: u32,
    pub updated: u32,
    pub deleted: u32,
    pub conflicts: u32,
}

/// This laptop and office, and where they stand in the exchange (the 数据交换 page's top).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExchangeStatus {
    pub office_id: String,
    pub office_name: String,
    pub laptop_id: String,
    /// The laptop's name the user set (e.g. 城关镇联络组笔记本); empty until set.
    pub laptop_name: String,
    /// The sequence number of the last file this laptop exported (0: none yet).
    pub last_sequence: u32,
    /// When this laptop last exported or imported (local time), if ever.
    pub last_exchange_at: Option<String>,
    /// Rows changed here since the last exchange (what the next export would carry).
    pub pending_rows: u32,
    pub open_conflicts: u32,
    /// The files imported here, newest first.
    pub imports: Vec<ImportRecord>,
    /// Where exported files go by default.
    pub export_dir: String,
}

/// One field of a conflict, side by side.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ConflictField {
    pub column: String,
    /// The field's Chinese name (the column's name when it has none).
    pub label: String,
    /// As shown (ID and phone numbers masked unless asked); None: the side has no such row.
    pub local: Option<String>,
    pub theirs: Option<String>,
    /// The two sides differ in this field.
    pub differs: bool,
}

/// A conflict, side by side.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExchangeConflict {
    pub id: String,
    pub kind: ConflictKind,
    pub op: ChangeOp,
    pub table: String,
    /// The table's Chinese name (委员, 活动 …).
    pub table_label: String,
    /// The record's name or title, else its id.
    pub record: String,
    pub origin_name: String,
    /// Which file brought it ("城关镇笔记本 第 3 号").
    pub source: String,
    /// What happened, in Chinese.
    pub reason: String,
    pub created_at: String,
    /// This side has the row (false: only the other side's version exists).
    pub has_local: bool,
    /// The other side's version can be taken (false when it is partial and this side lost the row).
    pub can_take_theirs: bool,
    pub fields: Vec<ConflictField>,
    pub resolved_at: Option<String>,
    pub resolution: Option<Resolution>,
}

/// The user's choice for one conflict: keep this side's row, take the other side's, or take the other
/// side's value for the fields named.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ConflictChoice {
    pub id: String,
    pub resolution: Resolution,
    /// With `Fields`: the columns whose value is taken from the other side.
    pub fields: Vec<String>,
}
