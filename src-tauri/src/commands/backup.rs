//! Backups (设置 → 数据安全): the folder and its backups, a backup now, a restore from one of them.
//! A restore names a backup by its file name in the backup folder: no other path crosses IPC for it.

use super::import::ImportState;
use super::{with, AppState, R};
use liaison_core::backup::{BackupFile, BackupOverview, BackupReason, RestoreOutcome};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn backup_overview(state: State<'_, AppState>) -> R<BackupOverview> {
    with(&state, move |db| db.backup_overview()).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> R<BackupFile> {
    with(&state, move |db| db.backup_now(BackupReason::Manual)).await
}

/// Choose the backup folder (empty: the default beside the database).
#[tauri::command]
#[specta::specta]
pub async fn backup_set_dir(state: State<'_, AppState>, dir: String) -> R<BackupOverview> {
    with(&state, move |db| db.set_backup_dir(&dir)).await
}

/// Restore from the backup `file_name` of the backup folder. The window reloads afterwards; an import
/// the wizard had open is dropped (it was planned against the data the restore replaced).
/// `passphrase`: for a backup encrypted with another passphrase than the database's own (null: the
/// database's own).
#[tauri::command]
#[specta::specta]
pub async fn backup_restore(
    state: State<'_, AppState>,
    session: State<'_, ImportState>,
    file_name: String,
    passphrase: Option<String>,
) -> R<RestoreOutcome> {
    let key = passphrase.filter(|p| !p.is_empty()).map(liaison_core::crypto::Passphrase::new);
    let out = with(&state, move |db| db.restore_named(&file_name, key)).await?;
    session.clear();
    Ok(out)
}

/// Choose the backup folder with the system's folder picker (the path never comes from the webview);
/// None when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn backup_pick_dir(app: tauri::AppHandle, state: State<'_, AppState>) -> R<Option<BackupOverview>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog().file().set_title("选择备份文件夹（可以是 U 盘）").blocking_pick_folder()
    })
    .await
    .ok()
    .flatten();
    let Some(dir) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let dir = dir.display().to_string();
    with(&state, move |db| db.set_backup_dir(&dir)).await.map(Some)
}
