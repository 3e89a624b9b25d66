//! The first run's types that cross IPC.

use serde::{Deserialize, Serialize};
use specta::Type;

/// What the first-run wizard asks before anything else: the office, its current term (届) and who works
/// on this laptop. Every part stays editable in 设置.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct SetupInput {
    /// Printed in the title of every export (政协XX区委员会联络办公室).
    pub office_name: String,
    /// 第十五届
    pub term_name: String,
    pub term_start_year: i32,
    pub term_end_year: i32,
    /// The audit log's actor on this laptop (王秘书).
    pub operator: String,
}

/// Whether the wizard is due, and what it starts from (the values saved so far, or the defaults).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SetupState {
    /// True on a new database whose set-up was never finished: no member yet, never completed.
    pub needed: bool,
    pub input: SetupInput,
}
