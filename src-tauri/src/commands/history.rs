//! History (操作记录): the log per record and for the whole database, the one 回收站, an earlier value
//! put back, import runs and their undo, and who works on this laptop.

use super::{with, AppState, R};
use liaison_core::model::*;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

/// One page of the log with the filters.
#[tauri::command]
#[specta::specta]
pub async fn history_query(state: State<'_, AppState>, query: HistoryQuery) -> R<HistoryPage> {
    with(&state, move |db| db.history(&query)).await
}

/// Who appears in the log, for the filter.
#[tauri::command]
#[specta::specta]
pub async fn history_actors(state: State<'_, AppState>) -> R<Vec<String>> {
    with(&state, move |db| db.history_actors()).await
}

/// A kind of record the log filters by.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HistoryKind {
    pub code: String,
    pub label: String,
}

#[tauri::command]
#[specta::specta]
pub async fn history_kinds() -> R<Vec<HistoryKind>> {
    Ok(liaison_core::history::KINDS
        .iter()
        .map(|(code, label, _)| HistoryKind { code: code.to_string(), label: label.to_string() })
        .collect())
}

/// Put a member's field back to its value before one change (恢复此值).
#[tauri::command]
#[specta::specta]
pub async fn history_restore_value(
    state: State<'_, AppState>,
    entry_id: String,
    field: String,
    updated_at: Option<String>,
) -> R<MemberDetail> {
    with(&state, move |db| db.restore_history_value(&entry_id, &field, updated_at)).await
}

/// Every deleted record (of one kind, or all): the 回收站.
#[tauri::command]
#[specta::specta]
pub async fn trash_list(state: State<'_, AppState>, kind: String) -> R<Vec<TrashItem>> {
    with(&state, move |db| db.trash(&kind)).await
}

/// Restore a deleted record with what went with it.
#[tauri::command]
#[specta::specta]
pub async fn trash_restore(state: State<'_, AppState>, kind: String, id: String) -> R<()> {
    with(&state, move |db| db.trash_restore(&kind, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_runs(state: State<'_, AppState>) -> R<Vec<ImportRun>> {
    with(&state, move |db| db.import_runs()).await
}

/// What undoing an import would do, and who changed its records since.
#[tauri::command]
#[specta::specta]
pub async fn import_undo_check(state: State<'_, AppState>, id: String) -> R<ImportUndo> {
    with(&state, move |db| db.import_undo_check(&id)).await
}

/// Undo an import as one step.
#[tauri::command]
#[specta::specta]
pub async fn import_undo(state: State<'_, AppState>, id: String) -> R<ImportUndo> {
    with(&state, move |db| db.undo_import(&id)).await
}

/// Who works on this laptop (None: not asked yet).
#[tauri::command]
#[specta::specta]
pub async fn operator_get(state: State<'_, AppState>) -> R<Option<String>> {
    with(&state, move |db| db.operator()).await
}

#[tauri::command]
#[specta::specta]
pub async fn operator_set(state: State<'_, AppState>, name: String) -> R<String> {
    with(&state, move |db| db.set_operator(&name)).await
}
