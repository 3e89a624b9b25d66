//! The history's types that cross IPC (and `--json`).

use serde::{Deserialize, Serialize};
use specta::Type;

/// The filters of the whole-database log page (操作记录), or of one record's history (`entity_id`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct HistoryQuery {
    /// Who (the exact name); empty: everyone.
    pub actor: String,
    /// What kind of record (`HistoryKind` code: member, group, activity, session, list, import, export,
    /// setting); empty: every kind.
    pub kind: String,
    /// One record's history (its id); empty: the whole database.
    pub entity_id: String,
    /// The first and last day (YYYY-MM-DD, this laptop's days); empty: open.
    pub from: String,
    pub to: String,
    /// Text in the entry (a name, a value, a file), the record's name or the actor; empty: none.
    pub text: String,
    /// 0-based page; `page_size` 0 gives 50.
    pub page: u32,
    pub page_size: u32,
}

/// One page of the log, newest first, with the number of entries the filters match.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    pub total: u32,
}

/// One entry, as the history shows it: kinds, actions and fields in Chinese, ID and phone numbers
/// masked (the log itself keeps them whole).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HistoryEntry {
    pub id: String,
    /// UTC, ISO 8601.
    pub at: String,
    pub actor: String,
    pub entity: String,
    /// 委员, 联络组, 活动 …
    pub entity_label: String,
    pub entity_id: String,
    /// The record's name (王伟, 第一联络组, the file of an import …).
    pub record: String,
    pub action: String,
    /// 新增, 修改, 删除, 恢复 …
    pub action_label: String,
    pub changes: Vec<HistoryChange>,
    /// The import run that wrote it.
    pub run_id: Option<String>,
}

/// One field of an entry, old → new, as shown.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HistoryChange {
    pub field: String,
    /// 手机, 工作单位 …
    pub label: String,
    pub old: String,
    pub new: String,
    /// Whether the old value can be put back (恢复此值): a member's own field, from an update of a
    /// record still live, logged whole.
    pub restorable: bool,
}

/// One deleted record in the 回收站.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TrashItem {
    /// member, group, activity, visit_round, session, sector, party, committee, role, township
    pub kind: String,
    /// 委员, 联络组 …
    pub kind_label: String,
    pub id: String,
    pub name: String,
    /// What else it names (a member's 界别 and 工作单位, an activity's date …).
    pub detail: String,
    /// UTC, ISO 8601.
    pub deleted_at: String,
    /// Who deleted it (from the audit log).
    pub deleted_by: String,
}
