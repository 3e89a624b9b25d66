//! The types that cross IPC (and `--json`), at their old path: each domain keeps its own in its
//! `types.rs` (`members::types`, `groups::types`, `refs::types`, `activities::types`); this module
//! re-exports them so that `liaison_core::model::X` keeps working. TypeScript types in
//! `ui/src/bindings.ts` are generated from them.

pub use crate::activities::types::*;
pub use crate::demo::DemoSummary;
pub use crate::groups::types::*;
pub use crate::history::types::*;
pub use crate::import::types::{ChangedAfterImport, ImportRun, ImportUndo};
pub use crate::members::types::*;
pub use crate::names::NameOrderSettings;
pub use crate::refs::types::*;
