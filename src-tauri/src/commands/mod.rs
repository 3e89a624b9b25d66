//! The app's commands, a file per domain. Each is thin: it takes its arguments, calls one core
//! function on a blocking thread, and maps the error. Logic belongs in `liaison-core`.
//!
//! A command is written once, here: `crate::specta_builder` lists it, and its TypeScript function and
//! types are generated into `ui/src/bindings.ts` (see `crate::bindings`).

pub mod activities;
pub mod exports;
pub mod groups;
pub mod import;
pub mod members;
pub mod sessions;
pub mod settings;

use liaison_core::error::ErrorCode;
use liaison_core::{AppError, Db};
use std::sync::{Arc, Mutex};
use tauri::State;

/// The open database, or why it could not be opened (the window then says so instead of the app).
pub struct AppState(pub Result<Arc<Mutex<Db>>, AppError>);

pub type R<T> = Result<T, AppError>;

/// Runs `f` on the database on a blocking thread, so that neither the window nor the async runtime
/// waits for SQLite. The mutex serialises the calls, as one SQLite connection needs.
pub async fn with<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Db) -> liaison_core::Result<T> + Send + 'static,
) -> R<T> {
    let db = state.0.as_ref().map_err(Clone::clone)?.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut db = db.lock().map_err(|_| busy())?;
        f(&mut db).map_err(AppError::from)
    })
    .await
    .map_err(|_| busy())?
}

fn busy() -> AppError {
    AppError::new(ErrorCode::Internal, "程序内部错误：数据库被占用，请重启程序")
}
