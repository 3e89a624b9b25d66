//! The members' types that cross IPC (and `--json`): terms (届次), the member form, record and roster
//! rows, the roster query, the audit trail and what the top bar shows.

use crate::codes::impl_coded;
use serde::{Deserialize, Serialize};
use specta::Type;

/// 届次
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Term {
    pub id: String,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub is_current: bool,
    pub member_count: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TermInput {
    pub id: Option<String>,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub is_current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// 在任
    Active,
    /// 离任
    Left,
}

impl_coded!(MemberStatus, MemberStatus::ALL);

impl MemberStatus {
    pub const ALL: [MemberStatus; 2] = [MemberStatus::Active, MemberStatus::Left];
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
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
#[serde(default)]
pub struct MemberInput {
    /// None to create a member, Some to update one.
    pub id: Option<String>,
    /// The `updated_at` the form was loaded with: a save from a form loaded before the record last
    /// changed is refused (此记录已被修改). None: not checked (new records, the importer).
    pub updated_at: Option<String>,
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
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

impl_coded!(RosterSort, RosterSort::ALL);

impl RosterSort {
    pub const ALL: [RosterSort; 4] = [RosterSort::Strokes, RosterSort::Pinyin, RosterSort::Sector, RosterSort::Group];
    pub fn as_str(self) -> &'static str {
        match self {
            RosterSort::Strokes => "strokes",
            RosterSort::Pinyin => "pinyin",
            RosterSort::Sector => "sector",
            RosterSort::Group => "group",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            RosterSort::Strokes => "按姓氏笔画为序",
            RosterSort::Pinyin => "按拼音排序",
            RosterSort::Sector => "按界别排序",
            RosterSort::Group => "按联络组排序",
        }
    }
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

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
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

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RosterPage {
    pub total: u32,
    pub rows: Vec<MemberRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AppInfo {
    pub office_name: String,
    pub current_term: Option<Term>,
    pub db_path: String,
    pub schema_version: i32,
    pub member_count: i32,
    pub group_count: i32,
}

/// What an ID number says about its holder (GB 11643).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct IdInfo {
    /// The number normalised to 18 characters (upper-case X).
    pub normalized: String,
    pub birth_date: String,
    pub gender: String,
}

/// The form after core's validation: normalised values (gender and birth date filled from the ID
/// number) and the problems at their fields.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MemberValidation {
    pub input: MemberInput,
    pub errors: Vec<crate::error::FieldError>,
}

/// A column of the roster export. 序号 is not one of them: it is always the first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RosterColumn {
    Name,
    Gender,
    Ethnicity,
    BirthDate,
    NativePlace,
    Party,
    Sector,
    Committee,
    Role,
    Group,
    WorkUnit,
    JobTitle,
    ProfessionalTitle,
    Education,
    Mobile,
    Phone,
    Address,
    Postcode,
    IdNumber,
    Status,
    Notes,
}

impl RosterColumn {
    pub const ALL: [RosterColumn; 21] = [
        RosterColumn::Name,
        RosterColumn::Gender,
        RosterColumn::Ethnicity,
        RosterColumn::BirthDate,
        RosterColumn::NativePlace,
        RosterColumn::Party,
        RosterColumn::Sector,
        RosterColumn::Committee,
        RosterColumn::Role,
        RosterColumn::Group,
        RosterColumn::WorkUnit,
        RosterColumn::JobTitle,
        RosterColumn::ProfessionalTitle,
        RosterColumn::Education,
        RosterColumn::Mobile,
        RosterColumn::Phone,
        RosterColumn::Address,
        RosterColumn::Postcode,
        RosterColumn::IdNumber,
        RosterColumn::Status,
        RosterColumn::Notes,
    ];

    /// What an official roster usually shows: 序号 + these 9 columns (landscape).
    pub fn defaults() -> Vec<RosterColumn> {
        use RosterColumn::*;
        vec![Name, Gender, Ethnicity, BirthDate, Party, Sector, Group, WorkUnit, JobTitle]
    }

    /// The key used by the CLI and in JSON (snake_case).
    pub fn key(self) -> &'static str {
        use RosterColumn::*;
        match self {
            Name => "name",
            Gender => "gender",
            Ethnicity => "ethnicity",
            BirthDate => "birth_date",
            NativePlace => "native_place",
            Party => "party",
            Sector => "sector",
            Committee => "committee",
            Role => "role",
            Group => "group",
            WorkUnit => "work_unit",
            JobTitle => "job_title",
            ProfessionalTitle => "professional_title",
            Education => "education",
            Mobile => "mobile",
            Phone => "phone",
            Address => "address",
            Postcode => "postcode",
            IdNumber => "id_number",
            Status => "status",
            Notes => "notes",
        }
    }

    /// The header label in the sheet.
    pub fn label(self) -> &'static str {
        use RosterColumn::*;
        match self {
            Name => "姓名",
            Gender => "性别",
            Ethnicity => "民族",
            BirthDate => "出生日期",
            NativePlace => "籍贯",
            Party => "政治面貌",
            Sector => "界别",
            Committee => "专委会",
            Role => "政协职务",
            Group => "联络组",
            WorkUnit => "工作单位",
            JobTitle => "职务",
            ProfessionalTitle => "职称",
            Education => "学历",
            Mobile => "手机",
            Phone => "固定电话",
            Address => "通讯地址",
            Postcode => "邮编",
            IdNumber => "身份证号",
            Status => "状态",
            Notes => "备注",
        }
    }

    /// A CLI key (`birth_date`) or the Chinese label (出生日期).
    pub fn parse(s: &str) -> Option<RosterColumn> {
        let s = s.trim();
        RosterColumn::ALL.into_iter().find(|c| c.key() == s || c.label() == s)
    }
}

/// What to export: the roster view's filters and sort (paging ignored: every row), the columns,
/// and whether ID and phone numbers go out unmasked.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct RosterExport {
    pub query: RosterQuery,
    pub columns: Vec<RosterColumn>,
    pub with_id: bool,
    pub with_phone: bool,
    /// 王伟 → 王　伟 (U+3000 between the characters), as official rosters print them.
    pub pad_two_char_names: bool,
    /// A default export (the columns as offered, not chosen by the user): a default column that is
    /// empty for every exported member is left out, so that no blank 职务 column is printed. Columns
    /// the user chose are printed as chosen, empty or not.
    pub drop_empty_defaults: bool,
}

impl Default for RosterExport {
    fn default() -> Self {
        RosterExport {
            query: RosterQuery::default(),
            columns: RosterColumn::defaults(),
            with_id: false,
            with_phone: false,
            pad_two_char_names: false,
            drop_empty_defaults: false,
        }
    }
}

/// What to put in the contact list (通讯录): the roster view's filters and sort (paging ignored),
/// and whether phone numbers go out unmasked.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct ContactsExport {
    pub query: RosterQuery,
    pub with_phone: bool,
    /// 王伟 → 王　伟, as in the roster.
    pub pad_two_char_names: bool,
}

/// A roster column as the export dialog lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RosterColumnInfo {
    pub column: RosterColumn,
    pub label: String,
    /// In the default set (what an official roster usually shows).
    pub default: bool,
}

impl MemberDetail {
    /// The stored member as form input (ids, not names; every value whole), e.g. to write it back as it
    /// was (undoing an import) or to change one field of it (restoring an earlier value).
    pub fn as_input(&self) -> MemberInput {
        MemberInput {
            id: Some(self.id.clone()),
            updated_at: None,
            name: self.name.clone(),
            gender: self.gender.clone(),
            ethnicity: self.ethnicity.clone(),
            birth_date: self.birth_date.clone(),
            native_place: self.native_place.clone(),
            id_number: self.id_number.clone(),
            party_id: self.party_id.clone(),
            sector_id: self.sector_id.clone(),
            committee_id: self.committee_id.clone(),
            role_ids: self.role_ids.clone(),
            term_ids: self.term_ids.clone(),
            work_unit: self.work_unit.clone(),
            job_title: self.job_title.clone(),
            professional_title: self.professional_title.clone(),
            education: self.education.clone(),
            mobile: self.mobile.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            group_id: self.group_id.clone(),
            status: Some(self.status),
            notes: self.notes.clone(),
            photo: self.photo.clone(),
        }
    }
}
