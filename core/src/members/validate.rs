//! Validation and normalisation of the member form. The UI calls this as the user types
//! (`member_validate`) and core calls it again before every save: one set of rules.

use super::types::MemberInput;
use crate::error::FieldError;
use crate::idcard;
use crate::validate::{clean_mobile, clean_name, is_mobile};
use chrono::{Datelike, NaiveDate};

/// Validate and normalise the input in place; returns every problem found, each at its field.
pub fn member(input: &mut MemberInput, today: NaiveDate) -> Vec<FieldError> {
    let mut errs = Vec::new();
    input.name = clean_name(&input.name);
    if input.name.is_empty() {
        errs.push(FieldError::new("name", "请填写姓名"));
    } else if input.name.chars().count() > 30 {
        errs.push(FieldError::new("name", "姓名过长，请不超过 30 个字"));
    }

    trim(&mut input.gender);
    trim(&mut input.birth_date);
    let checked = match input.id_number.trim() {
        "" => None,
        raw => Some(idcard::validate(raw)),
    };
    if checked.is_none() {
        input.id_number.clear();
    }
    if let Some(checked) = checked {
        match checked {
            Ok(n) => {
                let born = idcard::birth_date(&n).expect("validated");
                let sex = idcard::gender(&n).expect("validated");
                if born > today {
                    errs.push(FieldError::new("id_number", "身份证号中的出生日期晚于今天，请核对"));
                }
                let born_s = ymd(born);
                // Only year and month known (出生年月): the ID number gives the day.
                if input.birth_date.len() == 7 && born_s.starts_with(&input.birth_date) {
                    input.birth_date = born_s.clone();
                }
                if input.birth_date.is_empty() {
                    input.birth_date = born_s.clone();
                } else if input.birth_date != born_s {
                    errs.push(FieldError::new(
                        "birth_date",
                        format!("出生日期与身份证号不一致（身份证为 {born_s}），请核对"),
                    ));
                }
                if input.gender.is_empty() {
                    input.gender = sex.to_string();
                } else if input.gender != sex {
                    errs.push(FieldError::new("gender", format!("性别与身份证号不一致（身份证为{sex}），请核对")));
                }
                input.id_number = n;
            }
            Err(e) => errs.push(FieldError::new("id_number", e.message())),
        }
    }

    if input.gender.is_empty() {
        errs.push(FieldError::new("gender", "请选择性别"));
    } else if input.gender != "男" && input.gender != "女" {
        errs.push(FieldError::new("gender", "性别应为“男”或“女”"));
    }

    if !input.birth_date.is_empty() {
        // YYYY-MM-DD, or YYYY-MM when a roster gives only 出生年月 and there is no ID number.
        let parsed = if input.birth_date.len() == 7 {
            parse_ymd(&format!("{}-01", input.birth_date))
        } else {
            parse_ymd(&input.birth_date)
        };
        match parsed {
            Ok(d) => {
                if d > today {
                    errs.push(FieldError::new("birth_date", "出生日期不能晚于今天"));
                } else if today.year() - d.year() > 120 {
                    errs.push(FieldError::new("birth_date", "出生日期过早，请核对"));
                }
            }
            Err(_) => errs.push(FieldError::new("birth_date", "出生日期格式应为 1968-05-12（只知年月时为 1968-05）")),
        }
    }

    let m = input.mobile.trim();
    if m.is_empty() {
        input.mobile = String::new();
    } else {
        let d = clean_mobile(m);
        if is_mobile(&d) {
            input.mobile = d;
        } else {
            errs.push(FieldError::new("mobile", "手机号应为 11 位数字，以 1 开头，请核对"));
        }
    }
    trim(&mut input.phone);
    if !input.phone.is_empty() && !input.phone.chars().all(|c| c.is_ascii_digit() || "-—－ ()（）转".contains(c))
    {
        errs.push(FieldError::new("phone", "固定电话只能包含数字和“-”，如 0571-87654321"));
    }
    input.postcode = idcard::clean(&input.postcode);
    if !input.postcode.is_empty() && (input.postcode.len() != 6 || !input.postcode.chars().all(|c| c.is_ascii_digit()))
    {
        errs.push(FieldError::new("postcode", "邮编应为 6 位数字"));
    }
    if input.term_ids.is_empty() {
        errs.push(FieldError::new("term_ids", "请至少选择一个届次"));
    }
    if input.sector_id.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::new("sector_id", "请选择界别"));
    }
    if let Some(p) = &input.photo {
        if !p.is_empty() && !(p.starts_with("data:image/png;base64,") || p.starts_with("data:image/jpeg;base64,")) {
            errs.push(FieldError::new("photo", "照片应为 PNG 或 JPEG 图片"));
        } else if p.len() > 2_800_000 {
            errs.push(FieldError::new("photo", "照片不能超过 2 MB，请压缩后再选"));
        }
    }
    for s in [
        &mut input.ethnicity,
        &mut input.native_place,
        &mut input.work_unit,
        &mut input.job_title,
        &mut input.professional_title,
        &mut input.education,
        &mut input.address,
        &mut input.notes,
    ] {
        trim(s);
    }
    for o in [&mut input.party_id, &mut input.sector_id, &mut input.committee_id, &mut input.group_id, &mut input.photo]
    {
        if o.as_deref().map(str::is_empty).unwrap_or(false) {
            *o = None;
        }
    }
    errs
}

/// Trim in place (without a new string when there is nothing to trim).
fn trim(s: &mut String) {
    let t = s.trim();
    if t.len() != s.len() {
        *s = t.to_string();
    }
}

/// YYYY-MM-DD (as `%Y-%m-%d` writes the years of living people).
pub(crate) fn ymd(d: NaiveDate) -> String {
    if !(0..=9999).contains(&d.year()) {
        return d.format("%Y-%m-%d").to_string();
    }
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .into_iter()
    .collect()
}

/// `NaiveDate::parse_from_str(s, "%Y-%m-%d")`, quicker for the common exact form 1968-05-12.
fn parse_ymd(s: &str) -> chrono::ParseResult<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().expect("digits");
        if let Some(d) = NaiveDate::from_ymd_opt(n(0..4) as i32, n(5..7), n(8..10)) {
            return Ok(d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_date_forms_agree_with_chrono() {
        for s in [
            "1968-05-12",
            "2000-02-29",
            "1900-02-29",
            "1968-13-01",
            "1968-5-12",
            "1968-05-1",
            "19680512",
            "",
            "0968-05-12",
        ] {
            assert_eq!(parse_ymd(s).ok(), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s}");
        }
        for d in [
            NaiveDate::from_ymd_opt(1968, 5, 12).unwrap(),
            NaiveDate::from_ymd_opt(2001, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(987, 10, 30).unwrap(),
        ] {
            assert_eq!(ymd(d), d.format("%Y-%m-%d").to_string());
        }
    }
}
