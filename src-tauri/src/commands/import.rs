//! The import wizard. The webview sends the chosen file's contents once (a raw request body, its name
//! URL-encoded in the `x-file-name` header: no paths cross IPC); core opens an import session on them
//! (the file read, its headers found, the lists and members loaded) and the commands after that
//! re-plan, commit or report from the session kept here, with the user's choices.

use super::{with, AppState, R};
use liaison_core::error::ErrorCode;
use liaison_core::export::ExportSummary;
use liaison_core::import::{CommitMode, ImportOptions, ImportPreview, ImportProgress, ImportSession};
use liaison_core::{AppError, Db};
use std::sync::{Arc, Mutex};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

/// The import session of the wizard, if a file is loaded. Locked after the database (in `with`).
#[derive(Default, Clone)]
pub struct ImportState(Arc<Mutex<Option<ImportSession>>>);

impl ImportState {
    /// Drop the kept session (after a restore replaced the data it was planned against).
    pub fn clear(&self) {
        self.set(None);
    }

    fn set(&self, s: Option<ImportSession>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = s;
    }

    /// Run `f` on the kept session (on the database's thread).
    fn on<T>(
        &self,
        db: &mut Db,
        f: impl FnOnce(&mut ImportSession, &mut Db) -> liaison_core::Result<T>,
    ) -> liaison_core::Result<T> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let s = slot.as_mut().ok_or_else(|| liaison_core::Error::Import("请先选择要导入的文件".into()))?;
        f(s, db)
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
    session: State<'_, ImportState>,
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
    let data = data.clone();
    let slot = session.inner().clone();
    slot.set(None);
    with(&state, move |db| {
        let (s, preview) = ImportSession::start_bytes(db, &name, &data)?;
        slot.set(Some(s));
        Ok(preview)
    })
    .await
}

/// The loaded file again, with the user's column choices and options: planned from the session, the
/// file is not read again. Writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: State<'_, AppState>,
    session: State<'_, ImportState>,
    options: ImportOptions,
) -> R<ImportPreview> {
    let slot = session.inner().clone();
    with(&state, move |db| slot.on(db, |s, db| s.plan(db, &options))).await
}

/// Import the loaded file in one transaction: the rows without errors, or (`all_or_nothing`) nothing
/// at all if any row has one. Progress goes to `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn import_commit(
    state: State<'_, AppState>,
    session: State<'_, ImportState>,
    options: ImportOptions,
    all_or_nothing: bool,
    on_progress: Channel<ImportProgress>,
) -> R<ImportPreview> {
    let slot = session.inner().clone();
    let mode = if all_or_nothing { CommitMode::AllOrNothing } else { CommitMode::ValidRows };
    with(&state, move |db| {
        slot.on(db, |s, db| {
            s.commit(db, &options, mode, &mut |p| {
                let _ = on_progress.send(p);
            })
        })
    })
    .await
}

/// 全部添加到列表: add every value the loaded file names that the lists lack (界别, 政治面貌, 联络组 …)
/// to its list in one transaction, then plan again with the same choices.
#[tauri::command]
#[specta::specta]
pub async fn import_add_unknown(
    state: State<'_, AppState>,
    session: State<'_, ImportState>,
    options: ImportOptions,
) -> R<ImportPreview> {
    let slot = session.inner().clone();
    with(&state, move |db| slot.on(db, |s, db| s.add_unknown(db, &options))).await
}

/// The loaded file's rows with errors, with the reasons, as an .xlsx in the export folder; ID and phone
/// numbers masked unless `personal` (the user asked for them: the export is then in the audit log).
#[tauri::command]
#[specta::specta]
pub async fn import_error_report(
    state: State<'_, AppState>,
    session: State<'_, ImportState>,
    options: ImportOptions,
    personal: bool,
) -> R<ExportSummary> {
    let slot = session.inner().clone();
    with(&state, move |db| slot.on(db, |s, db| s.error_report(db, &options, personal))).await
}

/// The wizard closed: forget the file and what was loaded for it.
#[tauri::command]
#[specta::specta]
pub async fn import_close(session: State<'_, ImportState>) -> R<()> {
    session.set(None);
    Ok(())
}
