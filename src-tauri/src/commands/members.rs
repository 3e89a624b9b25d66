//! The roster (委员名册): query, read, validate, save, delete and restore members; their audit log.

use super::{with, AppState, R};
use liaison_core::model::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn roster_query(state: State<'_, AppState>, query: RosterQuery) -> R<RosterPage> {
    with(&state, move |db| db.roster(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_get(state: State<'_, AppState>, id: String) -> R<MemberDetail> {
    with(&state, move |db| db.member(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_validate(state: State<'_, AppState>, input: MemberInput) -> R<MemberValidation> {
    with(&state, move |db| db.member_validation(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_save(state: State<'_, AppState>, input: MemberInput) -> R<MemberDetail> {
    with(&state, move |db| db.save_member(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_member(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_member(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_audit(state: State<'_, AppState>, id: String) -> R<Vec<AuditEntry>> {
    with(&state, move |db| db.audit_log(&id)).await
}
