//! The performance file's data (一委员一档案), as the Typst template `dossier` reads it. Not sent over
//! IPC: the app asks for the PDF (or the zip of them) and gets an `ExportSummary`.

use serde::{Deserialize, Serialize};
use specta::Type;

/// One member's performance file for one term.
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub office: String,
    /// 第十五届（2022—2027年）
    pub term: String,
    /// 2026年12月1日
    pub printed: String,
    pub member: DossierMember,
    /// The term's years so far, oldest first.
    pub years: Vec<DossierYear>,
    pub activities: Vec<DossierActivity>,
    pub reports: Vec<DossierReport>,
    pub proposals: Vec<DossierProposal>,
    pub speeches: Vec<DossierSpeech>,
    /// 履职事迹与奖励 (h-perf's deeds; None: not recorded by this program → the section is left out).
    pub deeds: Option<Vec<DossierDeed>>,
    /// 履职积分 per year (h-perf's ledger; None → left out, never a made-up figure).
    pub points: Option<Vec<DossierPoints>>,
    /// 五个一 per year (h-perf's pledge progress; None → left out).
    pub five_ones: Option<Vec<DossierFiveOne>>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct DossierMember {
    pub id: String,
    pub name: String,
    pub gender: String,
    pub ethnicity: String,
    /// 1968年5月
    pub birth: String,
    pub native_place: String,
    pub party: String,
    pub sector: String,
    pub committee: String,
    /// 政协职务, joined by 、
    pub roles: String,
    /// 工作单位及职务
    pub unit: String,
    pub professional_title: String,
    pub education: String,
    pub group: String,
    /// Every term they served, joined by 、
    pub terms: String,
    /// Masked (138****5678).
    pub mobile: String,
    /// 在任 / 离任
    pub status: String,
}

/// One year of the term: what the member took part in and did.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct DossierYear {
    pub year: i32,
    /// Activities (not the plenary) by kind: attended of invited, kinds with none left out.
    pub by_kind: Vec<KindCount>,
    /// Activities attended (出席 or 迟到) and invited (the attendance recorded or not).
    pub attended: i32,
    pub invited: i32,
    /// Absences with leave (请假) and without (缺席) at activities.
    pub leave: i32,
    pub absent: i32,
    /// 全会 sittings: attended, on leave, absent, of those recorded.
    pub plenary_attended: i32,
    pub plenary_leave: i32,
    pub plenary_absent: i32,
    pub plenary_sittings: i32,
    /// 社情民意 reports submitted (first or co-submitter) and adopted at any level.
    pub reports: i32,
    pub reports_adopted: i32,
    /// Proposals (lead or co-proposer) submitted, and accepted (立案).
    pub proposals: i32,
    pub proposals_accepted: i32,
    pub speeches: i32,
    /// 心得体会 written.
    pub reflections: i32,
    /// Times the office visited them (被走访).
    pub visited: i32,
}

#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct KindCount {
    pub kind: String,
    pub attended: i32,
    pub invited: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierActivity {
    pub date: String,
    pub kind: String,
    pub title: String,
    pub role: String,
    /// 出席 / 迟到 / 请假 / 缺席, or 未记录.
    pub attendance: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierReport {
    pub date: String,
    pub title: String,
    /// 第一报送人 / 联名
    pub role: String,
    pub state: String,
    /// 采用层级 (区 / 市 / 省 / 全国), or empty.
    pub level: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierProposal {
    pub year: i32,
    /// 提案号, or empty before 立案.
    pub number: String,
    pub title: String,
    /// 领衔 / 联名
    pub role: String,
    pub state: String,
    /// 重点提案、优秀提案
    pub flags: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierSpeech {
    pub date: String,
    pub session: String,
    pub title: String,
    pub state: String,
}

/// A deed or reward (h-perf's records), as the file prints it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DossierDeed {
    pub date: String,
    /// 引进项目 / 办实事 / 表彰奖励 …
    pub kind: String,
    pub title: String,
    pub detail: String,
}

/// A year's points (h-perf's ledger), as the file prints it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DossierPoints {
    pub year: i32,
    pub points: f64,
    pub rank: u32,
    /// Members ranked that year.
    pub of: u32,
    /// 优秀 / 称职 / 基本称职 / 不称职
    pub grade: String,
    /// The items the points came from: (what, points), e.g. ("参加视察 3 次", 6.0).
    pub items: Vec<(String, f64)>,
}

/// One 五个一 item in a year (h-perf's progress), as the file prints it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DossierFiveOne {
    pub year: i32,
    /// The item as the office words it (提一件提案 …).
    pub item: String,
    /// What was done towards it (e.g. "2 件").
    pub done: String,
    pub met: bool,
}

/// Progress of a batch export of performance files.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DossierProgress {
    pub done: u32,
    pub total: u32,
}
