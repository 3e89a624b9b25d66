//! The import wizard. The webview sends the chosen file's contents once (a raw request body, its name
//! URL-encoded in the `x-file-name` header: no paths cross IPC); the commands after that re-plan,
//! commit or report on the file kept here, with the user's choices.

use super::{with, AppState, R};
use liaison_core::error::ErrorCode;
use liaison_core::export::ExportSummary;
use liaison_core::import::{CommitMode, ImportOptions, ImportPreview, ImportProgress};
use liaison_core::AppError;
use std::sync::{Arc, Mutex};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

/// The file the import wizard loaded last: its name and contents.
#[derive(Default)]
pub struct ImportFile(Mutex<Option<(String, Arc<Vec<u8>>)>>);

impl ImportFile {
    fn set(&self, f: Option<(String, Arc<Vec<u8>>)>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = f;
    }

    fn get(&self) -> R<(String, Arc<Vec<u8>>)> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or_else(|| AppError::new(ErrorCode::Import, "请先选择要导入的文件"))
    }
}

/// Load a file to import (body: its bytes; header `x-file-name`: its URL-encoded name) and answer with
/// what importing it would do under the automatic column mapping. Writes nothing.
///
/// The one command outside the generated bindings: its argument is the raw request body, which the
/// generator cannot describe, so `ui/src/api.ts` calls it by hand (`importLoad`).
#[tauri::command]
pub async fn import_load(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    request: Request<'_>,
) -> R<ImportPreview> {
    let InvokeBody::Raw(data) = request.body() else {
        return Err(AppError::new(ErrorCode::Import, "文件内容没有传到程序，请重新选择文件"));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    let data = Arc::new(data.clone());
    file.set(None);
    let (n, d) = (name.clone(), data.clone());
    let preview =
        with(&state, move |db| db.import_preview_bytes(&n, &d, &ImportOptions::default(), &mut |_| {})).await?;
    file.set(Some((name, data)));
    Ok(preview)
}

/// The loaded file again, with the user's column choices and options. Writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
) -> R<ImportPreview> {
    let (name, data) = file.get()?;
    with(&state, move |db| db.import_preview_bytes(&name, &data, &options, &mut |_| {})).await
}

/// Import the loaded file in one transaction: the rows without errors, or (`all_or_nothing`) nothing
/// at all if any row has one. Progress goes to `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn import_commit(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
    all_or_nothing: bool,
    on_progress: Channel<ImportProgress>,
) -> R<ImportPreview> {
    let (name, data) = file.get()?;
    let mode = if all_or_nothing { CommitMode::AllOrNothing } else { CommitMode::ValidRows };
    with(&state, move |db| {
        db.import_commit_bytes(&name, &data, &options, mode, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// The loaded file's rows with errors, with the reasons, as an .xlsx in the export folder.
#[tauri::command]
#[specta::specta]
pub async fn import_error_report(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
) -> R<ExportSummary> {
    let (name, data) = file.get()?;
    with(&state, move |db| db.import_error_report_bytes(&name, &data, &options)).await
}

/// The wizard closed: forget the file.
#[tauri::command]
#[specta::specta]
pub async fn import_close(file: State<'_, ImportFile>) -> R<()> {
    file.set(None);
    Ok(())
}
