//! Exports written into the export folder (roster, contacts, group lists, printable documents) and
//! opening them with the system's program.

use super::{with, AppState, R};
use liaison_core::error::ErrorCode;
use liaison_core::export::{ExportSummary, RosterColumnInfo, RosterExport};
use liaison_core::AppError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn roster_columns() -> R<Vec<RosterColumnInfo>> {
    Ok(liaison_core::export::roster_columns())
}

#[tauri::command]
#[specta::specta]
pub async fn roster_export(state: State<'_, AppState>, options: RosterExport) -> R<ExportSummary> {
    with(&state, move |db| db.export_roster_to_folder(&options)).await
}

/// The group member lists (联络组成员名单) of a term, written into the export folder.
#[tauri::command]
#[specta::specta]
pub async fn group_lists_export(
    state: State<'_, AppState>,
    options: liaison_core::export_lists::GroupListExport,
) -> R<ExportSummary> {
    with(&state, move |db| db.export_group_lists_to_folder(&options)).await
}

/// The contact list (通讯录) of the roster's filters and order, written into the export folder.
#[tauri::command]
#[specta::specta]
pub async fn contacts_export(
    state: State<'_, AppState>,
    options: liaison_core::export::ContactsExport,
) -> R<ExportSummary> {
    with(&state, move |db| db.export_contacts_to_folder(&options)).await
}

/// A printable document (visit checklist, sign-in sheet, attendance list, inspection plan) as PDF or
/// .xlsx, written into the export folder.
#[tauri::command]
#[specta::specta]
pub async fn document_export(
    state: State<'_, AppState>,
    request: liaison_core::documents::DocumentExport,
) -> R<ExportSummary> {
    with(&state, move |db| db.export_document_to_folder(&request)).await
}

/// Open a file the app exported with the system's viewer (WPS, Excel, LibreOffice …).
#[tauri::command]
#[specta::specta]
pub async fn open_export(app: tauri::AppHandle, path: String) -> R<()> {
    use tauri_plugin_opener::OpenerExt;
    let p = liaison_core::export::openable_export(std::path::Path::new(&path)).map_err(AppError::from)?;
    app.opener()
        .open_path(p.to_string_lossy(), None::<&str>)
        .map_err(|e| AppError::new(ErrorCode::Open, format!("无法用系统程序打开文件：{e}。文件在 {}", p.display())))
}

/// Show a file the app exported in the system's file manager, selected (打开所在文件夹).
#[tauri::command]
#[specta::specta]
pub async fn reveal_export(path: String) -> R<()> {
    let p = liaison_core::export::openable_export(std::path::Path::new(&path)).map_err(AppError::from)?;
    tauri_plugin_opener::reveal_item_in_dir(&p)
        .map_err(|e| AppError::new(ErrorCode::Open, format!("无法打开所在文件夹：{e}。文件在 {}", p.display())))
}
