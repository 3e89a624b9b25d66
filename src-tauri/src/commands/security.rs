//! Encryption at rest (设置 → 数据安全, and the unlock screen): whether the database is encrypted and
//! locked, unlock with the passphrase, lock (the idle lock), set / change / remove the passphrase, the
//! idle time. `security_status` and `security_unlock` are the two commands that answer while locked.

use super::import::ImportState;
use super::{with, AppState, R};
use liaison_core::crypto::{EncryptionOutcome, OldBackups, Passphrase, SecurityStatus};
use liaison_core::error::ErrorCode;
use liaison_core::{AppError, Db};
use tauri::State;

fn slot(state: &AppState) -> R<std::sync::Arc<std::sync::Mutex<Option<Db>>>> {
    state.db.as_ref().map_err(Clone::clone).cloned()
}

/// Whether the database is encrypted, locked, and the idle time (answers while locked, too).
#[tauri::command]
#[specta::specta]
pub async fn security_status(state: State<'_, AppState>) -> R<SecurityStatus> {
    let db = slot(&state)?;
    let path = state.path.display().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        let guard = db.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_ref() {
            Some(d) => d.security_status().map_err(AppError::from),
            None => Ok(SecurityStatus {
                encrypted: true,
                locked: true,
                idle_lock_minutes: 0,
                plain_backups: 0,
                db_path: path,
            }),
        }
    })
    .await
    .map_err(|_| AppError::new(ErrorCode::Internal, "任务未能完成"))?
}

/// Open the locked database with `passphrase`. A wrong one is `wrong_passphrase`, and the file is
/// left as it was.
#[tauri::command]
#[specta::specta]
pub async fn security_unlock(state: State<'_, AppState>, passphrase: String) -> R<SecurityStatus> {
    let db = slot(&state)?;
    let path = state.path.clone();
    let key = Passphrase::new(passphrase);
    tauri::async_runtime::spawn_blocking(move || {
        let mut guard = db.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(Db::open_with(&path, Some(key))?);
        }
        guard.as_ref().expect("open").security_status().map_err(AppError::from)
    })
    .await
    .map_err(|_| AppError::new(ErrorCode::Internal, "任务未能完成"))?
}

/// Lock now (the idle lock, or 锁定 by hand): the connection is closed and the passphrase dropped
/// (wiped); an import the wizard had loaded is dropped with it. Every command but the two above then
/// answers `locked`. Only an encrypted database can be locked.
#[tauri::command]
#[specta::specta]
pub async fn security_lock(state: State<'_, AppState>, session: State<'_, ImportState>) -> R<()> {
    let db = slot(&state)?;
    tauri::async_runtime::spawn_blocking(move || {
        let mut guard = db.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_ref() {
            None => Ok(()),
            Some(d) if !d.is_encrypted() => {
                Err(AppError::new(ErrorCode::Conflict, "数据库没有加密，不能锁定：请先在 设置 → 数据安全 中设置口令"))
            }
            Some(_) => {
                *guard = None;
                Ok(())
            }
        }
    })
    .await
    .map_err(|_| AppError::new(ErrorCode::Internal, "任务未能完成"))??;
    session.clear();
    Ok(())
}

/// Set (`new_passphrase` on a plain database), change, or remove (`new_passphrase` null) the passphrase;
/// `current` is asked for when the database is encrypted. The backups in the backup folder follow as
/// `old_backups` says.
#[tauri::command]
#[specta::specta]
pub async fn security_set_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new_passphrase: Option<String>,
    old_backups: OldBackups,
) -> R<EncryptionOutcome> {
    let new = new_passphrase.map(Passphrase::new);
    let current = current.map(Passphrase::new);
    with(&state, move |db| db.set_passphrase(current.as_ref().map(|p| p.expose()), new, old_backups)).await
}

/// Lock after this many minutes without use (0: never); this laptop's setting.
#[tauri::command]
#[specta::specta]
pub async fn security_set_idle_lock(state: State<'_, AppState>, minutes: u32) -> R<SecurityStatus> {
    with(&state, move |db| db.set_idle_lock_minutes(minutes)).await
}
