//! The notice of an activity as plain text, ready to paste into a group's WeChat chat: no tables, no
//! markup, one item a line, numbered 一、二、三 as people write them.

use super::types::*;
use super::ActState;
use crate::dates::{parse_date, parse_time, today};
use crate::db::Db;
use crate::error::Result;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// More names than this are counted, not listed.
const MAX_NAMES: usize = 40;

/// 2026年5月12日（星期二）; the year left out when `with_year` is false.
pub(crate) fn long_date(d: NaiveDate, with_year: bool) -> String {
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    if with_year {
        format!("{}年{}月{}日（{wd}）", d.year(), d.month(), d.day())
    } else {
        format!("{}月{}日（{wd}）", d.month(), d.day())
    }
}

fn period(t: NaiveTime) -> &'static str {
    match t.hour() {
        0..=11 => "上午",
        12 => "中午",
        13..=17 => "下午",
        _ => "晚上",
    }
}

/// 上午9:00, 下午2:30, 晚上7:00 (12-hour, as notices write it).
fn clock(t: NaiveTime) -> String {
    let h = match t.hour() {
        h if h > 12 => h - 12,
        h => h,
    };
    format!("{}{h}:{:02}", period(t), t.minute())
}

/// The time line: 2026年5月12日（星期二）上午9:00—11:30, or over several days.
pub(crate) fn when(st: &ActState) -> Option<String> {
    let d = st.date?;
    let mut s = long_date(d, true);
    if let Some(t) = st.time {
        s.push_str(&clock(t));
    }
    match (st.end_date, st.end_time) {
        (Some(ed), et) if ed != d => {
            s.push('至');
            s.push_str(&long_date(ed, ed.year() != d.year()));
            if let Some(et) = et {
                s.push_str(&clock(et));
            }
        }
        (_, Some(et)) => {
            s.push('—');
            let same = st.time.map(|t| period(t) == period(et)).unwrap_or(false);
            if same {
                s.push_str(clock(et).trim_start_matches(period(et)));
            } else {
                s.push_str(&clock(et));
            }
        }
        _ => {}
    }
    Some(s)
}

/// 2026年5月10日（星期日）17:00前
fn deadline(dl: &str) -> String {
    let mut parts = dl.split_whitespace();
    let d = parse_date(parts.next().unwrap_or("")).ok().flatten();
    let t = parse_time(parts.next().unwrap_or("")).ok().flatten();
    match d {
        None => dl.to_string(),
        Some(d) => format!("{}{}前", long_date(d, true), t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()),
    }
}

impl Db {
    /// The notice of an activity as plain text for a WeChat group: title, time, place, content, who takes
    /// part (must attend, or how to sign up and by when), contact; signed by the office (or the organising
    /// group or committee) and dated today.
    pub fn activity_notice(&self, id: &str) -> Result<String> {
        let st = ActState::load(&self.conn, id)?.live()?;
        let d = self.activity(id)?;
        let a = &d.activity;
        let heading = match a.kind {
            ActivityKind::Inspection => "视察通知",
            ActivityKind::Research => "调研通知",
            ActivityKind::Group => "活动通知",
            ActivityKind::Visit => "走访安排",
            _ => "会议通知",
        };
        let salutation = match a.kind {
            ActivityKind::Standing => "各位常委：".to_string(),
            ActivityKind::Chair => "各位主席、副主席、秘书长：".to_string(),
            _ if a.organiser == Organiser::Group => format!("{}各位委员：", a.organiser_name),
            _ => "各位委员：".to_string(),
        };
        let people = self.participants(id, "")?;
        let members: Vec<&str> = people
            .iter()
            .filter(|p| p.person_kind == PersonKind::Member && p.invited)
            .map(|p| p.name.as_str())
            .collect();
        let leaders: Vec<&str> =
            people.iter().filter(|p| p.person_kind == PersonKind::Leader).map(|p| p.name.as_str()).collect();
        let list = |names: &[&str]| {
            if names.len() > MAX_NAMES {
                format!("共 {} 名委员（名单另发）", names.len())
            } else {
                format!("{}（共 {} 人）", names.join("、"), names.len())
            }
        };

        let mut items: Vec<(String, String)> = Vec::new();
        if let Some(w) = when(&st) {
            items.push(("时间".into(), w));
        }
        if !a.place.is_empty() {
            items.push(("地点".into(), a.place.clone()));
        }
        if !d.content.is_empty() {
            items.push(("内容".into(), d.content.clone()));
        }
        if !d.material.is_empty() {
            items.push(("学习材料".into(), d.material.clone()));
        }
        if !leaders.is_empty() {
            items.push(("出席领导".into(), leaders.join("、")));
        }
        let uppers: Vec<&str> =
            people.iter().filter(|p| p.person_kind == PersonKind::Upper).map(|p| p.name.as_str()).collect();
        if !uppers.is_empty() {
            items.push(("特邀驻地上级政协委员".into(), uppers.join("、")));
        }
        match d.signup_mode {
            SignupMode::Required => {
                if !members.is_empty() {
                    items.push(("参加人员".into(), list(&members)));
                }
                items.push(("有关要求".into(), "请准时参加。因故不能参加的，请提前向联系人请假，说明事由。".into()));
            }
            SignupMode::Signup => {
                if !members.is_empty() {
                    items.push(("邀请对象".into(), list(&members)));
                }
                let by = d
                    .signup_deadline
                    .as_deref()
                    .map(|dl| format!("请于{}", deadline(dl)))
                    .unwrap_or_else(|| "请".into());
                items.push(("报名方式".into(), format!("本次活动自愿报名参加，{by}在群内回复“报名+姓名”。")));
            }
        }
        if !d.contact.is_empty() {
            items.push(("联系人".into(), d.contact.clone()));
        }

        let mut out = format!("【{heading}】{}\n\n{salutation}\n", a.title);
        out.push_str("现将有关事项通知如下：\n");
        for (i, (k, v)) in items.iter().enumerate() {
            let n = NUMERALS.get(i).copied().map(String::from).unwrap_or_else(|| (i + 1).to_string());
            out.push_str(&format!("{n}、{k}：{v}\n"));
        }
        let office = self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into());
        let signer = match a.organiser {
            Organiser::Office => office,
            _ => a.organiser_name.clone(),
        };
        let t = today();
        out.push_str(&format!("\n{signer}\n{}年{}月{}日\n", t.year(), t.month(), t.day()));
        Ok(out)
    }
}
