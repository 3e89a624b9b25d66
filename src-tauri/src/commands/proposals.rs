//! Proposals (提案), their handling units, speeches (大会发言) and the member's writings (core:
//! `liaison_core::proposals`).

use super::{with, AppState, R};
use liaison_core::export::ExportSummary;
use liaison_core::opinions::types::OpinionInput;
use liaison_core::proposals::types::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn proposals_query(state: State<'_, AppState>, query: ProposalQuery) -> R<ProposalList> {
    with(&state, move |db| db.proposals(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_get(state: State<'_, AppState>, id: String) -> R<ProposalDetail> {
    with(&state, move |db| db.proposal(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_save(state: State<'_, AppState>, input: ProposalInput) -> R<ProposalDetail> {
    with(&state, move |db| db.save_proposal(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_step(state: State<'_, AppState>, step: ProposalStep) -> R<ProposalDetail> {
    with(&state, move |db| db.proposal_step(step)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_flags(
    state: State<'_, AppState>,
    id: String,
    is_key: bool,
    is_excellent: bool,
) -> R<ProposalRow> {
    with(&state, move |db| db.set_proposal_flags(&id, is_key, is_excellent)).await
}

/// The 社情民意 report a 不立案 proposal would become, shown for correction before converting.
#[tauri::command]
#[specta::specta]
pub async fn proposal_opinion_draft(state: State<'_, AppState>, id: String) -> R<OpinionInput> {
    with(&state, move |db| db.proposal_opinion_draft(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_convert(
    state: State<'_, AppState>,
    id: String,
    kind: ConvertKind,
    report: Option<OpinionInput>,
) -> R<String> {
    with(&state, move |db| db.convert_proposal(&id, kind, report)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_proposal(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposal_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_proposal(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn proposals_export(state: State<'_, AppState>, year: i32) -> R<ExportSummary> {
    with(&state, move |db| db.export_proposals_to_folder(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn suggestion_get(state: State<'_, AppState>, id: String) -> R<Suggestion> {
    with(&state, move |db| db.suggestion(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn handling_units(state: State<'_, AppState>) -> R<Vec<HandlingUnit>> {
    with(&state, move |db| db.handling_units()).await
}

#[tauri::command]
#[specta::specta]
pub async fn handling_unit_save(state: State<'_, AppState>, id: Option<String>, name: String) -> R<HandlingUnit> {
    with(&state, move |db| db.save_handling_unit(id, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn handling_unit_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_handling_unit(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speeches_query(state: State<'_, AppState>, query: SpeechQuery) -> R<SpeechList> {
    with(&state, move |db| db.speeches(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speech_get(state: State<'_, AppState>, id: String) -> R<SpeechDetail> {
    with(&state, move |db| db.speech(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speech_save(state: State<'_, AppState>, input: SpeechInput) -> R<SpeechDetail> {
    with(&state, move |db| db.save_speech(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speech_step(state: State<'_, AppState>, step: SpeechStep) -> R<SpeechDetail> {
    with(&state, move |db| db.speech_step(step)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speech_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_speech(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn speeches_export(state: State<'_, AppState>, query: SpeechQuery) -> R<ExportSummary> {
    with(&state, move |db| db.export_speeches_to_folder(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_writings(state: State<'_, AppState>, member_id: String) -> R<MemberWritings> {
    with(&state, move |db| db.member_writings(&member_id)).await
}
