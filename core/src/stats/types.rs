//! The composition statistics' types that cross IPC (and `--json`).

use crate::codes::coded_enum;
use serde::{Deserialize, Serialize};
use specta::Type;

coded_enum! {
    /// A dimension the members' composition is counted by.
    CompositionDim {
        Sector = "sector", "界别";
        Party = "party", "党派";
        Gender = "gender", "性别";
        Age = "age", "年龄";
        Education = "education", "学历";
        Group = "group", "联络组";
    }
}

/// One value of a dimension: how many members, and their share of all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CompositionRow {
    pub label: String,
    pub count: i32,
    /// Per cent of all the members counted, one decimal (12.5).
    pub share: f64,
}

/// One dimension's table: its values in their usual order (lists' order, age bands in order, free
/// text by count), 未填写 last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CompositionTable {
    pub dim: CompositionDim,
    pub rows: Vec<CompositionRow>,
}

/// The members' composition: the current term's live members by each dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Composition {
    /// The term counted (第十五届); '' when there is none (then every live member).
    pub term: String,
    /// YYYY-MM-DD: the day ages are counted on.
    pub as_of: String,
    pub total: i32,
    pub tables: Vec<CompositionTable>,
}
