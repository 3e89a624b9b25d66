//! Dates and times as people type them and as documents print them: one reading and one writing for
//! every domain (forms, imports, documents).

use crate::idcard;
use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime};

pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

pub(crate) fn local_now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// What `parse_date` and `parse_time` say of text that is not a date or a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// A date as people type it (2026-05-12, 2026-5-12, 2026/5/12, 2026.5.12, 2026年5月12日, full-width digits):
/// Ok(None) when empty, Err when it is not a date.
pub fn parse_date(s: &str) -> std::result::Result<Option<NaiveDate>, Unreadable> {
    let s = idcard::clean(s);
    if s.is_empty() {
        return Ok(None);
    }
    let norm: String = s
        .chars()
        .filter(|c| *c != '日')
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' => '-',
            c => c,
        })
        .collect();
    NaiveDate::parse_from_str(&norm, "%Y-%m-%d").map(Some).map_err(|_| Unreadable)
}

/// A time of day (9:00, 09:00, 9：00): Ok(None) when empty, Err when it is not a time.
pub fn parse_time(s: &str) -> std::result::Result<Option<NaiveTime>, Unreadable> {
    let s = idcard::clean(s).replace('：', ":");
    if s.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(&s, "%H:%M").map(Some).map_err(|_| Unreadable)
}

pub(crate) fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date as documents print it: 2026年11月27日.
pub(crate) fn doc_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
