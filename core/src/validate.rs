//! Form validation, written once for every domain: the problems found in a form, each at its field
//! (`Errs`), and the normalisers of names and mobile numbers that forms and imports share. Each domain
//! keeps its own rules (the member form's in `members::validate`).

use crate::dates::{fmt_date, parse_date, parse_time, Unreadable};
use crate::error::{Error, FieldError, Result};
use crate::idcard;
use chrono::{NaiveDate, NaiveTime};

/// Problems found in a form, each at its field; inside a list (a round's visits, a schedule's stops) the
/// field is prefixed (`visits[2].target_name`) and the message says which one (第 3 条走访：…).
pub(crate) struct Errs {
    field_prefix: String,
    msg_prefix: String,
    pub list: Vec<FieldError>,
}

impl Errs {
    pub fn new() -> Errs {
        Errs { field_prefix: String::new(), msg_prefix: String::new(), list: vec![] }
    }

    pub fn at(field_prefix: String, msg_prefix: String) -> Errs {
        Errs { field_prefix, msg_prefix, list: vec![] }
    }

    pub fn push(&mut self, field: &str, msg: impl Into<String>) {
        self.list.push(FieldError::new(
            &format!("{}{field}", self.field_prefix),
            format!("{}{}", self.msg_prefix, msg.into()),
        ));
    }

    /// Normalise a date field in place (2026-5-2 → 2026-05-02); a problem is reported at the field.
    pub fn date(&mut self, field: &str, label: &str, s: &mut String) -> Option<NaiveDate> {
        match parse_date(s) {
            Ok(d) => {
                *s = d.map(fmt_date).unwrap_or_default();
                d
            }
            Err(Unreadable) => {
                self.push(field, format!("{label}格式应为 2026-05-12，请核对"));
                None
            }
        }
    }

    /// Normalise a time field in place (9:00 → 09:00).
    pub fn time(&mut self, field: &str, label: &str, s: &mut String) -> Option<NaiveTime> {
        match parse_time(s) {
            Ok(t) => {
                *s = t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
                t
            }
            Err(Unreadable) => {
                self.push(field, format!("{label}格式应为 09:30（24 小时制），请核对"));
                None
            }
        }
    }

    pub fn extend(&mut self, other: Errs) {
        self.list.extend(other.list);
    }

    pub fn done(self) -> Result<()> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.list))
        }
    }
}

/// Names quoted and listed for a message: “王伟”、“李明”.
pub(crate) fn names(list: &[String]) -> String {
    list.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、")
}

/// Trim, drop ideographic and ordinary spaces inside a Chinese name (王　伟 → 王伟).
pub fn clean_name(s: &str) -> String {
    let t: String = s.trim().chars().filter(|c| *c != '\u{3000}').collect();
    // Keep single spaces between Latin words (foreign names), drop them between CJK characters.
    if t.chars().any(|c| c.is_ascii_alphabetic()) {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// Normalise a mobile number: full-width digits, spaces, dashes, +86.
pub fn clean_mobile(s: &str) -> String {
    let mut d: String = idcard::clean(s).chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() == 13 && d.starts_with("86") {
        d = d[2..].to_string();
    }
    d
}

pub fn is_mobile(d: &str) -> bool {
    d.len() == 11
        && d.starts_with('1')
        && matches!(d.as_bytes()[1], b'3'..=b'9')
        && d.chars().all(|c| c.is_ascii_digit())
}
