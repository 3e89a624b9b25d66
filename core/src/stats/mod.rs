//! Statistics for the leaders: the members' composition (委员构成) by 界别, 党派, gender, age band,
//! education and liaison group — the current term's live members (status 在任, not deleted) — as
//! tables the UI charts and the composition .xlsx prints (`export`).

pub mod export;
pub mod types;

use crate::dates::today;
use crate::db::Db;
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use types::*;

/// The label of a missing value.
pub const UNFILLED: &str = "未填写";

/// The age bands, youngest first, and the band of an age.
pub const AGE_BANDS: [&str; 5] = ["40岁以下", "40–49岁", "50–59岁", "60岁及以上", "出生日期不详"];

fn age_band(birth: Option<&str>, on: NaiveDate) -> usize {
    let Some(b) = birth.and_then(|b| NaiveDate::parse_from_str(b.get(..10).unwrap_or(b), "%Y-%m-%d").ok()) else {
        return 4;
    };
    let mut age = on.year() - b.year();
    if (on.month(), on.day()) < (b.month(), b.day()) {
        age -= 1;
    }
    match age {
        i32::MIN..=39 => 0,
        40..=49 => 1,
        50..=59 => 2,
        _ => 3,
    }
}

/// The usual order of education levels, highest first; others after them by count.
const EDUCATION_ORDER: [&str; 10] =
    ["博士研究生", "研究生", "硕士研究生", "大学本科", "本科", "大学专科", "大专", "中专", "高中", "初中"];

fn share(n: i32, total: i32) -> f64 {
    if total == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / total as f64).round() / 10.0
    }
}

/// Counts in a given order of labels (those with no members left out, except a listed order's values
/// when `keep_empty`), then the rest by count, 未填写 last.
fn table(
    dim: CompositionDim,
    counts: HashMap<String, i32>,
    order: &[String],
    keep_empty: bool,
    total: i32,
) -> CompositionTable {
    let mut rows = Vec::new();
    let mut counts = counts;
    for l in order {
        let n = counts.remove(l).unwrap_or(0);
        if n > 0 || keep_empty {
            rows.push(CompositionRow { label: l.clone(), count: n, share: share(n, total) });
        }
    }
    let unfilled = counts.remove(UNFILLED);
    let mut rest: Vec<(String, i32)> = counts.into_iter().collect();
    rest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.extend(rest.into_iter().map(|(l, n)| CompositionRow { share: share(n, total), label: l, count: n }));
    if let Some(n) = unfilled {
        rows.push(CompositionRow { label: UNFILLED.into(), count: n, share: share(n, total) });
    }
    CompositionTable { dim, rows }
}

impl Db {
    /// The current term's live members by 界别, 党派, 性别, 年龄, 学历 and 联络组 (each table sums to `total`).
    pub fn composition(&self) -> Result<Composition> {
        self.composition_on(today())
    }

    /// The composition with ages counted on a given day.
    pub fn composition_on(&self, on: NaiveDate) -> Result<Composition> {
        let term: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT id, name FROM terms WHERE deleted_at IS NULL ORDER BY is_current DESC, start_year DESC, sort LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let term_id = term.as_ref().map(|t| t.0.clone());
        let ref_order = |kind: &str| -> Result<Vec<String>> {
            let mut st = self.conn.prepare_cached(
                "SELECT name FROM ref_items WHERE kind = ?1 AND deleted_at IS NULL ORDER BY sort, name",
            )?;
            let rows = st.query_map([kind], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let group_order: Vec<String> = match &term_id {
            Some(t) => {
                let mut st = self.conn.prepare_cached(
                    "SELECT name FROM liaison_groups WHERE term_id = ?1 AND deleted_at IS NULL ORDER BY sort, name",
                )?;
                let rows = st.query_map([t], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            None => vec![],
        };
        let mut st = self.conn.prepare_cached(
            "SELECT COALESCE(s.name, ''), COALESCE(p.name, ''), m.gender, m.birth_date, m.education, COALESCE(g.name, '')
             FROM members m
             LEFT JOIN ref_items s ON s.id = m.sector_id
             LEFT JOIN ref_items p ON p.id = m.party_id
             LEFT JOIN group_members gm ON gm.member_id = m.id AND gm.term_id = ?1
             LEFT JOIN liaison_groups g ON g.id = gm.group_id AND g.deleted_at IS NULL
             WHERE m.deleted_at IS NULL AND m.status = 'active'
               AND (?1 IS NULL OR EXISTS (SELECT 1 FROM member_terms mt WHERE mt.member_id = m.id AND mt.term_id = ?1))",
        )?;
        let mut maps: Vec<HashMap<String, i32>> = vec![HashMap::new(); 6];
        let mut total = 0;
        let mut rows = st.query([&term_id])?;
        while let Some(r) = rows.next()? {
            total += 1;
            let birth: Option<String> = r.get(3)?;
            let vals: [String; 6] = [
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                AGE_BANDS[age_band(birth.as_deref(), on)].to_string(),
                r.get::<_, String>(4)?.trim().to_string(),
                r.get(5)?,
            ];
            for (m, v) in maps.iter_mut().zip(vals) {
                let v = if v.is_empty() { UNFILLED.to_string() } else { v };
                *m.entry(v).or_insert(0) += 1;
            }
        }
        drop(rows);
        let mut maps = maps.into_iter();
        let mut next = || maps.next().expect("six");
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let tables = vec![
            table(CompositionDim::Sector, next(), &ref_order("sector")?, false, total),
            table(CompositionDim::Party, next(), &ref_order("party")?, false, total),
            table(CompositionDim::Gender, next(), &s(&["男", "女"]), true, total),
            table(CompositionDim::Age, next(), &s(&AGE_BANDS[..4]), true, total),
            table(CompositionDim::Education, next(), &s(&EDUCATION_ORDER), false, total),
            table(CompositionDim::Group, next(), &group_order, false, total),
        ];
        // 联络组: members in no group are 未分组, not 未填写.
        let mut tables = tables;
        for r in &mut tables[5].rows {
            if r.label == UNFILLED {
                r.label = "未分组".into();
            }
        }
        Ok(Composition {
            term: term.map(|t| t.1).unwrap_or_default(),
            as_of: on.format("%Y-%m-%d").to_string(),
            total,
            tables,
        })
    }
}
