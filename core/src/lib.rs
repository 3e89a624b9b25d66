//! liaison-core: the domain of Liaison Desk (委员联络工作台) — storage, rules, queries —
//! with no GUI. The desktop shell (`src-tauri`) and the `liaison` CLI both call into it.

pub mod activities;
pub mod codes;
pub mod dates;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod export;
pub mod export_lists;
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
