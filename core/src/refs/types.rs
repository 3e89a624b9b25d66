//! The reference lists' types that cross IPC (and `--json`): the kinds of list (界别, 政治面貌, 专委会,
//! 政协职务, 乡镇/街道) and their items.

use crate::codes::impl_coded;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Kinds of the simple reference lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    Sector,
    Party,
    Committee,
    Role,
    Township,
}

impl RefKind {
    pub const ALL: [RefKind; 5] =
        [RefKind::Sector, RefKind::Party, RefKind::Committee, RefKind::Role, RefKind::Township];
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Sector => "sector",
            RefKind::Party => "party",
            RefKind::Committee => "committee",
            RefKind::Role => "role",
            RefKind::Township => "township",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            RefKind::Sector => "界别",
            RefKind::Party => "政治面貌",
            RefKind::Committee => "专委会",
            RefKind::Role => "政协职务",
            RefKind::Township => "乡镇/街道",
        }
    }
    pub fn parse(s: &str) -> Option<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
impl_coded!(RefKind, RefKind::ALL);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RefItem {
    pub id: String,
    pub kind: RefKind,
    pub name: String,
    pub sort: i32,
    /// Members (or groups, for townships) that use this item.
    pub used_by: i32,
}

/// A deleted reference item, as the 回收站 lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct DeletedRef {
    pub id: String,
    pub kind: RefKind,
    pub name: String,
    /// When it was deleted (ISO 8601, UTC).
    pub deleted_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RefInput {
    pub id: Option<String>,
    pub kind: RefKind,
    pub name: String,
    pub sort: Option<i32>,
}
