//! 关于 (About): the app's version, where its database is and how big, the schema version, the export
//! and backup folders (each opened in the file manager); and the lists' remembered layouts.

use super::{run_locked, with, AppState, R};
use liaison_core::error::ErrorCode;
use liaison_core::AppError;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use tauri::State;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AboutInfo {
    /// The app's version: tauri.conf.json's (itself the workspace's), set once.
    pub version: String,
    pub db_path: String,
    /// The database file's size in bytes; `wal_bytes` its write-ahead log (-wal) beside it.
    pub db_bytes: f64,
    pub wal_bytes: f64,
    /// None while the database is locked (encrypted, not yet unlocked) or could not be opened.
    pub schema_version: Option<i32>,
    pub encrypted: bool,
    pub export_dir: String,
    pub backup_dir: Option<String>,
}

/// A folder 关于 opens (no free path from the window).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AboutFolder {
    Database,
    Exports,
    Backups,
}

fn size(p: &Path) -> f64 {
    std::fs::metadata(p).map(|m| m.len() as f64).unwrap_or(0.0)
}

fn wal_of(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

#[tauri::command]
#[specta::specta]
pub async fn about_info(app: tauri::AppHandle, state: State<'_, AppState>) -> R<AboutInfo> {
    let path = state.path.clone();
    // The database part (None while locked, or when it could not be opened).
    let opened = match state.db.as_ref() {
        Ok(db) => {
            let db = db.clone();
            tauri::async_runtime::spawn_blocking(move || {
                run_locked(&db, |db| Ok((db.schema_version()? as i32, db.backup_dir()?.display().to_string()))).ok()
            })
            .await
            .ok()
            .flatten()
        }
        Err(_) => None,
    };
    let path_for_size = path.clone();
    let encrypted = liaison_core::crypto::is_encrypted(&path).unwrap_or(false);
    Ok(AboutInfo {
        version: app.package_info().version.to_string(),
        db_path: path.display().to_string(),
        db_bytes: size(&path_for_size),
        wal_bytes: size(&wal_of(&path_for_size)),
        schema_version: opened.as_ref().map(|o| o.0),
        encrypted,
        export_dir: liaison_core::export::export_dir().display().to_string(),
        backup_dir: opened.map(|o| o.1),
    })
}

/// Open one of 关于's folders in the system's file manager (打开所在文件夹): the database is shown
/// selected in its folder; the export and backup folders are opened (made first if not there yet).
#[tauri::command]
#[specta::specta]
pub async fn about_open_folder(app: tauri::AppHandle, state: State<'_, AppState>, folder: AboutFolder) -> R<()> {
    use tauri_plugin_opener::OpenerExt;
    let open_dir = |dir: PathBuf| -> R<()> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| AppError::new(ErrorCode::Open, format!("无法建立文件夹 {}：{e}", dir.display())))?;
        app.opener()
            .open_path(dir.to_string_lossy(), None::<&str>)
            .map_err(|e| AppError::new(ErrorCode::Open, format!("无法打开文件夹：{e}。文件夹在 {}", dir.display())))
    };
    match folder {
        AboutFolder::Database => tauri_plugin_opener::reveal_item_in_dir(&state.path).map_err(|e| {
            AppError::new(ErrorCode::Open, format!("无法打开所在文件夹：{e}。数据库在 {}", state.path.display()))
        }),
        AboutFolder::Exports => open_dir(liaison_core::export::export_dir()),
        AboutFolder::Backups => {
            let dir = with(&state, |db| db.backup_dir()).await?;
            open_dir(dir)
        }
    }
}

/// A list's remembered layout (columns, sort, page size) as the window wrote it, if any.
#[tauri::command]
#[specta::specta]
pub async fn layout_get(state: State<'_, AppState>, list: String) -> R<Option<String>> {
    with(&state, move |db| db.ui_layout(&list)).await
}

#[tauri::command]
#[specta::specta]
pub async fn layout_set(state: State<'_, AppState>, list: String, value: String) -> R<()> {
    with(&state, move |db| db.set_ui_layout(&list, &value)).await
}
