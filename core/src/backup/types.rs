//! The backups' types that cross IPC (and `--json`).

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// Why a backup was made. Every one but `Manual` is automatic and rotated (`backup::prune`).
    BackupReason {
        Manual = "manual", "手动备份";
        Start = "start", "启动时";
        Daily = "daily", "每日";
        PreImport = "pre_import", "导入前";
        PreMigration = "pre_migration", "升级前";
        PreRestore = "pre_restore", "恢复前";
        /// Before the passphrase is set, changed or removed.
        PreEncryption = "pre_encryption", "改口令前";
        PreExchange = "pre_exchange", "数据交换前";
    }
}

/// One backup file in the backup folder.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BackupFile {
    pub path: String,
    pub file_name: String,
    pub reason: BackupReason,
    /// Local time it was made, YYYY-MM-DD HH:MM:SS.
    pub made_at: String,
    pub bytes: u64,
    /// Encrypted (SQLCipher): it needs the passphrase to be read or restored.
    pub encrypted: bool,
}

/// Where backups go, and what is there.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BackupOverview {
    /// The folder in use (the office's choice, else the default beside the database).
    pub dir: String,
    pub default_dir: String,
    /// Newest first.
    pub files: Vec<BackupFile>,
    /// How the automatic ones are kept, in words.
    pub rotation: String,
}

/// What a backup file holds, checked before a restore.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BackupCheck {
    pub path: String,
    pub schema_version: i64,
    pub office_name: String,
    pub members: u32,
    pub activities: u32,
    pub encrypted: bool,
}

/// The result of a restore: what is now in the database, and where the replaced data was kept.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RestoreOutcome {
    pub restored: BackupCheck,
    /// The backup of the data the restore replaced (reason `pre-restore`).
    pub previous: BackupFile,
}
