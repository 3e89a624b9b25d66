//! The app's commands, a file per domain. Each is thin: it takes its arguments, calls one core
//! function on a blocking thread, and maps the error. Logic belongs in `liaison-core`.
//!
//! A command is written once, here: `crate::specta_builder` lists it, and its TypeScript function and
//! types are generated into `ui/src/bindings.ts` (see `crate::bindings`).

pub mod about;
pub mod activities;
pub mod backup;
pub mod exchange;
pub mod exports;
pub mod groups;
pub mod history;
pub mod import;
pub mod members;
pub mod opinions;
pub mod performance;
pub mod proposals;
pub mod search;
pub mod security;
pub mod sessions;
pub mod settings;
pub mod workplan;

use liaison_core::error::ErrorCode;
use liaison_core::{AppError, Db};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::State;

/// The database: open (`Some`), or locked (`None`: encrypted, closed until its passphrase is given);
/// or why it could not be opened at all (the window then says so instead of the app).
pub struct AppState {
    pub db: Result<Arc<Mutex<Option<Db>>>, AppError>,
    /// The database file (to open it on unlock).
    pub path: PathBuf,
}

pub type R<T> = Result<T, AppError>;

/// Runs `f` on the database on a blocking thread, so that neither the window nor the async runtime
/// waits for SQLite. The mutex serialises the calls, as one SQLite connection needs.
pub async fn with<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Db) -> liaison_core::Result<T> + Send + 'static,
) -> R<T> {
    let db = state.db.as_ref().map_err(Clone::clone)?.clone();
    tauri::async_runtime::spawn_blocking(move || run_locked(&db, f)).await.map_err(|_| internal("任务未能完成"))?
}

/// The answer of every command while the encrypted database is locked: the window shows its unlock screen.
pub fn locked() -> AppError {
    AppError::new(ErrorCode::Locked, "数据库已锁定：请输入口令解锁")
}

/// Runs `f` with the database locked. A panic inside `f` (a bug) does not take the app down with it:
/// the panic becomes an error for this one command, an open transaction is rolled back (nothing of the
/// action is half-written), and the lock is released clean, so every later command works as before.
/// While the database is locked (closed until its passphrase is given) `f` does not run: `locked()`.
pub fn run_locked<T>(db: &Mutex<Option<Db>>, f: impl FnOnce(&mut Db) -> liaison_core::Result<T>) -> R<T> {
    let mut slot = db.lock().unwrap_or_else(|poisoned| {
        db.clear_poison();
        poisoned.into_inner()
    });
    let Some(guard) = slot.as_mut() else { return Err(locked()) };
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(guard)));
    match out {
        Ok(r) => r.map_err(AppError::from),
        Err(panic) => {
            // A transaction dropped during the unwind rolls back; one left open by other means is ended.
            if !guard.conn().is_autocommit() {
                let _ = guard.conn().execute_batch("ROLLBACK");
            }
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(internal(&why))
        }
    }
}

fn internal(why: &str) -> AppError {
    let detail = if why.is_empty() { String::new() } else { format!("（{why}）") };
    AppError::new(
        ErrorCode::Internal,
        format!("程序内部错误{detail}：这次操作没有保存，其他数据不受影响。请把此消息告诉维护人员。"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_rolls_back_and_later_commands_work() {
        let dir = tempfile::tempdir().unwrap();
        let db = Mutex::new(Some(Db::open(dir.path().join("t.db")).unwrap()));
        let before: i64 =
            run_locked(&db, |db| Ok(db.conn().query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0))?)).unwrap();
        let err = run_locked(&db, |db| -> liaison_core::Result<()> {
            db.conn().execute_batch("BEGIN; INSERT INTO settings (key, value) VALUES ('half', 'written');")?;
            panic!("a bug");
        })
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(err.message.contains("a bug") && err.message.contains("没有保存"), "{}", err.message);
        assert!(!db.is_poisoned());
        let after: i64 =
            run_locked(&db, |db| Ok(db.conn().query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0))?)).unwrap();
        assert_eq!(before, after, "the half-written row was rolled back");
        // A poisoned lock (a panic elsewhere while holding it) is taken over too.
        let _ = std::panic::catch_unwind(|| {
            let _g = db.lock().unwrap();
            panic!("held");
        });
        assert!(db.is_poisoned());
        assert!(run_locked(&db, |_| Ok(1)).is_ok());
        // Locked: nothing runs, and the answer says so with its code.
        *db.lock().unwrap() = None;
        assert_eq!(run_locked(&db, |_| Ok(1)).unwrap_err().code, ErrorCode::Locked);
    }
}
