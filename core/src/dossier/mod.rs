//! The performance file (履职档案, 一委员一档案): one per member per term, derived from what is recorded —
//! base data, participation by year (activities by kind, plenary sittings, absences with and without
//! leave), 社情民意 reports, proposals and speeches with their states — then, where the performance
//! domain has them, deeds and rewards, the points (履职积分) and the 五个一 (`fill_performance`, the one
//! place they are wired in). Printed as PDF through the Typst template `dossier`; for all the term's
//! members as one zip of PDFs named 序号-姓名.pdf (roster order, by surname strokes), typeset on every
//! core, with progress and cancel, written whole or not at all.

pub mod types;

pub use types::*;

use crate::activities::{ActivityKind, Attendance, ParticipantRole};
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::{to_folder, write_whole, ExportSummary};
use crate::masks::mask_phone;
use crate::members::Term;
use crate::opinions::{OpinionLevel, OpinionState, SubmitterRole};
use crate::proposals::types::{ProposalState, ProposerRole, SpeechState};
use chrono::Datelike;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The Typst template (pdf/templates/dossier.typ).
const TEMPLATE: &str = "dossier";

/// The years of a term the file covers: its start to its end, or to this year while it runs.
fn term_years(t: &Term) -> (i32, i32) {
    let now = today().year();
    let last = t.end_year.min(now).max(t.start_year);
    (t.start_year, last)
}

fn label_or<T: Copy>(code: Option<String>, parse: fn(&str) -> Option<T>, label: fn(T) -> &'static str) -> String {
    code.as_deref().and_then(parse).map(label).unwrap_or_default().to_string()
}

/// `2026-05-12` → `2026-05-12`; empty stays empty.
fn day(s: Option<String>) -> String {
    s.map(|s| s.chars().take(10).collect()).unwrap_or_default()
}

fn year_of(s: &str) -> Option<i32> {
    s.get(..4)?.parse().ok()
}

impl Db {
    fn dossier_term(&self, term_id: Option<&str>) -> Result<Term> {
        let terms = self.terms()?;
        match term_id {
            Some(id) => terms.into_iter().find(|t| t.id == id).ok_or_else(|| Error::NotFound("该届次不存在".into())),
            None => self.current_term()?.ok_or_else(|| Error::Conflict("请先在“设置”中设定当前届次".into())),
        }
    }

    /// One member's performance file for a term (None: the current term).
    pub fn dossier(&self, member_id: &str, term_id: Option<&str>) -> Result<Dossier> {
        self.dossier_with(member_id, term_id, &mut PerformanceCache::default())
    }

    fn dossier_with(&self, member_id: &str, term_id: Option<&str>, cache: &mut PerformanceCache) -> Result<Dossier> {
        let term = self.dossier_term(term_id)?;
        let office = self.setting("office_name")?.unwrap_or_else(|| "政协联络办公室".into());
        let mut d = dossier_of(&self.conn, member_id, &term, &office)?;
        self.fill_performance(&mut d, cache)?;
        Ok(d)
    }

    /// The performance domain's part of a file: deeds (引进项目或资金, 办实事) and the manual entries with
    /// their reasons (rewards, training), the year's points with rank and grade (years with scoring rules
    /// only), 五个一 (years whose items the office worded). A section with nothing in it stays None and is
    /// not printed. Each year's ledger is read once per batch (`cache`).
    fn fill_performance(&self, d: &mut Dossier, cache: &mut PerformanceCache) -> Result<()> {
        use crate::performance::types::DeedQuery;
        let id = d.member.id.clone();
        let years: Vec<i32> = d.years.iter().map(|y| y.year).collect();
        let mut points = Vec::new();
        let mut five = Vec::new();
        let mut deeds = Vec::new();
        for &y in &years {
            if !cache.ledgers.contains_key(&y) {
                cache.ledgers.insert(y, self.score_ledger(y)?);
            }
            let ledger = &cache.ledgers[&y];
            if ledger.has_rules {
                if let Some(s) = self.member_score_with(ledger, &id)? {
                    // The explained lines summed per rule, in the ledger's order.
                    let mut items: Vec<(String, f64)> = Vec::new();
                    for it in s.items.iter().filter(|i| i.points != 0.0) {
                        match items.iter_mut().find(|(l, _)| *l == it.label) {
                            Some(x) => x.1 += it.points,
                            None => items.push((it.label.clone(), it.points)),
                        }
                    }
                    for a in &s.adjustments {
                        deeds.push(DossierDeed {
                            date: a.entry_date.clone().unwrap_or_else(|| format!("{y}年")),
                            kind: a.kind.label().to_string(),
                            title: a.reason.clone(),
                            detail: format!("{:+} 分", a.points),
                        });
                    }
                    points.push(DossierPoints {
                        year: y,
                        points: s.row.points,
                        rank: s.row.rank,
                        of: ledger.rows.len() as u32,
                        grade: s.row.grade.map(|g| g.label().to_string()).unwrap_or_default(),
                        items,
                    });
                }
            }
            match self.five_ones_progress(&id, y) {
                Ok(p) if !p.items.is_empty() => {
                    for item in &p.items {
                        let mark = p.marks.iter().find(|m| m.seq == item.seq);
                        let (count, done, ticked) =
                            mark.map(|m| (m.count, m.done, m.ticked)).unwrap_or((0, false, false));
                        five.push(DossierFiveOne {
                            year: y,
                            item: item.title.clone(),
                            done: if ticked && count <= 1 {
                                "已确认".into()
                            } else {
                                format!("{count} / {}", item.target)
                            },
                            met: done,
                        });
                    }
                }
                Ok(_) | Err(Error::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for dd in self.deeds(&DeedQuery { member_id: Some(id.clone()), ..Default::default() })? {
            let year: i32 = dd.deed_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
            if !years.contains(&year) {
                continue;
            }
            let amount = dd.amount.map(|a| format!("，{a} 万元")).unwrap_or_default();
            deeds.push(DossierDeed {
                date: dd.deed_date.clone(),
                kind: dd.kind.label().to_string(),
                title: dd.what.clone(),
                detail: format!(
                    "{}{amount}",
                    if dd.for_whom.is_empty() { String::new() } else { format!("为{}", dd.for_whom) }
                ),
            });
        }
        deeds.sort_by(|a, b| a.date.cmp(&b.date));
        d.points = (!points.is_empty()).then_some(points);
        d.five_ones = (!five.is_empty()).then_some(five);
        d.deeds = (!deeds.is_empty()).then_some(deeds);
        Ok(())
    }

    /// Typeset one member's file and write it to `out` (whole or not at all).
    pub fn export_dossier(&self, member_id: &str, term_id: Option<&str>, out: &Path) -> Result<ExportSummary> {
        let d = self.dossier(member_id, term_id)?;
        crate::export::pdf::write(TEMPLATE, &d, 1, out)
    }

    /// 打印履职档案: the file into the export folder, named after the member.
    pub fn export_dossier_to_folder(&self, member_id: &str) -> Result<ExportSummary> {
        let name = self.member(member_id)?.name;
        to_folder(&format!("{name}履职档案"), "pdf", |p| self.export_dossier(member_id, None, p))
    }

    /// The members of a term whose files a batch holds, in roster order (surname strokes): (id, name).
    pub fn dossier_members(&self, term_id: Option<&str>) -> Result<Vec<(String, String)>> {
        let term = self.dossier_term(term_id)?;
        let mut st = self.conn.prepare(
            "SELECT m.id, m.name FROM members m JOIN member_terms mt ON mt.member_id = m.id
             WHERE mt.term_id = ?1 AND m.deleted_at IS NULL ORDER BY m.stroke_key, m.id",
        )?;
        let rows = st.query_map([&term.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every member's file for a term as one zip of PDFs named 序号-姓名.pdf, typeset in parallel.
    /// `progress` hears after each file; `cancel` set stops it, and nothing is written then (nor on any
    /// error): the zip is whole or absent.
    pub fn export_dossiers(
        &self,
        term_id: Option<&str>,
        out: &Path,
        progress: &mut dyn FnMut(DossierProgress),
        cancel: &AtomicBool,
    ) -> Result<ExportSummary> {
        let batch = self.dossier_batch(term_id, cancel)?;
        write_dossier_zip(&batch, out, progress, cancel)
    }

    /// The data of every member's file for a term (roster order), each with its name in the zip — read on
    /// this connection; the typesetting (`write_dossier_zip`) needs no database, so the app releases it.
    pub fn dossier_batch(&self, term_id: Option<&str>, cancel: &AtomicBool) -> Result<Vec<(String, Dossier)>> {
        let members = self.dossier_members(term_id)?;
        if members.is_empty() {
            return Err(Error::Conflict("本届次还没有委员，没有可导出的履职档案".into()));
        }
        let width = members.len().to_string().len().max(3);
        let mut files = Vec::with_capacity(members.len());
        let mut cache = PerformanceCache::default();
        for (i, (id, name)) in members.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(cancelled());
            }
            let file = format!("{:0width$}-{}.pdf", i + 1, crate::export::file_stem(name));
            files.push((file, self.dossier_with(id, term_id, &mut cache)?));
        }
        Ok(files)
    }
}

/// Where the batch goes in the export folder: `{届次}全体委员履职档案-{date}-{time}.zip`.
pub fn batch_path(db: &Db) -> Result<std::path::PathBuf> {
    let term = db.dossier_term(None)?;
    let dir = crate::export::export_dir();
    crate::export::private_dir(&dir)?;
    Ok(crate::export::new_export_path(&dir, &format!("{}全体委员履职档案", term.name), "zip"))
}

/// Typeset the files on every core and write them into one zip at `out` (whole or not at all; stored,
/// not deflated: PDFs are compressed already). `progress` hears after each file; `cancel` stops it.
pub fn write_dossier_zip(
    files: &[(String, Dossier)],
    out: &Path,
    progress: &mut dyn FnMut(DossierProgress),
    cancel: &AtomicBool,
) -> Result<ExportSummary> {
    let total = files.len();
    progress(DossierProgress { done: 0, total: total as u32 });
    write_whole(out, |tmp| {
        let file = std::fs::File::create(tmp)?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, total.max(1));
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Vec<u8>>)>(threads * 2);
        std::thread::scope(|s| -> Result<()> {
            for _ in 0..threads {
                let tx = tx.clone();
                let next = &next;
                s.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() || cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let pdf = crate::export::pdf::render(TEMPLATE, &files[i].1);
                    let failed = pdf.is_err();
                    if tx.send((i, pdf)).is_err() || failed {
                        break;
                    }
                });
            }
            drop(tx);
            let mut done = 0;
            let mut result = Ok(());
            let stop = |next: &AtomicUsize| next.store(usize::MAX / 2, Ordering::Relaxed);
            for (i, pdf) in rx.iter() {
                if result.is_err() {
                    continue;
                }
                if cancel.load(Ordering::Relaxed) {
                    result = Err(cancelled());
                    stop(&next);
                    continue;
                }
                let written = pdf.and_then(|bytes| {
                    use std::io::Write;
                    zip.start_file(files[i].0.as_str(), opts).map_err(|e| Error::Export(e.to_string()))?;
                    zip.write_all(&bytes)?;
                    Ok(())
                });
                match written {
                    Ok(()) => {
                        done += 1;
                        progress(DossierProgress { done: done as u32, total: total as u32 });
                        if done % 16 == 0 {
                            crate::export::pdf::trim_cache();
                        }
                    }
                    Err(e) => {
                        result = Err(e);
                        stop(&next);
                    }
                }
            }
            if result.is_ok() && done != total {
                result = Err(cancelled());
            }
            result
        })?;
        zip.finish().map_err(|e| Error::Export(e.to_string()))?;
        Ok(())
    })?;
    Ok(ExportSummary { rows: total as u32, path: out.to_path_buf() })
}

/// What the performance domain reads once and uses for every file of a batch: each year's ledger, so
/// that 10,000 files do not recompute it 10,000 times.
#[derive(Default)]
struct PerformanceCache {
    ledgers: std::collections::HashMap<i32, crate::performance::types::ScoreLedger>,
}

fn cancelled() -> Error {
    Error::Conflict("已取消导出，未写入文件".into())
}

/// The file's data from the records (the performance domain's sections left None).
pub(crate) fn dossier_of(conn: &Connection, member_id: &str, term: &Term, office: &str) -> Result<Dossier> {
    let (y0, y1) = term_years(term);
    let (from, to) = (format!("{y0}-01-01"), format!("{y1}-12-31"));
    let today = crate::dates::fmt_date(today());
    let member = member_of(conn, member_id)?;
    let mut years: BTreeMap<i32, DossierYear> =
        (y0..=y1).map(|y| (y, DossierYear { year: y, ..Default::default() })).collect();
    let mut kinds: BTreeMap<i32, BTreeMap<usize, KindCount>> = BTreeMap::new();

    // Activities (the plenary is counted by its sittings below): those held by today.
    let mut activities = Vec::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT a.start_date, a.kind, a.title, p.role, p.attendance
             FROM participants p JOIN activities a ON a.id = p.activity_id
             WHERE p.member_id = ?1 AND a.deleted_at IS NULL AND a.status <> 'cancelled' AND a.kind <> 'plenary'
               AND a.start_date BETWEEN ?2 AND ?3 AND a.start_date <= ?4
             ORDER BY a.start_date, a.start_time, a.title, a.id",
        )?;
        let mut rows = st.query(rusqlite::params![member_id, from, to, today])?;
        while let Some(r) = rows.next()? {
            let date: String = r.get(0)?;
            let kind = ActivityKind::parse(&r.get::<_, String>(1)?).unwrap_or_default();
            let role = ParticipantRole::parse(&r.get::<_, String>(3)?).unwrap_or_default();
            let att = r.get::<_, Option<String>>(4)?.as_deref().and_then(Attendance::parse);
            let y = year_of(&date).unwrap_or(y0);
            let came = matches!(att, Some(Attendance::Present | Attendance::Late));
            if let Some(yr) = years.get_mut(&y) {
                yr.invited += 1;
                yr.attended += came as i32;
                yr.leave += (att == Some(Attendance::Leave)) as i32;
                yr.absent += (att == Some(Attendance::Absent)) as i32;
                let pos = ActivityKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                let k = kinds
                    .entry(y)
                    .or_default()
                    .entry(pos)
                    .or_insert_with(|| KindCount { kind: kind.label().into(), ..Default::default() });
                k.invited += 1;
                k.attended += came as i32;
            }
            activities.push(DossierActivity {
                date,
                kind: kind.label().into(),
                title: r.get(2)?,
                role: if role == ParticipantRole::Attendee { String::new() } else { role.label().into() },
                attendance: att.map(|a| a.label()).unwrap_or("未记录").into(),
            });
        }
    }
    for (y, ks) in kinds {
        if let Some(yr) = years.get_mut(&y) {
            yr.by_kind = ks.into_values().collect();
        }
    }

    // 全会: each sitting's outcome.
    {
        let mut st = conn.prepare_cached(
            "SELECT x.sitting_date, si.outcome FROM session_sign_ins si
             JOIN session_attendees sa ON sa.id = si.attendee_id
             JOIN session_sittings x ON x.id = si.sitting_id
             JOIN sessions s ON s.id = x.session_id
             WHERE sa.member_id = ?1 AND s.kind = 'plenary' AND s.deleted_at IS NULL AND sa.deleted_at IS NULL
               AND x.deleted_at IS NULL AND x.sitting_date BETWEEN ?2 AND ?3",
        )?;
        let mut rows = st.query(rusqlite::params![member_id, from, to])?;
        while let Some(r) = rows.next()? {
            let date: String = r.get(0)?;
            let outcome: String = r.get(1)?;
            if let Some(yr) = year_of(&date).and_then(|y| years.get_mut(&y)) {
                yr.plenary_sittings += 1;
                match outcome.as_str() {
                    "present" | "late" => yr.plenary_attended += 1,
                    "leave" => yr.plenary_leave += 1,
                    _ => yr.plenary_absent += 1,
                }
            }
        }
    }

    // 社情民意: reports sent (not drafts), first or co-submitter.
    let mut reports = Vec::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT COALESCE(o.report_date, o.submitted_at, substr(o.created_at, 1, 10)) AS d, o.title, os.role, o.state,
                    o.adopted_level
             FROM opinion_submitters os JOIN opinions o ON o.id = os.opinion_id
             WHERE os.member_id = ?1 AND o.deleted_at IS NULL AND o.state <> 'draft' AND d BETWEEN ?2 AND ?3
             ORDER BY d, o.title, o.id",
        )?;
        let mut rows = st.query(rusqlite::params![member_id, from, to])?;
        while let Some(r) = rows.next()? {
            let date: String = r.get(0)?;
            let level: Option<String> = r.get(4)?;
            if let Some(yr) = year_of(&date).and_then(|y| years.get_mut(&y)) {
                yr.reports += 1;
                yr.reports_adopted += level.is_some() as i32;
            }
            reports.push(DossierReport {
                date: day(Some(date)),
                title: r.get(1)?,
                role: label_or(r.get(2)?, SubmitterRole::parse, SubmitterRole::label),
                state: label_or(r.get(3)?, OpinionState::parse, OpinionState::label),
                level: label_or(level, OpinionLevel::parse, OpinionLevel::label),
            });
        }
    }

    // 提案: lead or co-proposer, submitted.
    let mut proposals = Vec::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT p.year, p.number, p.title, pp.role, p.state, p.is_key, p.is_excellent
             FROM proposal_proposers pp JOIN proposals p ON p.id = pp.proposal_id
             WHERE pp.member_id = ?1 AND p.deleted_at IS NULL AND p.state <> 'draft' AND p.year BETWEEN ?2 AND ?3
             ORDER BY p.year, p.number IS NULL, p.number, p.title, p.id",
        )?;
        let mut rows = st.query(rusqlite::params![member_id, y0, y1])?;
        while let Some(r) = rows.next()? {
            let year: i32 = r.get(0)?;
            let state = ProposalState::parse(&r.get::<_, String>(4)?).unwrap_or_default();
            if let Some(yr) = years.get_mut(&year) {
                yr.proposals += 1;
                yr.proposals_accepted += crate::proposals::is_accepted(state) as i32;
            }
            let mut flags = Vec::new();
            if r.get::<_, bool>(5)? {
                flags.push("重点提案");
            }
            if r.get::<_, bool>(6)? {
                flags.push("优秀提案");
            }
            proposals.push(DossierProposal {
                year,
                number: r.get::<_, Option<i64>>(1)?.map(|n| n.to_string()).unwrap_or_default(),
                title: r.get(2)?,
                role: label_or(r.get(3)?, ProposerRole::parse, ProposerRole::label),
                state: state.label().into(),
                flags: flags.join("、"),
            });
        }
    }

    // 大会发言.
    let mut speeches = Vec::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT sp.submitted_date, s.name, sp.title, sp.state FROM speeches sp JOIN sessions s ON s.id = sp.session_id
             WHERE sp.member_id = ?1 AND sp.deleted_at IS NULL AND sp.submitted_date BETWEEN ?2 AND ?3
             ORDER BY sp.submitted_date, sp.title, sp.id",
        )?;
        let mut rows = st.query(rusqlite::params![member_id, from, to])?;
        while let Some(r) = rows.next()? {
            let date: String = r.get(0)?;
            if let Some(yr) = year_of(&date).and_then(|y| years.get_mut(&y)) {
                yr.speeches += 1;
            }
            speeches.push(DossierSpeech {
                date,
                session: r.get(1)?,
                title: r.get(2)?,
                state: label_or(r.get(3)?, SpeechState::parse, SpeechState::label),
            });
        }
    }

    // 心得体会 by their activity's date; visits to the member done.
    for (sql, set) in [
        (
            "SELECT a.start_date FROM reflections f JOIN activities a ON a.id = f.activity_id
             WHERE f.member_id = ?1 AND f.deleted_at IS NULL AND a.deleted_at IS NULL AND a.start_date BETWEEN ?2 AND ?3",
            (|y: &mut DossierYear| y.reflections += 1) as fn(&mut DossierYear),
        ),
        (
            "SELECT COALESCE(v.done_date, a.start_date) AS d FROM visits v JOIN activities a ON a.id = v.activity_id
             WHERE v.member_id = ?1 AND a.deleted_at IS NULL AND a.status = 'done' AND d BETWEEN ?2 AND ?3",
            (|y: &mut DossierYear| y.visited += 1) as fn(&mut DossierYear),
        ),
    ] {
        let mut st = conn.prepare_cached(sql)?;
        let mut rows = st.query(rusqlite::params![member_id, from, to])?;
        while let Some(r) = rows.next()? {
            let date: Option<String> = r.get(0)?;
            if let Some(yr) = date.as_deref().and_then(year_of).and_then(|y| years.get_mut(&y)) {
                set(yr);
            }
        }
    }

    Ok(Dossier {
        office: office.to_string(),
        term: format!("{}（{}—{}年）", term.name, term.start_year, term.end_year),
        printed: doc_date(crate::dates::today()),
        member,
        years: years.into_values().collect(),
        activities,
        reports,
        proposals,
        speeches,
        deeds: None,
        points: None,
        five_ones: None,
    })
}

fn member_of(conn: &Connection, id: &str) -> Result<DossierMember> {
    use rusqlite::OptionalExtension;
    let m = conn
        .prepare_cached(
            "SELECT m.id, m.name, m.gender, m.ethnicity, COALESCE(m.birth_date, ''), m.native_place,
                    COALESCE(p.name, ''), COALESCE(s.name, ''), COALESCE(c.name, ''), m.work_unit, m.job_title,
                    m.professional_title, m.education, m.mobile, m.status,
                    (SELECT group_concat(r.name, '、') FROM (SELECT r.name FROM member_roles mr
                       JOIN ref_items r ON r.id = mr.role_id WHERE mr.member_id = m.id ORDER BY r.sort, r.name) r),
                    (SELECT group_concat(t.name, '、') FROM (SELECT t.name FROM member_terms mt
                       JOIN terms t ON t.id = mt.term_id WHERE mt.member_id = m.id ORDER BY t.start_year) t),
                    (SELECT g.name FROM group_members gm JOIN liaison_groups g ON g.id = gm.group_id
                      WHERE gm.member_id = m.id AND g.deleted_at IS NULL
                      ORDER BY g.term_id = (SELECT id FROM terms WHERE is_current = 1) DESC LIMIT 1)
             FROM members m
             LEFT JOIN ref_items p ON p.id = m.party_id
             LEFT JOIN ref_items s ON s.id = m.sector_id
             LEFT JOIN ref_items c ON c.id = m.committee_id
             WHERE m.id = ?1 AND m.deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            let birth: String = r.get(4)?;
            let unit: String = r.get(9)?;
            let job: String = r.get(10)?;
            let status: String = r.get(14)?;
            Ok(DossierMember {
                id: r.get(0)?,
                name: r.get(1)?,
                gender: r.get(2)?,
                ethnicity: r.get(3)?,
                birth: match (birth.get(..4), birth.get(5..7)) {
                    (Some(y), Some(m)) => format!("{y}年{}月", m.trim_start_matches('0')),
                    _ => String::new(),
                },
                native_place: r.get(5)?,
                party: r.get(6)?,
                sector: r.get(7)?,
                committee: r.get(8)?,
                unit: [unit, job].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(""),
                professional_title: r.get(11)?,
                education: r.get(12)?,
                mobile: mask_phone(&r.get::<_, String>(13)?),
                status: if status == "left" { "离任".into() } else { "在任".into() },
                roles: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
                terms: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
                group: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
            })
        })
        .optional()?;
    m.ok_or_else(|| Error::NotFound("该委员不存在或已删除".into()))
}
