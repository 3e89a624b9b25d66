//! The office, its terms (届次) and reference lists (界别, 政治面貌 …), and the demo data.

use super::{with, AppState, R};
use liaison_core::model::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> R<AppInfo> {
    with(&state, move |db| db.app_info()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_office_name(state: State<'_, AppState>, name: String) -> R<AppInfo> {
    with(&state, move |db| db.set_office_name(&name)).await
}

/// The office's order of names (同姓单名在前).
#[tauri::command]
#[specta::specta]
pub async fn name_order_get(state: State<'_, AppState>) -> R<NameOrderSettings> {
    with(&state, move |db| db.name_order()).await
}

/// Change the office's order of names: every stored name key is recomputed with it, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn name_order_set(state: State<'_, AppState>, input: NameOrderSettings) -> R<NameOrderSettings> {
    with(&state, move |db| db.set_name_order(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn refs_list(state: State<'_, AppState>, kind: RefKind) -> R<Vec<RefItem>> {
    with(&state, move |db| db.refs(kind)).await
}

#[tauri::command]
#[specta::specta]
pub async fn ref_save(state: State<'_, AppState>, input: RefInput) -> R<RefItem> {
    with(&state, move |db| db.save_ref(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn ref_delete(state: State<'_, AppState>, kind: RefKind, id: String) -> R<()> {
    with(&state, move |db| db.delete_ref(kind, &id)).await
}

/// The deleted items of a list: the 回收站.
#[tauri::command]
#[specta::specta]
pub async fn refs_deleted(state: State<'_, AppState>, kind: RefKind) -> R<Vec<DeletedRef>> {
    with(&state, move |db| db.deleted_refs(kind)).await
}

/// Bring back a deleted item (refused, naming it, while a live item has its name).
#[tauri::command]
#[specta::specta]
pub async fn ref_restore(state: State<'_, AppState>, kind: RefKind, id: String) -> R<RefItem> {
    with(&state, move |db| db.restore_ref(kind, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn terms_list(state: State<'_, AppState>) -> R<Vec<Term>> {
    with(&state, move |db| db.terms()).await
}

#[tauri::command]
#[specta::specta]
pub async fn term_save(state: State<'_, AppState>, input: TermInput) -> R<Term> {
    with(&state, move |db| db.save_term(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn demo_load(state: State<'_, AppState>, members: u32) -> R<DemoSummary> {
    with(&state, move |db| db.load_demo(members, None)).await
}

/// Whether the first-run wizard is due, and its starting values.
#[tauri::command]
#[specta::specta]
pub async fn setup_state(state: State<'_, AppState>) -> R<liaison_core::setup::types::SetupState> {
    with(&state, move |db| db.setup_state()).await
}

/// The wizard's first step: office name, current term and this laptop's user, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn setup_save(state: State<'_, AppState>, input: liaison_core::setup::types::SetupInput) -> R<AppInfo> {
    with(&state, move |db| db.save_setup(input)).await
}

/// The wizard is done on this laptop.
#[tauri::command]
#[specta::specta]
pub async fn setup_complete(state: State<'_, AppState>) -> R<()> {
    with(&state, move |db| db.complete_setup()).await
}
