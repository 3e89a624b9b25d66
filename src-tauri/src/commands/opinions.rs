//! 社情民意: reports and their workflow, the merge into a combined report, the member page's totals,
//! the bulletin 《社情民意》's issues, and their papers (core: `liaison_core::opinions`).

use super::{with, AppState, R};
use liaison_core::export::ExportSummary;
use liaison_core::opinions::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn opinions_query(state: State<'_, AppState>, query: OpinionQuery) -> R<OpinionList> {
    with(&state, move |db| db.opinions(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_get(state: State<'_, AppState>, id: String) -> R<OpinionDetail> {
    with(&state, move |db| db.opinion(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_save(state: State<'_, AppState>, input: OpinionInput) -> R<OpinionDetail> {
    with(&state, move |db| db.save_opinion(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_submit(state: State<'_, AppState>, id: String) -> R<OpinionDetail> {
    with(&state, move |db| db.submit_opinion(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_review(state: State<'_, AppState>, id: String, input: ReviewInput) -> R<OpinionDetail> {
    with(&state, move |db| db.review_opinion(&id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_adopt(state: State<'_, AppState>, id: String, input: AdoptInput) -> R<OpinionDetail> {
    with(&state, move |db| db.adopt_opinion(&id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_instruct(state: State<'_, AppState>, id: String, input: InstructionInput) -> R<OpinionDetail> {
    with(&state, move |db| db.instruct_opinion(&id, input)).await
}

/// 留存, 转办, 办复, 反馈 or 退回: a step that records a text and a date.
#[tauri::command]
#[specta::specta]
pub async fn opinion_step(
    state: State<'_, AppState>,
    id: String,
    step: OpinionStep,
    input: StepInput,
) -> R<OpinionDetail> {
    with(&state, move |db| db.opinion_text_step(&id, step, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinions_merge(state: State<'_, AppState>, input: MergeInput) -> R<OpinionDetail> {
    with(&state, move |db| db.merge_opinions(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_opinion(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_opinion(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_opinions(state: State<'_, AppState>, member_id: String, year: i32) -> R<OpinionTotals> {
    with(&state, move |db| db.member_opinions(&member_id, year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinion_review_sheet_export(state: State<'_, AppState>, id: String) -> R<ExportSummary> {
    with(&state, move |db| db.export_review_sheet_to_folder(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn opinions_register_export(state: State<'_, AppState>, year: i32) -> R<ExportSummary> {
    with(&state, move |db| db.export_opinions_to_folder(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletins_list(state: State<'_, AppState>, year: Option<i32>, deleted: bool) -> R<Vec<BulletinRow>> {
    with(&state, move |db| db.bulletins(year, deleted)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_get(state: State<'_, AppState>, id: String) -> R<BulletinDetail> {
    with(&state, move |db| db.bulletin(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_year(state: State<'_, AppState>, year: i32) -> R<BulletinYear> {
    with(&state, move |db| db.bulletin_year(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_set_target(state: State<'_, AppState>, target: i32) -> R<BulletinYear> {
    with(&state, move |db| db.set_bulletin_target(target)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_save(state: State<'_, AppState>, input: BulletinInput) -> R<BulletinDetail> {
    with(&state, move |db| db.save_bulletin(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_bulletin(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulletin_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_bulletin(&id)).await
}

/// The issue as printed (for the composer's preview).
#[tauri::command]
#[specta::specta]
pub async fn bulletin_paper(state: State<'_, AppState>, id: String) -> R<documents::BulletinPaper> {
    with(&state, move |db| db.bulletin_paper(&id)).await
}

/// The issue into the export folder as .docx or .pdf (`format`: "docx" or "pdf").
#[tauri::command]
#[specta::specta]
pub async fn bulletin_export(state: State<'_, AppState>, id: String, format: String) -> R<ExportSummary> {
    with(&state, move |db| db.export_bulletin_to_folder(&id, &format)).await
}
