//! Liaison groups (联络组) and their members.

use super::{with, AppState, R};
use liaison_core::model::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn groups_list(state: State<'_, AppState>, term_id: Option<String>) -> R<Vec<GroupSummary>> {
    with(&state, move |db| db.groups(term_id.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_get(state: State<'_, AppState>, id: String) -> R<GroupDetail> {
    with(&state, move |db| db.group(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_save(state: State<'_, AppState>, input: GroupInput) -> R<GroupSummary> {
    with(&state, move |db| db.save_group(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_group(&id)).await
}

/// The deleted groups of a term (None: the current term): the 回收站.
#[tauri::command]
#[specta::specta]
pub async fn groups_deleted(state: State<'_, AppState>, term_id: Option<String>) -> R<Vec<DeletedGroup>> {
    with(&state, move |db| db.deleted_groups(term_id.as_deref())).await
}

/// Bring back a deleted group (refused, naming it, while a live group has its name).
#[tauri::command]
#[specta::specta]
pub async fn group_restore(state: State<'_, AppState>, id: String) -> R<GroupSummary> {
    with(&state, move |db| db.restore_group(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_add_members(
    state: State<'_, AppState>,
    group_id: String,
    member_ids: Vec<String>,
    role: GroupRole,
    move_from_other: bool,
) -> R<GroupDetail> {
    with(&state, move |db| db.add_group_members(&group_id, &member_ids, role, move_from_other)).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_set_role(
    state: State<'_, AppState>,
    group_id: String,
    member_id: String,
    role: GroupRole,
) -> R<GroupDetail> {
    with(&state, move |db| db.set_group_role(&group_id, &member_id, role)).await
}

#[tauri::command]
#[specta::specta]
pub async fn group_remove_member(state: State<'_, AppState>, group_id: String, member_id: String) -> R<GroupDetail> {
    with(&state, move |db| db.remove_group_member(&group_id, &member_id)).await
}
