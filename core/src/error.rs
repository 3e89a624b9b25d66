//! Typed errors. Every error carries a Chinese message for people; `code` is stable for machines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A problem with one field of a form, in Chinese, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Db(_) => "db",
            Error::Io(_) => "io",
            Error::Export(_) => "export",
            Error::Import(_) => "import",
        }
    }
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }
}

/// The error as it crosses IPC and `--json`: a stable code, a Chinese message, and per-field messages.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> Self {
        AppError {
            code: e.code().to_string(),
            message: e.to_string(),
            fields: match e {
                Error::Validation(f) => f.clone(),
                _ => vec![],
            },
        }
    }
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError::from(&e)
    }
}
