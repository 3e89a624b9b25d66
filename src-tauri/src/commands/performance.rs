//! 履职: the year's scoring rules and templates, the ledger and a member's explained points, the 未履职
//! list, manual entries, deeds, the 五个一, the score table (core: `liaison_core::performance`).

use super::{with, AppState, R};
use liaison_core::export::ExportSummary;
use liaison_core::performance::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn score_rules_get(state: State<'_, AppState>, year: i32) -> R<Option<ScoreRuleSet>> {
    with(&state, move |db| db.score_rule_set(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rules_save(state: State<'_, AppState>, rules: ScoreRuleSet) -> R<ScoreRuleSet> {
    with(&state, move |db| db.save_score_rules(rules)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rules_copy(
    state: State<'_, AppState>,
    year: i32,
    template: ScoreTemplate,
    replace: bool,
) -> R<ScoreRuleSet> {
    with(&state, move |db| db.copy_score_template(year, template, replace)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rules_copy_year(state: State<'_, AppState>, from: i32, year: i32, replace: bool) -> R<ScoreRuleSet> {
    with(&state, move |db| db.copy_score_rules(from, year, replace)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rule_years(state: State<'_, AppState>) -> R<Vec<i32>> {
    with(&state, move |db| db.score_rule_years()).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_templates(state: State<'_, AppState>) -> R<Vec<ScoreTemplateInfo>> {
    with(&state, move |db| Ok(db.score_templates())).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_items(state: State<'_, AppState>) -> R<Vec<ScoreItemInfo>> {
    with(&state, move |db| Ok(db.score_items())).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_ledger(state: State<'_, AppState>, year: i32) -> R<ScoreLedger> {
    with(&state, move |db| db.score_ledger(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_score(state: State<'_, AppState>, member_id: String, year: i32) -> R<Option<MemberScore>> {
    with(&state, move |db| db.member_score(&member_id, year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn idle_members(state: State<'_, AppState>, year: i32) -> R<Vec<IdleMember>> {
    with(&state, move |db| db.idle_members(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_adjustment_save(state: State<'_, AppState>, input: ScoreAdjustmentInput) -> R<ScoreAdjustment> {
    with(&state, move |db| db.save_score_adjustment(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_adjustment_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_score_adjustment(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_adjustment_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_score_adjustment(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deeds_query(state: State<'_, AppState>, query: DeedQuery) -> R<Vec<Deed>> {
    with(&state, move |db| db.deeds(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deed_save(state: State<'_, AppState>, input: DeedInput) -> R<Deed> {
    with(&state, move |db| db.save_deed(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deed_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_deed(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deed_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_deed(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn five_ones_table(state: State<'_, AppState>, year: i32) -> R<FiveOnesTable> {
    with(&state, move |db| db.five_ones_table(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn five_ones_defaults(state: State<'_, AppState>) -> R<Vec<FiveOnesItem>> {
    with(&state, move |db| Ok(db.five_ones_defaults())).await
}

#[tauri::command]
#[specta::specta]
pub async fn five_ones_save(state: State<'_, AppState>, year: i32, items: Vec<FiveOnesItem>) -> R<Vec<FiveOnesItem>> {
    with(&state, move |db| db.save_five_ones_items(year, items)).await
}

#[tauri::command]
#[specta::specta]
pub async fn five_ones_tick(
    state: State<'_, AppState>,
    year: i32,
    seq: u32,
    member_id: String,
    done: bool,
) -> R<FiveOnesProgress> {
    with(&state, move |db| db.set_five_ones_tick(year, seq, &member_id, done, "")).await
}

#[tauri::command]
#[specta::specta]
pub async fn scores_export(state: State<'_, AppState>, year: i32) -> R<ExportSummary> {
    with(&state, move |db| db.export_scores_to_folder(year)).await
}
