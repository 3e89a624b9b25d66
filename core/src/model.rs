//! The types that cross IPC (and `--json`). TypeScript types in `ui/src/bindings.ts` are generated
//! from these by `cargo test -p liaison-core bindings` (see `tests/bindings.rs`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Kinds of the simple reference lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RefItem {
    pub id: String,
    pub kind: RefKind,
    pub name: String,
    pub sort: i32,
    /// Members (or groups, for townships) that use this item.
    pub used_by: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RefInput {
    pub id: Option<String>,
    pub kind: RefKind,
    pub name: String,
    pub sort: Option<i32>,
}

/// 届次
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Term {
    pub id: String,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub is_current: bool,
    pub member_count: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TermInput {
    pub id: Option<String>,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub is_current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// 在任
    Active,
    /// 离任
    Left,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Left => "left",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            MemberStatus::Active => "在任",
            MemberStatus::Left => "离任",
        }
    }
    pub fn parse(s: &str) -> MemberStatus {
        if s == "left" {
            MemberStatus::Left
        } else {
            MemberStatus::Active
        }
    }
}

/// The member registration form (委员登记表) as the UI submits it. Empty strings mean "not given".
#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct MemberInput {
    /// None to create a member, Some to update one.
    pub id: Option<String>,
    pub name: String,
    /// "男" or "女"; may be left empty when the ID number gives it.
    pub gender: String,
    pub ethnicity: String,
    /// YYYY-MM-DD; may be left empty when the ID number gives it.
    pub birth_date: String,
    pub native_place: String,
    pub id_number: String,
    pub party_id: Option<String>,
    pub sector_id: Option<String>,
    pub committee_id: Option<String>,
    pub role_ids: Vec<String>,
    pub term_ids: Vec<String>,
    pub work_unit: String,
    pub job_title: String,
    pub professional_title: String,
    pub education: String,
    pub mobile: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    /// The liaison group in the current term, if any.
    pub group_id: Option<String>,
    pub status: Option<MemberStatus>,
    pub notes: String,
    /// A data URL (image/png or image/jpeg), at most 2 MB.
    pub photo: Option<String>,
}

/// One member with every field, unmasked: for the record page and the edit form.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MemberDetail {
    pub id: String,
    pub name: String,
    pub gender: String,
    pub ethnicity: String,
    pub birth_date: String,
    pub native_place: String,
    pub id_number: String,
    pub party_id: Option<String>,
    pub party: String,
    pub sector_id: Option<String>,
    pub sector: String,
    pub committee_id: Option<String>,
    pub committee: String,
    pub role_ids: Vec<String>,
    pub roles: Vec<String>,
    pub term_ids: Vec<String>,
    pub terms: Vec<String>,
    pub work_unit: String,
    pub job_title: String,
    pub professional_title: String,
    pub education: String,
    pub mobile: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub group_id: Option<String>,
    pub group: String,
    pub status: MemberStatus,
    pub notes: String,
    pub photo: Option<String>,
    pub name_pinyin: String,
    pub name_initials: String,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// One row of the roster table: ID and phone numbers are masked.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MemberRow {
    pub id: String,
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    pub ethnicity: String,
    pub party: String,
    pub sector: String,
    pub committee: String,
    pub roles: String,
    pub group: String,
    pub work_unit: String,
    pub job_title: String,
    pub mobile: String,
    pub id_number: String,
    pub status: MemberStatus,
    pub deleted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum RosterSort {
    /// 按姓氏笔画为序
    #[default]
    Strokes,
    Pinyin,
    Sector,
    /// 按联络组: by the member's liaison group in the query's term (else the current term), groups in
    /// their display order (as the 联络组 screen lists them), stroke order inside a group; members in no
    /// group last.
    Group,
}

impl RosterSort {
    pub fn parse(s: &str) -> Option<RosterSort> {
        match s {
            "strokes" => Some(RosterSort::Strokes),
            "pinyin" => Some(RosterSort::Pinyin),
            "sector" => Some(RosterSort::Sector),
            "group" => Some(RosterSort::Group),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct RosterQuery {
    pub term_id: Option<String>,
    pub sector_id: Option<String>,
    pub party_id: Option<String>,
    pub group_id: Option<String>,
    pub committee_id: Option<String>,
    pub status: Option<MemberStatus>,
    /// Name, full pinyin, pinyin initials, phone number or the tail of an ID number.
    pub search: String,
    pub sort: RosterSort,
    /// Show the deleted members (the recycle bin) instead of the live ones.
    pub deleted: bool,
    pub offset: u32,
    /// 0 means 50.
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterPage {
    pub total: u32,
    pub rows: Vec<MemberRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// 组长
    Leader,
    /// 副组长
    Deputy,
    /// 成员
    Member,
}

impl GroupRole {
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
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct GroupInput {
    pub id: Option<String>,
    /// None: the current term.
    pub term_id: Option<String>,
    pub name: String,
    pub township_id: Option<String>,
    pub contact_person: String,
    pub contact_phone: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct GroupDetail {
    pub group: GroupSummary,
    pub members: Vec<GroupMember>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// JSON: { field: [old, new] }; ID and phone numbers are masked.
    pub changes: String,
}

/// What the top bar and the welcome screen need.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub office_name: String,
    pub current_term: Option<Term>,
    pub db_path: String,
    pub schema_version: i32,
    pub member_count: i32,
    pub group_count: i32,
}

/// What an ID number says about its holder (GB 11643).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdInfo {
    /// The number normalised to 18 characters (upper-case X).
    pub normalized: String,
    pub birth_date: String,
    pub gender: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoSummary {
    pub members: u32,
    pub groups: u32,
}

/// The form after core's validation: normalised values (gender and birth date filled from the ID
/// number) and the problems at their fields.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MemberValidation {
    pub input: MemberInput,
    pub errors: Vec<crate::error::FieldError>,
}
