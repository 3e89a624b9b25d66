//! Typed errors. Every error carries a Chinese message for people; `code` is stable for machines.

use rust_xlsxwriter::XlsxError;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A problem with one field of a form, in Chinese, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldError {
    /// The field's identifier, as in the input type (e.g. `id_number`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.to_string(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("；"))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("数据库版本为 {db}，本程序只支持到 {supported}：请升级委员联络工作台后再打开此数据库")]
    SchemaTooNew { db: i64, supported: i64 },
    #[error("数据库错误：{0}")]
    Db(#[from] rusqlite::Error),
    #[error("文件错误：{0}")]
    Io(#[from] std::io::Error),
    #[error("导出失败：{0}")]
    Export(String),
    /// A file to import could not be read at all (row problems are reported per row instead).
    #[error("{0}")]
    Import(String),
    /// The database (or a backup) is encrypted and no passphrase was given: the app shows its unlock
    /// screen, the CLI asks or names `LIAISON_PASSPHRASE`.
    #[error("{0}")]
    Locked(String),
    /// The passphrase given does not decrypt the file; nothing was changed.
    #[error("{0}")]
    WrongPassphrase(String),
}

pub type Result<T> = std::result::Result<T, Error>;

crate::codes::coded_enum! {
    /// The stable code of an [`AppError`]: the UI branches on it (a union type in the bindings), the
    /// CLI prints it with `--json`.
    ErrorCode {
        /// Bad input: `fields` says which.
        Validation = "validation", "输入有误";
        NotFound = "not_found", "找不到记录";
        Conflict = "conflict", "与现有数据冲突";
        /// The database was made by a newer version of the app.
        SchemaTooNew = "schema_too_new", "数据库版本过新";
        Db = "db", "数据库错误";
        Io = "io", "文件错误";
        Export = "export", "导出失败";
        Import = "import", "导入失败";
        /// The database is encrypted and locked: the window shows the unlock screen.
        Locked = "locked", "数据库已锁定";
        /// The passphrase given does not open the database (or the backup).
        WrongPassphrase = "wrong_passphrase", "口令不正确";
        /// The database could not be opened at start: the window shows the message instead of the app.
        DbUnavailable = "db_unavailable", "无法打开数据库";
        /// A file could not be opened with the system's program.
        Open = "open", "无法打开文件";
        Internal = "internal", "程序内部错误";
    }
}

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::IoError(e) => Error::Io(e),
            e => Error::Export(e.to_string()),
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Db(_) => ErrorCode::Db,
            Error::Io(_) => ErrorCode::Io,
            Error::Export(_) => ErrorCode::Export,
            Error::Import(_) => ErrorCode::Import,
            Error::Locked(_) => ErrorCode::Locked,
            Error::WrongPassphrase(_) => ErrorCode::WrongPassphrase,
        }
    }
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }
}

/// The error as it crosses IPC and `--json`: a stable code, a Chinese message, and per-field messages.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> Self {
        AppError {
            code: e.code(),
            message: e.to_string(),
            fields: match e {
                Error::Validation(f) => f.clone(),
                _ => vec![],
            },
        }
    }
}

impl AppError {
    /// An error with no field, e.g. from the shell.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError { code, message: message.into(), fields: vec![] }
    }
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError::from(&e)
    }
}
