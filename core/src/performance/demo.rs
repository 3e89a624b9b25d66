//! The demo office's part of 履职: this year's rules (the 济南 template), the usual 五个一, deeds for
//! about a third of the members, a few manual entries and hand ticks. With the activities, sittings,
//! reports and proposals the other domains' demos record, the members' scores differ. Seeded.

use super::types::*;
use crate::dates::{fmt_date, today};
use crate::db::new_id;
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

const PROJECTS: &[(&str, &str)] = &[
    ("引进新能源汽车零部件项目", "高新区"),
    ("争取省级乡村振兴专项资金", "南湖村"),
    ("引进养老服务连锁机构", "东城街道"),
    ("协调社会捐资助学资金", "区第一中学"),
    ("引进农产品冷链物流项目", "现代农业园区"),
];
const DEEDS: &[(&str, &str)] = &[
    ("为村小学捐赠图书和课桌椅", "南湖村小学"),
    ("组织义诊进社区", "东城街道居民"),
    ("协调解决老旧小区加装电梯", "城关镇幸福小区"),
    ("帮助农户销售滞销农产品", "西林村种植户"),
    ("开展法律咨询进乡村", "城关镇村民"),
    ("资助困难学生完成学业", "区实验小学学生"),
];

/// Load the demo's 履职 records for the current year; returns how many deeds.
pub(crate) fn load(tx: &Connection, seed: u64, t: &str) -> Result<u32> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = today();
    let year = now.year();
    let mut rules = super::templates::template(ScoreTemplate::Jinan);
    rules.year = year;
    super::rules::save_in(tx, &rules)?;
    for it in super::five_ones::default_items() {
        tx.execute(
            "INSERT INTO five_ones_items (year, seq, title, source, activity_kind, target, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year, it.seq, it.title, it.source.as_str(), it.activity_kind, it.target, t],
        )?;
    }
    let members: Vec<String> = {
        let mut st = tx.prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
    let days = (now - start).num_days().max(1);
    let mut deeds = 0;
    for m in &members {
        if rng.random_bool(0.33) {
            let project = rng.random_bool(0.4);
            let (what, whom) = if project {
                PROJECTS[rng.random_range(0..PROJECTS.len())]
            } else {
                DEEDS[rng.random_range(0..DEEDS.len())]
            };
            // 万元: a project tens to thousands; a deed now and then a small sum (a donation).
            let amount: Option<f64> = if project {
                Some(rng.random_range(5..500) as f64 * 10.0)
            } else if rng.random_bool(0.3) {
                Some(rng.random_range(1..20) as f64 * 0.5)
            } else {
                None
            };
            let date = start + chrono::Duration::days(rng.random_range(0..days));
            tx.execute(
                "INSERT INTO member_deeds (id, member_id, kind, what, for_whom, amount, deed_date, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, ?8)",
                params![new_id(), m, if project { "project" } else { "deed" }, what, whom, amount, fmt_date(date), t],
            )?;
            deeds += 1;
        }
        if rng.random_bool(0.03) {
            // A study reflection handed in on paper: ticked by hand.
            tx.execute(
                "INSERT INTO five_ones_ticks (year, seq, member_id, done_date, note, created_at) VALUES (?1, 3, ?2, ?3, '纸质心得', ?4)",
                params![year, m, fmt_date(now), t],
            )?;
        }
        if rng.random_bool(0.05) {
            let (kind, points, reason) = if rng.random_bool(0.5) {
                ("reward", 5.0, "获评区级优秀政协委员")
            } else {
                ("training", 2.0, "参加市政协委员履职能力培训班")
            };
            let date = start + chrono::Duration::days(rng.random_range(0..days));
            tx.execute(
                "INSERT INTO score_adjustments (id, member_id, year, kind, points, reason, entry_date, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![new_id(), m, year, kind, points, reason, fmt_date(date), t],
            )?;
        }
    }
    Ok(deeds)
}
