//! Full-text search across proposals and speeches (core: `liaison_core::search`).

use super::{with, AppState, R};
use liaison_core::search::{SearchQuery, SearchResult};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> R<SearchResult> {
    with(&state, move |db| db.search(&query)).await
}
