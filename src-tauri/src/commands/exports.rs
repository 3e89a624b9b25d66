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

/// 打印履职档案: one member's performance file (current term) as PDF in the export folder.
#[tauri::command]
#[specta::specta]
pub async fn dossier_export(state: State<'_, AppState>, member_id: String) -> R<ExportSummary> {
    with(&state, move |db| db.export_dossier_to_folder(&member_id)).await
}

/// The batch of performance files under way can be cancelled (`dossiers_cancel`).
#[derive(Default)]
pub struct DossierCancel(pub std::sync::Arc<std::sync::atomic::AtomicBool>);

/// 全体委员履职档案: every member's file (current term) as one zip in the export folder. The data is read
/// with the database held; the typesetting (minutes for thousands) runs without it, so the app stays
/// usable. Progress goes to `on_progress`; `dossiers_cancel` stops it and nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn dossiers_export(
    state: State<'_, AppState>,
    cancel: State<'_, DossierCancel>,
    on_progress: tauri::ipc::Channel<liaison_core::dossier::DossierProgress>,
) -> R<ExportSummary> {
    use std::sync::atomic::Ordering;
    let flag = cancel.0.clone();
    flag.store(false, Ordering::Relaxed);
    let f = flag.clone();
    let (files, out) =
        with(&state, move |db| Ok((db.dossier_batch(None, &f)?, liaison_core::dossier::batch_path(db)?))).await?;
    tauri::async_runtime::spawn_blocking(move || {
        liaison_core::dossier::write_dossier_zip(
            &files,
            &out,
            &mut |p| {
                let _ = on_progress.send(p);
            },
            &flag,
        )
        .map_err(AppError::from)
    })
    .await
    .map_err(|_| AppError::new(ErrorCode::Internal, "任务未能完成"))?
}

#[tauri::command]
#[specta::specta]
pub async fn dossiers_cancel(cancel: State<'_, DossierCancel>) -> R<()> {
    cancel.0.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// 年度工作总结: the year's summary draft (.docx) in the export folder.
#[tauri::command]
#[specta::specta]
pub async fn year_summary_export(state: State<'_, AppState>, year: i32) -> R<ExportSummary> {
    with(&state, move |db| db.export_year_summary_to_folder(year)).await
}
