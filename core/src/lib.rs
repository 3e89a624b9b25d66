//! liaison-core: the domain of Liaison Desk (委员联络工作台) — storage, rules, queries —
//! with no GUI. The desktop shell (`src-tauri`) and the `liaison` CLI both call into it.
//!
//! One folder per domain, each with its IPC types in `types.rs`, its rules and its documents:
//! `members`, `groups`, `refs`, `activities`, `sessions`, `import` (and `demo`, which builds an
//! invented office across them). Beneath them a small kernel, written once and used by every domain:
//! `db` (open, migrate, transactions, audit), `trash` (soft delete and restore, with their audit
//! entry: one write path for every domain), `error`, `codes`, `validate` (form errors, name and
//! mobile normalisers), `dates`, `rows` (stored codes), `masks`, `hanzi`, `idcard`, and `export` (the
//! sheet writer, the PDF call, the export folder).

// The kernel.
pub mod codes;
pub mod crypto;
pub mod dates;
pub mod db;
pub mod error;
pub mod export;
pub mod hanzi;
pub mod idcard;
pub mod masks;
pub mod names;
pub mod rows;
pub(crate) mod trash;
pub mod validate;

// The domains.
pub mod activities;
pub mod backup;
pub mod demo;
pub mod dossier;
pub mod exchange;
pub mod groups;
pub mod history;
pub mod import;
pub mod layout;
pub mod members;
pub mod opinions;
pub mod performance;
pub mod proposals;
pub mod refs;
pub mod search;
pub mod sessions;
pub mod setup;
pub mod stats;
pub mod summary;
pub mod workplan;

pub use db::Db;
pub use error::{AppError, Error, FieldError, Result};

// Old paths, kept so that the shell, the tests and the benchmarks compile unchanged.

/// The IPC types at their old path (`liaison_core::model::X`).
pub mod model;

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
