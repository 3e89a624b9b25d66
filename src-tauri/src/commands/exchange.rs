//! Exchange between laptops (设置 → 数据交换): this laptop's identity and name, export of what changed
//! (or a baseline) into the export folder, import of a file the user chose (its bytes, read by the
//! window, are held here between the look at the file and the import), conflicts side by side and the
//! user's choice, and joining an office from a baseline on a new, empty database.
//! Exchange files are keyed with the database's passphrase when it has one (`key`).

use super::{with, AppState, R};
use liaison_core::error::ErrorCode;
use liaison_core::exchange::{
    self, ConflictChoice, ExchangeConflict, ExchangeImportOutcome, ExchangeInspection, ExchangeKind, ExchangeStatus,
    ExportOutcome, JoinOutcome,
};
use liaison_core::AppError;
use std::sync::{Arc, Mutex};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

/// The file the window loaded, until it is imported (or another is loaded).
#[derive(Default, Clone)]
pub struct ExchangeFile(Arc<Mutex<Option<Vec<u8>>>>);

impl ExchangeFile {
    fn set(&self, v: Option<Vec<u8>>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = v;
    }
    fn get(&self) -> Option<Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The open database's passphrase, for the exchange files and snapshot it writes and reads.
fn key(db: &liaison_core::Db) -> Option<String> {
    db.passphrase().map(|p| p.expose().to_string())
}

#[tauri::command]
#[specta::specta]
pub async fn exchange_status(state: State<'_, AppState>) -> R<ExchangeStatus> {
    with(&state, move |db| {
        let k = key(db);
        db.exchange_status(k.as_deref())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn exchange_set_laptop_name(state: State<'_, AppState>, name: String) -> R<ExchangeStatus> {
    with(&state, move |db| db.set_laptop_name(&name)).await
}

/// Export what changed here since the last exchange (or a baseline) into the export folder.
#[tauri::command]
#[specta::specta]
pub async fn exchange_export(state: State<'_, AppState>, kind: ExchangeKind) -> R<ExportOutcome> {
    with(&state, move |db| {
        let k = key(db);
        db.exchange_export_to_folder(kind, k.as_deref())
    })
    .await
}

/// Load a file the user chose (raw bytes; outside the generated bindings, like `import_load`): what it
/// holds, checked, before anything is imported.
#[tauri::command]
pub async fn exchange_load(
    state: State<'_, AppState>,
    slot: State<'_, ExchangeFile>,
    request: Request<'_>,
) -> R<ExchangeInspection> {
    let InvokeBody::Raw(data) = request.body() else {
        return Err(AppError::new(ErrorCode::Import, "文件内容没有传到程序，请重新选择文件"));
    };
    let data = data.clone();
    let slot = slot.inner().clone();
    slot.set(None);
    with(&state, move |db| {
        let k = key(db);
        let i = db.with_exchange_bytes(&data, |_, p| exchange::inspect_file(p, k.as_deref()))?;
        slot.set(Some(data));
        Ok(i)
    })
    .await
}

/// The loaded file again (None when none is loaded).
#[tauri::command]
#[specta::specta]
pub async fn exchange_loaded(
    state: State<'_, AppState>,
    slot: State<'_, ExchangeFile>,
) -> R<Option<ExchangeInspection>> {
    let Some(data) = slot.get() else { return Ok(None) };
    with(&state, move |db| {
        let k = key(db);
        db.with_exchange_bytes(&data, |_, p| exchange::inspect_file(p, k.as_deref())).map(Some)
    })
    .await
}

/// Import the loaded file (one transaction, after a backup).
#[tauri::command]
#[specta::specta]
pub async fn exchange_import_loaded(
    state: State<'_, AppState>,
    slot: State<'_, ExchangeFile>,
) -> R<ExchangeImportOutcome> {
    let data = slot.get().ok_or_else(|| AppError::new(ErrorCode::Import, "请先选择要导入的交换文件"))?;
    let out = with(&state, move |db| {
        let k = key(db);
        db.with_exchange_bytes(&data, |db, p| db.exchange_import(p, k.as_deref()))
    })
    .await;
    slot.set(None);
    out
}

/// Join an office from the loaded baseline, in this new, empty database.
#[tauri::command]
#[specta::specta]
pub async fn exchange_join_loaded(
    state: State<'_, AppState>,
    slot: State<'_, ExchangeFile>,
    laptop_name: String,
) -> R<JoinOutcome> {
    let data = slot.get().ok_or_else(|| AppError::new(ErrorCode::Import, "请先选择办公室的基准文件"))?;
    let out = with(&state, move |db| {
        let k = key(db);
        db.with_exchange_bytes(&data, |db, p| db.exchange_join_here(p, Some(&laptop_name), k.as_deref()))
    })
    .await;
    slot.set(None);
    out
}

/// Whether this database can still join an office (it is new and empty).
#[tauri::command]
#[specta::specta]
pub async fn exchange_can_join(state: State<'_, AppState>) -> R<bool> {
    with(&state, move |db| db.exchange_can_join()).await
}

/// The conflicts set aside by imports (with `resolved`, the settled ones too); ID and phone numbers
/// masked unless `full`.
#[tauri::command]
#[specta::specta]
pub async fn exchange_conflicts(state: State<'_, AppState>, resolved: bool, full: bool) -> R<Vec<ExchangeConflict>> {
    with(&state, move |db| db.exchange_conflicts(resolved, full)).await
}

#[tauri::command]
#[specta::specta]
pub async fn exchange_resolve(state: State<'_, AppState>, choice: ConflictChoice) -> R<ExchangeConflict> {
    with(&state, move |db| db.exchange_resolve(&choice)).await
}
