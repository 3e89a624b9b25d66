//! Printable documents of an activity: the visit checklist of a round (走访安排表 + one 走访记录表 per
//! visit), the sign-in sheet (签到表), the attendance list (出勤情况表) and the plan of an inspection or
//! research trip (视察/调研方案), and the summary of a round's or a year's visits (走访情况汇总, `summary`). Each is gathered once from the database into a plain structure, then
//! written as .xlsx (by the shared sheet writer, `export::sheet`) or typeset as PDF (`export::pdf`: crate liaison-pdf, feature `pdf`).

mod summary;
mod xlsx;

pub use summary::{SummaryFollowUp, SummaryVisit, VisitSummary};

use super::notice::{long_date, when};
use super::types::*;
use super::ActState;
use crate::dates::{doc_date, parse_date, today};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::{file_stem, pad_name, pdf, to_folder, DocumentFormat, ExportSummary};
use crate::hanzi;
use crate::masks::mask_phones;
use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A visit as the checklist prints it.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistVisit {
    pub seq: usize,
    /// 2026年12月1日, or empty while not fixed.
    pub date_label: String,
    pub time: String,
    /// The member's name, or the office or unit.
    pub target: String,
    /// 走访委员工作单位 for a workplace visit, the kind of target otherwise (党派机关 …); empty for members.
    pub target_note: String,
    pub address: String,
    pub phone: String,
    /// The purposes in words, then the note.
    pub purpose: String,
    pub visitors: String,
    pub responsible: String,
    /// The member visited, for the record sheet.
    pub member: Option<ChecklistMember>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistMember {
    pub gender: String,
    /// 1972年5月
    pub birth: String,
    pub sector: String,
    pub party: String,
    /// 工作单位 and 职务
    pub work: String,
    pub group: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistDay {
    /// 2026年12月1日（星期二）, or 日期未定.
    pub label: String,
    pub visits: Vec<ChecklistVisit>,
}

/// The visit checklist of a round: its visits by day, and the same visits for the record sheets.
#[derive(Debug, Clone, Serialize)]
pub struct VisitChecklist {
    pub title: String,
    pub round: String,
    pub note: String,
    pub printed: String,
    pub days: Vec<ChecklistDay>,
    pub visits: Vec<ChecklistVisit>,
}

/// One person on a sign-in sheet or attendance list.
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    pub seq: usize,
    /// Two-character names padded (王　伟), as in the roster.
    pub name: String,
    /// The member's sector, or 领导 / 工作人员.
    pub sector: String,
    pub work: String,
    pub group: String,
    /// 出席 / 迟到 / 请假 / 缺席, or empty while not recorded.
    pub outcome: String,
    /// HH:MM
    pub signed_in: String,
    pub note: String,
}

/// The sign-in sheet or the attendance list of an activity.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleList {
    pub title: String,
    pub when: String,
    pub place: String,
    pub printed: String,
    /// Members expected (sign-in sheet).
    pub expected: usize,
    /// 应到 … 实到 … (attendance list).
    pub summary: String,
    pub rows: Vec<ListRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanStop {
    pub seq: i32,
    pub when: String,
    pub place: String,
    pub host_unit: String,
    pub host_contact: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NameGroup {
    pub label: String,
    pub names: Vec<String>,
}

/// The plan (方案) of an inspection or research trip.
#[derive(Debug, Clone, Serialize)]
pub struct InspectionPlan {
    pub title: String,
    pub organiser: String,
    pub printed: String,
    pub theme: String,
    pub when: String,
    pub place: String,
    pub responsible: String,
    pub contact: String,
    pub methods: String,
    pub stops: Vec<PlanStop>,
    pub participant_count: usize,
    /// 领导, 委员, 工作人员: names in list order (members by strokes).
    pub participants: Vec<NameGroup>,
    /// 分组 (第一组 …), when the participants are split into teams.
    pub teams: Vec<NameGroup>,
    pub vehicles: String,
    pub meals: String,
    pub report: String,
    pub suggestions: String,
    /// Every participant, for the .xlsx list.
    pub people: Vec<ListRow>,
}

fn phone_for(p: &str, with_phone: bool) -> String {
    if with_phone {
        p.to_string()
    } else {
        mask_phones(p)
    }
}

fn join_work(unit: &str, title: &str) -> String {
    match (unit.is_empty(), title.is_empty()) {
        (false, false) => format!("{unit} {title}"),
        (false, true) => unit.to_string(),
        _ => title.to_string(),
    }
}

fn member_work(conn: &Connection, ids: &[&str]) -> Result<HashMap<String, (String, String)>> {
    let mut st = conn.prepare_cached("SELECT work_unit, job_title FROM members WHERE id = ?1")?;
    let mut out = HashMap::new();
    for id in ids {
        if let Some(w) = st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()? {
            out.insert(id.to_string(), w);
        }
    }
    Ok(out)
}

fn birth_label(b: &str) -> String {
    let mut parts = b.split('-');
    match (parts.next().and_then(|y| y.parse::<i32>().ok()), parts.next().and_then(|m| m.parse::<u32>().ok())) {
        (Some(y), Some(m)) => format!("{y}年{m}月"),
        _ => b.to_string(),
    }
}

impl Db {
    /// The visit checklist of a round: live visits that are not cancelled, by planned date.
    pub fn visit_checklist(&self, round_id: &str, with_phone: bool) -> Result<VisitChecklist> {
        let round = self.visit_round(round_id)?;
        let mut visits = Vec::new();
        let mut days: Vec<ChecklistDay> = Vec::new();
        for v in round.visits.iter().filter(|v| v.status != ActivityStatus::Cancelled) {
            let member = match &v.member_id {
                Some(mid) => Some(self.member(mid)?),
                None => None,
            };
            let mut purpose: Vec<String> = v.purposes.iter().map(|p| p.label().to_string()).collect();
            if !v.purpose_note.is_empty() {
                purpose.push(v.purpose_note.clone());
            }
            let phone = match (&member, v.phone.is_empty()) {
                (Some(m), true) if !m.mobile.is_empty() => m.mobile.clone(),
                (Some(m), true) => m.phone.clone(),
                _ => v.phone.clone(),
            };
            let address = match (&member, v.address.is_empty(), v.target_kind) {
                (Some(m), true, VisitTarget::Member) => m.address.clone(),
                _ => v.address.clone(),
            };
            let (target, target_note) = match v.target_kind {
                VisitTarget::Member => (v.target.clone(), String::new()),
                VisitTarget::Workplace => (
                    member.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
                    format!("工作单位：{}", v.target_name),
                ),
                k => (v.target_name.clone(), k.label().to_string()),
            };
            let date = v.date.as_deref().and_then(|d| parse_date(d).ok().flatten());
            let item = ChecklistVisit {
                seq: visits.len() + 1,
                date_label: date.map(doc_date).unwrap_or_default(),
                time: v.time.clone(),
                target,
                target_note,
                address,
                phone: phone_for(&phone, with_phone),
                purpose: purpose.join("；"),
                visitors: v.visitors.clone(),
                responsible: v.responsible.clone(),
                member: member.map(|m| ChecklistMember {
                    gender: m.gender,
                    birth: birth_label(&m.birth_date),
                    sector: m.sector,
                    party: m.party,
                    work: join_work(&m.work_unit, &m.job_title),
                    group: m.group,
                }),
            };
            let label = date.map(|d| long_date(d, true)).unwrap_or_else(|| "日期未定".to_string());
            match days.last_mut() {
                Some(day) if day.label == label => day.visits.push(item.clone()),
                _ => days.push(ChecklistDay { label, visits: vec![item.clone()] }),
            }
            visits.push(item);
        }
        if visits.is_empty() {
            return Err(Error::Conflict(format!(
                "走访批次“{}”中没有待走访的对象，无法打印走访安排表",
                round.round.title
            )));
        }
        let title = &round.round.title;
        Ok(VisitChecklist {
            title: if title.ends_with("安排表") { title.clone() } else { format!("{title}安排表") },
            round: title.clone(),
            note: match round.round.notes.trim() {
                "" => format!("共 {} 处走访", visits.len()),
                n => n.to_string(),
            },
            printed: doc_date(today()),
            days,
            visits,
        })
    }

    fn list_heading(&self, st: &ActState) -> Result<(String, String)> {
        let place: String =
            self.conn.query_row("SELECT place FROM activities WHERE id = ?1", [&st.id], |r| r.get(0))?;
        Ok((when(st).unwrap_or_default(), place))
    }

    /// The sign-in sheet of an activity: leaders, members (stroke order), staff; those who declined left out.
    pub fn sign_in_sheet(&self, activity_id: &str) -> Result<PeopleList> {
        let st = ActState::load(&self.conn, activity_id)?.live()?;
        let people: Vec<Participant> =
            self.participants(activity_id, "")?.into_iter().filter(|p| p.signup != Some(false)).collect();
        if people.is_empty() {
            return Err(Error::Conflict(format!("活动“{}”还没有参加人员，请先邀请委员再打印签到表", st.title)));
        }
        let ids: Vec<&str> = people.iter().filter_map(|p| p.member_id.as_deref()).collect();
        let work = member_work(&self.conn, &ids)?;
        let (when, place) = self.list_heading(&st)?;
        let rows = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (unit, title) = p.member_id.as_ref().and_then(|m| work.get(m)).cloned().unwrap_or_default();
                let mut note = Vec::new();
                if p.leave == Some(LeaveStatus::Approved) {
                    note.push("请假".to_string());
                }
                ListRow {
                    seq: i + 1,
                    name: pad_name(&p.name),
                    sector: person_sector(p),
                    work: join_work(&unit, &title),
                    group: p.group.clone(),
                    outcome: String::new(),
                    signed_in: String::new(),
                    note: note.join("，"),
                }
            })
            .collect();
        Ok(PeopleList {
            title: format!("{}签到表", st.title),
            when,
            place,
            printed: doc_date(today()),
            expected: people.iter().filter(|p| p.person_kind == PersonKind::Member).count(),
            summary: String::new(),
            rows,
        })
    }

    /// The attendance list of an activity: its members (invited and walk-ins) with their outcomes.
    pub fn attendance_list(&self, activity_id: &str) -> Result<PeopleList> {
        let st = ActState::load(&self.conn, activity_id)?.live()?;
        let people: Vec<Participant> = self
            .participants(activity_id, "")?
            .into_iter()
            .filter(|p| p.person_kind == PersonKind::Member && p.signup != Some(false))
            .collect();
        if people.is_empty() {
            return Err(Error::Conflict(format!("活动“{}”还没有参加的委员，无法打印出勤情况表", st.title)));
        }
        let leaves: HashMap<String, String> = self
            .leave_requests(activity_id)?
            .into_iter()
            .filter(|l| l.status == LeaveStatus::Approved)
            .map(|l| (l.participant_id, l.reason))
            .collect();
        let a = self.attendance_summary(activity_id)?;
        // The counts are of those on the notice; walk-ins are counted apart.
        let invited: Vec<&Participant> = people.iter().filter(|p| p.invited).collect();
        let n = |o: Attendance| invited.iter().filter(|p| p.attendance == Some(o)).count();
        let expected = invited.len();
        let (present, late) = (n(Attendance::Present), n(Attendance::Late));
        let came = present + late;
        let rate = if expected > 0 {
            format!("，出勤率 {:.1}%", came as f64 * 100.0 / expected as f64)
        } else {
            String::new()
        };
        let mut summary = format!(
            "应到 {expected} 人，实到 {came} 人（出席 {present}，迟到 {late}），请假 {} 人，缺席 {} 人{rate}",
            n(Attendance::Leave),
            n(Attendance::Absent)
        );
        let walk_ins = people.len() - expected;
        if walk_ins > 0 {
            summary.push_str(&format!("；另有现场增加 {walk_ins} 人"));
        }
        let unrecorded = invited.iter().filter(|p| p.attendance.is_none()).count();
        if unrecorded > 0 {
            summary.push_str(&format!("；尚有 {unrecorded} 人未记录出勤"));
        }
        if !a.finalised {
            summary.push_str("（出勤尚未确认）");
        }
        let (when, place) = self.list_heading(&st)?;
        let rows = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut note = Vec::new();
                if !p.invited {
                    note.push("现场增加".to_string());
                }
                if !p.proxy.is_empty() {
                    note.push(format!("代签：{}", p.proxy));
                }
                if p.attendance == Some(Attendance::Leave) {
                    if let Some(r) = leaves.get(&p.id).filter(|r| !r.is_empty()) {
                        note.push(format!("事由：{r}"));
                    }
                }
                ListRow {
                    seq: i + 1,
                    name: pad_name(&p.name),
                    sector: p.sector.clone(),
                    work: String::new(),
                    group: p.group.clone(),
                    outcome: p.attendance.map(|a| a.label().to_string()).unwrap_or_else(|| "未记录".into()),
                    signed_in: p
                        .signed_in_at
                        .as_deref()
                        .and_then(|t| t.split_whitespace().nth(1))
                        .unwrap_or_default()
                        .to_string(),
                    note: note.join("，"),
                }
            })
            .collect();
        Ok(PeopleList {
            title: format!("{}出勤情况表", st.title),
            when,
            place,
            printed: doc_date(today()),
            expected,
            summary,
            rows,
        })
    }

    /// The plan of an inspection, research trip (or any activity): theme, schedule, participants, logistics.
    pub fn inspection_plan(&self, activity_id: &str) -> Result<InspectionPlan> {
        let st = ActState::load(&self.conn, activity_id)?.live()?;
        let d = self.activity(activity_id)?;
        let people = self.participants(activity_id, "")?;
        let ids: Vec<&str> = people.iter().filter_map(|p| p.member_id.as_deref()).collect();
        let work = member_work(&self.conn, &ids)?;
        let mut participants = Vec::new();
        for kind in [PersonKind::Leader, PersonKind::Upper, PersonKind::Member, PersonKind::Staff] {
            let names: Vec<String> = people
                .iter()
                .filter(|p| p.person_kind == kind && p.signup != Some(false))
                .map(|p| pad_name(&p.name))
                .collect();
            if !names.is_empty() {
                let label = if kind == PersonKind::Upper { "驻地上级政协委员" } else { kind.label() };
                participants.push(NameGroup { label: label.to_string(), names });
            }
        }
        let mut teams: Vec<NameGroup> = Vec::new();
        for p in people.iter().filter(|p| !p.team.is_empty() && p.signup != Some(false)) {
            match teams.iter_mut().find(|t| t.label == p.team) {
                Some(t) => t.names.push(pad_name(&p.name)),
                None => teams.push(NameGroup { label: p.team.clone(), names: vec![pad_name(&p.name)] }),
            }
        }
        teams.sort_by(|a, b| hanzi::natural_cmp(&a.label, &b.label));
        let stops = d
            .stops
            .iter()
            .map(|s| PlanStop {
                seq: s.seq,
                when: match (s.date.as_deref().and_then(|x| parse_date(x).ok().flatten()), s.time.is_empty()) {
                    (Some(day), _) => format!("{}月{}日 {}", day.month(), day.day(), s.time).trim().to_string(),
                    (None, _) => s.time.clone(),
                },
                place: s.place.clone(),
                host_unit: s.host_unit.clone(),
                host_contact: s.host_contact.clone(),
                note: s.note.clone(),
            })
            .collect();
        let people_rows: Vec<ListRow> = people
            .iter()
            .filter(|p| p.signup != Some(false))
            .enumerate()
            .map(|(i, p)| {
                let (unit, title) = p.member_id.as_ref().and_then(|m| work.get(m)).cloned().unwrap_or_default();
                ListRow {
                    seq: i + 1,
                    name: pad_name(&p.name),
                    sector: person_sector(p),
                    work: join_work(&unit, &title),
                    group: p.team.clone(),
                    outcome: String::new(),
                    signed_in: String::new(),
                    note: p.role.label().to_string(),
                }
            })
            .collect();
        let a = &d.activity;
        let title = if a.title.ends_with("方案") { a.title.clone() } else { format!("{}方案", a.title) };
        Ok(InspectionPlan {
            title,
            organiser: format!("主办：{}", a.organiser_name),
            printed: doc_date(today()),
            theme: d.content.clone(),
            when: when(&st).unwrap_or_else(|| "待定".into()),
            place: a.place.clone(),
            responsible: a.responsible.clone(),
            contact: d.contact.clone(),
            methods: d.methods.iter().map(|m| m.label()).collect::<Vec<_>>().join("、"),
            stops,
            participant_count: people_rows.len(),
            participants,
            teams,
            vehicles: d.vehicles.clone(),
            meals: d.meals.clone(),
            report: d.summary.clone(),
            suggestions: d.suggestions.clone(),
            people: people_rows,
        })
    }

    /// Write a document to `out` (its format from the request, not the extension). Returns how many
    /// rows (visits or people) it lists.
    pub fn export_document(&self, req: &DocumentExport, out: &Path) -> Result<ExportSummary> {
        let xlsx = req.format == DocumentFormat::Xlsx;
        match req.kind {
            DocumentKind::VisitChecklist => {
                let c = self.visit_checklist(&req.id, req.with_phone)?;
                let summary = if xlsx {
                    xlsx::visit_checklist(&c, out)?
                } else {
                    pdf::write("visit-checklist", &c, c.visits.len(), out)?
                };
                // With whole phone numbers (the visitors call ahead): logged.
                let title = format!("{}{}", c.title, req.kind.label());
                crate::db::audit_personal_export(&self.conn, &title, out, false, req.with_phone, summary.rows)?;
                Ok(summary)
            }
            DocumentKind::SignIn => {
                let l = self.sign_in_sheet(&req.id)?;
                if xlsx {
                    return xlsx::sign_in(&l, out);
                }
                pdf::write("sign-in", &l, l.rows.len(), out)
            }
            DocumentKind::Attendance => {
                let l = self.attendance_list(&req.id)?;
                if xlsx {
                    return xlsx::attendance(&l, out);
                }
                pdf::write("attendance", &l, l.rows.len(), out)
            }
            DocumentKind::InspectionPlan => {
                let p = self.inspection_plan(&req.id)?;
                if xlsx {
                    return xlsx::inspection_plan(&p, out);
                }
                pdf::write("inspection-plan", &p, p.people.len(), out)
            }
            DocumentKind::VisitSummary => {
                let s = self.visit_summary(&req.id)?;
                if xlsx {
                    return xlsx::visit_summary(&s, out);
                }
                pdf::write("visit-summary", &s, s.visits.len(), out)
            }
        }
    }

    /// What a document is of, for its file name: the round's name (2026年冬季委员走访), the year's
    /// (2026年委员走访), or the activity's title.
    fn document_subject(&self, req: &DocumentExport) -> Result<String> {
        let round = |id: &str| -> Result<String> {
            self.conn
                .query_row("SELECT title FROM visit_rounds WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound("该走访计划不存在".into()))
        };
        match req.kind {
            DocumentKind::VisitSummary => match summary::summary_year(&req.id) {
                Some(y) => Ok(format!("{y}年委员走访")),
                None => round(&req.id),
            },
            DocumentKind::VisitChecklist => round(&req.id),
            _ => Ok(ActState::load(&self.conn, &req.id)?.title),
        }
    }

    /// Write a document into the export folder under a new name that carries what it is of:
    /// 2026年冬季委员走访-走访安排表-2026-12-01-093000.pdf (the name made safe by `export::file_stem`);
    /// what the app's buttons do.
    pub fn export_document_to_folder(&self, req: &DocumentExport) -> Result<ExportSummary> {
        // The subject shortened so that the document's name always survives.
        let subject: String = file_stem(&self.document_subject(req)?).chars().take(40).collect();
        let stem = format!("{}-{}", subject.trim_end_matches(['.', ' ']), req.kind.label());
        to_folder(&stem, req.format.ext(), |p| self.export_document(req, p))
    }
}

fn person_sector(p: &Participant) -> String {
    match p.person_kind {
        PersonKind::Member => p.sector.clone(),
        k => k.label().to_string(),
    }
}
