//! liaison-core: the domain of Liaison Desk (委员联络工作台) — storage, rules, queries —
//! with no GUI. The desktop shell (`src-tauri`) and the `liaison` CLI both call into it.

pub mod activities;
pub mod codes;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod groups;
pub mod hanzi;
pub mod idcard;
pub mod import;
pub mod masks;
pub mod members;
pub mod model;
pub mod refs;
pub mod rows;
pub mod sessions;
pub mod validate;

pub use db::Db;
pub use error::{AppError, Error, FieldError, Result};

/// The activities' documents at their old path: they live in `activities::documents` (the request
/// types in `activities::types`), `DocumentFormat` in `export`.
pub mod documents {
    pub use crate::activities::documents::*;
    pub use crate::activities::types::{DocumentExport, DocumentKind};
    pub use crate::export::DocumentFormat;
}

/// The group member lists at their old path: they live in `groups::export` (the options in
/// `groups::types`), `sheet_name` in `export`.
pub mod export_lists {
    pub use crate::export::sheet_name;
    pub use crate::groups::export::*;
    pub use crate::groups::types::GroupListExport;
}
