//! What the cells of a roster mean: header names and their variants, and the values people type
//! (dates in every form, ID numbers Excel damaged, several phone numbers in a cell, short forms of
//! party and sector names).

use super::read::Cell;
use crate::idcard;
use crate::members::RosterColumn;
use crate::validate;
use chrono::{Datelike, NaiveDate};

/// A header cell normalised for matching: no spaces (ordinary or ideographic), full-width → half-width,
/// no parenthetical note (身份证号码（18位） → 身份证号码), no required-field marks or colons.
pub fn norm_header(s: &str) -> String {
    let s = to_half_width(s);
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | ':' | '\u{3000}' | '\n') => {}
            c => out.push(c),
        }
    }
    out
}

/// Full-width ASCII (ＡＢＣ１２３（）) → half-width.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The field a header names, from the built-in variants. `None`: not a member field (序号, or unknown).
pub fn field_for_header(h: &str) -> Option<RosterColumn> {
    use RosterColumn::*;
    let h = norm_header(h);
    let f = match h.as_str() {
        "姓名" | "委员姓名" | "名字" | "委员" => Name,
        "性别" => Gender,
        "民族" => Ethnicity,
        "出生日期" | "出生年月" | "出生年月日" | "生日" | "出生时间" | "出生年份" => BirthDate,
        "籍贯" => NativePlace,
        "身份证号"
        | "身份证号码"
        | "公民身份号码"
        | "公民身份证号"
        | "公民身份证号码"
        | "身份证"
        | "证件号码"
        | "身份证件号码" => IdNumber,
        "政治面貌" | "党派" | "党派面貌" | "党派/政治面貌" => Party,
        "界别" | "所在界别" | "界别名称" | "所属界别" => Sector,
        "专委会" | "所在专委会" | "所属专委会" | "专门委员会" => Committee,
        "政协职务" | "政协内职务" | "政协任职" => Role,
        "联络组" | "所属联络组" | "所在联络组" | "委员联络组" | "组别" | "小组" => Group,
        "工作单位" | "单位" | "所在单位" | "工作单位及职务" | "单位及职务" | "工作单位和职务" | "工作单位及职称" => {
            WorkUnit
        }
        "职务" | "单位职务" | "现任职务" | "行政职务" | "工作职务" => JobTitle,
        "职称" | "专业技术职称" | "技术职称" | "专业职称" => ProfessionalTitle,
        "学历" | "文化程度" | "最高学历" | "学历学位" | "学历/学位" => Education,
        "手机" | "手机号" | "手机号码" | "联系电话" | "电话" | "联系方式" | "移动电话" | "手机/电话" | "电话号码" => {
            Mobile
        }
        "固定电话" | "办公电话" | "座机" | "单位电话" | "家庭电话" | "办公室电话" => Phone,
        "通讯地址" | "地址" | "联系地址" | "家庭住址" | "单位地址" | "通信地址" => Address,
        "邮编" | "邮政编码" => Postcode,
        "状态" | "在任状态" => Status,
        "备注" | "说明" => Notes,
        _ => return None,
    };
    Some(f)
}

/// Headers that are known and deliberately not imported.
pub fn is_ignored_header(h: &str) -> bool {
    matches!(norm_header(h).as_str(), "序号" | "编号" | "排序" | "序" | "NO." | "No." | "No")
}

/// A birth date as people give it: a whole date or only year and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn text(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }
    fn of(d: NaiveDate) -> PartialDate {
        PartialDate { year: d.year(), month: d.month(), day: Some(d.day()) }
    }
    fn ym(year: i32, month: u32) -> Option<PartialDate> {
        ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(PartialDate { year, month, day: None })
    }
    fn ymd(year: i32, month: u32, day: u32) -> Option<PartialDate> {
        NaiveDate::from_ymd_opt(year, month, day).filter(|d| (1900..=2100).contains(&d.year())).map(PartialDate::of)
    }
    /// Whether a full date agrees with this one as far as this one goes.
    pub fn agrees(&self, d: NaiveDate) -> bool {
        self.year == d.year() && self.month == d.month() && self.day.is_none_or(|x| x == d.day())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any form we know.
    Format,
    /// 1968.1 stored as a number: January or October (1968.10 loses its zero)?
    Ambiguous,
}

/// Excel serial day number → date (1900 system; serials from 61 on, i.e. after the phantom 1900-02-29).
pub fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(61.0..=80_000.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.trunc() as u64))
}

/// Dates in every form people type or Excel stores: 1968.05, 1968.5, 1968年5月, 1968年5月12日,
/// 1968-05-12, 1968/5/12, 1968/5, 19680512, 196805, date cells and serial numbers.
pub fn parse_date(cell: &Cell) -> Result<Option<PartialDate>, DateError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(PartialDate::of(*d))),
        Cell::Number(f) => {
            let f = *f;
            if f.fract() == 0.0 {
                let n = f as i64;
                if (19_000_101..=21_001_231).contains(&n) {
                    return date_digits(&n.to_string()).map(Some);
                }
                if (190_001..=210_012).contains(&n) {
                    return date_digits(&n.to_string()).map(Some);
                }
                if (1900..=2100).contains(&n) {
                    // A year alone is not a birth date we can store.
                    return Err(DateError::Format);
                }
                return excel_serial(f).map(|d| Some(PartialDate::of(d))).ok_or(DateError::Format);
            }
            if (1900.0..2101.0).contains(&f) {
                // 1968.05 typed into a number cell: year.month. 1968.1 may have been 1968.10.
                let year = f.trunc() as i32;
                let frac = format!("{f}");
                let m = frac.split('.').nth(1).unwrap_or("");
                if m == "1" {
                    return Err(DateError::Ambiguous);
                }
                let month: u32 = match m.len() {
                    1 => m.parse().map_err(|_| DateError::Format)?,
                    2 => m.parse().map_err(|_| DateError::Format)?,
                    _ => return Err(DateError::Format),
                };
                return PartialDate::ym(year, month).map(Some).ok_or(DateError::Format);
            }
            excel_serial(f).map(|d| Some(PartialDate::of(d))).ok_or(DateError::Format)
        }
        Cell::Text(s) => parse_date_text(s),
        _ => Err(DateError::Format),
    }
}

fn date_digits(s: &str) -> Result<PartialDate, DateError> {
    let y: i32 = s[..4].parse().map_err(|_| DateError::Format)?;
    let m: u32 = s[4..6].parse().map_err(|_| DateError::Format)?;
    if s.len() == 8 {
        let d: u32 = s[6..8].parse().map_err(|_| DateError::Format)?;
        PartialDate::ymd(y, m, d).ok_or(DateError::Format)
    } else {
        PartialDate::ym(y, m).ok_or(DateError::Format)
    }
}

pub fn parse_date_text(s: &str) -> Result<Option<PartialDate>, DateError> {
    let s = to_half_width(s);
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return match s.len() {
            8 | 6 => date_digits(s).map(Some),
            // A serial number kept as text.
            5 => excel_serial(s.parse::<f64>().map_err(|_| DateError::Format)?)
                .map(|d| Some(PartialDate::of(d)))
                .ok_or(DateError::Format),
            _ => Err(DateError::Format),
        };
    }
    // Split on every separator people use: . - / 年 月 日 and spaces; "1968年5月" → [1968, 5].
    let parts: Vec<&str> =
        s.split(['.', '-', '/', '年', '月', '日', '号', ' ', '、', ',']).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return Err(DateError::Format);
    }
    let nums: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(u32::MAX)).collect();
    let year = nums[0];
    // Two-digit years (68.05): 19xx, as a roster of living members means.
    let year = if parts[0].len() == 2 {
        1900 + year
    } else if parts[0].len() == 4 {
        year
    } else {
        return Err(DateError::Format);
    };
    match nums.len() {
        2 => PartialDate::ym(year as i32, nums[1]).map(Some).ok_or(DateError::Format),
        3 => PartialDate::ymd(year as i32, nums[1], nums[2]).map(Some).ok_or(DateError::Format),
        _ => Err(DateError::Format),
    }
}

/// What an ID number cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdCell {
    None,
    /// Normalised to 18 characters.
    Valid(String),
    /// Excel stored it as a number: digits beyond the 15th are gone.
    PrecisionLost(String),
    Invalid(idcard::IdError, String),
}

pub fn parse_id(cell: &Cell) -> IdCell {
    match cell {
        Cell::Empty => IdCell::None,
        Cell::Number(f) => {
            let shown = super::read::number_text(*f);
            if f.fract() == 0.0 && *f >= 1e14 && *f < 1e15 {
                // 15 digits survive a number cell intact: a legacy number.
                return match idcard::validate(&shown) {
                    Ok(n) => IdCell::Valid(n),
                    Err(e) => IdCell::Invalid(e, shown),
                };
            }
            if *f >= 1e16 {
                IdCell::PrecisionLost(shown)
            } else {
                IdCell::Invalid(idcard::IdError::Format, shown)
            }
        }
        Cell::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return IdCell::None;
            }
            // A masked number from one of our own exports (3301**********1234) says nothing.
            if t.contains('*') {
                return IdCell::None;
            }
            let cleaned = idcard::clean(t);
            // 3.30106E+17, as a CSV saved from Excel shows a number cell.
            if cleaned.contains("E+") && cleaned.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return IdCell::PrecisionLost(t.to_string());
            }
            match idcard::validate(&cleaned) {
                Ok(n) => IdCell::Valid(n),
                // 18 digits ending in 000 with a wrong check digit: a number cell copied out as text.
                Err(idcard::IdError::Checksum(_)) if cleaned.len() == 18 && cleaned.ends_with("000") => {
                    IdCell::PrecisionLost(t.to_string())
                }
                Err(e) => IdCell::Invalid(e, t.to_string()),
            }
        }
        other => IdCell::Invalid(idcard::IdError::Format, other.display()),
    }
}

/// Text of a cell for a text field: numbers without ".0", dates as YYYY-MM-DD, trimmed, full-width
/// spaces dropped at the ends.
pub fn text(cell: &Cell) -> String {
    let trim = |s: &str| s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string();
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => trim(s),
        c => trim(&c.display()),
    }
}

/// A name as written in a roster: 王　伟 / 王 伟 → 王伟; full-width Latin letters → half-width.
pub fn name(cell: &Cell) -> String {
    validate::clean_name(&to_half_width(&text(cell)))
}

pub fn gender(s: &str) -> String {
    match s.trim() {
        "男" | "男性" | "M" | "m" | "male" | "Male" => "男".into(),
        "女" | "女性" | "F" | "f" | "female" | "Female" => "女".into(),
        other => other.to_string(),
    }
}

const ETHNIC_GROUPS: &[&str] = &[
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

/// 汉 → 汉族, as the registration form writes it.
pub fn ethnicity(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    if ETHNIC_GROUPS.contains(&s.as_str()) {
        format!("{s}族")
    } else {
        s
    }
}

/// The phone numbers in a cell: mobiles and others (landlines, extensions), in the order written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Phones {
    pub mobiles: Vec<String>,
    pub others: Vec<String>,
    /// Pieces that look like neither.
    pub bad: Vec<String>,
    /// The cell held a masked number (138****8000): leave the stored one as it is.
    pub masked: bool,
}

pub fn phones(cell: &Cell) -> Phones {
    let mut p = Phones::default();
    let raw = match cell {
        Cell::Number(f) => super::read::number_text(*f),
        c => to_half_width(&c.display()),
    };
    for piece in raw.split(['/', '、', ',', '，', ';', '；', '\n', '|', '或']) {
        // Labels people add: 手机：, 办：, 宅 …
        let t: String = piece
            .chars()
            .skip_while(|c| !c.is_ascii_digit() && *c != '+' && *c != '(')
            .collect::<String>()
            .trim()
            .to_string();
        if t.is_empty() {
            if piece.trim().chars().any(|c| c.is_ascii_digit()) {
                p.bad.push(piece.trim().to_string());
            }
            continue;
        }
        // Several numbers separated by spaces only: 13800138000 13900139000.
        let words: Vec<&str> = t.split_whitespace().collect();
        let each: Vec<String> =
            if words.len() > 1 && words.iter().all(|w| validate::is_mobile(&validate::clean_mobile(w))) {
                words.iter().map(|w| w.to_string()).collect()
            } else {
                vec![t]
            };
        for w in each {
            // Masked (138****8000, from one of our exports): not a number to store.
            if w.contains('*') {
                p.masked = true;
                continue;
            }
            let m = validate::clean_mobile(&w);
            if validate::is_mobile(&m) {
                p.mobiles.push(m);
            } else {
                let digits = w.chars().filter(|c| c.is_ascii_digit()).count();
                let ok_chars = w.chars().all(|c| c.is_ascii_digit() || "-—－ ()（）转".contains(c));
                if (7..=16).contains(&digits) && ok_chars {
                    p.others.push(w.split_whitespace().collect::<Vec<_>>().join(""));
                } else {
                    p.bad.push(w);
                }
            }
        }
    }
    p
}

/// A 6-digit postcode from a number or text cell.
pub fn postcode(cell: &Cell) -> String {
    match cell {
        Cell::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e6 => format!("{:06}", *f as u64),
        c => idcard::clean(&text(c)),
    }
}

/// A value compared with a reference list: no spaces, half-width.
pub fn norm_value(s: &str) -> String {
    to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Common short forms of party names (政治面貌) → the seeded names.
pub fn party_alias(v: &str) -> Option<&'static str> {
    Some(match v {
        "中共" | "中共党员" | "共产党员" | "中国共产党" | "中国共产党党员" | "党员" | "中共预备党员" | "预备党员" => {
            "中共党员"
        }
        "民革" | "民革党员" | "民革成员" | "中国国民党革命委员会" => "民革党员",
        "民盟" | "民盟盟员" | "中国民主同盟" | "盟员" => "民盟盟员",
        "民建" | "民建会员" | "中国民主建国会" => "民建会员",
        "民进" | "民进会员" | "中国民主促进会" => "民进会员",
        "农工党" | "农工" | "农工党党员" | "中国农工民主党" => "农工党党员",
        "致公党" | "致公" | "致公党党员" | "中国致公党" => "致公党党员",
        "九三" | "九三学社" | "九三学社社员" | "社员" => "九三学社社员",
        "台盟" | "台盟盟员" | "台湾民主自治同盟" => "台盟盟员",
        "无党派" | "无党派人士" | "无党派民主人士" | "无" | "无党派人员" => "无党派人士",
        "群众" => "群众",
        _ => return None,
    })
}

/// Common short forms of sectors (界别) → the seeded names.
pub fn sector_alias(v: &str) -> Option<&'static str> {
    Some(match v {
        "中共" | "中共界" | "中国共产党界" | "共产党" => "中国共产党",
        "民革" | "民革界" => "中国国民党革命委员会",
        "民盟" | "民盟界" => "中国民主同盟",
        "民建" | "民建界" => "中国民主建国会",
        "民进" | "民进界" => "中国民主促进会",
        "农工党" | "农工" | "农工党界" => "中国农工民主党",
        "致公党" | "致公" | "致公党界" => "中国致公党",
        "九三" | "九三学社界" => "九三学社",
        "台盟" | "台盟界" => "台湾民主自治同盟",
        "无党派" | "无党派人士" | "无党派界" | "无党派民主人士界" => "无党派民主人士",
        "共青团" | "共青团界" => "中国共产主义青年团",
        "工会" | "总工会" | "工会界" => "中华全国总工会",
        "妇联" | "妇联界" => "中华全国妇女联合会",
        "青联" | "青联界" => "中华全国青年联合会",
        "工商联" | "工商联界" | "工商界" => "中华全国工商业联合会",
        "科协" | "科协界" => "中国科学技术协会",
        "台联" | "台联界" => "中华全国台湾同胞联谊会",
        "侨联" | "侨联界" => "中华全国归国华侨联合会",
        "文艺界" | "文化界" | "文化艺术" => "文化艺术界",
        "科技界" | "科学技术" => "科学技术界",
        "社科界" | "社会科学" => "社会科学界",
        "经济" => "经济界",
        "农业" => "农业界",
        "教育" => "教育界",
        "体育" => "体育界",
        "新闻界" | "出版界" | "新闻出版" => "新闻出版界",
        "医卫界" | "医药卫生" | "卫生界" | "医疗卫生界" => "医药卫生界",
        "对外友好" => "对外友好界",
        "社会福利界" | "社会保障界" | "社会福利和社会保障" => "社会福利和社会保障界",
        "少数民族" | "民族界" => "少数民族界",
        "宗教" => "宗教界",
        "环境资源" | "环资界" => "环境资源界",
        "特邀" | "特别邀请" | "特邀人士" => "特别邀请人士",
        _ => return None,
    })
}

/// Match a value to the names of a list (already normalised): exact, then a short form, then the
/// unique name that starts with it or that it starts with (提案委 → 提案委员会), then with the suffix
/// the list usually carries (城关 → 城关联络组).
pub fn match_name<'a>(
    value: &str,
    names: &'a [(String, String)],
    alias: Option<&str>,
    suffixes: &[&str],
) -> Option<&'a str> {
    let v = norm_value(value);
    if v.is_empty() {
        return None;
    }
    let find = |target: &str| names.iter().find(|(_, n)| norm_value(n) == target).map(|(id, _)| id.as_str());
    if let Some(id) = find(&v) {
        return Some(id);
    }
    if let Some(a) = alias {
        if let Some(id) = find(a) {
            return Some(id);
        }
    }
    // With or without the suffix the list carries: 城关 / 城关组 → 城关联络组.
    let mut stems = vec![v.clone()];
    stems.extend(suffixes.iter().filter_map(|s| v.strip_suffix(s)).filter(|s| !s.is_empty()).map(str::to_string));
    for stem in &stems {
        for s in suffixes {
            if let Some(id) = find(&format!("{stem}{s}")) {
                return Some(id);
            }
        }
    }
    if v.chars().count() >= 2 {
        let hits: Vec<&str> =
            names.iter().filter(|(_, n)| norm_value(n).starts_with(&v)).map(|(id, _)| id.as_str()).collect();
        if hits.len() == 1 {
            return Some(hits[0]);
        }
    }
    None
}

/// 第一联络组(城关镇) → (第一联络组, Some(城关镇)): a group written with its township.
pub fn split_group(v: &str) -> (&str, Option<&str>) {
    let t = v.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let (Some(i), true) = (t.find(open), t.ends_with(close)) {
            let name = t[..i].trim();
            let inner = t[i + open.len_utf8()..t.len() - close.len_utf8()].trim();
            if !name.is_empty() && !inner.is_empty() {
                return (name, Some(inner));
            }
        }
    }
    (t, None)
}

/// 城关联络组 / 城关组 / 城关 → 城关: what names one liaison group however it is written.
pub fn group_stem(v: &str) -> &str {
    let s = v.strip_suffix("联络组").or_else(|| v.strip_suffix('组')).unwrap_or(v);
    if s.is_empty() {
        v
    } else {
        s
    }
}

/// Several values in one cell (政协职务: 常委、界别召集人).
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '/', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(&Cell::Text(s.into())).ok().flatten().map(|p| p.text())
    }

    #[test]
    fn headers_with_spaces_and_variants() {
        assert_eq!(field_for_header("姓 名"), Some(RosterColumn::Name));
        assert_eq!(field_for_header("姓　　名"), Some(RosterColumn::Name));
        assert_eq!(field_for_header("公民身份号码"), Some(RosterColumn::IdNumber));
        assert_eq!(field_for_header("身份证号码（18位）"), Some(RosterColumn::IdNumber));
        assert_eq!(field_for_header("手机号码"), Some(RosterColumn::Mobile));
        assert_eq!(field_for_header("党派"), Some(RosterColumn::Party));
        assert_eq!(field_for_header("所属联络组"), Some(RosterColumn::Group));
        assert_eq!(field_for_header("*姓名"), Some(RosterColumn::Name));
        assert_eq!(field_for_header("序号"), None);
        assert!(is_ignored_header("序 号"));
    }

    #[test]
    fn dates_in_every_form() {
        assert_eq!(d("1968.05"), Some("1968-05".into()));
        assert_eq!(d("1968.5"), Some("1968-05".into()));
        assert_eq!(d("1968年5月"), Some("1968-05".into()));
        assert_eq!(d("1968年5月12日"), Some("1968-05-12".into()));
        assert_eq!(d("1968-05-12"), Some("1968-05-12".into()));
        assert_eq!(d("1968/5"), Some("1968-05".into()));
        assert_eq!(d("1968/5/12"), Some("1968-05-12".into()));
        assert_eq!(d("19680512"), Some("1968-05-12".into()));
        assert_eq!(d("196805"), Some("1968-05".into()));
        assert_eq!(d("１９６８．０５"), Some("1968-05".into()));
        assert_eq!(d("1968.13"), None);
        assert_eq!(d("1968-02-30"), None);
        assert_eq!(d("不详"), None);
        let n = |f: f64| parse_date(&Cell::Number(f)).map(|o| o.map(|p| p.text()));
        assert_eq!(n(1968.05), Ok(Some("1968-05".into())));
        assert_eq!(n(1968.12), Ok(Some("1968-12".into())));
        assert_eq!(n(1968.1), Err(DateError::Ambiguous));
        assert_eq!(n(25000.0), Ok(Some("1968-06-11".into())));
        assert_eq!(n(19680512.0), Ok(Some("1968-05-12".into())));
        let dc = NaiveDate::from_ymd_opt(1970, 1, 2).unwrap();
        assert_eq!(parse_date(&Cell::Date(dc)).unwrap().unwrap().text(), "1970-01-02");
    }

    #[test]
    fn id_cells() {
        assert_eq!(parse_id(&Cell::Text("11010519491231002x".into())), IdCell::Valid("11010519491231002X".into()));
        assert_eq!(parse_id(&Cell::Text("1101 0519 4912 3100 2X".into())), IdCell::Valid("11010519491231002X".into()));
        assert_eq!(
            parse_id(&Cell::Text("１１０１０５１９４９１２３１００２Ｘ".into())),
            IdCell::Valid("11010519491231002X".into())
        );
        assert!(matches!(parse_id(&Cell::Number(110105194912310021.0)), IdCell::PrecisionLost(_)));
        assert!(matches!(parse_id(&Cell::Text("1.10105E+17".into())), IdCell::PrecisionLost(_)));
        assert!(matches!(parse_id(&Cell::Text("110105194912310000".into())), IdCell::PrecisionLost(_)));
        // 15 digits survive as a number and are upgraded.
        assert!(matches!(parse_id(&Cell::Number(110105491231002.0)), IdCell::Valid(n) if n.len() == 18));
        assert!(matches!(
            parse_id(&Cell::Text("110105194912310022".into())),
            IdCell::Invalid(idcard::IdError::Checksum(_), _)
        ));
    }

    #[test]
    fn phone_cells() {
        let p = phones(&Cell::Text("13800138000/0571-87654321".into()));
        assert_eq!(p.mobiles, vec!["13800138000"]);
        assert_eq!(p.others, vec!["0571-87654321"]);
        let p = phones(&Cell::Text("手机：138 0013 8000、办：87654321".into()));
        assert_eq!(p.mobiles, vec!["13800138000"]);
        assert_eq!(p.others, vec!["87654321"]);
        let p = phones(&Cell::Text("13800138000 13900139000".into()));
        assert_eq!(p.mobiles.len(), 2);
        let p = phones(&Cell::Number(13800138000.0));
        assert_eq!(p.mobiles, vec!["13800138000"]);
        let p = phones(&Cell::Text("无".into()));
        assert!(p.mobiles.is_empty() && p.others.is_empty());
        let p = phones(&Cell::Text("1380013".into()));
        assert_eq!(p.others, vec!["1380013"]);
        let p = phones(&Cell::Text("138001".into()));
        assert_eq!(p.bad, vec!["138001"]);
    }

    #[test]
    fn names_and_lists() {
        assert_eq!(name(&Cell::Text("王　伟".into())), "王伟");
        assert_eq!(name(&Cell::Text(" 王 伟 ".into())), "王伟");
        assert_eq!(ethnicity("汉"), "汉族");
        assert_eq!(ethnicity("蒙古族"), "蒙古族");
        let names: Vec<(String, String)> =
            ["提案委员会", "经济委员会", "城关联络组"].iter().map(|n| (n.to_string(), n.to_string())).collect();
        assert_eq!(match_name("提案委", &names, None, &[]), Some("提案委员会"));
        assert_eq!(match_name("城关", &names, None, &["联络组", "组"]), Some("城关联络组"));
        assert_eq!(match_name("城关组", &names, None, &["联络组", "组"]), Some("城关联络组"));
        assert_eq!(party_alias("民盟"), Some("民盟盟员"));
        assert_eq!(sector_alias("民盟"), Some("中国民主同盟"));
        assert_eq!(split_list("常委、界别召集人"), vec!["常委", "界别召集人"]);
        assert_eq!(split_group("第一联络组(城关镇)"), ("第一联络组", Some("城关镇")));
        assert_eq!(split_group("第一联络组（城关镇）"), ("第一联络组", Some("城关镇")));
        assert_eq!(split_group("城关联络组"), ("城关联络组", None));
    }
}

/// Whether a header names one column holding both the work unit and the post (工作单位及职务): its
/// cells are split by `split_unit_title` when the sheet has no 职务 column of its own.
pub fn is_unit_and_title_header(h: &str) -> bool {
    matches!(
        norm_header(h).as_str(),
        "工作单位及职务"
            | "单位及职务"
            | "工作单位和职务"
            | "工作单位与职务"
            | "工作单位、职务"
            | "工作单位/职务"
            | "单位/职务"
    )
}

/// Words a post ends with, longest first where one ends another (副主任医师 before 医师).
const TITLE_WORDS: &[&str] = &[
    "董事会秘书",
    "法定代表人",
    "首席执行官",
    "主任医师",
    "主治医师",
    "主任科员",
    "总工程师",
    "总经济师",
    "总会计师",
    "董事长",
    "总经理",
    "理事长",
    "秘书长",
    "检察长",
    "工程师",
    "会计师",
    "经济师",
    "研究员",
    "调研员",
    "巡视员",
    "护士长",
    "负责人",
    "创始人",
    "合伙人",
    "法人代表",
    "审判员",
    "检察官",
    "督学",
    "主编",
    "总编",
    "总监",
    "总裁",
    "经理",
    "主任",
    "书记",
    "主席",
    "委员",
    "董事",
    "监事",
    "理事",
    "秘书",
    "教授",
    "讲师",
    "教师",
    "教员",
    "校长",
    "院长",
    "局长",
    "处长",
    "科长",
    "所长",
    "站长",
    "馆长",
    "行长",
    "部长",
    "厅长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "市长",
    "村长",
    "社长",
    "台长",
    "会长",
    "团长",
    "队长",
    "组长",
    "庭长",
    "园长",
    "厂长",
    "店长",
    "矿长",
    "关长",
    "律师",
    "医师",
    "药师",
    "医生",
    "护士",
    "法官",
    "编辑",
    "记者",
    "主管",
    "专员",
    "干部",
    "职员",
    "科员",
    "支书",
    "主任委员",
    "副主任委员",
    "大队长",
    "中队长",
    "支队长",
    "总队长",
];

/// What may stand before a post's word in the same post: 副局长, 常务副主任, 党委书记, 高级教师, 主任医师.
const TITLE_PREFIXES: &[&str] = &[
    "常务",
    "执行",
    "副",
    "总",
    "党委",
    "党组",
    "党工委",
    "党总支",
    "党支部",
    "纪委",
    "纪工委",
    "工会",
    "团委",
    "村委会",
    "居委会",
    "首席",
    "高级",
    "正高级",
    "副高级",
    "中级",
    "一级",
    "二级",
    "三级",
    "四级",
    "资深",
    "特聘",
    "名誉",
    "荣誉",
    "驻会",
    "专职",
    "兼职",
    "代理",
    "主任",
    "主治",
    "执业",
    "独立",
    "非执行",
    "技术",
    "财务",
    "行政",
    "业务",
    "销售",
    "项目",
    "法律",
];

/// Words a work unit ends with.
const UNIT_SUFFIXES: &[&str] = &[
    "公司",
    "集团",
    "局",
    "厅",
    "委",
    "委员会",
    "办",
    "办公室",
    "院",
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "卫生院",
    "中心",
    "所",
    "站",
    "馆",
    "社",
    "会",
    "部",
    "处",
    "科",
    "室",
    "队",
    "厂",
    "店",
    "行",
    "政府",
    "街道",
    "镇",
    "乡",
    "村",
    "社区",
    "党委",
    "党组",
    "人大",
    "政协",
    "法院",
    "检察院",
    "团",
    "组",
    "庭",
    "园",
    "场",
    "矿",
    "台",
    "司",
    "署",
    "支部",
    "总支",
    "工会",
    "妇联",
    "团委",
    "合作社",
    "工作室",
    "事务所",
    "报社",
    "杂志社",
    "电视台",
    "银行",
    "支行",
    "分行",
    "办事处",
    "联合会",
    "协会",
    "商会",
    "学会",
    "基金会",
    "研究院",
    "研究所",
    "诊所",
    "药房",
    "书店",
    "酒店",
    "宾馆",
    "农场",
    "林场",
    "企业",
    "军分区",
    "武装部",
    "派出所",
    "监狱",
    "海关",
    "车间",
    "班",
    "系",
    "教研室",
    "党校",
    "小组",
    "协",
    "联",
];

/// Whether `s` is one post: prefixes (副, 常务, 党委 …) then a post word (局长, 书记 …).
fn is_title_segment(s: &str) -> bool {
    let Some(word) = TITLE_WORDS.iter().filter(|w| s.ends_with(**w)).max_by_key(|w| w.len()) else {
        return false;
    };
    let mut rest = &s[..s.len() - word.len()];
    // Strip prefixes from the front, longest first, until nothing is left (or one does not fit).
    while !rest.is_empty() {
        match TITLE_PREFIXES.iter().filter(|p| rest.starts_with(**p)).max_by_key(|p| p.len()) {
            Some(p) => rest = &rest[p.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `s` is one or more posts joined the usual ways (董事长、总经理; 主任医师兼党支部书记).
fn is_title(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.split(['、', '，', ',', '/', ' ', '\u{3000}', '；', ';'])
            .flat_map(|p| p.split('兼'))
            .flat_map(|p| p.split("及"))
            .all(|seg| !seg.is_empty() && is_title_segment(seg))
}

/// Whether `s` reads as a whole work unit (it ends the way units end, and holds no list of posts).
fn is_unit(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() >= 2 && !s.contains(['、', '兼']) && UNIT_SUFFIXES.iter().any(|u| s.ends_with(*u))
}

/// A cell of a 工作单位及职务 column split into the unit and the post, where it can be told:
/// 东港区财政局副局长 → (东港区财政局, 副局长); 东港大学 教授 → (东港大学, 教授); 某某公司董事长、总经理 →
/// (某某公司, 董事长、总经理). When unsure (no post word at the end, or the rest does not end like a
/// unit: 退休教师, 个体经营, 东港区第一中学) the text stays whole in the unit and the post is empty.
pub fn split_unit_title(v: &str) -> (String, String) {
    let whole = v.trim();
    let s = to_half_width(whole);
    let s = s.trim();
    // An explicit separator between the two: a space, a comma or a semicolon (the first one).
    if let Some(i) = s.find([' ', '，', ',', '；', ';']) {
        let (unit, post) = (s[..i].trim(), s[i..].trim_start_matches([' ', '，', ',', '；', ';']).trim());
        if !unit.is_empty() && is_title(post) && !is_title(unit) {
            return (unit.to_string(), post.to_string());
        }
    }
    // The post at the end: the longest tail that reads as posts, after something that reads as a unit.
    for (i, _) in s.char_indices().skip(2) {
        let (unit, post) = (&s[..i], &s[i..]);
        if is_title(post) && is_unit(unit) {
            return (unit.to_string(), post.to_string());
        }
    }
    (whole.to_string(), String::new())
}
