//! The liaison groups' types that cross IPC (and `--json`).

use crate::codes::impl_coded;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// 组长
    Leader,
    /// 副组长
    Deputy,
    /// 成员
    Member,
}

impl_coded!(GroupRole, GroupRole::ALL);

impl GroupRole {
    pub const ALL: [GroupRole; 3] = [GroupRole::Leader, GroupRole::Deputy, GroupRole::Member];
    pub fn as_str(self) -> &'static str {
        match self {
            GroupRole::Leader => "leader",
            GroupRole::Deputy => "deputy",
            GroupRole::Member => "member",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            GroupRole::Leader => "组长",
            GroupRole::Deputy => "副组长",
            GroupRole::Member => "成员",
        }
    }
    pub fn parse(s: &str) -> GroupRole {
        match s {
            "leader" => GroupRole::Leader,
            "deputy" => GroupRole::Deputy,
            _ => GroupRole::Member,
        }
    }
}

/// 联络组
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct GroupSummary {
    pub id: String,
    pub term_id: String,
    pub name: String,
    pub township_id: Option<String>,
    pub township: String,
    /// Names of the leader and deputies, leader first.
    pub leaders: Vec<String>,
    pub contact_person: String,
    pub contact_phone: String,
    pub notes: String,
    pub member_count: i32,
    /// Its activities (not deleted, not cancelled), those organised jointly with other groups included.
    pub activity_count: i32,
    /// When it last changed: the form sends it back with a save (a stale form is refused).
    pub updated_at: String,
}

/// A deleted group, as the 回收站 lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DeletedGroup {
    pub id: String,
    pub name: String,
    pub township: String,
    /// When it was deleted (ISO 8601, UTC).
    pub deleted_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct GroupInput {
    pub id: Option<String>,
    /// The `updated_at` the form was loaded with: a save from a form loaded before the record last
    /// changed is refused (此记录已被修改). None: not checked (new records, the importer).
    pub updated_at: Option<String>,
    /// None: the current term.
    pub term_id: Option<String>,
    pub name: String,
    pub township_id: Option<String>,
    pub contact_person: String,
    pub contact_phone: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct GroupMember {
    pub member_id: String,
    pub name: String,
    pub role: GroupRole,
    pub gender: String,
    pub sector: String,
    pub party: String,
    pub work_unit: String,
    pub mobile: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct GroupDetail {
    pub group: GroupSummary,
    pub members: Vec<GroupMember>,
}

/// What to put in the group member lists: the groups of a term, phone numbers masked or not.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct GroupListExport {
    /// None: the current term.
    pub term_id: Option<String>,
    pub with_phone: bool,
    /// 王伟 → 王　伟, as in the roster.
    pub pad_two_char_names: bool,
}
