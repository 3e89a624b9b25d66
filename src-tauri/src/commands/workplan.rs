//! The work plan (工作计划: targets against the records, the list behind each number) and the members'
//! composition (委员构成统计) (core: `liaison_core::workplan`, `liaison_core::stats`).

use super::{with, AppState, R};
use liaison_core::export::ExportSummary;
use liaison_core::stats::types::Composition;
use liaison_core::workplan::types::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn work_plan_get(state: State<'_, AppState>, year: i32) -> R<WorkPlan> {
    with(&state, move |db| db.work_plan(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn work_plan_save(state: State<'_, AppState>, input: WorkPlanInput) -> R<WorkPlan> {
    with(&state, move |db| db.save_work_plan(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn work_plan_progress(state: State<'_, AppState>, year: i32) -> R<WorkPlanProgress> {
    with(&state, move |db| db.work_plan_progress(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn work_plan_list(state: State<'_, AppState>, query: PlanListQuery) -> R<PlanList> {
    with(&state, move |db| db.work_plan_list(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn work_plan_export(state: State<'_, AppState>, year: i32) -> R<ExportSummary> {
    with(&state, move |db| db.export_work_plan_to_folder(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn composition(state: State<'_, AppState>) -> R<Composition> {
    with(&state, move |db| db.composition()).await
}

#[tauri::command]
#[specta::specta]
pub async fn composition_export(state: State<'_, AppState>) -> R<ExportSummary> {
    with(&state, move |db| db.export_composition_to_folder()).await
}
